/**
 * The lossless backup: one versioned JSON file with every paper (with notes, statuses, tags), tag colours,
 * sightings and settings; and the plan of what restoring it would change.
 */

import { lookupKeysOf } from '../paper/identity';
import { mergeLibraryPapers, mergeSightings } from '../paper/merge';
import { PaperIndex, place, withLookupKeys } from '../paper/resolve';
import { LibraryPaper, Sighting, TagInfo } from '../paper/schema';
import { z } from '../paper/zod';
import { DEFAULT_SETTINGS, Settings } from '../settings';
import { type ImportError, issuesToErrors, parseJson } from './import-result';

export const BACKUP_FORMAT = 'paperlane-backup';
export const BACKUP_VERSION = 1;

export const LibraryContents = z.object({
  papers: z.array(LibraryPaper),
  tags: z.array(TagInfo),
  sightings: z.array(Sighting),
  settings: Settings,
});
export type LibraryContents = z.infer<typeof LibraryContents>;

export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  ...LibraryContents.shape,
});
export type Backup = z.infer<typeof Backup>;

export const EMPTY_LIBRARY: LibraryContents = { papers: [], tags: [], sightings: [], settings: DEFAULT_SETTINGS };

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sightingOrder(a: Sighting, b: Sighting): number {
  return (
    a.seenAt - b.seenAt ||
    byString(a.paperId, b.paperId) ||
    byString(a.pageUrl, b.pageUrl) ||
    (a.rank ?? 0) - (b.rank ?? 0)
  );
}

/**
 * A backup of the library, in a fixed order (papers by id, tags by name) so equal libraries give equal files. Each
 * paper carries its aliases, every key it is found by (as the library stores them), so a restore, or another
 * device, finds it by any identifier it has been known by.
 */
export function makeBackup(contents: LibraryContents, exportedAt: Date = new Date()): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    papers: contents.papers.map(withLookupKeys).sort((a, b) => byString(a.id, b.id)),
    tags: [...contents.tags].sort((a, b) => byString(a.name, b.name)),
    sightings: [...contents.sightings].sort(sightingOrder),
    settings: contents.settings,
  };
}

export function backupJson(contents: LibraryContents, exportedAt: Date = new Date()): string {
  return `${JSON.stringify(makeBackup(contents, exportedAt), null, 2)}\n`;
}

export type BackupParse = { ok: true; backup: Backup } | { ok: false; errors: ImportError[] };

/** Reads a backup file; every problem is named with its place, e.g. `papers[12].title: must not be empty`. */
export function parseBackup(text: string): BackupParse {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, errors: [json.error] };
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ where: 'file', line: null, message: 'a backup is a JSON object' }] };
  }
  const head = value as Record<string, unknown>;
  if (head.format !== BACKUP_FORMAT) {
    return {
      ok: false,
      errors: [{ where: 'format', line: null, message: `not a Paperlane backup (format must be "${BACKUP_FORMAT}")` }],
    };
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    const message = `made by a newer Paperlane (backup version ${head.version}); this version reads version ${BACKUP_VERSION}`;
    return { ok: false, errors: [{ where: 'version', line: null, message }] };
  }
  const parsed = Backup.safeParse(value);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  return { ok: true, backup: parsed.data };
}

/** What an import brings: a backup gives everything, a BibTeX or RIS file only papers. */
export interface IncomingContents {
  papers: readonly LibraryPaper[];
  tags?: readonly TagInfo[];
  sightings?: readonly Sighting[];
  /** Replaces the settings only in `replace` mode; null or absent keeps the current ones. */
  settings?: Settings | null;
}

export type ImportMode = 'merge' | 'replace';

export interface ImportPreview {
  mode: ImportMode;
  /** Papers not in the library before. */
  added: number;
  /** Papers already there that the import changes. */
  updated: number;
  unchanged: number;
  /** Papers that `replace` drops (always 0 in `merge`). */
  removed: number;
  tagsAdded: number;
  sightingsAdded: number;
  result: LibraryContents;
}

/** JSON with keys in sorted order, so two equal papers compare equal whatever order their fields were built in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byString(a, b)))
      : v,
  );
}

/** Equal papers, apart from when they were last written. */
function sameContent(a: LibraryPaper, b: LibraryPaper): boolean {
  return stableJson({ ...a, updatedAt: 0 }) === stableJson({ ...b, updatedAt: 0 });
}

const TAG_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

function colourFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return TAG_COLOURS[hash % TAG_COLOURS.length] as string;
}

/** How an imported paper meets a stored copy of itself: the union of both (mergeLibraryPapers). */
const absorb = (paper: LibraryPaper) => (stored: LibraryPaper | null) =>
  stored ? mergeLibraryPapers(stored, { ...paper, id: stored.id }) : paper;

/**
 * Papers keyed by id, copies of one paper merged into one: found by id or any alias, as the library finds them
 * (lib/paper/resolve.ts), so a reference filed by content key and the same paper with its DOI become one.
 */
export function mergeDuplicates(papers: readonly LibraryPaper[]): Map<string, LibraryPaper> {
  return new Map([...fileAll(papers).index.values()].map((p) => [p.id, p]));
}

/**
 * Lists of papers that filing again would leave as they are (`settled`), with their length when they were made: an
 * import plan does not file them a second time. Such a list is not to be changed afterwards.
 */
const SETTLED = new WeakMap<readonly LibraryPaper[], number>();

/**
 * mergeDuplicates as a list, in filing order. When no paper met another (the common case: a file without
 * duplicates), filing the list again would find no match either and change nothing, so planImport takes it as filed.
 */
export function fileDuplicates(papers: readonly LibraryPaper[]): LibraryPaper[] {
  const filed = fileAll(papers);
  const list = [...filed.index.values()];
  if (filed.settled) SETTLED.set(list, list.length);
  return list;
}

function isSettled(papers: readonly LibraryPaper[]): boolean {
  return SETTLED.get(papers) === papers.length;
}

interface Filed {
  index: PaperIndex;
  /** Where each id went when its paper was merged under another. */
  moved: Map<string, string>;
  /**
   * Every paper was filed as it came, under its own id, meeting no other: filing the papers of `index` again, in
   * any order, would do the same (a match is symmetric) and give the same papers.
   */
  settled: boolean;
}

/** Every paper filed into one index, and where each id went when its paper was merged under another. */
function fileAll(papers: readonly LibraryPaper[]): Filed {
  const index = new PaperIndex();
  const moved = new Map<string, string>();
  let settled = true;
  for (const paper of papers) {
    const placed = place(index, paper, absorb(paper));
    if (placed.replaced.length || placed.paper.id !== paper.id) settled = false;
    for (const old of [paper, ...placed.replaced]) if (old.id !== placed.paper.id) moved.set(old.id, placed.paper.id);
  }
  return { index, moved, settled };
}

/** Papers that fileAll would leave as they are (isSettled), indexed as it would index them. */
function alreadyFiled(papers: readonly LibraryPaper[]): Filed {
  return { index: new PaperIndex(papers, { filed: true }), moved: new Map(), settled: true };
}

/** The id a paper ended under, following merges. */
function finalId(moved: ReadonlyMap<string, string>, id: string): string {
  let current = id;
  for (let hops = 0; hops < 100; hops++) {
    const next = moved.get(current);
    if (!next || next === current) break;
    current = next;
  }
  return current;
}

/**
 * What importing `incoming` would do to `existing`, without doing it: counts for the preview and the resulting
 * library for the one transaction that writes it. `merge` keeps everything and merges papers met twice (by id or
 * alias); `replace` makes the library exactly the import.
 */
export function planImport(
  existing: LibraryContents,
  incoming: IncomingContents,
  mode: ImportMode,
  now: number = Date.now(),
): ImportPreview {
  const before = fileAll(existing.papers);
  const matched = new Set<string>();
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let papersAfter: LibraryPaper[];
  let moved = before.moved;
  const empty = existing.papers.length === 0;
  if (empty && isSettled(incoming.papers)) {
    // Settled papers into an empty library all come in as they are: filing them again would change nothing.
    added = incoming.papers.length;
    papersAfter = [...incoming.papers];
  } else {
    const arriving = isSettled(incoming.papers) ? alreadyFiled(incoming.papers) : fileAll(incoming.papers);
    moved = new Map([...before.moved, ...arriving.moved]);
    // `merge` files every arriving paper into the library; `replace` only tells which stored paper each one is.
    const known = empty ? null : new PaperIndex(before.index.values(), { filed: true });
    // Into an empty library, papers filed with no match come in as they are (as above).
    const result = mode === 'merge' && !(empty && arriving.settled) ? before.index : arriving.index;
    if (empty && arriving.settled) added = arriving.index.size;
    else {
      for (const paper of [...arriving.index.values()]) {
        // Worked out once for both look-ups.
        const keys = lookupKeysOf(paper);
        const stored = known ? known.matches(paper, keys) : [];
        for (const s of stored) matched.add(s.id);
        if (mode === 'merge') {
          const placed = place(result, paper, absorb(paper), keys);
          for (const old of [paper, ...placed.replaced])
            if (old.id !== placed.paper.id) moved.set(old.id, placed.paper.id);
          const [only] = placed.replaced;
          if (!only) added++;
          else if (placed.replaced.length === 1 && sameContent(placed.paper, only)) {
            // Only the bookkeeping time differs: the stored copy stays as it is and nothing is written for it.
            unchanged++;
            result.delete(placed.paper.id);
            result.put(only);
          } else updated++;
        } else if (!stored.length) added++;
        else if (stored.length === 1 && sameContent(paper, stored[0] as LibraryPaper)) unchanged++;
        else updated++;
      }
    }
    papersAfter = [...result.values()];
  }
  const removed = mode === 'replace' ? [...before.index.values()].filter((p) => !matched.has(p.id)).length : 0;

  const tagBase = mode === 'merge' ? existing.tags : [];
  const tags = new Map(tagBase.map((t) => [t.name, t]));
  for (const tag of incoming.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  // A BibTeX or RIS import brings tags as keywords only: each gets a colour so the library can show it.
  for (const paper of papersAfter) {
    for (const name of paper.tags)
      if (!tags.has(name)) tags.set(name, { name, color: colourFor(name), createdAt: now });
  }
  const existingTagNames = new Set(existing.tags.map((t) => t.name));
  const tagsAdded = [...tags.keys()].filter((name) => !existingTagNames.has(name)).length;

  // Sightings follow their paper when it was merged under another id.
  const follow = (list: readonly Sighting[]) =>
    moved.size ? list.map((s) => (moved.has(s.paperId) ? { ...s, paperId: finalId(moved, s.paperId) } : s)) : list;
  const sightingBase = mode === 'merge' ? existing.sightings : [];
  const sightings = follow(mergeSightings(sightingBase, incoming.sightings ?? []));
  const sightingsAdded =
    mergeSightings(existing.sightings, incoming.sightings ?? []).length - existing.sightings.length;

  const settings = mode === 'replace' && incoming.settings ? incoming.settings : existing.settings;
  return {
    mode,
    added,
    updated,
    unchanged,
    removed,
    tagsAdded,
    sightingsAdded,
    result: { papers: papersAfter, tags: [...tags.values()], sightings: [...sightings], settings },
  };
}
