import { describe, expect, it } from 'vitest';
import { Library, type LibraryChange } from '../../lib/db/library';
import { freshDbName, makeRecord } from '../helpers/papers';

async function openLibrary() {
  const changes: LibraryChange[] = [];
  let clock = 1_000;
  const library = await Library.open({ name: freshDbName(), onChange: (c) => changes.push(c), now: () => ++clock });
  return { library, changes };
}

describe('Library', () => {
  it('records sightings: adds the paper once, keeps every sighting and the counts of the moment', async () => {
    const { library, changes } = await openLibrary();
    await library.recordSightings([makeRecord('2502.00001', { upvotes: 3 })]);
    await library.recordSightings([
      makeRecord('2502.00001', {
        upvotes: 9,
        source: { site: 'huggingface', pageUrl: 'https://huggingface.co/papers', section: null, rank: 4 },
      }),
    ]);
    const paper = await library.getPaper('2502.00001');
    expect(paper?.upvotes).toBe(9);
    expect(paper?.sites).toEqual(['arxiv', 'huggingface']);
    expect(paper?.saved).toBe(false);
    const sightings = await library.getSightings('2502.00001');
    expect(sightings.map((s) => [s.site, s.upvotes, s.rank])).toEqual([
      ['arxiv', 3, 1],
      ['huggingface', 9, 4],
    ]);
    expect(changes.map((c) => c.ids)).toEqual([['2502.00001'], ['2502.00001']]);
  });

  it('saves, tags, dismisses and undoes', async () => {
    const { library } = await openLibrary();
    const undoSave = await library.savePapers([makeRecord('2502.00002')], { tags: ['llm'] });
    let paper = await library.getPaper('2502.00002');
    expect(paper).toMatchObject({ saved: true, tags: ['llm'], status: 'unread' });
    expect(paper?.savedAt).toBeTypeOf('number');
    expect((await library.listTags()).map((t) => [t.name, t.count])).toEqual([['llm', 1]]);

    const undoTag = await library.updatePapers(['2502.00002'], { addTags: ['rl'], status: 'reading' });
    paper = await library.getPaper('2502.00002');
    expect(paper).toMatchObject({ tags: ['llm', 'rl'], status: 'reading' });
    await library.restore(undoTag);
    expect(await library.getPaper('2502.00002')).toMatchObject({ tags: ['llm'], status: 'unread' });
    await library.restore(undoSave);
    expect(await library.getPaper('2502.00002')).toBeUndefined();
  });

  it('keeps concurrent edits from two views: both operations apply', async () => {
    const { library } = await openLibrary();
    await library.savePapers([makeRecord('2502.00003')]);
    await Promise.all([
      library.updatePapers(['2502.00003'], { addTags: ['from-panel'] }),
      library.updatePapers(['2502.00003'], { addTags: ['from-page'] }),
      library.updatePapers(['2502.00003'], { note: 'read section 3' }),
    ]);
    const paper = await library.getPaper('2502.00003');
    expect(paper?.tags.sort()).toEqual(['from-page', 'from-panel']);
    expect(paper?.note).toBe('read section 3');
  });

  it('renames a tag onto another (merge) and deletes tags', async () => {
    const { library } = await openLibrary();
    await library.savePapers([makeRecord('2502.00004')], { tags: ['ml'] });
    await library.savePapers([makeRecord('2502.00005')], { tags: ['machine-learning', 'ml'] });
    await library.renameTag('ml', 'machine-learning');
    expect((await library.getPaper('2502.00004'))?.tags).toEqual(['machine-learning']);
    expect((await library.getPaper('2502.00005'))?.tags).toEqual(['machine-learning']);
    expect((await library.listTags()).map((t) => [t.name, t.count])).toEqual([['machine-learning', 2]]);
    await library.deleteTag('machine-learning');
    expect((await library.getPaper('2502.00004'))?.tags).toEqual([]);
    await expect(library.renameTag('nope', 'x')).rejects.toThrow('There is no tag "nope"');
  });

  it('leaves the library untouched when a write fails half-way', async () => {
    const { library } = await openLibrary();
    await library.savePapers([makeRecord('2502.00006')]);
    const before = await library.exportContents();
    // A record that IndexedDB cannot store (a function is not cloneable) fails inside the transaction.
    const bad = { ...makeRecord('2502.00007'), title: (() => 'x') as unknown as string };
    await expect(library.savePapers([makeRecord('2502.00008'), bad])).rejects.toThrow();
    expect(await library.exportContents()).toEqual(before);
  });

  it('puts back a deleted paper with its sightings on undo, once however often the undo is applied', async () => {
    const { library } = await openLibrary();
    await library.recordSightings([makeRecord('2502.00010'), makeRecord('2502.00011')]);
    await library.recordSightings([
      makeRecord('2502.00010', {
        upvotes: 5,
        source: { site: 'huggingface', pageUrl: 'https://huggingface.co/papers', section: null, rank: 2 },
      }),
    ]);
    await library.savePapers([makeRecord('2502.00010')]);
    const before = await library.exportContents();
    const undo = await library.deletePapers(['2502.00010']);
    expect(undo.sightings?.map((s) => s.site)).toEqual(['arxiv', 'huggingface']);
    expect(await library.getSightings('2502.00010')).toEqual([]);
    await library.restore(undo);
    await library.restore(undo);
    const after = await library.exportContents();
    expect(after.papers).toEqual(before.papers);
    const bySeen = (list: typeof after.sightings) =>
      [...list].sort((a, b) => a.seenAt - b.seenAt || a.paperId.localeCompare(b.paperId));
    expect(bySeen(after.sightings)).toEqual(bySeen(before.sightings));
    expect((await library.getSightings('2502.00011')).length).toBe(1);
  });

  it('deletes papers with their sightings; settings and visits persist', async () => {
    const { library } = await openLibrary();
    await library.recordSightings([makeRecord('2502.00009')]);
    await library.deletePapers(['2502.00009']);
    expect(await library.getPaper('2502.00009')).toBeUndefined();
    expect(await library.getSightings('2502.00009')).toEqual([]);
    expect((await library.updateSettings({ theme: 'dark' })).theme).toBe('dark');
    expect((await library.getSettings()).keys.save).toBe('s');
    expect(await library.markVisit('arxiv:/list/cs.LG/new')).toBeNull();
    expect(await library.markVisit('arxiv:/list/cs.LG/new')).toBeTypeOf('number');
  });
});
