import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryTab, usePaperDetail } from '../../components/LibraryTab';
import { fakeHooks, Harness, NOW, smallLibrary } from './panel-harness';

afterEach(cleanup);

describe('LibraryTab (alone)', () => {
  it('lists the library, bulk-tags the selection through the actions, and opens a paper in its detail pane', async () => {
    const lib = await smallLibrary();
    const hooks = fakeHooks();
    function Tab(shared: Parameters<Parameters<typeof Harness>[0]['tab']>[0]) {
      const detail = usePaperDetail(lib.store, shared.state, hooks, shared.work, shared.list.openId);
      return <LibraryTab {...shared} detail={detail} actions={lib.actions} hooks={hooks} now={NOW} />;
    }
    render(<Harness store={lib.store} actions={lib.actions} hooks={hooks} tab={(shared) => <Tab {...shared} />} />);
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('6 of 6 papers'));
    fireEvent.click(screen.getByRole('checkbox', { name: /Select all 6 shown/ }));
    fireEvent.input(screen.getByLabelText('Tag for the selected papers'), { target: { value: 'later' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(screen.getByText(/Tagged 6 papers/)).toBeTruthy());
    expect(lib.actions.update).toHaveBeenCalledWith(expect.arrayContaining(['2501.00001']), { addTags: ['later'] });
    fireEvent.click(screen.getByText('Paper 3'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Paper 3' })).toBeTruthy());
    await waitFor(() => expect(hooks.suggestTags).toHaveBeenCalled());
    lib.close();
  });

  it('follows an author from the paper detail, shows them followed, and unfollows', async () => {
    const lib = await smallLibrary();
    const hooks = fakeHooks();
    function Tab(shared: Parameters<Parameters<typeof Harness>[0]['tab']>[0]) {
      const detail = usePaperDetail(lib.store, shared.state, hooks, shared.work, shared.list.openId);
      return <LibraryTab {...shared} detail={detail} actions={lib.actions} hooks={hooks} now={NOW} />;
    }
    render(<Harness store={lib.store} actions={lib.actions} hooks={hooks} tab={(shared) => <Tab {...shared} />} />);
    await waitFor(() => expect(screen.getByText('Paper 2')).toBeTruthy());
    fireEvent.click(screen.getByText('Paper 2'));
    fireEvent.click(await screen.findByRole('button', { name: 'Follow Alan Turing' }));
    await waitFor(() => expect(lib.store.state.settings.watchlist.authors).toEqual(['Alan Turing']));
    const followed = await screen.findByRole('button', { name: 'Stop following Alan Turing' });
    expect(followed.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(followed);
    await waitFor(() => expect(lib.store.state.settings.watchlist.authors).toEqual([]));
    lib.close();
  });
});
