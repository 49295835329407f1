/**
 * What the side panel's list shows: the light row kept per paper (the full record, with its abstract and note, is
 * read from the database only when a paper is opened), and the pure filter and sort behind views, filters and search.
 */
import type { LibraryPaper, Status } from '../paper/schema';
import type { SearchHits } from '../search/library-search';

/** One paper as the list needs it: enough to show a row and to filter and sort, nothing more. */
export type PaperRow = {
  id: string;
  title: string;
  /** The first three authors (the row shows no more). */
  authors: string[];
  authorCount: number;
  published: string | null;
  addedAt: number;
  savedAt: number | null;
  lastSeenAt: number | null;
  status: Status;
  saved: boolean;
  tags: string[];
  sites: string[];
  upvotes: number | null;
  hasNote: boolean;
  url: string | null;
};

export function toRow(paper: LibraryPaper): PaperRow {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.slice(0, 3),
    authorCount: paper.authorCount,
    published: paper.published,
    addedAt: paper.addedAt,
    savedAt: paper.savedAt,
    lastSeenAt: paper.lastSeenAt,
    status: paper.status,
    saved: paper.saved,
    tags: paper.tags,
    sites: paper.sites,
    upvotes: paper.upvotes,
    hasNote: paper.note.trim().length > 0,
    url: paper.url,
  };
}

/** The named views: everything, seen today, the reading list (saved and unread), saved, or one tag. */
export type LibraryViewName = 'all' | 'today' | 'reading' | 'saved' | `tag:${string}`;

/**
 * The last day a published date can mean, as a string that sorts among `YYYY-MM-DD` days: a date imported with a
 * year or a month only (`1998`, `1998-11`) covers the whole of it, so a range that starts inside it still shows it.
 */
function lastDayOf(published: string): string {
  return published.length === 4 ? `${published}-12-31` : published.length === 7 ? `${published}-31` : published;
}

export type SortKey = 'added' | 'published' | 'upvotes' | 'match' | 'relevance';

export type LibraryQuery = {
  view: LibraryViewName;
  /** Empty: any. */
  tag: string;
  status: Status | '';
  site: string;
  /** `YYYY-MM-DD`, inclusive; empty: open. Dates added are compared in local days. */
  addedFrom: string;
  addedTo: string;
  publishedFrom: string;
  publishedTo: string;
  note: '' | 'with' | 'without';
  sort: SortKey;
};

export const DEFAULT_QUERY: LibraryQuery = {
  view: 'all',
  tag: '',
  status: '',
  site: '',
  addedFrom: '',
  addedTo: '',
  publishedFrom: '',
  publishedTo: '',
  note: '',
  sort: 'added',
};

/** Local midnight of a `YYYY-MM-DD` day, in ms. */
function localDay(day: string, offsetDays = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + offsetDays).getTime();
}

export function startOfToday(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** True when any filter beyond the view narrows the list (the view shows a "clear filters" button then). */
export function hasFilters(q: LibraryQuery): boolean {
  return Boolean(q.tag || q.status || q.site || q.addedFrom || q.addedTo || q.publishedFrom || q.publishedTo || q.note);
}

/** The filter of the view and filters of `q`, as a test of one row. */
function keeper(q: LibraryQuery, now: number): (p: PaperRow) => boolean {
  const today = startOfToday(now);
  const addedFrom = q.addedFrom ? localDay(q.addedFrom) : Number.NEGATIVE_INFINITY;
  const addedTo = q.addedTo ? localDay(q.addedTo, 1) : Number.POSITIVE_INFINITY;
  const viewTag = q.view.startsWith('tag:') ? q.view.slice(4) : null;
  return (p: PaperRow) =>
    (q.view !== 'today' || (p.lastSeenAt ?? p.addedAt) >= today) &&
    (q.view !== 'reading' || (p.saved && p.status === 'unread')) &&
    (q.view !== 'saved' || p.saved) &&
    (viewTag === null || p.tags.includes(viewTag)) &&
    (!q.tag || p.tags.includes(q.tag)) &&
    (!q.status || p.status === q.status) &&
    (!q.site || p.sites.includes(q.site)) &&
    p.addedAt >= addedFrom &&
    p.addedAt < addedTo &&
    (!q.publishedFrom || (p.published !== null && lastDayOf(p.published) >= q.publishedFrom)) &&
    (!q.publishedTo || (p.published !== null && p.published <= q.publishedTo)) &&
    (q.note === '' || (q.note === 'with') === p.hasNote);
}

/** The rows a list shows: how many, and the one at each place (made for the rows drawn, not for every hit). */
export type ShownRows = {
  readonly length: number;
  at(i: number): PaperRow;
  ids(): string[];
};

export function shownOf(rows: readonly PaperRow[]): ShownRows {
  return { length: rows.length, at: (i) => rows[i] as PaperRow, ids: () => rows.map((row) => row.id) };
}

/**
 * `selectRows` for search hits as the index gives them (issue 19): with the hits in rank order, what is shown is
 * the hits that have a row and pass the filters, as places in `rows`; no row array is built per key typed. Other
 * sorts, and no search, are `selectRows`.
 */
export function selectShown(
  rows: readonly PaperRow[],
  hits: SearchHits | null,
  q: LibraryQuery,
  now: number,
  scores: ReadonlyMap<string, number> | null = null,
): ShownRows {
  if (!hits) return shownOf(selectRows(rows, null, q, now, scores));
  const rowOf = rowsOfSlots(rows, hits.slotIds);
  const filtered = q.view !== 'all' || hasFilters(q);
  const keep = keeper(q, now);
  const places = new Int32Array(hits.length);
  let count = 0;
  for (let i = 0; i < hits.length; i++) {
    const at = rowOf[hits.ranked[i] as number] as number;
    if (at >= 0 && (!filtered || keep(rows[at] as PaperRow))) places[count++] = at;
  }
  if (q.sort !== 'match') {
    const list: PaperRow[] = new Array(count);
    for (let i = 0; i < count; i++) list[i] = rows[places[i] as number] as PaperRow;
    return shownOf(sortRows(list, q.sort, scores));
  }
  return {
    length: count,
    at: (i) => rows[places[i] as number] as PaperRow,
    ids: () => {
      const out: string[] = new Array(count);
      for (let i = 0; i < count; i++) out[i] = (rows[places[i] as number] as PaperRow).id;
      return out;
    },
  };
}

/**
 * Slot of the index → place of its paper in `rows` (-1: none), made once per rows array and slot table (a new
 * rows array comes with each change; the table grows as papers are indexed), not once per key typed.
 */
const slotsOf = new WeakMap<
  readonly PaperRow[],
  { slotIds: readonly (string | null)[]; size: number; rowOf: Int32Array }
>();
function rowsOfSlots(rows: readonly PaperRow[], slotIds: readonly (string | null)[]): Int32Array {
  const cached = slotsOf.get(rows);
  if (cached && cached.slotIds === slotIds && cached.size === slotIds.length) return cached.rowOf;
  const placeOf = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) placeOf.set((rows[i] as PaperRow).id, i);
  const rowOf = new Int32Array(slotIds.length);
  for (let s = 0; s < slotIds.length; s++) {
    const id = slotIds[s];
    rowOf[s] = id == null ? -1 : (placeOf.get(id) ?? -1);
  }
  slotsOf.set(rows, { slotIds, size: slotIds.length, rowOf });
  return rowOf;
}

/**
 * The rows to show. `hits` are the search results in rank order (null: no search). Sorting by `match` keeps the
 * rank order; `relevance` orders by `scores` (computed in the background against what the researcher kept), and by
 * date added while there are none.
 */
export function selectRows(
  rows: readonly PaperRow[],
  hits: readonly string[] | null,
  q: LibraryQuery,
  now: number,
  /** Relevance of papers to the library, for `relevance` sorting (rows without a score come last). */
  scores: ReadonlyMap<string, number> | null = null,
): PaperRow[] {
  const today = startOfToday(now);
  const keep = keeper(q, now);
  if (hits) {
    const byId = rowsById(rows);
    const base: PaperRow[] = [];
    for (const id of hits) {
      const row = byId.get(id);
      if (row && keep(row)) base.push(row);
    }
    if (q.sort === 'match') return base;
    return sortRows(base, q.sort, scores);
  }
  // No search: the same rows under the same query on the same day are the same list (the search box emptied
  // again shows it without filtering and sorting 50,000 rows once more).
  const key = scores ? null : `${today}\n${JSON.stringify(q)}`;
  const cached = key === null ? undefined : listsOf.get(rows);
  if (cached && cached.key === key) return cached.list.slice();
  const list = sortRows(rows.filter(keep), q.sort, scores);
  if (key !== null) listsOf.set(rows, { key, list: list.slice() });
  return list;
}

const listsOf = new WeakMap<readonly PaperRow[], { key: string; list: PaperRow[] }>();

/** Rows by id, made once per rows array (a new array comes with each change), not once per key typed. */
const byIdOf = new WeakMap<readonly PaperRow[], Map<string, PaperRow>>();
function rowsById(rows: readonly PaperRow[]): Map<string, PaperRow> {
  let byId = byIdOf.get(rows);
  if (!byId) {
    byId = new Map();
    for (const row of rows) byId.set(row.id, row);
    byIdOf.set(rows, byId);
  }
  return byId;
}

export function sortRows(
  rows: PaperRow[],
  sort: SortKey,
  scores: ReadonlyMap<string, number> | null = null,
): PaperRow[] {
  switch (sort) {
    case 'relevance':
      if (scores) {
        return rows.sort((a, b) => (scores.get(b.id) ?? -1) - (scores.get(a.id) ?? -1) || b.addedAt - a.addedAt);
      }
      return rows.sort((a, b) => b.addedAt - a.addedAt || (a.id < b.id ? -1 : 1));
    case 'published':
      // Papers without a date last; same date: the one added later first.
      return rows.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || b.addedAt - a.addedAt);
    case 'upvotes':
      return rows.sort((a, b) => (b.upvotes ?? -1) - (a.upvotes ?? -1) || b.addedAt - a.addedAt);
    default:
      return rows.sort((a, b) => b.addedAt - a.addedAt || (a.id < b.id ? -1 : 1));
  }
}

/** The sites papers were seen on, for the site filter. */
export function sitesOf(rows: readonly PaperRow[]): string[] {
  const sites = new Set<string>();
  for (const row of rows) for (const site of row.sites) sites.add(site);
  return [...sites].sort();
}
