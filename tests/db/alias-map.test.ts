/**
 * The aliases index held in memory (lib/db/alias-map.ts) files records exactly as the index does: two libraries, one
 * reading the index for every key and one keeping the map from its first write, go through the same merges, undos,
 * deletes and replaces and must hold the same papers after each step; and the map is really what answers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AliasMapPolicy } from '../../lib/db/alias-map';
import { Library } from '../../lib/db/library';
import type { PaperRecord, PaperRecordInput } from '../../lib/paper/schema';
import { freshDbName, makeRecord } from '../helpers/papers';

afterEach(() => vi.restoreAllMocks());

async function openLibrary(aliasMap: AliasMapPolicy) {
  let clock = 1_000;
  return Library.open({ name: freshDbName(), now: () => ++clock, aliasMap });
}

const NONE = { arxivId: null, version: null, doi: null } as const;
const scholar = { site: 'generic', pageUrl: 'https://scholar.google.com/scholar?q=x', section: null, rank: 1 };
const reference = (fields: Partial<PaperRecordInput> & { id: string; title: string }): PaperRecord =>
  makeRecord('2501.00001', { ...NONE, url: null, pdfUrl: null, source: scholar, ...fields });

const TITLE = 'Sparse Attention for Long Documents';
const KEY = 'key:2021:hopper:sparse attention for long documents';
const card = reference({ id: KEY, title: TITLE, authors: ['Grace Hopper'], published: '2021' });
const journal = reference({
  id: '10.1000/sparse.2021',
  doi: '10.1000/sparse.2021',
  title: 'Sparse attention for long documents.',
  authors: ['Hopper, Grace'],
  published: '2021-03-02',
  url: 'https://journal.example/sparse',
});
const arxivOfJournal = makeRecord('2103.00007', {
  doi: '10.1000/sparse.2021',
  title: TITLE,
  authors: ['Grace Hopper'],
  published: '2021-03-01',
});
const batch = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => makeRecord(`2502.${String(10000 + from + i)}`));

/** The same steps on one library; what it holds after each. */
async function run(policy: AliasMapPolicy): Promise<unknown[]> {
  const library = await openLibrary(policy);
  const states: unknown[] = [];
  const step = async (action: () => Promise<unknown>) => {
    await action();
    states.push(await library.exportContents());
  };
  await step(() => library.savePapers(batch(0, 30), { tags: ['bulk'] }));
  // Found by its content key, then by its DOI, then the arXiv page names the DOI and the key: one paper.
  await step(() => library.recordSightings([card]));
  await step(() => library.savePapers([card], { tags: ['reading-group'] }));
  await step(() => library.recordSightings([journal, ...batch(20, 20)]));
  const merge = await library.keepUndo(await library.updateFromRecords([arxivOfJournal], { status: 'reading' }));
  states.push(await library.exportContents());
  // Writes that are not filings: the map is forgotten and must be built again from what they left.
  await step(() => library.restoreTokens(merge.tokens));
  await step(() => library.savePapers([arxivOfJournal, ...batch(35, 10)]));
  await step(() => library.deletePapers([KEY, '2502.10003', '2502.10004']));
  await step(() => library.savePapers([card, ...batch(0, 5)]));
  await step(() => library.updatePapers(['2502.10001'], { addTags: ['x'] }));
  await step(() => library.renameTag('bulk', 'many'));
  const contents = await library.exportContents();
  await step(() => library.replaceContents({ ...contents, papers: contents.papers.slice(0, 10) }));
  await step(() => library.savePapers([journal, ...batch(0, 40)]));
  library.close();
  return states;
}

describe('the aliases index in memory', () => {
  it('files every record as one index read per key does, through merges, undo, deletes and replaces', async () => {
    const byIndex = await run('never');
    const inMemory = await run('always');
    expect(inMemory).toHaveLength(byIndex.length);
    for (const [i, state] of inMemory.entries()) expect({ step: i, state }).toEqual({ step: i, state: byIndex[i] });
  });

  it('answers for the index once kept: a batch of known and new papers reads no index', async () => {
    const library = await openLibrary('always');
    await library.savePapers(batch(0, 50));
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    await library.savePapers([...batch(25, 50), card]);
    expect(getAll).not.toHaveBeenCalled();
    expect((await library.listPapers()).length).toBe(76);
    library.close();
  });

  it('two saves at once of one paper from two tabs keep both: the second waits for the first to be applied', async () => {
    const library = await openLibrary('always');
    await library.savePapers(batch(0, 3));
    const paper = makeRecord('2502.20000');
    await Promise.all([
      library.savePapers([paper], { tags: ['from-tab-1'] }),
      library.savePapers([{ ...paper, id: paper.id }], { tags: ['from-tab-2'] }),
      library.recordSightings([reference({ id: 'key:2025:lovelace:study of 2502 20000', title: paper.title })]),
    ]);
    const papers = (await library.listPapers()).filter((p) => p.title === paper.title);
    expect(papers.map((p) => [p.id, [...p.tags].sort()])).toEqual([['2502.20000', ['from-tab-1', 'from-tab-2']]]);
    library.close();
  });
});
