/**
 * The side panel's search snapshot (issue 19): opened again, the panel loads rows and index from the snapshot and
 * re-reads only what the search journal names, and then shows exactly what a panel that read everything shows, after
 * every kind of change made while it was closed. A journal that cannot tell (a gap, a replaced library) makes it
 * read everything.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Library } from '../../lib/db/library';
import { LibraryReader } from '../../lib/db/reader';
import { localHash } from '../../lib/sync/reconcile';
import { LibraryStore } from '../../lib/views/library-store';
import { freshDbName, makeLibraryPaper, makeRecord } from '../helpers/papers';

const QUERIES = ['graph', 'quantum', 'zebra', 'renamed', 'synced', 'paper 7', 'to-read', 'sparse attention', 'lattice'];
const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function setup(count = 90) {
  const name = freshDbName();
  const library = await Library.open({ name });
  open.push(library);
  const papers = Array.from({ length: count }, (_, i) =>
    makeLibraryPaper(`2501.${String(i + 1).padStart(5, '0')}`, {
      title: `Paper ${i + 1} on ${i % 2 ? 'graph' : 'quantum'} lattice`,
      addedAt: 1_700_000_000_000 + i * 1000,
      tags: i % 9 ? [] : ['to-read'],
    }),
  );
  const tags = [{ name: 'to-read', color: '#2563eb', createdAt: 1 }];
  await library.replaceContents({ papers, tags, sightings: [], settings: await library.getSettings() });
  return { name, library };
}

/** A panel opened now: its store loaded, with the reader's scan watched. */
async function panel(name: string) {
  const reader = await LibraryReader.open({ name });
  const scan = vi.spyOn(reader, 'scan');
  const count = vi.spyOn(reader, 'count');
  const store = new LibraryStore(reader, { saveAfterMs: 60_000 });
  open.push({
    close: () => {
      store.dispose();
      reader.close();
    },
  });
  await store.load();
  return { store, read: scan.mock.calls.length > 0, counted: count.mock.calls.length > 0 };
}

/** What a panel shows: its rows (without order) and the answer to every query. */
function view(store: LibraryStore) {
  return {
    rows: [...store.state.rows].sort((a, b) => (a.id < b.id ? -1 : 1)),
    hits: QUERIES.map((q) => store.search.search(q)),
  };
}

/** A panel from the snapshot must show what a panel that read everything shows. */
async function expectSameAsFresh(name: string) {
  const warm = await panel(name);
  expect(warm.read).toBe(false);
  const fresh = new LibraryStore(await LibraryReader.open({ name }));
  await fresh.load();
  expect(view(warm.store)).toEqual(view(fresh));
  return warm.store;
}

describe('the search snapshot', () => {
  it('is loaded on the next open, instead of reading every paper', async () => {
    const { name } = await setup();
    const first = await panel(name);
    expect(first.read).toBe(true);
    expect(await first.store.saveNow()).toBe(true);
    const second = await panel(name);
    expect(second.read).toBe(false);
    // The snapshot knows how many papers it holds: no count of the library (most of a second at 50,000 papers).
    expect(second.counted).toBe(false);
    expect(second.store.state).toMatchObject({ phase: 'ready', total: 90, loaded: 90 });
    expect(second.store.state.tags).toEqual([expect.objectContaining({ name: 'to-read', count: 10 })]);
    expect(second.store.search.search('graph')).toHaveLength(45);
    expect(view(second.store)).toEqual(view(first.store));
  });

  it('stays right after saves, edits, deletes, undo, merges and sync made while the panel was closed', async () => {
    const { name, library } = await setup();
    expect(await (await panel(name)).store.saveNow()).toBe(true);

    // save (a new paper and one already there), edit (tags, note), delete, undo of a delete
    await library.savePapers([makeRecord('2502.00001', { title: 'Zebra crossings in sparse attention' })]);
    await library.savePapers([makeRecord('2501.00002', { title: 'Paper 2 renamed by its page' })]);
    await library.updatePapers(['2501.00003'], { addTags: ['zebra'], note: 'compare with the zebra paper' });
    await library.deletePapers(['2501.00004', '2501.00005']);
    const undo = await library.deletePapers(['2501.00006']);
    await library.restore(undo);
    await library.renameTag('to-read', 'later');
    await library.recordSightings([makeRecord('2501.00007', { title: 'Paper 7 seen again on lattice' })]);
    // an import: many records at once, some new, one already there, under a tag
    await library.savePapers(
      [
        ...Array.from({ length: 300 }, (_, i) =>
          makeRecord(`2505.${String(i).padStart(5, '0')}`, { title: `Imported sparse attention study ${i}` }),
        ),
        makeRecord('2501.00012', { title: 'Paper 12 imported again as lattice zebra' }),
      ],
      { tags: ['imported'] },
    );
    // sync: another device's version of a paper, and a removal
    const snapshot = await library.syncSnapshot(['2501.00008', '2501.00009']);
    const shadow = { present: true, h: {}, tags: [], sites: [] };
    const current = (id: string) => snapshot.papers.get(id)?.paper;
    await library.syncApply({
      papers: [
        {
          id: '2501.00008',
          expected: localHash(current('2501.00008')),
          next: { ...(current('2501.00008') as NonNullable<ReturnType<typeof current>>), title: 'Synced title' },
          addSightings: [],
          shadow,
        },
        { id: '2501.00009', expected: localHash(current('2501.00009')), next: null, addSightings: [], shadow },
      ],
      tags: [],
      settings: null,
    });
    const store = await expectSameAsFresh(name);
    expect(store.search.search('zebra').sort()).toEqual(['2501.00003', '2501.00012', '2502.00001']);
    expect(store.search.search('imported')).toHaveLength(301);
    expect(store.search.search('synced')).toEqual(['2501.00008']);
    expect(store.row('2501.00004')).toBeUndefined();
    expect(store.row('2501.00006')).toBeDefined();
    expect(store.search.search('later')).toHaveLength(10);

    // …and again from the snapshot the second panel saves, after a merge: one record names two stored papers.
    expect(await store.saveNow()).toBe(true);
    await library.savePapers([
      makeRecord('2501.00010', { doi: '10.1000/zebra', title: 'Paper 10 on quantum lattice' }),
    ]);
    await library.savePapers([makeRecord('2501.00011', { doi: '10.1000/zebra', title: 'Paper 11 on graph lattice' })]);
    const merged = await expectSameAsFresh(name);
    expect(merged.state.rows.length).toBe((await library.listPapers()).length);
  });

  it('is left aside when the journal cannot tell what changed', async () => {
    const { name, library } = await setup();
    expect(await (await panel(name)).store.saveNow()).toBe(true);
    // A whole library replaced: the papers it removed are named nowhere.
    const papers = Array.from({ length: 70 }, (_, i) => makeLibraryPaper(`2503.${String(i + 1).padStart(5, '0')}`));
    await library.replaceContents({ papers, tags: [], sightings: [], settings: await library.getSettings() });
    const replaced = await panel(name);
    expect(replaced.read).toBe(true);
    expect(replaced.store.state.total).toBe(70);
    expect(await replaced.store.saveNow()).toBe(true);

    // A change written where the journal never heard of it (a service worker that stopped between the write and
    // its entry): the transaction's number is covered by no entry.
    const silent = library as unknown as { journal(ids: string[]): void };
    const journal = silent.journal;
    silent.journal = () => {};
    await library.updatePapers(['2503.00001'], { note: 'zebra' });
    silent.journal = journal;
    const gap = await panel(name);
    expect(gap.read).toBe(true);
    expect(gap.store.search.search('zebra')).toEqual(['2503.00001']);
  });

  it('is saved after a full read and after many changes, not after each small one', async () => {
    const { name } = await setup();
    let store: LibraryStore | undefined;
    const library = await Library.open({ name, onChange: (change) => void store?.apply(change) });
    open.push(library);
    const reader = await LibraryReader.open({ name });
    const write = vi.spyOn(reader, 'writeSearchCache');
    store = new LibraryStore(reader, { saveAfterMs: 0 });
    open.push({
      close: () => {
        store?.dispose();
        reader.close();
      },
    });
    await store.load();
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    await library.updatePapers(['2501.00001'], { note: 'one small change' });
    await vi.waitFor(() => expect(store?.row('2501.00001')?.hasNote).toBe(true), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(write).toHaveBeenCalledTimes(1);
    await library.deletePapers(Array.from({ length: 80 }, (_, i) => `2501.${String(i + 1).padStart(5, '0')}`));
    await library.savePapers(Array.from({ length: 520 }, (_, i) => makeRecord(`2504.${String(i).padStart(5, '0')}`)));
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(2), { timeout: 10_000 });
  });
});
