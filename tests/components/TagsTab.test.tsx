import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagsTab } from '../../components/TagsTab';
import { fakeHooks, Harness, smallLibrary } from './panel-harness';

afterEach(cleanup);

describe('TagsTab (alone)', () => {
  it('renames a tag through the actions and shows a tag in the library list', async () => {
    const lib = await smallLibrary();
    const toLibrary = vi.fn();
    let view = '';
    render(
      <Harness
        store={lib.store}
        actions={lib.actions}
        hooks={fakeHooks()}
        spy={({ list }) => {
          view = list.query.view;
        }}
        tab={(shared) => <TagsTab {...shared} actions={lib.actions} toLibrary={toLibrary} />}
      />,
    );
    expect(screen.getByText('2 papers')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('New name for tag ml'), { target: { value: 'learning' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(screen.getByText(/Renamed/)).toBeTruthy());
    expect(lib.actions.renameTag).toHaveBeenCalledWith('ml', 'learning');
    await waitFor(() => expect(lib.store.state.tags.map((t) => t.name)).toEqual(['learning']));
    fireEvent.click(screen.getByRole('button', { name: 'learning' }));
    expect(toLibrary).toHaveBeenCalled();
    expect(view).toBe('tag:learning');
    lib.close();
  });
});
