import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TopicsTab, useTopics } from '../../components/TopicsTab';
import { fakeHooks, Harness, smallLibrary } from './panel-harness';

afterEach(cleanup);

describe('TopicsTab (alone)', () => {
  it('finds topics, saves one through the actions, and shows one as the library list', async () => {
    const lib = await smallLibrary();
    const hooks = fakeHooks({
      cluster: vi.fn(async () => ({
        k: 2,
        automaticK: true,
        assignments: {},
        kScores: null,
        clusters: [
          { label: 'first', terms: ['a'], size: 3, members: ['2501.00001', '2501.00002', '2501.00003'] },
          { label: 'second', terms: ['b'], size: 3, members: ['2501.00004', '2501.00005', '2501.00006'] },
        ],
      })),
    });
    const toLibrary = vi.fn();
    let restricted: string | null = null;
    function Tab(shared: Parameters<Parameters<typeof Harness>[0]['tab']>[0]) {
      const topics = useTopics(shared.state, shared.list, hooks);
      return <TopicsTab store={lib.store} {...shared} topics={topics} toLibrary={toLibrary} />;
    }
    render(
      <Harness
        store={lib.store}
        actions={lib.actions}
        hooks={hooks}
        spy={({ list }) => {
          restricted = list.restrict?.label ?? null;
        }}
        tab={(shared) => <Tab {...shared} />}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Find topics' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Show topic 2 (second) in the list' })).toBeTruthy());
    expect(hooks.cluster).toHaveBeenCalledWith(
      expect.objectContaining({ ids: expect.arrayContaining(['2501.00001']) }),
    );
    const saves = screen.getAllByRole('button', { name: 'Save all' });
    fireEvent.click(saves[1] as HTMLElement);
    await waitFor(() => expect(screen.getByText(/Saved 3 papers of “second”/)).toBeTruthy());
    expect(lib.actions.update).toHaveBeenCalledWith(['2501.00004', '2501.00005', '2501.00006'], { saved: true });
    fireEvent.click(screen.getByRole('button', { name: 'Show topic 2 (second) in the list' }));
    expect(toLibrary).toHaveBeenCalled();
    expect(restricted).toBe('second');
    lib.close();
  });
});
