/**
 * Two papers that replication shows to be one work: a paper pulled from another device shares a strong identifier
 * (lib/paper/identity.ts: an arXiv id, a DOI, a PMID, ...; never a URL, an ISBN or a content key, which the chapters
 * of one book share) with a paper of this library. They are merged as the library merges two stored copies of one
 * work (lib/paper/resolve.ts mergeStoredPapers: the union of the user's decisions), and the merge then replicates
 * as every merge does (lib/sync/records.ts: the merged-away paper's tombstone names the survivor).
 *
 * Every device that holds both papers makes this merge on its own, so it must be the same merge everywhere: the
 * survivor and the merged record are decided from the two records' contents alone, never from which arrived
 * first. Two devices making it at once write the same tombstone and the same `absorbed` element, which merge.
 *
 * Not merged: two papers with different identifiers of one strong kind (two arXiv ids, two DOIs: a wrong identifier
 * on one of them, which a person decides), and two papers a merge already joined or parted (one names the other in
 * its `absorbed` set or its `mergedInto`): the merge in flight, or its undo, decides those, and an undone merge is
 * never made again behind the person's back.
 */
import { identifiersOf, idKind, isStrongKind, isValidIdOf, RANK } from '../paper/identity';
import { mergeStoredPapers, withLookupKeys } from '../paper/resolve';
import { LibraryPaper } from '../paper/schema';
import type { SyncDoc } from './doc';

/** The strong identifiers a paper is known by: its id and its identifiers (aliases among them). */
export function strongKeysOf(paper: LibraryPaper): string[] {
  const keys = new Set<string>();
  for (const id of [paper.id, ...identifiersOf(paper)]) if (isStrongKind(idKind(id))) keys.add(id);
  return [...keys];
}

/** Whether the two hold identifiers of one strong kind and share none of that kind. */
function conflicting(a: readonly string[], b: readonly string[]): boolean {
  const kinds = new Map<string, Set<string>>();
  for (const id of a) {
    const set = kinds.get(idKind(id)) ?? new Set<string>();
    set.add(id);
    kinds.set(idKind(id), set);
  }
  const seen = new Map<string, boolean>();
  for (const id of b) {
    const mine = kinds.get(idKind(id));
    if (!mine) continue;
    seen.set(idKind(id), (seen.get(idKind(id)) ?? false) || mine.has(id));
  }
  return [...seen.values()].some((shared) => !shared);
}

/** Whether a document names `other` as merged into it, or as the paper it was merged into (now or once). */
export function mergeHistory(doc: SyncDoc | null | undefined, other: string): boolean {
  if (!doc) return false;
  return doc.sets.absorbed?.[other] !== undefined || doc.f.mergedInto?.v === other;
}

/** Better first: the id's kind by RANK, then the id's order. */
function better(a: LibraryPaper, b: LibraryPaper): number {
  const ra = RANK.indexOf(idKind(a.id));
  const rb = RANK.indexOf(idKind(b.id));
  if (ra !== rb) return ra - rb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export type IdentityMerge = { survivor: string; loser: string; paper: LibraryPaper };

/**
 * The merge of two papers that share a strong identifier, or null when they are not to be merged. The survivor is
 * the paper with the better id (by RANK, then by id order) when the merged record may keep it (the schema: a paper's
 * id is its best identifier), else the other.
 */
export function identityMerge(a: LibraryPaper, b: LibraryPaper): IdentityMerge | null {
  if (a.id === b.id) return null;
  const ka = strongKeysOf(a);
  const kb = strongKeysOf(b);
  if (!ka.some((k) => kb.includes(k)) || conflicting(ka, kb)) return null;
  const ordered = better(a, b) <= 0 ? [a, b] : [b, a];
  for (const [survivor, loser] of [ordered, [ordered[1], ordered[0]]] as [LibraryPaper, LibraryPaper][]) {
    const merged = withLookupKeys({ ...mergeStoredPapers([survivor, loser]), id: survivor.id });
    if (!isValidIdOf(merged, survivor.id)) continue;
    const parsed = LibraryPaper.safeParse(merged);
    if (parsed.success) return { survivor: survivor.id, loser: loser.id, paper: parsed.data };
  }
  return null;
}
