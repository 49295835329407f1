/**
 * The library service: the only code that touches IndexedDB. The background owns one instance; tests make their own.
 *
 * Rules every method keeps:
 * - one user action is one transaction, so the library is never left half-written;
 * - a view never writes a whole record it read earlier: every change is an operation (add these tags, set this
 *   status) applied to the record as stored, inside the transaction. Two views editing one paper at once therefore
 *   lose nothing: both operations apply, in the order they reach the background.
 * - every mutation returns the records as they were before, so the caller can offer undo (`restore`).
 */
import type { IDBPDatabase } from 'idb';
import { idKind, isStrongKind } from '../paper/identity';
import { absorbRecord, mergeFields, newLibraryPaper } from '../paper/merge';
import { withLookupKeys } from '../paper/resolve';
import type { LibraryPaper, PaperRecord, Sighting, Status } from '../paper/schema';
import { Settings } from '../settings';
import type { LocalSnapshot, LocalWrite } from '../sync/reconcile';
import { AliasMap, type AliasMapPolicy } from './alias-map';
import { Filing, type MovedSighting } from './filing';
import {
  type LibraryContents,
  openLibraryDb,
  readContents,
  readSettings,
  readSightings,
  readTags,
  settingsFrom,
  type TagWithCount,
} from './reads';
import type { LibrarySchema } from './schema';
import { appendJournal, countPaperWrite } from './search-journal';
import { applySyncMerge, applySyncWrite, readPapersByKeys, readSyncSnapshot } from './sync-store';

/** What tells two sightings apart: one card, on one page, at one moment. */
const sightingKey = (s: Sighting): string => JSON.stringify([s.seenAt, s.site, s.pageUrl, s.section, s.rank]);

export type LibraryChange = {
  /** Papers whose stored state changed (empty when only tags or settings did). */
  ids: string[];
  tags: boolean;
  settings: boolean;
  at: number;
  /** Set when sync wrote what another device did: sync itself need not look at it again. */
  fromSync?: true;
};

/** What a card needs to show: the user's decisions about one paper. */
export type PaperState = Pick<LibraryPaper, 'id' | 'saved' | 'status' | 'tags' | 'lastSeenAt'> & { hasNote: boolean };

/**
 * Previous versions of the papers a mutation touched (null: the paper did not exist), for a delete the sightings it
 * removed with them, and for a merge the sightings it moved from a merged paper to the one that absorbed it.
 */
export type Undo = {
  before: { id: string; paper: LibraryPaper | null }[];
  sightings?: Sighting[];
  moved?: MovedSighting[];
};

/**
 * What a view holds of an undo: the papers the change touched (to show them again) and the tokens under which the
 * background keeps the undo data itself. Undoing the delete of 50,000 papers is then one small message each way,
 * whatever the papers weigh (Chrome refuses a message over 64 MiB). A bulk action made of several changes holds
 * all their tokens.
 */
export type UndoTicket = { ids: string[]; tokens: string[] };

/** Undo data lives in the meta store under `undo:<time>-<random>`, so the keys sort oldest first. */
const UNDO_PREFIX = 'undo:';
const UNDO_RANGE = () => IDBKeyRange.bound(UNDO_PREFIX, `${UNDO_PREFIX}\uffff`);
/** How many changes stay undoable: the newest ones; an older token is answered with a message. */
export const UNDO_KEPT = 20;

export class UndoGoneError extends Error {
  constructor() {
    super('This change can no longer be undone: newer changes have taken its place.');
    this.name = 'UndoGoneError';
  }
}

export type { LibraryContents } from './reads';

const TAG_COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4d7c0f'];

export class StorageFullError extends Error {
  constructor() {
    super(
      'The browser refused to store more data (storage quota exceeded). Nothing was changed. ' +
        'Free space by deleting papers you no longer need or exporting a backup and removing old sightings.',
    );
    this.name = 'StorageFullError';
  }
}

function describeFailure(error: unknown): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return new StorageFullError();
  return error instanceof Error ? error : new Error(String(error));
}

export function stateOf(paper: LibraryPaper): PaperState {
  return {
    id: paper.id,
    saved: paper.saved,
    status: paper.status,
    tags: paper.tags,
    lastSeenAt: paper.lastSeenAt,
    hasNote: paper.note.trim().length > 0,
  };
}

export class Library {
  private constructor(
    private readonly db: IDBPDatabase<LibrarySchema>,
    private readonly onChange: (change: LibraryChange) => void,
    private readonly now: () => number,
    /** The aliases index in memory, for filing records in bulk (lib/db/alias-map.ts). */
    private readonly aliasMap: AliasMap,
  ) {}

  /** Numbers of committed transactions that may have written papers, not yet in the search journal. */
  private unjournaled: number[] = [];

  static async open(
    options: {
      name?: string;
      onChange?: (change: LibraryChange) => void;
      now?: () => number;
      aliasMap?: AliasMapPolicy;
    } = {},
  ): Promise<Library> {
    const db = await openLibraryDb(options.name);
    return new Library(db, options.onChange ?? (() => {}), options.now ?? Date.now, new AliasMap(options.aliasMap));
  }

  close(): void {
    this.db.close();
  }

  private changed(
    ids: string[],
    extra: Partial<Pick<LibraryChange, 'tags' | 'settings'>> = {},
    journal: string[] | 'all' = ids,
  ): void {
    this.journal(journal);
    this.onChange({ ids, tags: extra.tags ?? false, settings: extra.settings ?? false, at: this.now() });
  }

  /** The side panel's search journal (lib/db/search-journal.ts): which papers this change touched. */
  private journal(ids: string[] | 'all'): void {
    const seqs = this.unjournaled.splice(0);
    if (seqs.length === 0 && ids.length === 0) return;
    // A lost entry is a gap the side panel sees (the transaction's number is covered by none): it then rebuilds.
    appendJournal(this.db, seqs, ids).catch(() => {});
  }

  // ---- reading ----

  /** The paper with this id, or known by it (an alias: a former id, an identifier, a content key). */
  async getPaper(id: string): Promise<LibraryPaper | undefined> {
    const tx = this.db.transaction('papers');
    return (await findByAlias(tx.store, id)) ?? undefined;
  }

  /** The state of each paper by the id a card gave, found by id or alias (one index read per id). */
  async getStates(ids: readonly string[], keys?: CardKeys): Promise<Record<string, PaperState>> {
    const tx = this.db.transaction('papers');
    return statesOf(ids, await Promise.all(ids.map((id) => findForCard(tx.store, id, keys?.[id]))));
  }

  async listPapers(): Promise<LibraryPaper[]> {
    return this.db.getAll('papers');
  }

  async countPapers(): Promise<number> {
    return this.db.count('papers');
  }

  async getSightings(paperId: string): Promise<Sighting[]> {
    return readSightings(this.db, paperId);
  }

  async listTags(): Promise<TagWithCount[]> {
    return readTags(this.db);
  }

  async getSettings(): Promise<Settings> {
    return readSettings(this.db);
  }

  async exportContents(): Promise<LibraryContents> {
    return readContents(this.db);
  }

  // ---- writing: each method is one transaction ----

  /**
   * Cards that were on screen: the papers are added or refreshed (page fields merged, the user's state kept)
   * and one sighting is recorded per card.
   */
  async recordSightings(records: readonly PaperRecord[]): Promise<string[]> {
    const at = this.now();
    const { ids, touched } = await this.writeFiling(['papers', 'sightings'], async (tx) => {
      const filing = await Filing.read(tx.objectStore('papers'), records, this.aliasMap);
      const seen: { paperId: string; record: PaperRecord }[] = [];
      for (const record of records) {
        const paper = filing.place(record, (stored) => {
          const next = stored ? absorbRecord(stored, { ...record, id: stored.id }, at) : newLibraryPaper(record, at);
          next.lastSeenAt = at;
          return next;
        });
        seen.push({ paperId: paper.id, record });
      }
      await filing.write(tx, true);
      this.aliasMap.applyWhenDone(tx, filing.aliasChanges());
      const sightings = tx.objectStore('sightings');
      await settleAll((push) => {
        for (const { paperId, record } of seen) {
          push(
            sightings.add({
              paperId: filing.finalId(paperId),
              site: record.source.site,
              pageUrl: record.source.pageUrl,
              section: record.source.section,
              rank: record.source.rank,
              upvotes: record.upvotes,
              comments: record.comments,
              seenAt: at,
            }),
          );
        }
      });
      return { ids: [...new Set(records.map((r) => r.id))], touched: filing.touched() };
    });
    this.changed([...new Set([...ids, ...touched])]);
    return ids;
  }

  /** Saves papers described by page records, adding them first if they are new. */
  async savePapers(records: readonly PaperRecord[], options: { tags?: string[] } = {}): Promise<Undo> {
    const at = this.now();
    return this.mutateRecords(records, (paper) => savedPaper(paper, at, options.tags), options.tags ?? []);
  }

  /**
   * `savePapers` whose undo is kept here under a token (`keepUndo`), written in the save's own transaction: one
   * transaction per batch of a bulk save instead of two (issue 19, bench/db.bench.ts).
   */
  async savePapersKeepingUndo(records: readonly PaperRecord[], options: { tags?: string[] } = {}): Promise<UndoTicket> {
    const at = this.now();
    const token = this.newUndoToken();
    const undo = await this.mutateRecords(
      records,
      (paper) => savedPaper(paper, at, options.tags),
      options.tags ?? [],
      token,
    );
    return { ids: [...new Set(undo.before.map((b) => b.id))], tokens: [token] };
  }

  /** Changes papers that a page describes (adding them if new): dismiss, tag from a card. */
  async updateFromRecords(
    records: readonly PaperRecord[],
    change: { saved?: boolean; status?: Status; addTags?: string[]; removeTags?: string[] },
  ): Promise<Undo> {
    const at = this.now();
    return this.mutateRecords(records, (paper) => applyChange(paper, change, at), change.addTags ?? []);
  }

  /** Changes papers already in the library. Unknown ids are ignored. */
  async updatePapers(
    ids: readonly string[],
    change: { saved?: boolean; status?: Status; addTags?: string[]; removeTags?: string[]; note?: string },
  ): Promise<Undo> {
    const at = this.now();
    const undo = await this.write(['papers', 'tags'], async (tx) => {
      const papers = tx.objectStore('papers');
      const before = uniquePapers(await Promise.all(ids.map((id) => findByAlias(papers, id))));
      await ensureTags(tx.objectStore('tags'), change.addTags ?? [], at);
      await settleAll((push) => {
        for (const paper of before) push(papers.put(applyChange(paper, change, at)));
      });
      return { before: before.map((paper) => ({ id: paper.id, paper })) };
    });
    this.changed(
      undo.before.map((b) => b.id),
      { tags: (change.addTags?.length ?? 0) > 0 || (change.removeTags?.length ?? 0) > 0 },
    );
    return undo;
  }

  /** Removes papers and their sightings. */
  async deletePapers(ids: readonly string[]): Promise<Undo> {
    const undo = await this.write(['papers', 'sightings'], async (tx) => {
      const papers = tx.objectStore('papers');
      const before = uniquePapers(await Promise.all(ids.map((id) => findByAlias(papers, id))));
      const found = before.map((paper) => paper.id);
      const index = tx.objectStore('sightings').index('paperId');
      const deletes: Promise<unknown>[] = found.map((id) => papers.delete(id));
      // Kept for undo: a paper put back without them would have lost where and when it was seen.
      const sightings: Sighting[] = [];
      for (const id of found) {
        let cursor = await index.openCursor(id);
        while (cursor) {
          sightings.push(cursor.value);
          deletes.push(cursor.delete());
          cursor = await cursor.continue();
        }
      }
      await Promise.all(deletes);
      return { before: before.map((paper) => ({ id: paper.id, paper })), sightings };
    });
    this.changed(undo.before.map((b) => b.id));
    return undo;
  }

  /**
   * Puts papers back as they were before a mutation (undo). Papers that did not exist are removed; sightings a
   * delete removed are added back, each once however often the same undo is applied.
   */
  async restore(undo: Undo): Promise<void> {
    await this.write(['papers', 'sightings', 'meta'], (tx) => restoreIn(tx, undo));
    this.changed(
      undo.before.map((b) => b.id),
      { tags: true },
    );
  }

  /** Keeps a change's undo data here, under a new token, and hands back the ticket a view holds instead. */
  async keepUndo(undo: Undo): Promise<UndoTicket> {
    const token = this.newUndoToken();
    await this.write(['meta'], (tx) => keepUndoIn(tx.objectStore('meta'), token, undo));
    return { ids: [...new Set(undo.before.map((b) => b.id))], tokens: [token] };
  }

  /**
   * Undoes the changes kept under `tokens`, newest first, in one transaction, and forgets them. A token that is no
   * longer kept refuses the whole undo (UndoGoneError) and changes nothing.
   */
  async restoreTokens(tokens: readonly string[]): Promise<void> {
    const ids = await this.write(['papers', 'sightings', 'meta'], async (tx) => {
      const meta = tx.objectStore('meta');
      const kept = await Promise.all(tokens.map((token) => meta.get(UNDO_PREFIX + token)));
      if (kept.some((entry) => !entry)) throw new UndoGoneError();
      const undos = kept.map((entry) => entry?.value as Undo);
      for (const undo of [...undos].reverse()) await restoreIn(tx, undo);
      await Promise.all(tokens.map((token) => meta.delete(UNDO_PREFIX + token)));
      return [...new Set(undos.flatMap((undo) => undo.before.map((b) => b.id)))];
    });
    this.changed(ids, { tags: true });
  }

  private newUndoToken(): string {
    return `${String(this.now()).padStart(15, '0')}-${crypto.randomUUID()}`;
  }

  async renameTag(from: string, to: string): Promise<void> {
    const at = this.now();
    const ids = await this.write(['papers', 'tags'], async (tx) => {
      const tags = tx.objectStore('tags');
      const old = await tags.get(from);
      if (!old) throw new Error(`There is no tag "${from}".`);
      // Renaming onto an existing tag merges the two, keeping the target's colour.
      if (!(await tags.get(to))) await tags.put({ ...old, name: to });
      await tags.delete(from);
      return retag(tx.objectStore('papers'), from, (list) => [...new Set(list.map((t) => (t === from ? to : t)))], at);
    });
    this.changed(ids, { tags: true });
  }

  async deleteTag(name: string): Promise<void> {
    const at = this.now();
    const ids = await this.write(['papers', 'tags'], async (tx) => {
      await tx.objectStore('tags').delete(name);
      return retag(tx.objectStore('papers'), name, (list) => list.filter((t) => t !== name), at);
    });
    this.changed(ids, { tags: true });
  }

  async setTagColor(name: string, color: string): Promise<void> {
    await this.write(['tags'], async (tx) => {
      const tags = tx.objectStore('tags');
      const tag = await tags.get(name);
      if (!tag) throw new Error(`There is no tag "${name}".`);
      await tags.put({ ...tag, color });
    });
    this.changed([], { tags: true });
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.editSettings(() => patch);
  }

  /**
   * Changes the settings from what they are, in one transaction (`edit` is pure and synchronous): a follow in one
   * tab and a pin in the side panel, made at once, both stay.
   */
  async editSettings(edit: (current: Settings) => Partial<Settings>): Promise<Settings> {
    const next = await this.write(['meta'], async (tx) => {
      const meta = tx.objectStore('meta');
      const current = settingsFrom((await meta.get('settings'))?.value);
      const merged = Settings.parse({ ...current, ...edit(current) });
      await meta.put({ key: 'settings', value: merged });
      return merged;
    });
    this.changed([], { settings: true });
    return next;
  }

  /**
   * Everything a digest page needs to start, read in one transaction: the user's state for its papers, the
   * settings, the tag names for autocomplete, and the previous visit (this visit is recorded).
   */
  async openPage(
    ids: readonly string[],
    pageKey: string,
    keys?: CardKeys,
  ): Promise<{ states: Record<string, PaperState>; settings: Settings; tags: string[]; previousVisit: number | null }> {
    const at = this.now();
    return this.writeReadingPapers(['papers', 'meta', 'tags'], async (tx) => {
      const papers = tx.objectStore('papers');
      const meta = tx.objectStore('meta');
      const visitKey = `visit:${pageKey}`;
      const [found, settings, tags, visit] = await Promise.all([
        Promise.all(ids.map((id) => findForCard(papers, id, keys?.[id]))),
        meta.get('settings'),
        tx.objectStore('tags').getAllKeys(),
        meta.get(visitKey),
      ]);
      await meta.put({ key: visitKey, value: at });
      return {
        states: statesOf(ids, found),
        settings: settingsFrom(settings?.value),
        tags,
        previousVisit: typeof visit?.value === 'number' ? visit.value : null,
      };
    });
  }

  /** Records a visit to a digest page; returns when it was last visited before (null: never). */
  async markVisit(pageKey: string): Promise<number | null> {
    const at = this.now();
    return this.write(['meta'], async (tx) => {
      const key = `visit:${pageKey}`;
      const meta = tx.objectStore('meta');
      const previous = await meta.get(key);
      await meta.put({ key, value: at });
      return typeof previous?.value === 'number' ? previous.value : null;
    });
  }

  /** Replaces the whole library with `contents` (restore from backup), all or nothing. */
  async replaceContents(contents: LibraryContents): Promise<void> {
    await this.write(['papers', 'tags', 'sightings', 'meta'], async (tx) => {
      await Promise.all([
        tx.objectStore('papers').clear(),
        tx.objectStore('tags').clear(),
        tx.objectStore('sightings').clear(),
      ]);
      await settleAll((push) => {
        for (const p of contents.papers) push(tx.objectStore('papers').put(withLookupKeys(p)));
        for (const t of contents.tags) push(tx.objectStore('tags').put(t));
        for (const s of contents.sightings) push(tx.objectStore('sightings').add(s));
        push(tx.objectStore('meta').put({ key: 'settings', value: contents.settings }));
      });
    });
    this.changed(
      contents.papers.map((p) => p.id),
      { tags: true, settings: true },
      'all', // the papers it replaced are named nowhere
    );
  }

  // ---- sync (lib/sync): the records with their shadows, and compare-and-set writes (lib/db/sync-store.ts) ----

  async syncSnapshot(ids: readonly string[] | 'all'): Promise<LocalSnapshot> {
    return readSyncSnapshot(this.db, ids);
  }

  /** Writes what another device did; returns the records that changed meanwhile here and were left alone. */
  async syncApply(write: LocalWrite): Promise<string[]> {
    const applied = await this.write(['papers', 'sightings', 'tags', 'meta'], (tx) => applySyncWrite(tx, write));
    this.journal(applied.ids);
    if (applied.ids.length || applied.tags || applied.settings) {
      this.onChange({
        ids: applied.ids,
        tags: applied.tags,
        settings: applied.settings,
        at: this.now(),
        fromSync: true,
      });
    }
    return applied.stale;
  }

  async syncPapersByKeys(keys: readonly string[]): Promise<LibraryPaper[]> {
    return readPapersByKeys(this.db, keys);
  }

  /** Merges two papers replication showed to be one work (lib/sync/identity-merge.ts); null when either changed. */
  async syncMerge(merge: Parameters<typeof applySyncMerge>[1]): Promise<Undo | null> {
    const undo = await this.write(['papers', 'sightings', 'tags', 'meta'], (tx) => applySyncMerge(tx, merge));
    if (!undo) return null;
    // Not marked fromSync: the merge is this device's, and sync writes it into the documents.
    this.changed([merge.survivor, merge.loser]);
    return undo;
  }

  // ---- internals ----

  private async mutateRecords(
    records: readonly PaperRecord[],
    apply: (paper: LibraryPaper) => LibraryPaper,
    newTags: readonly string[],
    /** Where given, the undo is kept under this token inside the same transaction (`keepUndo`). */
    undoToken?: string,
  ): Promise<Undo> {
    const at = this.now();
    const undo = await this.writeFiling(['papers', 'tags', 'sightings', 'meta'], async (tx) => {
      const filing = await Filing.read(tx.objectStore('papers'), records, this.aliasMap);
      await ensureTags(tx.objectStore('tags'), newTags, at);
      for (const record of records) {
        filing.place(record, (stored) =>
          apply(
            stored
              ? { ...mergeFields(stored, { ...record, id: stored.id }), sites: mergeSites(stored.sites, record) }
              : newLibraryPaper(record, at),
          ),
        );
      }
      const moved = await filing.write(tx, true);
      this.aliasMap.applyWhenDone(tx, filing.aliasChanges());
      const undo: Undo = { before: filing.undoBefore() };
      if (moved.length) undo.moved = moved;
      if (undoToken !== undefined) await keepUndoIn(tx.objectStore('meta'), undoToken, undo);
      return undo;
    });
    this.changed([...new Set([...records.map((r) => r.id), ...undo.before.map((b) => b.id)])], {
      tags: newTags.length > 0,
    });
    return undo;
  }

  /** A write that only reads papers (a page opened): not counted for the search journal. */
  private writeReadingPapers<Names extends ('papers' | 'tags' | 'sightings' | 'meta')[], T>(
    stores: Names,
    body: (tx: import('idb').IDBPTransaction<LibrarySchema, Names, 'readwrite'>) => Promise<T>,
  ): Promise<T> {
    return this.write(stores, body, { readsPapersOnly: true });
  }

  /** `write` for a body that files records through Filing and hands the alias map what it wrote. */
  private async writeFiling<Names extends ('papers' | 'tags' | 'sightings' | 'meta')[], T>(
    stores: Names,
    body: (tx: import('idb').IDBPTransaction<LibrarySchema, Names, 'readwrite'>) => Promise<T>,
  ): Promise<T> {
    return this.write(stores, body, { filesRecords: true });
  }

  private async write<Names extends ('papers' | 'tags' | 'sightings' | 'meta')[], T>(
    stores: Names,
    body: (tx: import('idb').IDBPTransaction<LibrarySchema, Names, 'readwrite'>) => Promise<T>,
    /**
     * `readsPapersOnly`: the body writes no paper. `filesRecords`: it files records through Filing and hands the
     * alias map its changes; any other write of papers makes the alias map start again.
     */
    options: { readsPapersOnly?: boolean; filesRecords?: boolean } = {},
  ): Promise<T> {
    // A transaction that writes papers is counted inside itself, for the search journal (every such method then
    // reports its change, which claims the number).
    const counted = stores.includes('papers') && !options.readsPapersOnly;
    const scope = counted && !stores.includes('meta') ? [...stores, 'meta'] : stores;
    const tx = this.db.transaction(scope as Names, 'readwrite');
    if (counted && !options.filesRecords) this.aliasMap.forget();
    try {
      const seq = counted ? countPaperWrite((tx as unknown as AnyWrite).objectStore('meta')) : null;
      seq?.catch(() => {}); // fails only with the transaction, which is reported below
      const result = await body(tx);
      await tx.done;
      if (seq) this.unjournaled.push(await seq);
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted: nothing was committed either way
      }
      await tx.done.catch(() => {});
      throw describeFailure(error);
    }
  }
}

/** Keeps `undo` under `token` in the meta store, inside the caller's transaction, and drops all but the newest kept. */
async function keepUndoIn(
  meta: import('idb').IDBPObjectStore<LibrarySchema, ('papers' | 'tags' | 'sightings' | 'meta')[], 'meta', 'readwrite'>,
  token: string,
  undo: Undo,
): Promise<void> {
  // Requests of one transaction run in order: the keys read next include the one put, without waiting for it first.
  const [, keys] = await Promise.all([
    meta.put({ key: UNDO_PREFIX + token, value: undo }),
    meta.getAllKeys(UNDO_RANGE()),
  ]);
  await Promise.all(keys.slice(0, Math.max(0, keys.length - UNDO_KEPT)).map((key) => meta.delete(key)));
}

function savedPaper(paper: LibraryPaper, at: number, tags: readonly string[] | undefined): LibraryPaper {
  const saved: LibraryPaper = { ...paper, saved: true, savedAt: paper.savedAt ?? at, updatedAt: at };
  if (tags?.length) saved.tags = [...new Set([...paper.tags, ...tags])];
  // Saving something dismissed means the user changed their mind.
  if (saved.status === 'dismissed') saved.status = 'unread';
  return saved;
}

/**
 * Waits for many requests of one transaction. A request that throws as it is made (a value IndexedDB cannot
 * clone) aborts the transaction; the requests made before it then reject too, and are handled here so that no
 * rejection goes unobserved while the caller sees the first error.
 */
async function settleAll(makeRequests: (push: (request: Promise<unknown>) => void) => void): Promise<void> {
  const pending: Promise<unknown>[] = [];
  try {
    makeRequests((request) => pending.push(request));
  } catch (error) {
    for (const request of pending) request.catch(() => {});
    throw error;
  }
  await Promise.all(pending);
}

type AnyWrite = import('idb').IDBPTransaction<LibrarySchema, ('papers' | 'tags' | 'sightings' | 'meta')[], 'readwrite'>;

type PapersStore =
  | import('idb').IDBPObjectStore<LibrarySchema, ('papers' | 'tags' | 'sightings' | 'meta')[], 'papers', 'readwrite'>
  | import('idb').IDBPObjectStore<LibrarySchema, ['papers'], 'papers', 'readonly'>;

/**
 * The paper `id` names, in one index read: the paper with that id (its id is among its aliases), else the one paper
 * known by it. A weak identifier that several papers share (a book's URL on each of its chapters) names only the
 * paper filed under it, if any (a second read, for that case only).
 */
async function findByAlias(papers: PapersStore, id: string): Promise<LibraryPaper | null> {
  const found = await papers.index('aliases').getAll(id, 2);
  const own = found.find((p) => p.id === id);
  if (own) return own;
  // A paper written by a path that files no lookup keys (lib/db/sync-store.ts puts what replicated as it came) is
  // still found under its own id.
  if (found.length === 0) return (await papers.get(id)) ?? null;
  if (found.length < 2 || isStrongKind(idKind(id))) return found[0] ?? null;
  // Several papers share this weak identifier and the first two are not filed under it: one may still be.
  return (await papers.get(id)) ?? null;
}

/** A page's cards' other lookup keys, by card id (lib/paper/identity.ts otherKeysOf). */
type CardKeys = Readonly<Record<string, readonly string[]>>;

/**
 * The paper a page's card is (issue 16): the one its id names, else the one another of its keys names (a Scholar
 * card by its content key finds the paper saved from arXiv; a dblp card by its DOI), all read at once so the state
 * is there at first paint. A paper found by the content key alone is not the card's when both carry an identifier of
 * one strong kind with different values (two DOIs: two works, as sameWork has it).
 */
async function findForCard(
  papers: PapersStore,
  id: string,
  keys: readonly string[] | undefined,
): Promise<LibraryPaper | null> {
  if (!keys?.length) return findByAlias(papers, id);
  const all = [id, ...keys];
  const found = await Promise.all(all.map((key) => findByAlias(papers, key)));
  for (const [i, paper] of found.entries()) {
    if (!paper) continue;
    // By its own id as before; by another key, a strong one, or the content key with no conflict.
    if (i === 0 || isStrongKind(idKind(all[i] as string)) || !conflicts(paper, all)) return paper;
  }
  return null;
}

/** Whether a stored paper holds a strong identifier of a kind the card also has, and none of the card's of it. */
function conflicts(paper: LibraryPaper, keys: readonly string[]): boolean {
  const held = paper.aliases ?? [paper.id];
  for (const key of keys) {
    const kind = idKind(key);
    if (!isStrongKind(kind)) continue;
    const same = held.filter((alias) => idKind(alias) === kind);
    if (same.length && !keys.some((k) => same.includes(k))) return true;
  }
  return false;
}

/** States keyed by the id each was asked by: a card whose id is an alias finds its paper's state under its own id. */
function statesOf(ids: readonly string[], papers: readonly (LibraryPaper | null)[]): Record<string, PaperState> {
  const states: Record<string, PaperState> = {};
  papers.forEach((paper, i) => {
    if (paper) states[ids[i] as string] = stateOf(paper);
  });
  return states;
}

function uniquePapers(papers: readonly (LibraryPaper | null)[]): LibraryPaper[] {
  const byId = new Map<string, LibraryPaper>();
  for (const paper of papers) if (paper && !byId.has(paper.id)) byId.set(paper.id, paper);
  return [...byId.values()];
}

function mergeSites(sites: readonly string[], record: PaperRecord): string[] {
  return [...new Set([...sites, record.source.site])];
}

function applyChange(
  paper: LibraryPaper,
  change: { saved?: boolean; status?: Status; addTags?: string[]; removeTags?: string[]; note?: string },
  at: number,
): LibraryPaper {
  const next = { ...paper, updatedAt: at };
  if (change.saved !== undefined) {
    next.saved = change.saved;
    next.savedAt = change.saved ? (paper.savedAt ?? at) : null;
  }
  if (change.status !== undefined) next.status = change.status;
  if (change.addTags?.length || change.removeTags?.length) {
    const remove = new Set(change.removeTags ?? []);
    next.tags = [...new Set([...paper.tags, ...(change.addTags ?? [])])].filter((t) => !remove.has(t));
  }
  if (change.note !== undefined) next.note = change.note;
  return next;
}

async function ensureTags(
  store: import('idb').IDBPObjectStore<LibrarySchema, ('papers' | 'tags')[], 'tags', 'readwrite'>,
  names: readonly string[],
  at: number,
): Promise<void> {
  // No tag to add (most saves): not even the count is read, one request less in each batch of a bulk save.
  if (names.length === 0) return;
  const existing = await Promise.all(names.map((name) => store.get(name)));
  const count = await store.count();
  await Promise.all(
    names.flatMap((name, i) =>
      existing[i]
        ? []
        : [store.put({ name, color: TAG_COLORS[(count + i) % TAG_COLORS.length] ?? '#2563eb', createdAt: at })],
    ),
  );
}

async function retag(
  papers: import('idb').IDBPObjectStore<LibrarySchema, ('papers' | 'tags')[], 'papers', 'readwrite'>,
  tag: string,
  rewrite: (tags: string[]) => string[],
  at: number,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor = await papers.index('tags').openCursor(tag);
  while (cursor) {
    ids.push(cursor.value.id);
    await cursor.update({ ...cursor.value, tags: rewrite(cursor.value.tags), updatedAt: at });
    cursor = await cursor.continue();
  }
  return ids;
}

type RestoreTx = import('idb').IDBPTransaction<LibrarySchema, ('papers' | 'sightings' | 'meta')[], 'readwrite'>;

/**
 * Puts papers back as they were before a mutation, inside `tx`: papers that did not exist are removed; sightings a
 * delete removed are added back, each once however often the same undo is applied.
 */
async function restoreIn(tx: RestoreTx, undo: Undo): Promise<void> {
  const papers = tx.objectStore('papers');
  const sightings = tx.objectStore('sightings');
  const writes: Promise<unknown>[] = undo.before.map((b) => (b.paper ? papers.put(b.paper) : papers.delete(b.id)));
  const byPaper = new Map<string, Sighting[]>();
  for (const s of undo.sightings ?? []) {
    const list = byPaper.get(s.paperId);
    if (list) list.push(s);
    else byPaper.set(s.paperId, [s]);
  }
  // A merge moved these sightings to the paper that absorbed theirs: they go back to the paper put back.
  for (const { key, paperId } of undo.moved ?? []) {
    const sighting = await sightings.get(key);
    if (sighting) writes.push(sightings.put({ ...sighting, paperId }, key));
  }
  for (const [paperId, lost] of byPaper) {
    const present = new Set((await sightings.index('paperId').getAll(paperId)).map(sightingKey));
    for (const sighting of lost) {
      const key = sightingKey(sighting);
      if (present.has(key)) continue;
      present.add(key);
      writes.push(sightings.add(sighting));
    }
  }
  await Promise.all(writes);
}
