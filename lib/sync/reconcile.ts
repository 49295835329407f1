/**
 * One reconciliation: the library's records and the replicated documents made to agree, for the records named.
 * The same code runs in the background (PouchDB and the IndexedDB library), in the command line (PouchDB and a
 * backup file) and in the property test (in-memory stores).
 *
 * Order matters for "no acknowledged edit is lost": the documents are written first, the library second, and the
 * library only where it still holds what was read (a compare-and-set inside its transaction). A crash between the
 * two leaves an edit that is in the documents and still differs from its shadow: the next pass stamps it again,
 * which changes nothing. An edit made while a pass ran makes that record's write fail its check, and the record
 * is reconciled again.
 */

import type { LibraryPaper, Sighting, TagInfo } from '../paper/schema';
import type { Settings } from '../settings';
import { SettingsPatch } from '../settings';
import { latestStamp, mergeAll, presentElements, type SyncDoc, sightingKey, stableJson } from './doc';
import type { HybridClock } from './hlc';
import { type IdentityMerge, identityMerge, mergeHistory, strongKeysOf } from './identity-merge';
import {
  type Absorbed,
  capturePaper,
  captureSettings,
  captureTag,
  foldMerged,
  hashValue,
  type LocalPaper,
  materialisePaper,
  materialiseSettings,
  materialiseTag,
  mergedInto,
  type PaperShadow,
  paperShadow,
  type SettingsShadow,
  type SyncedSettings,
  settingsShadow,
  type TagShadow,
  tagShadow,
} from './records';

export type DocKind = 'paper' | 'tag' | 'settings';

/** Every version of one document that a device holds. */
export type DocVersions = {
  /** The CouchDB winner's revision (null: the document does not exist yet). */
  winnerRev: string | null;
  /** The winner's plaintext, if it could be read. */
  winner: SyncDoc | null;
  /** Every readable leaf, the winner included. */
  docs: SyncDoc[];
  /** Revisions of the readable leaves that are not the winner: merged, then removed. */
  loserRevs: string[];
  /** Leaves that could not be decrypted or failed the schema: skipped, counted, left alone. */
  invalid: number;
};

export type DocWrite = {
  docId: string;
  /** The merged document, or null when the winner already holds it and only the losers are removed. */
  doc: SyncDoc | null;
  winnerRev: string | null;
  loserRevs: string[];
};

/** The replicated documents as one device holds them (decrypted on read, encrypted on write). */
export interface DocStore {
  docId(kind: DocKind, key: string): Promise<string>;
  read(docIds: readonly string[]): Promise<Map<string, DocVersions>>;
  /** Every document this device holds (for a full pass). */
  readAll(): Promise<Map<string, DocVersions>>;
  /** Returns the ids whose write was refused because another revision arrived meanwhile. */
  write(writes: readonly DocWrite[]): Promise<string[]>;
}

export type LocalSnapshot = {
  papers: Map<string, LocalPaper>;
  paperShadows: Map<string, PaperShadow>;
  tags: Map<string, TagInfo>;
  tagShadows: Map<string, TagShadow>;
  settings: Settings;
  settingsShadow: SettingsShadow | null;
};

/** A change to one paper of the library, made only if the stored paper still hashes to `expected`. */
export type PaperWrite = {
  id: string;
  expected: string;
  /** null: remove the paper; undefined: leave the record alone and write only the shadow. */
  next: LocalPaper['paper'] | null | undefined;
  addSightings: Sighting[];
  shadow: PaperShadow;
};
export type TagWrite = { name: string; expected: string; next: TagInfo | null | undefined; shadow: TagShadow };
export type SettingsWrite = { expected: string; next: Partial<SyncedSettings> | undefined; shadow: SettingsShadow };
export type LocalWrite = { papers: PaperWrite[]; tags: TagWrite[]; settings: SettingsWrite | null };

/** The library as sync reads and writes it. */
export interface LocalStore {
  /** The papers named (all of them for 'all'), with their sightings and shadows; every tag; the settings. */
  snapshot(paperIds: readonly string[] | 'all'): Promise<LocalSnapshot>;
  /** Writes what still holds; returns the paper ids and tag names (`tag:` + name, `settings`) that did not. */
  apply(write: LocalWrite): Promise<string[]>;
  /** The papers of the library known by any of these keys (their ids or aliases). */
  papersByKeys(keys: readonly string[]): Promise<LibraryPaper[]>;
  /**
   * Merges `loser` into `survivor` (the merged record `paper`, the loser's sightings moved to it), as the library
   * merges two stored copies of one work, if both still hash to `expected`; returns whether it did.
   */
  merge(merge: IdentityMerge & { expected: Record<string, string> }): Promise<boolean>;
}

/** What a local record hashes to, for the compare-and-set: null when absent. */
export const localHash = (value: unknown): string => hashValue(value ?? null);

export type Want = { papers: readonly string[] | 'all'; tags: boolean; settings: boolean; docIds?: readonly string[] };

export type ReconcileReport = {
  /** Documents written (merged or resolved) to the document store. */
  docsWritten: number;
  /** Library records written or removed. */
  localWritten: number;
  /** Versions skipped because they could not be read or failed the schema. */
  invalid: number;
  /** One line per skipped document, for the status and the command line (no content of the document). */
  problems: string[];
};

const MAX_PASSES = 5;
/** Merges of merged papers followed when a merged-away paper's document changes. */
const MERGE_HOPS = 4;

export async function reconcile(
  docs: DocStore,
  local: LocalStore,
  clock: HybridClock,
  want: Want,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { docsWritten: 0, localWritten: 0, invalid: 0, problems: [] };
  let current: Want = want;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const retry = await reconcileOnce(docs, local, clock, current, report);
    if (!retry.papers.length && !retry.tags && !retry.settings) return report;
    current = { papers: retry.papers, tags: retry.tags, settings: retry.settings };
  }
  report.problems.push('Some records changed during every pass; they will be synced with the next change.');
  return report;
}

type Retry = { papers: string[]; tags: boolean; settings: boolean };

async function reconcileOnce(
  docs: DocStore,
  local: LocalStore,
  clock: HybridClock,
  want: Want,
  report: ReconcileReport,
): Promise<Retry> {
  const all = want.papers === 'all';
  let versions = new Map<string, DocVersions>();
  const paperKeys = new Set<string>(all ? [] : want.papers);
  let tags = want.tags || all;
  let settings = want.settings || all;
  if (all) versions = await docs.readAll();
  else if (want.docIds?.length) versions = await docs.read(want.docIds);
  for (const v of versions.values()) {
    for (const doc of v.docs) {
      clock.observe(latestStamp(doc));
      if (doc.kind === 'paper') paperKeys.add(doc.key);
      else if (doc.kind === 'tag') tags = true;
      else if (doc.kind === 'settings') settings = true;
    }
  }

  const snapshot = await local.snapshot(all ? 'all' : [...paperKeys]);
  if (all) {
    for (const id of snapshot.papers.keys()) paperKeys.add(id);
    for (const id of snapshot.paperShadows.keys()) paperKeys.add(id);
  }
  const tagNames = new Set<string>();
  if (tags) {
    for (const name of snapshot.tags.keys()) tagNames.add(name);
    for (const name of snapshot.tagShadows.keys()) tagNames.add(name);
    for (const v of versions.values()) for (const d of v.docs) if (d.kind === 'tag') tagNames.add(d.key);
  }

  // Every document needed that the first read did not bring.
  const names: { kind: DocKind; key: string }[] = [
    ...[...paperKeys].map((key) => ({ kind: 'paper' as const, key })),
    ...[...tagNames].map((key) => ({ kind: 'tag' as const, key })),
    ...(settings ? [{ kind: 'settings' as const, key: '' }] : []),
  ];
  const ids = await Promise.all(names.map((n) => docs.docId(n.kind, n.key)));
  const wanted = names.map((n, i) => ({ ...n, docId: ids[i] as string }));
  const missing = wanted.filter((w) => !versions.has(w.docId)).map((w) => w.docId);
  if (missing.length) {
    for (const [id, v] of await docs.read(missing)) {
      versions.set(id, v);
      for (const doc of v.docs) clock.observe(latestStamp(doc));
    }
  }

  // Merges: the paper a merged-away paper went into is reconciled with it (its record is the join of both), and so
  // is every paper that a survivor took in; a few hops, for merges of merged papers.
  let added = wanted.filter((w) => w.kind === 'paper');
  for (let hop = 0; hop < MERGE_HOPS && added.length; hop++) {
    const more = new Set<string>();
    for (const w of added) {
      const doc = mergeAll(versions.get(w.docId)?.docs ?? []);
      if (!doc) continue;
      const into = mergedInto(doc);
      if (into !== null && !paperKeys.has(into)) more.add(into);
      for (const key of presentElements(doc, 'absorbed')) if (!paperKeys.has(key)) more.add(key);
    }
    if (!more.size) break;
    const keys = [...more];
    for (const key of keys) paperKeys.add(key);
    const moreIds = await Promise.all(keys.map((key) => docs.docId('paper', key)));
    added = keys.map((key, i) => ({ kind: 'paper' as const, key, docId: moreIds[i] as string }));
    wanted.push(...added);
    const unread = moreIds.filter((id) => !versions.has(id));
    if (unread.length) {
      for (const [id, v] of await docs.read(unread)) {
        versions.set(id, v);
        for (const doc of v.docs) clock.observe(latestStamp(doc));
      }
    }
    if (!all) {
      const extra = await local.snapshot(keys);
      for (const [id, p] of extra.papers) snapshot.papers.set(id, p);
      for (const [id, sh] of extra.paperShadows) snapshot.paperShadows.set(id, sh);
    }
  }

  // Documents that named nothing readable (no version decrypts and passes the schema): counted here, since no
  // record asks for them.
  const wantedIds = new Set(wanted.map((w) => w.docId));
  for (const [id, v] of versions) {
    if (wantedIds.has(id) || v.docs.length) continue;
    report.invalid += v.invalid;
    report.problems.push(`a document (${id.slice(0, 12)}…) could not be read and was skipped`);
  }

  // Which paper names which other among its aliases: a paper gone from the library and named by another was
  // merged into it.
  const aliasOf = new Map<string, string>();
  for (const { paper } of snapshot.papers.values()) {
    for (const alias of paper.aliases ?? []) if (alias !== paper.id) aliasOf.set(alias, paper.id);
  }

  // Merges made here since the last pass: a paper gone from the library, in step when last synced, whose id another
  // paper now holds among its aliases.
  const absorbedBy = new Map<string, Absorbed[]>();
  for (const { kind, key, docId } of wanted) {
    const into = kind === 'paper' ? aliasOf.get(key) : undefined;
    const shadow = snapshot.paperShadows.get(key);
    if (!into || !shadow?.present || snapshot.papers.has(key)) continue;
    const absorbed = { key, shadow, doc: mergeAll(versions.get(docId)?.docs ?? []) };
    const list = absorbedBy.get(into);
    if (list) list.push(absorbed);
    else absorbedBy.set(into, [absorbed]);
  }
  // Every paper's document after this device's edits, before any is made into a record: a survivor's record needs
  // the documents of the papers merged into it as they are after this pass.
  const captured = new Map<string, SyncDoc>();
  for (const { kind, key, docId } of wanted) {
    if (kind !== 'paper') continue;
    const v = versions.get(docId);
    if (v && v.docs.length === 0 && v.invalid > 0) continue;
    const localPaper = snapshot.papers.get(key);
    const merged = capturePaper(
      v ? mergeAll(v.docs) : null,
      snapshot.paperShadows.get(key),
      localPaper,
      clock,
      localPaper ? undefined : aliasOf.get(key),
      absorbedBy.get(key),
    );
    if (merged) captured.set(key, merged);
  }
  const folded = (key: string, seen: ReadonlySet<string>): SyncDoc | null => {
    const doc = captured.get(key);
    if (!doc) return null;
    const sources: SyncDoc[] = [];
    for (const other of presentElements(doc, 'absorbed')) {
      const source = captured.get(other);
      if (seen.has(other) || !source || mergedInto(source) !== key) continue;
      sources.push(folded(other, new Set([...seen, other])) ?? source);
    }
    return sources.length ? foldMerged(doc, sources) : doc;
  };

  const docWrites: DocWrite[] = [];
  const pendingLocal: { docId: string; apply: () => void }[] = [];
  const write: LocalWrite = { papers: [], tags: [], settings: null };
  const skip = (what: string, v: DocVersions | undefined, problem?: string) => {
    report.invalid += v?.invalid ?? 0;
    if (problem) {
      report.invalid++;
      report.problems.push(`${what}: ${problem}`);
    } else if (v?.invalid) report.problems.push(`${what}: ${v.invalid} version(s) could not be read and were skipped`);
  };

  for (const { kind, key, docId } of wanted) {
    const v = versions.get(docId);
    // A document that exists on this device but of which no version can be read is left alone, and so is the
    // library's record: its edits wait until a readable version arrives.
    if (v && v.docs.length === 0 && v.invalid > 0) {
      skip(`a ${kind}`, v);
      continue;
    }
    const base = v ? mergeAll(v.docs) : null;
    if (v?.invalid) skip(`a ${kind}`, v);
    if (kind === 'paper') {
      const localPaper = snapshot.papers.get(key);
      const shadow = snapshot.paperShadows.get(key);
      const merged = captured.get(key);
      if (!merged) continue;
      const made = materialisePaper(folded(key, new Set([key])) ?? merged);
      if (!made.ok) {
        skip('a paper', undefined, `failed the schema (${made.error}) and was skipped`);
        continue;
      }
      queueDoc(docWrites, docId, v, merged);
      const have = localPaper?.paper ?? null;
      const same = stableJson(have) === stableJson(made.paper);
      const present = new Set((localPaper?.sightings ?? []).map(sightingKey));
      const addSightings = made.paper ? made.sightings.filter((s) => !present.has(sightingKey(s))) : [];
      const nextShadow = paperShadow(made.paper, shadow);
      if (same && !addSightings.length && shadow && sameShadow(shadow, nextShadow)) continue;
      pendingLocal.push({
        docId,
        apply: () =>
          write.papers.push({
            id: key,
            expected: localHash(have),
            next: same ? undefined : made.paper,
            addSightings,
            shadow: nextShadow,
          }),
      });
    } else if (kind === 'tag') {
      const localTag = snapshot.tags.get(key);
      const shadow = snapshot.tagShadows.get(key);
      const merged = captureTag(base, shadow, localTag, clock);
      if (!merged) continue;
      const made = materialiseTag(merged);
      if (!made.ok) {
        skip('a tag', undefined, `failed the schema (${made.error}) and was skipped`);
        continue;
      }
      queueDoc(docWrites, docId, v, merged);
      const have = localTag ?? null;
      const same = stableJson(have) === stableJson(made.tag);
      const nextShadow = tagShadow(made.tag, shadow);
      if (same && shadow && sameShadow(shadow, nextShadow)) continue;
      pendingLocal.push({
        docId,
        apply: () =>
          write.tags.push({
            name: key,
            expected: localHash(have),
            next: same ? undefined : made.tag,
            shadow: nextShadow,
          }),
      });
    } else {
      const merged = captureSettings(base, snapshot.settingsShadow ?? undefined, snapshot.settings, clock);
      if (!merged) continue;
      const parsed = SettingsPatch.safeParse(materialiseSettings(merged));
      if (!parsed.success) {
        skip('the settings', undefined, 'failed the schema and were skipped');
        continue;
      }
      queueDoc(docWrites, docId, v, merged);
      const next = { ...snapshot.settings, ...parsed.data };
      const nextShadow = settingsShadow(next);
      const same = stableJson(next) === stableJson(snapshot.settings);
      if (same && sameShadow(snapshot.settingsShadow, nextShadow)) continue;
      pendingLocal.push({
        docId,
        apply: () => {
          write.settings = {
            expected: localHash(snapshot.settings),
            next: same ? undefined : parsed.data,
            shadow: nextShadow,
          };
        },
      });
    }
  }

  const refused = new Set(docWrites.length ? await docs.write(docWrites) : []);
  report.docsWritten += docWrites.length - refused.size;
  for (const p of pendingLocal) if (!refused.has(p.docId)) p.apply();
  const retry: Retry = { papers: [], tags: false, settings: false };
  // A document refused because a new revision arrived: reconciled again with it.
  for (const w of wanted) {
    if (!refused.has(w.docId)) continue;
    if (w.kind === 'paper') retry.papers.push(w.key);
    else if (w.kind === 'tag') retry.tags = true;
    else retry.settings = true;
  }
  if (write.papers.length || write.tags.length || write.settings) {
    const stale = await local.apply(write);
    report.localWritten += write.papers.length + write.tags.length + (write.settings ? 1 : 0) - stale.length;
    for (const s of stale) {
      if (s === 'settings') retry.settings = true;
      else if (s.startsWith('tag:')) retry.tags = true;
      else retry.papers.push(s);
    }
    const refusedIds = new Set(stale);
    const pulled = write.papers.filter((w) => w.next && !refusedIds.has(w.id)).map((w) => w.next as LibraryPaper);
    if (pulled.length) retry.papers.push(...(await mergeSameWorks(docs, local, pulled, captured)));
  }
  return retry;
}

/**
 * Papers just written from the documents that share a strong identifier with another paper of the library: merged
 * (lib/sync/identity-merge.ts), one merge per paper per pass. Returns the ids merged, for the next pass, which
 * writes the merge into the documents as it does for a merge made by the library.
 */
async function mergeSameWorks(
  docs: DocStore,
  local: LocalStore,
  pulled: readonly LibraryPaper[],
  captured: ReadonlyMap<string, SyncDoc>,
): Promise<string[]> {
  const keys = new Set<string>();
  for (const paper of pulled) for (const key of strongKeysOf(paper)) keys.add(key);
  // The papers holding each key, the pulled ones among them: each pulled paper is tried only with those.
  const holders = new Map<string, LibraryPaper[]>();
  for (const other of await local.papersByKeys([...keys])) {
    for (const key of strongKeysOf(other)) {
      if (!keys.has(key)) continue;
      const list = holders.get(key);
      if (list) list.push(other);
      else holders.set(key, [other]);
    }
  }
  const candidates: { merge: IdentityMerge; a: LibraryPaper; b: LibraryPaper }[] = [];
  const used = new Set<string>();
  for (const paper of pulled) {
    if (used.has(paper.id)) continue;
    const others = strongKeysOf(paper).flatMap((key) => holders.get(key) ?? []);
    for (const other of others) {
      if (other.id === paper.id || used.has(other.id)) continue;
      const merge = identityMerge(paper, other);
      if (!merge) continue;
      candidates.push({ merge, a: paper, b: other });
      used.add(paper.id);
      used.add(other.id);
      break;
    }
  }
  if (!candidates.length) return [];
  // A pair a merge already joined or parted is left to that merge and its undo.
  const ids = [...new Set(candidates.flatMap(({ a, b }) => [a.id, b.id]))];
  const docIds = await Promise.all(ids.map((id) => docs.docId('paper', id)));
  const unread = ids.flatMap((id, i) => (captured.has(id) ? [] : [docIds[i] as string]));
  const read = unread.length ? await docs.read(unread) : new Map<string, DocVersions>();
  const docOf = (id: string): SyncDoc | null =>
    captured.get(id) ?? mergeAll(read.get(docIds[ids.indexOf(id)] as string)?.docs ?? []);
  const merged: string[] = [];
  for (const { merge, a, b } of candidates) {
    if (mergeHistory(docOf(a.id), b.id) || mergeHistory(docOf(b.id), a.id)) continue;
    const expected = { [a.id]: localHash(a), [b.id]: localHash(b) };
    if (await local.merge({ ...merge, expected })) merged.push(merge.survivor, merge.loser);
  }
  return merged;
}

/** A merged document is written when it differs from the winner, or when there are conflicting leaves to remove. */
function queueDoc(writes: DocWrite[], docId: string, v: DocVersions | undefined, merged: SyncDoc): void {
  const changed = !v?.winner || (merged !== v.winner && stableJson(v.winner) !== stableJson(merged));
  const losers = v?.loserRevs ?? [];
  if (!changed && !losers.length) return;
  writes.push({ docId, doc: changed ? merged : null, winnerRev: v?.winnerRev ?? null, loserRevs: losers });
}

/** Shadows compared field by field: they are flat records of short hashes and lists of names. */
function sameShadow(a: object | null | undefined, b: object): boolean {
  if (!a) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y);
  if (Object.keys(x).length !== keys.length) return false;
  for (const key of keys) {
    const u = x[key];
    const w = y[key];
    if (u === w) continue;
    if (Array.isArray(u) && Array.isArray(w)) {
      if (u.length !== w.length || u.some((item, i) => item !== w[i])) return false;
    } else if (u && w && typeof u === 'object' && typeof w === 'object') {
      const ue = Object.entries(u as Record<string, unknown>);
      if (ue.length !== Object.keys(w).length || ue.some(([k, val]) => (w as Record<string, unknown>)[k] !== val))
        return false;
    } else return false;
  }
  return true;
}
