import { describe, expect, it } from 'vitest';
import { LibrarySearch } from '../../lib/search/library-search';
import { DEFAULT_QUERY, type PaperRow, selectRows, selectShown, toRow } from '../../lib/views/library-query';
import { makeLibraryPaper } from '../helpers/papers';

const NOW = new Date(2025, 2, 10, 12).getTime();
const DAY = 86_400_000;
const rows: PaperRow[] = [
  toRow(
    makeLibraryPaper('2501.00001', {
      addedAt: NOW - 3 * DAY,
      saved: true,
      status: 'unread',
      tags: ['vision'],
      upvotes: 5,
      published: '2025-01-02',
      sites: ['arxiv'],
    }),
  ),
  toRow(
    makeLibraryPaper('2501.00002', {
      addedAt: NOW - DAY,
      saved: false,
      status: 'read',
      note: 'hi',
      upvotes: 50,
      published: '2024-12-01',
      sites: ['huggingface'],
      lastSeenAt: NOW - 1000,
    }),
  ),
  toRow(
    makeLibraryPaper('2501.00003', {
      addedAt: NOW - 2 * DAY,
      saved: true,
      status: 'reading',
      tags: ['vision', 'theory'],
      upvotes: null,
      published: null,
      sites: ['arxiv'],
    }),
  ),
];
const ids = (q: Partial<typeof DEFAULT_QUERY>, hits: string[] | null = null) =>
  selectRows(rows, hits, { ...DEFAULT_QUERY, ...q }, NOW).map((r) => r.id);

describe('selectRows', () => {
  it('sorts by date added, date published and upvotes', () => {
    expect(ids({})).toEqual(['2501.00002', '2501.00003', '2501.00001']);
    expect(ids({ sort: 'published' })).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    expect(ids({ sort: 'upvotes' })).toEqual(['2501.00002', '2501.00001', '2501.00003']);
  });
  it('has the views Today, Reading list, Saved and one per tag', () => {
    expect(ids({ view: 'today' })).toEqual(['2501.00002']);
    expect(ids({ view: 'reading' })).toEqual(['2501.00001']);
    expect(ids({ view: 'saved' })).toEqual(['2501.00003', '2501.00001']);
    expect(ids({ view: 'tag:theory' })).toEqual(['2501.00003']);
  });
  it('filters by tag, status, site, note and dates', () => {
    expect(ids({ tag: 'vision' })).toEqual(['2501.00003', '2501.00001']);
    expect(ids({ status: 'read' })).toEqual(['2501.00002']);
    expect(ids({ site: 'huggingface' })).toEqual(['2501.00002']);
    expect(ids({ note: 'with' })).toEqual(['2501.00002']);
    expect(ids({ note: 'without' })).toEqual(['2501.00003', '2501.00001']);
    expect(ids({ publishedFrom: '2025-01-01' })).toEqual(['2501.00001']);
    expect(ids({ publishedTo: '2024-12-31' })).toEqual(['2501.00002']);
    const d = new Date(NOW - 2 * DAY);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(ids({ addedFrom: day, addedTo: day })).toEqual(['2501.00003']);
  });
  it('treats a year-only or month-only date as the whole year or month when filtering', () => {
    const partial = [
      toRow(makeLibraryPaper('2402.00011', { published: '1964' })),
      toRow(makeLibraryPaper('2402.00012', { published: '1998-11' })),
    ];
    const pick = (q: Partial<typeof DEFAULT_QUERY>) =>
      selectRows(partial, null, { ...DEFAULT_QUERY, ...q }, NOW).map((r) => r.id);
    expect(pick({ publishedFrom: '1964-06-01', publishedTo: '1964-06-30' })).toEqual(['2402.00011']);
    expect(pick({ publishedFrom: '1998-11-15' })).toEqual(['2402.00012']);
    expect(pick({ publishedFrom: '1998-12-01' })).toEqual([]);
    expect(pick({ publishedTo: '1998-10-31' })).toEqual(['2402.00011']);
    expect(pick({ publishedTo: '1998-11-01' }).sort()).toEqual(['2402.00011', '2402.00012']);
  });

  it('keeps the search rank for "best match" and filters the hits', () => {
    const hits = ['2501.00001', '2501.00003', '2501.00002'];
    expect(ids({ sort: 'match' }, hits)).toEqual(hits);
    expect(ids({ sort: 'match', view: 'saved' }, hits)).toEqual(['2501.00001', '2501.00003']);
    expect(ids({ sort: 'added' }, ['2501.00001', '2501.00002'])).toEqual(['2501.00002', '2501.00001']);
  });
});

describe('selectShown', () => {
  it('shows the hits as selectRows does, under every view, filter and sort, without rows of papers not read yet', () => {
    const index = new LibrarySearch();
    const papers = ['2501.00001', '2501.00002', '2501.00003', '2501.00004'].map((id) =>
      makeLibraryPaper(id, { title: 'graph models' }),
    );
    index.upsert(papers);
    const hits = index.hits('graph mod');
    expect(hits.length).toBe(4); // 2501.00004 is indexed but has no row: it is not shown
    const queries: Partial<typeof DEFAULT_QUERY>[] = [
      { sort: 'match' },
      { sort: 'match', view: 'saved' },
      { sort: 'match', tag: 'vision' },
      { sort: 'match', note: 'without' },
      { sort: 'upvotes' },
      { sort: 'added', status: 'read' },
    ];
    for (const q of queries) {
      const shown = selectShown(rows, hits, { ...DEFAULT_QUERY, ...q }, NOW);
      const expected = selectRows(rows, hits.ids(), { ...DEFAULT_QUERY, ...q }, NOW).map((r) => r.id);
      expect(shown.ids(), JSON.stringify(q)).toEqual(expected);
      expect(Array.from({ length: shown.length }, (_, i) => shown.at(i).id)).toEqual(expected);
    }
    expect(selectShown(rows, hits, { ...DEFAULT_QUERY, sort: 'match' }, NOW).length).toBe(3);
  });
});
