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
  private readonly byKey = new Map<string, Set<string>>();

  constructor(papers: Iterable<LibraryPaper> = []) {
    for (const paper of papers) this.put(paper);
  }

  get(id: string): LibraryPaper | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<LibraryPaper> {
    return this.byId.values();
  }

  put(paper: LibraryPaper): void {
    if (this.byId.has(paper.id)) this.delete(paper.id);
    this.byId.set(paper.id, paper);
    for (const key of keysOfPaper(paper)) {
      const ids = this.byKey.get(key);
      if (ids) ids.add(paper.id);
      else this.byKey.set(key, new Set([paper.id]));
    }
  }

  delete(id: string): void {
    const paper = this.byId.get(id);
    if (!paper) return;
    this.byId.delete(id);
    for (const key of keysOfPaper(paper)) this.byKey.get(key)?.delete(id);
  }

  /**
   * The stored papers `record` is: every one that shares a strong identifier with it, and every one that shares a
   * weak one (URL, ISBN, content key) and is the same work by its content (sameWork). In the order found, the
   * record's best identifier first.
   */
  matches(record: WorkFields): LibraryPaper[] {
    const found = new Map<string, LibraryPaper>();
    for (const key of lookupKeysOf(record)) {
      const ids = this.byKey.get(key);
      if (!ids) continue;
      const strong = isStrongKind(idKind(key));
      for (const id of ids) {
        const paper = this.byId.get(id);
        if (paper && !found.has(id) && (strong || sameWork(record, paper))) found.set(id, paper);
      }
    }
    return [...found.values()];
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
 */
export function place(
  index: PaperIndex,
  incoming: WorkFields,
  combine: (stored: LibraryPaper | null) => LibraryPaper,
): Placement {
  const matches = index.matches(incoming);
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
    index.put(final);
    return { paper: final, replaced: matches };
  }
  throw new Error(`"${incoming.title}" shares identifiers with too many papers to merge them`);
}
