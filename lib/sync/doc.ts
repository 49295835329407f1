/**
 * The documents that replicate, before encryption, and the one merge rule that makes every device agree.
 *
 * A document is a set of registers, each with the stamp (lib/sync/hlc.ts) of the edit that wrote it:
 * - `f`: one register per field, `{ v, s }`. Two versions of a field merge to the one with the higher rank
 *   (most fields have none; see `rankOf`), then the later stamp, then (a tie no clock makes) the larger JSON.
 * - `sets`: per-element registers `{ p, s }` (present or not, and when that was decided) for the paper's tags and
 *   sites. An element merges like a field: the later decision wins. So a tag added on one device and removed on
 *   another ends as the later of the two actions says, on every device.
 * - `g`: a grow-only set (sightings): the union.
 * The merge of two documents is per register, so it is commutative, associative and idempotent: any devices that
 * have seen the same versions, in any order and any number of times, hold the same document (tests/sync/converge).
 * A note edited on two devices keeps the later edit whole (notes are not merged line by line); the earlier text is
 * not shown, but is not silently half-merged either.
 * Two records found to be one paper (a shared DOI) are merged on one device (lib/paper/resolve.ts): the merged-away
 * paper's document is deleted with `mergedInto` naming the survivor under the same stamp, and the survivor's
 * `absorbed` set names it. Every device makes the survivor's record from its own document joined with those it
 * absorbed (lib/sync/records.ts `foldMerged`), so an edit made to the merged-away paper on a device that had not
 * heard of the merge lands on the survivor; an undo of the merge (a later restore) ends the join.
 * Fields, sets and top-level keys this version does not know (written by a newer Paperlane) are merged by the same
 * rules and kept, so that the newer version finds them again.
 */
import { Sighting } from '../paper/schema';
import { z } from '../paper/zod';
import { STAMP_PATTERN, ZERO_STAMP } from './hlc';

export const DOC_FORMAT = 1;

export const Register = z.object({ v: z.unknown(), s: z.string().regex(STAMP_PATTERN) });
export type Register = { v: unknown; s: string };
export const SetRegister = z.object({ p: z.boolean(), s: z.string().regex(STAMP_PATTERN) });
export type SetRegister = z.infer<typeof SetRegister>;

/** The plaintext of a replicated document, checked before anything reads it (after decryption). */
export const SyncDoc = z.looseObject({
  format: z.literal(DOC_FORMAT),
  /** `paper`, `tag` or `settings`; a kind this version does not know is kept and left alone. */
  kind: z.string().min(1).max(32),
  /** The paper's id, the tag's name, or '' for the settings. */
  key: z.string().max(2048),
  f: z.record(z.string().max(64), Register),
  sets: z.record(z.string().max(64), z.record(z.string().max(2048), SetRegister)).default({}),
  g: z.array(Sighting).max(100_000).default([]),
});
export type SyncDoc = {
  format: typeof DOC_FORMAT;
  kind: string;
  key: string;
  f: Record<string, Register>;
  sets: Record<string, Record<string, SetRegister>>;
  g: Sighting[];
  [extra: string]: unknown;
};

export function emptyDoc(kind: string, key: string): SyncDoc {
  return { format: DOC_FORMAT, kind, key, f: {}, sets: {}, g: [] };
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * JSON with object keys sorted, so that equal values give equal text whatever order they were built in. Written
 * out rather than through JSON.stringify's replacer, which copies every object and was ten times slower.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i ? ',' : '') + (item === undefined || typeof item === 'function' ? 'null' : stableJson(item));
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(byString);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${stableJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Fields whose value outranks time: an author list is never replaced by a shorter one (a search page shows 25
 * authors of 300), a version never by a lower one, and the times merge to the earliest (addedAt) or latest.
 */
function rankOf(kind: string, field: string, value: unknown): number {
  if (kind === 'paper') {
    if (field === 'authors' && Array.isArray(value)) return value.length;
    if (
      (field === 'version' || field === 'authorCount' || field === 'updatedAt' || field === 'lastSeenAt') &&
      typeof value === 'number'
    )
      return value;
    if (field === 'addedAt' && typeof value === 'number') return -value;
  }
  if (kind === 'tag' && field === 'createdAt' && typeof value === 'number') return -value;
  return Number.NEGATIVE_INFINITY;
}

/** Whether register `a` wins over `b` for `field` of a `kind` document. */
export function wins(kind: string, field: string, a: Register, b: Register): boolean {
  const ra = rankOf(kind, field, a.v);
  const rb = rankOf(kind, field, b.v);
  if (ra !== rb) return ra > rb;
  if (a.s !== b.s) return a.s > b.s;
  return stableJson(a.v) > stableJson(b.v);
}

function joinSet(a: Record<string, SetRegister>, b: Record<string, SetRegister>): Record<string, SetRegister> {
  const out = { ...a };
  for (const [element, reg] of Object.entries(b)) {
    const mine = out[element];
    // Equal stamps with different answers come from no clock; removal wins so the answer is the same everywhere.
    if (!mine || reg.s > mine.s || (reg.s === mine.s && !reg.p)) out[element] = reg;
  }
  return out;
}

/** What tells two sightings apart: one card, on one page, at one moment. */
export function sightingKey(s: Sighting): string {
  return JSON.stringify([s.paperId, s.seenAt, s.site, s.pageUrl, s.section, s.rank]);
}

function sightingOrder(a: Sighting, b: Sighting): number {
  return a.seenAt - b.seenAt || byString(sightingKey(a), sightingKey(b));
}

/** The union of two lists of sightings, each once, in a fixed order. */
export function unionSightings(a: readonly Sighting[], b: readonly Sighting[]): Sighting[] {
  const seen = new Map<string, Sighting>();
  for (const s of a) seen.set(sightingKey(s), s);
  for (const s of b) if (!seen.has(sightingKey(s))) seen.set(sightingKey(s), s);
  return [...seen.values()].sort(sightingOrder);
}

const KNOWN_TOP = new Set(['format', 'kind', 'key', 'f', 'sets', 'g']);

/** The merge of two versions of one document (same kind and key). */
export function mergeDocs(a: SyncDoc, b: SyncDoc): SyncDoc {
  if (a.kind !== b.kind || a.key !== b.key) throw new Error('cannot merge two different documents');
  const f = { ...a.f };
  for (const [field, reg] of Object.entries(b.f)) {
    const mine = f[field];
    if (!mine || wins(a.kind, field, reg, mine)) f[field] = reg;
  }
  const sets = { ...a.sets };
  for (const [name, set] of Object.entries(b.sets)) sets[name] = joinSet(sets[name] ?? {}, set);
  const out: SyncDoc = { format: DOC_FORMAT, kind: a.kind, key: a.key, f, sets, g: unionSightings(a.g, b.g) };
  // Top-level keys of a newer version: kept, the larger JSON winning, so that the choice is the same everywhere.
  for (const source of [a, b]) {
    for (const [k, v] of Object.entries(source)) {
      if (KNOWN_TOP.has(k)) continue;
      const mine = out[k];
      if (mine === undefined || stableJson(v) > stableJson(mine)) out[k] = v;
    }
  }
  return out;
}

/** All versions of a document (the leaf revisions of a CouchDB conflict) merged into one. */
export function mergeAll(docs: readonly SyncDoc[]): SyncDoc | null {
  let out: SyncDoc | null = null;
  for (const doc of docs) out = out ? mergeDocs(out, doc) : doc;
  return out;
}

/** Sets a field to a value written at `stamp`, if that wins over what the document holds. */
export function writeField(doc: SyncDoc, field: string, value: unknown, stamp: string): boolean {
  const next = { v: value, s: stamp };
  const mine = doc.f[field];
  if (mine && !wins(doc.kind, field, next, mine)) return false;
  doc.f[field] = next;
  return true;
}

/** Sets an element of a set as present or not at `stamp`, if that wins; says whether the document changed. */
export function writeElement(doc: SyncDoc, set: string, element: string, present: boolean, stamp: string): boolean {
  const elements = doc.sets[set] ?? {};
  const mine = elements[element];
  if (mine && !(stamp > mine.s || (stamp === mine.s && !present && mine.p))) return false;
  doc.sets[set] = { ...elements, [element]: { p: present, s: stamp } };
  return true;
}

/** Present elements of a set, in the order they were added (then by name), the same on every device. */
export function presentElements(doc: SyncDoc, set: string): string[] {
  return Object.entries(doc.sets[set] ?? {})
    .filter(([, reg]) => reg.p)
    .sort(([a, ra], [b, rb]) => byString(ra.s, rb.s) || byString(a, b))
    .map(([element]) => element);
}

/** The largest stamp in a document: the clock observes it so that later local edits are stamped later. */
export function latestStamp(doc: SyncDoc): string {
  let latest = ZERO_STAMP;
  for (const reg of Object.values(doc.f)) if (reg.s > latest) latest = reg.s;
  for (const set of Object.values(doc.sets)) for (const reg of Object.values(set)) if (reg.s > latest) latest = reg.s;
  return latest;
}
