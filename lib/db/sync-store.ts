/**
 * What sync (lib/sync) reads from and writes to the library, inside the library's own transactions so that a
 * record and its shadow (what sync last agreed with) always change together.
 *
 * Shadows live in the `meta` store: each paper's in its own record (`sync:paper:<id>`, so that one edit rewrites one
 * small record and a first pull writes each once), tags' in `sync:tags`, the settings' in `sync:settings`. Papers'
 * shadows were once kept in 256 buckets (`sync:shadow:<n>`): a library that still has them moves them to their own
 * records at its next sync write. The buckets made every page of a first pull read and rewrite all of them, each
 * a few hundred shadows larger than at the page before (50,000 papers: 25 pages of 256 growing buckets).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { LibraryPaper, Sighting, TagInfo } from '../paper/schema';
import { Settings } from '../settings';
import { sightingKey } from '../sync/doc';
import type { LocalSnapshot, LocalWrite } from '../sync/reconcile';
import { localHash } from '../sync/reconcile';
import type { PaperShadow, SettingsShadow, TagShadow } from '../sync/records';
import { settingsFrom } from './reads';
import type { LibrarySchema } from './schema';

const BUCKETS = 256;
const SHADOW_PREFIX = 'sync:shadow:';
const LEGACY_BUCKETS = IDBKeyRange.bound(SHADOW_PREFIX, `${SHADOW_PREFIX}\uffff`);
const PAPER_SHADOW = 'sync:paper:';
const paperShadowKey = (id: string) => `${PAPER_SHADOW}${id}`;
const TAG_SHADOWS = 'sync:tags';
const SETTINGS_SHADOW = 'sync:settings';

/** The legacy bucket of a paper's shadow. */
export function shadowBucket(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return `${SHADOW_PREFIX}${(h >>> 0) % BUCKETS}`;
}

type Shadows = Record<string, PaperShadow>;

export async function readSyncSnapshot(
  db: IDBPDatabase<LibrarySchema>,
  ids: readonly string[] | 'all',
): Promise<LocalSnapshot> {
  const tx = db.transaction(['papers', 'sightings', 'tags', 'meta']);
  const meta = tx.objectStore('meta');
  const [tags, settings, tagShadows, settingsShadow] = await Promise.all([
    tx.objectStore('tags').getAll(),
    meta.get('settings'),
    meta.get(TAG_SHADOWS),
    meta.get(SETTINGS_SHADOW),
  ]);
  const snapshot: LocalSnapshot = {
    papers: new Map(),
    paperShadows: new Map(),
    tags: new Map(tags.map((t) => [t.name, t])),
    tagShadows: new Map(Object.entries((tagShadows?.value ?? {}) as Record<string, TagShadow>)),
    settings: settingsFrom(settings?.value),
    settingsShadow: (settingsShadow?.value ?? null) as SettingsShadow | null,
  };
  if (ids === 'all') {
    const [papers, sightings, buckets, own] = await Promise.all([
      tx.objectStore('papers').getAll(),
      tx.objectStore('sightings').getAll(),
      meta.getAll(LEGACY_BUCKETS),
      meta.getAll(IDBKeyRange.bound(PAPER_SHADOW, `${PAPER_SHADOW}\uffff`)),
    ]);
    const byPaper = new Map<string, Sighting[]>();
    for (const s of sightings) {
      const list = byPaper.get(s.paperId);
      if (list) list.push(s);
      else byPaper.set(s.paperId, [s]);
    }
    for (const paper of papers) snapshot.papers.set(paper.id, { paper, sightings: byPaper.get(paper.id) ?? [] });
    for (const bucket of buckets)
      for (const [id, shadow] of Object.entries(bucket.value as Shadows)) snapshot.paperShadows.set(id, shadow);
    for (const record of own)
      snapshot.paperShadows.set(record.key.slice(PAPER_SHADOW.length), record.value as PaperShadow);
    return snapshot;
  }
  const legacy = (await meta.getKey(LEGACY_BUCKETS)) !== undefined;
  const bucketKeys = legacy ? [...new Set(ids.map(shadowBucket))] : [];
  const [papers, sightings, buckets, own] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('sightings').index('paperId').getAll(id))),
    Promise.all(bucketKeys.map((key) => meta.get(key))),
    Promise.all(ids.map((id) => meta.get(paperShadowKey(id)))),
  ]);
  const shadows: Shadows = Object.assign({}, ...buckets.map((b) => (b?.value ?? {}) as Shadows));
  ids.forEach((id, i) => {
    const paper = papers[i];
    if (paper) snapshot.papers.set(id, { paper, sightings: sightings[i] ?? [] });
    const shadow = (own[i]?.value as PaperShadow | undefined) ?? shadows[id];
    if (shadow) snapshot.paperShadows.set(id, shadow);
  });
  return snapshot;
}

/** Moves the shadows of legacy buckets to their own records (a shadow already in its own record is newer). */
async function moveLegacyShadows(tx: SyncTx): Promise<void> {
  const meta = tx.objectStore('meta');
  const buckets = await meta.getAll(LEGACY_BUCKETS);
  if (!buckets.length) return;
  const writes: Promise<unknown>[] = [];
  for (const bucket of buckets) {
    for (const [id, shadow] of Object.entries(bucket.value as Shadows)) {
      const key = paperShadowKey(id);
      if ((await meta.getKey(key)) === undefined) writes.push(meta.put({ key, value: shadow }));
    }
  }
  writes.push(meta.delete(LEGACY_BUCKETS));
  await Promise.all(writes);
}

type SyncTx = IDBPTransaction<LibrarySchema, ('papers' | 'sightings' | 'tags' | 'meta')[], 'readwrite'>;

export type SyncApplied = { stale: string[]; ids: string[]; tags: boolean; settings: boolean };

/** Writes what still holds (compare-and-set on each record's hash); returns what did not, and what changed. */
export async function applySyncWrite(tx: SyncTx, write: LocalWrite): Promise<SyncApplied> {
  const papers = tx.objectStore('papers');
  const sightings = tx.objectStore('sightings');
  const meta = tx.objectStore('meta');
  const out: SyncApplied = { stale: [], ids: [], tags: false, settings: false };

  if (write.papers.length) await moveLegacyShadows(tx);
  const current = await Promise.all(write.papers.map((w) => papers.get(w.id)));
  const requests: Promise<unknown>[] = [];
  for (const [i, w] of write.papers.entries()) {
    const have: LibraryPaper | undefined = current[i];
    if (localHash(have) !== w.expected) {
      out.stale.push(w.id);
      continue;
    }
    if (w.next === null) {
      requests.push(papers.delete(w.id));
      let cursor = await sightings.index('paperId').openCursor(w.id);
      while (cursor) {
        requests.push(cursor.delete());
        cursor = await cursor.continue();
      }
    } else if (w.next) requests.push(papers.put(w.next));
    if (w.next !== undefined) out.ids.push(w.id);
    if (w.addSightings.length && w.next !== null) {
      const present = new Set((await sightings.index('paperId').getAll(w.id)).map(sightingKey));
      for (const s of w.addSightings) {
        if (present.has(sightingKey(s))) continue;
        present.add(sightingKey(s));
        requests.push(sightings.add(s));
      }
      if (!out.ids.includes(w.id)) out.ids.push(w.id);
    }
    requests.push(meta.put({ key: paperShadowKey(w.id), value: w.shadow }));
  }

  if (write.tags.length) {
    const tags = tx.objectStore('tags');
    const shadows = { ...((await meta.get(TAG_SHADOWS))?.value as Record<string, TagShadow> | undefined) };
    for (const w of write.tags) {
      const have: TagInfo | undefined = await tags.get(w.name);
      if (localHash(have) !== w.expected) {
        out.stale.push(`tag:${w.name}`);
        continue;
      }
      if (w.next === null) requests.push(tags.delete(w.name));
      else if (w.next) requests.push(tags.put(w.next));
      if (w.next !== undefined) out.tags = true;
      shadows[w.name] = w.shadow;
    }
    requests.push(meta.put({ key: TAG_SHADOWS, value: shadows }));
  }

  if (write.settings) {
    const stored = settingsFrom((await meta.get('settings'))?.value);
    if (localHash(stored) !== write.settings.expected) out.stale.push('settings');
    else {
      if (write.settings.next) {
        requests.push(meta.put({ key: 'settings', value: Settings.parse({ ...stored, ...write.settings.next }) }));
        out.settings = true;
      }
      requests.push(meta.put({ key: SETTINGS_SHADOW, value: write.settings.shadow }));
    }
  }
  await Promise.all(requests);
  return out;
}

/** The papers known by any of these keys (the aliases index; a paper put by sync is found by its own id too). */
export async function readPapersByKeys(
  db: IDBPDatabase<LibrarySchema>,
  keys: readonly string[],
): Promise<LibraryPaper[]> {
  if (!keys.length) return [];
  const tx = db.transaction('papers');
  const papers = tx.objectStore('papers');
  const byAlias = papers.index('aliases');
  const [found, own] = await Promise.all([
    Promise.all(keys.map((key) => byAlias.getAll(key))),
    Promise.all(keys.map((key) => papers.get(key))),
  ]);
  const out = new Map<string, LibraryPaper>();
  for (const list of found) for (const paper of list) out.set(paper.id, paper);
  for (const paper of own) if (paper) out.set(paper.id, paper);
  return [...out.values()];
}

/**
 * Two papers of one work merged (lib/sync/identity-merge.ts), as the library's filing merges them: the survivor
 * put, the loser deleted, its sightings moved to the survivor; only if both still hash to what sync read. Returns
 * the undo (the papers as they were, the sightings moved), or null when either had changed.
 */
export async function applySyncMerge(
  tx: SyncTx,
  merge: { survivor: string; loser: string; paper: LibraryPaper; expected: Record<string, string> },
): Promise<{ before: { id: string; paper: LibraryPaper | null }[]; moved: { key: number; paperId: string }[] } | null> {
  const papers = tx.objectStore('papers');
  const ids = [merge.survivor, merge.loser];
  const before = await Promise.all(ids.map((id) => papers.get(id)));
  if (ids.some((id, i) => localHash(before[i]) !== merge.expected[id])) return null;
  const writes: Promise<unknown>[] = [papers.put(merge.paper), papers.delete(merge.loser)];
  const moved: { key: number; paperId: string }[] = [];
  let cursor = await tx.objectStore('sightings').index('paperId').openCursor(merge.loser);
  while (cursor) {
    moved.push({ key: cursor.primaryKey, paperId: merge.loser });
    writes.push(cursor.update({ ...cursor.value, paperId: merge.survivor }));
    cursor = await cursor.continue();
  }
  await Promise.all(writes);
  return { before: ids.map((id, i) => ({ id, paper: before[i] ?? null })), moved };
}
