/** Backups and imports carry aliases, and an import files each paper by id or alias, as the library does. */
import { describe, expect, test } from 'vitest';
import { backupJson, EMPTY_LIBRARY, type LibraryContents, parseBackup, planImport } from '../../lib/export';
import type { LibraryPaper, Sighting } from '../../lib/paper/schema';
import { makeLibraryPaper } from '../helpers/papers';

const KEY = 'key:2021:hopper:sparse attention for long documents';

/** A paper with no arXiv id. */
function reference(id: string, fields: Partial<LibraryPaper>): LibraryPaper {
  return makeLibraryPaper('2501.00001', { arxivId: null, version: null, url: null, pdfUrl: null, id, ...fields });
}

const scholarPaper = reference(KEY, {
  title: 'Sparse Attention for Long Documents',
  authors: ['Grace Hopper'],
  published: '2021',
  saved: true,
  tags: ['reading-group'],
  note: 'from the seminar',
  sites: ['generic'],
});

const sighting = (paperId: string, seenAt: number): Sighting => ({
  paperId,
  site: 'generic',
  pageUrl: 'https://scholar.google.com/scholar?q=sparse',
  section: null,
  rank: 1,
  upvotes: null,
  comments: null,
  seenAt,
});

function libraryOf(papers: LibraryPaper[], sightings: Sighting[] = []): LibraryContents {
  return { ...EMPTY_LIBRARY, papers, sightings };
}

describe('aliases in backups', () => {
  test('a backup carries every alias and reads back the same', () => {
    const paper = reference('10.1038/s41586-019-1234-5', {
      doi: '10.1038/s41586-019-1234-5',
      aliases: ['pmid:31452104', 'pmcid:PMC6712345', KEY],
      title: 'Gene X',
    });
    const parsed = parseBackup(backupJson(libraryOf([paper])));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.backup.papers[0]?.aliases).toEqual(
      expect.arrayContaining(['10.1038/s41586-019-1234-5', 'pmid:31452104', 'pmcid:PMC6712345', KEY]),
    );
  });

  test('a backup written before aliases reads with aliases [] and the same papers', () => {
    const backup = JSON.parse(backupJson(libraryOf([scholarPaper]))) as { papers: Record<string, unknown>[] };
    for (const p of backup.papers) delete p.aliases;
    const parsed = parseBackup(JSON.stringify(backup));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.backup.papers.map((p) => [p.id, p.aliases])).toEqual([[KEY, []]]);
  });
});

describe('an import files papers by id or alias', () => {
  test('a reference with a DOI meets the paper saved by content key: one paper, both decisions, sightings follow', () => {
    const existing = libraryOf([scholarPaper], [sighting(KEY, 1)]);
    const imported = reference('10.1000/sparse.2021', {
      doi: '10.1000/sparse.2021',
      title: 'Sparse attention for long documents.',
      authors: ['Hopper, Grace'],
      published: '2021-03',
      tags: ['imported'],
      sites: ['import'],
      updatedAt: 1_800_000_000_000,
    });
    const plan = planImport(existing, { papers: [imported] }, 'merge');
    expect([plan.added, plan.updated, plan.unchanged]).toEqual([0, 1, 0]);
    expect(plan.result.papers.map((p) => p.id)).toEqual(['10.1000/sparse.2021']);
    const [merged] = plan.result.papers;
    expect(merged).toMatchObject({ saved: true, note: 'from the seminar', published: '2021-03' });
    expect(merged?.tags).toEqual(['reading-group', 'imported']);
    expect(merged?.aliases).toContain(KEY);
    expect(plan.result.sightings.map((s) => s.paperId)).toEqual(['10.1000/sparse.2021']);
    // replace: the same paper, counted as updated, not as one removed and one added
    const replace = planImport(existing, { papers: [imported] }, 'replace');
    expect([replace.added, replace.updated, replace.removed]).toEqual([0, 1, 0]);
  });

  test('importing the library into itself changes nothing', () => {
    const existing = libraryOf([scholarPaper]);
    const parsed = parseBackup(backupJson(existing));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan = planImport(parsed.backup, parsed.backup, 'merge');
    expect([plan.added, plan.updated, plan.unchanged]).toEqual([0, 0, 1]);
  });

  test('sixteen chapters sharing a book URL and ISBN stay sixteen, and meet their stored copies one to one', () => {
    const chapters = Array.from({ length: 16 }, (_, i) => {
      const title = `Chapter ${i + 1}: Things`;
      return reference(`key:2019:smith:chapter ${i + 1} things`, {
        title,
        authors: ['Jo Smith'],
        published: '2019',
        url: 'https://publisher.example/book',
        aliases: ['isbn:9780262035613'],
      });
    });
    const first = planImport(EMPTY_LIBRARY, { papers: chapters }, 'merge');
    expect(first.added).toBe(16);
    const again = planImport(first.result, { papers: chapters }, 'merge');
    expect([again.added, again.updated, again.unchanged]).toEqual([0, 0, 16]);
    expect(again.result.papers).toHaveLength(16);
  });
});
