import type { LibraryPaper, PaperRecord, Sighting } from './schema';

type Fields = Omit<PaperRecord, 'source'>;

function unionInOrder<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

/**
 * The newer date, unless the two agree and the older says more: a year-and-month date from an imported reference
 * (`2021-05`) does not replace the day a page gave (`2021-05-03`), and the day refines the month.
 */
function morePrecise(a: string | null, b: string | null): string | null {
  if (a && b && a.length > b.length && a.startsWith(b)) return a;
  return b ?? a;
}

/**
 * Two descriptions of one paper made into one: every field either gave is kept; where both give one,
 * the newer (`b`) wins, except that a longer author list and a higher version are never lost to a shorter one
 * (a search page shows 25 authors of 300; an old listing shows v1).
 */
export function mergeFields<T extends Fields>(a: T, b: Fields): T {
  if (a.id !== b.id) throw new Error(`cannot merge two papers: ${a.id} and ${b.id}`);
  const pick = <K extends keyof Fields>(key: K): Fields[K] => (b[key] ?? a[key]) as Fields[K];
  const authors = b.authors.length >= a.authors.length ? b.authors : a.authors;
  return {
    ...a,
    arxivId: pick('arxivId'),
    version: a.version != null && b.version != null ? Math.max(a.version, b.version) : pick('version'),
    doi: pick('doi'),
    title: b.title || a.title,
    authors,
    authorCount: Math.max(a.authorCount, b.authorCount, authors.length),
    abstract: b.abstract && (!a.abstract || b.abstract.length >= a.abstract.length * 0.5) ? b.abstract : a.abstract,
    published: morePrecise(a.published, b.published),
    url: pick('url'),
    pdfUrl: pick('pdfUrl'),
    codeUrl: pick('codeUrl'),
    projectUrl: pick('projectUrl'),
    categories: unionInOrder(a.categories, b.categories),
    upvotes: pick('upvotes'),
    comments: pick('comments'),
    organization: pick('organization'),
    submitter: pick('submitter'),
    venue: pick('venue'),
    githubStars: pick('githubStars'),
    keywords: unionInOrder(a.keywords, b.keywords),
    // Test helpers and callers that build objects by hand may leave it out; the schemas default it to [].
    aliases: unionInOrder(a.aliases ?? [], b.aliases ?? []),
  };
}

/** A stored paper for a record seen for the first time. */
export function newLibraryPaper(record: PaperRecord, now: number): LibraryPaper {
  const { source, ...fields } = record;
  return {
    ...fields,
    saved: false,
    status: 'unread',
    tags: [],
    note: '',
    addedAt: now,
    savedAt: null,
    updatedAt: now,
    sites: [source.site],
    lastSeenAt: null,
  };
}

/** The stored paper after a page described it again: page fields merged, the user's state untouched. */
export function absorbRecord(paper: LibraryPaper, record: PaperRecord, now: number): LibraryPaper {
  const merged = mergeFields(paper, record);
  return { ...merged, sites: unionInOrder(paper.sites, [record.source.site]), updatedAt: now };
}

/** Two stored copies of one paper (an import meeting the library): union of fields, tags and sites. */
export function mergeLibraryPapers(a: LibraryPaper, b: LibraryPaper): LibraryPaper {
  const [older, newer] = a.updatedAt <= b.updatedAt ? [a, b] : [b, a];
  const merged = mergeFields(older, newer);
  return {
    ...merged,
    saved: a.saved || b.saved,
    status: newer.status,
    tags: unionInOrder(older.tags, newer.tags),
    note: newer.note || older.note,
    addedAt: Math.min(a.addedAt, b.addedAt),
    savedAt: a.savedAt == null ? b.savedAt : b.savedAt == null ? a.savedAt : Math.min(a.savedAt, b.savedAt),
    updatedAt: newer.updatedAt,
    sites: unionInOrder(older.sites, newer.sites),
    lastSeenAt: Math.max(a.lastSeenAt ?? 0, b.lastSeenAt ?? 0) || null,
  };
}

/** Sightings of one paper from two sources, each kept once. */
export function mergeSightings(a: readonly Sighting[], b: readonly Sighting[]): Sighting[] {
  const key = (s: Sighting) => `${s.paperId}\u0000${s.pageUrl}\u0000${s.seenAt}\u0000${s.rank}`;
  const seen = new Map(a.map((s) => [key(s), s]));
  for (const s of b) if (!seen.has(key(s))) seen.set(key(s), s);
  return [...seen.values()].sort((x, y) => x.seenAt - y.seenAt);
}
