/**
 * Which stored paper a record is, and what happens when it turns out to be two: pure, so the library (lib/db, over
 * the papers one transaction read) and the import plan (lib/export/backup.ts, over the whole library) decide alike.
 */
import {
  canonicalIdOf,
  contentKeyOf,
  idKind,
  isStrongKind,
  isValidIdOf,
  lookupKeysOf,
  sameWork,
  type WorkFields,
} from './identity';
import { mergeLibraryPapers } from './merge';
import type { LibraryPaper } from './schema';

function union(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out.size === a.length ? (a as string[]) : [...out];
}

/** The keys a stored paper is found by: its aliases (its id among them) and whatever its fields name today. */
export function keysOfPaper(paper: LibraryPaper): string[] {
  // Papers built by hand in tests, and stored before aliases existed, may lack the field.
  return union(paper.aliases ?? [], lookupKeysOf(paper));
}

/** A paper whose aliases hold every key it is found by. */
export function withLookupKeys(paper: LibraryPaper): LibraryPaper {
  const aliases = keysOfPaper(paper);
  return aliases === paper.aliases ? paper : { ...paper, aliases };
}

/** Papers by id and by every key they are found by. */
export class PaperIndex {
  private readonly byId = new Map<string, LibraryPaper>();
  private readonly keysById = new Map<string, readonly string[]>();
  /** The ids filed under each key: most keys name one paper, kept as its id alone rather than a set of one. */
  private readonly byKey = new Map<string, string | Set<string>>();

  /**
   * `filed`: the papers come from the library, where every paper's aliases already hold all its keys
   * (withLookupKeys on every write, and the v5 migration), so they are not worked out again.
   */
  constructor(papers: Iterable<LibraryPaper> = [], options: { filed?: boolean } = {}) {
    for (const paper of papers) this.put(paper, options.filed ? paper.aliases : undefined);
  }

  get(id: string): LibraryPaper | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<LibraryPaper> {
    return this.byId.values();
  }

  /** Adds or replaces a paper; `keys` when they are known to be all of its keys. */
  put(paper: LibraryPaper, keys: readonly string[] = keysOfPaper(paper)): void {
    if (this.byId.has(paper.id)) this.delete(paper.id);
    this.byId.set(paper.id, paper);
    this.keysById.set(paper.id, keys);
    for (const key of keys) this.file(key, paper.id);
    // The id is always a key, even for a paper filed before its aliases listed it.
    this.file(paper.id, paper.id);
  }

  private file(key: string, id: string): void {
    const ids = this.byKey.get(key);
    if (ids === undefined) this.byKey.set(key, id);
    else if (typeof ids !== 'string') ids.add(id);
    else if (ids !== id) this.byKey.set(key, new Set([ids, id]));
  }

  private unfile(key: string, id: string): void {
    const ids = this.byKey.get(key);
    if (ids === id) this.byKey.delete(key);
    else if (ids !== undefined && typeof ids !== 'string') ids.delete(id);
  }

  delete(id: string): void {
    if (!this.byId.delete(id)) return;
    for (const key of this.keysById.get(id) ?? []) this.unfile(key, id);
    this.unfile(id, id);
    this.keysById.delete(id);
  }

  /**
   * The stored papers `record` is: every one that shares a strong identifier with it, and every one that shares a
   * weak one (URL, ISBN, content key) and is the same work by its content (sameWork). In the order found, the
   * record's best identifier first. `keys`: the record's lookupKeysOf, when already worked out.
   */
  matches(
    record: WorkFields,
    keys: readonly string[] = lookupKeysOf(record),
    distinct: (paper: LibraryPaper) => boolean = () => false,
  ): LibraryPaper[] {
    let found: Map<string, LibraryPaper> | null = null;
    for (const key of keys) {
      const ids = this.byKey.get(key);
      if (ids === undefined) continue;
      const strong = isStrongKind(idKind(key));
      for (const id of typeof ids === 'string' ? [ids] : ids) {
        const paper = this.byId.get(id);
        if (paper && !found?.has(id) && (strong || (sameWork(record, paper) && !distinct(paper)))) {
          found ??= new Map();
          found.set(id, paper);
        }
      }
    }
    return found ? [...found.values()] : [];
  }
}

/** Several stored copies of one work made into one (lib/paper/merge.ts mergeLibraryPapers, field by field). */
export function mergeStoredPapers(papers: readonly LibraryPaper[]): LibraryPaper {
  const [first, ...rest] = papers;
  if (!first) throw new Error('nothing to merge');
  let merged = first;
  for (const paper of rest) {
    merged = mergeLibraryPapers(merged, { ...paper, id: merged.id });
    merged.aliases = union(merged.aliases ?? [], [paper.id]);
  }
  return merged;
}

export interface Placement {
  /** The paper as it is to be stored. */
  paper: LibraryPaper;
  /** The stored papers it replaces (merged into it); those whose id is not `paper.id` are to be deleted. */
  replaced: LibraryPaper[];
}

/**
 * Files `incoming` (a record or an imported paper) into `index`: finds the stored papers it is, merges them and it
 * (`combine` says how it meets the stored paper, or makes a new one), chooses the id and updates the index.
 *
 * The id: the best identifier when one is strong (schema rule); otherwise a stored id or the incoming one, so a
 * paper filed under a URL or a content key stays there. An id that another work already holds is not taken: a
 * strong one means that paper is the same work and joins the merge; a weak one (the chapters of one book each
 * linking to the book) gives way to the content key.
 * `distinct`: stored papers known to be other works than `incoming` whatever their content (two cards of one page),
 * which a weak identifier alone then never joins to it.
 */
export function place(
  index: PaperIndex,
  incoming: WorkFields,
  combine: (stored: LibraryPaper | null) => LibraryPaper,
  incomingKeys: readonly string[] = lookupKeysOf(incoming),
  distinct?: (paper: LibraryPaper) => boolean,
): Placement {
  const matches = index.matches(incoming, incomingKeys, distinct);
  if (!matches.length && !index.get(incoming.id)) {
    // The common case, every new card of a listing: nothing stored is this work and its id is free. The paper is
    // made from `incoming` alone, so it keeps the id the schema accepted for it, and its keys are the incoming ones.
    const paper = combine(null);
    if (paper.id === incoming.id) {
      const final = { ...paper, aliases: union(paper.aliases ?? [], incomingKeys) };
      index.put(final, final.aliases);
      return { paper: final, replaced: [] };
    }
  }
  for (let round = 0; round < 8; round++) {
    const stored = matches.length ? mergeStoredPapers(matches) : null;
    const combined = combine(stored);
    const paper = {
      ...combined,
      aliases: union(
        combined.aliases ?? [],
        matches.map((m) => m.id),
      ),
    };
    const candidates = [...matches.map((m) => m.id), incoming.id, canonicalIdOf(paper), contentKeyOf(paper)];
    let joins: LibraryPaper | null = null;
    let chosen: string | null = null;
    for (const id of candidates) {
      if (!id || !isValidIdOf(paper, id)) continue;
      const holder = index.get(id);
      if (holder && !matches.includes(holder)) {
        if (isStrongKind(idKind(id))) {
          joins = holder;
          break;
        }
        continue;
      }
      chosen = id;
      break;
    }
    if (joins) {
      matches.push(joins);
      continue;
    }
    if (!chosen) throw new Error(`no free id for "${paper.title}": every id it could have belongs to another work`);
    const final = withLookupKeys({ ...paper, id: chosen });
    for (const m of matches) index.delete(m.id);
    index.put(final, final.aliases);
    return { paper: final, replaced: matches };
  }
  throw new Error(`"${incoming.title}" shares identifiers with too many papers to merge them`);
}
