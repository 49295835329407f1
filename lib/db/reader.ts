/**
 * Read-only access to the library database for the views (side panel, popup), which share the extension's origin
 * with the background. 50,000 papers never travel through runtime messaging: a view reads them here, in batches,
 * while every write still goes through the background (`ask`), so that the change broadcast reaches every view.
 *
 * Only readonly transactions are opened on the library (the search cache is a database of its own). Opening runs the same upgrade as the background would, so a view opened
 * before the background ever touched the database finds the current schema rather than an empty one.
 */
import { type IDBPDatabase, unwrap } from 'idb';
import type { LibraryPaper, Sighting } from '../paper/schema';
import type { Settings } from '../settings';
import {
  type LibraryContents,
  openLibraryDb,
  readContents,
  readSettings,
  readSightings,
  readTags,
  type TagWithCount,
} from './reads';
import type { LibrarySchema } from './schema';
import { type SearchCache, type SearchCacheHead, SearchCacheStore } from './search-cache';
import { type JournalState, journalSince, journalState } from './search-journal';

export type { TagWithCount } from './reads';

export class LibraryReader {
  private constructor(
    private readonly db: IDBPDatabase<LibrarySchema>,
    private readonly cache: SearchCacheStore,
  ) {}

  static async open(options: { name?: string } = {}): Promise<LibraryReader> {
    const db = await openLibraryDb(options.name);
    return new LibraryReader(db, new SearchCacheStore(options.name));
  }

  close(): void {
    this.db.close();
    this.cache.close();
  }

  // ---- the side panel's search snapshot (issue 19; lib/db/search-cache.ts, lib/db/search-journal.ts) ----

  journalState(): Promise<JournalState> {
    return journalState(this.db);
  }

  journalSince(since: JournalState): Promise<{ state: JournalState; ids: Set<string> | 'all' }> {
    return journalSince(this.db, since);
  }

  readSearchCacheHead(): Promise<SearchCacheHead | null> {
    return this.cache.head();
  }

  readSearchCache(): Promise<SearchCache | null> {
    return this.cache.read();
  }

  /** The one write a view makes: its own cache, in its own database, never the library. */
  writeSearchCache(cache: SearchCache): Promise<boolean> {
    return this.cache.write(cache);
  }

  async count(): Promise<number> {
    return this.db.count('papers');
  }

  /** The `limit` papers added last, newest first: the first screen, before the whole library is read. */
  async newest(limit: number): Promise<LibraryPaper[]> {
    const index = this.db.transaction('papers').store.index('addedAt');
    // One request where the browser has getAllRecords with a direction (Chromium 141+), instead of a cursor's round
    // trip per paper: sixty of them were most of the first screen's read on a loaded machine (issue 19).
    const raw = unwrap(index) as IDBIndex & { getAllRecords?: (options: object) => IDBRequest<{ value: unknown }[]> };
    if (typeof raw.getAllRecords === 'function') {
      const request = raw.getAllRecords({ count: limit, direction: 'prev' });
      const records = await new Promise<{ value: unknown }[]>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return records.map((record) => record.value as LibraryPaper);
    }
    const out: LibraryPaper[] = [];
    let cursor = await index.openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  /**
   * Every paper, in batches of `batchSize` by id, one short transaction each, so that memory holds one batch of
   * full records at a time and the page stays responsive between batches. Stops early when `signal` aborts.
   */
  async scan(
    onBatch: (papers: LibraryPaper[]) => void | Promise<void>,
    options: { batchSize?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const size = options.batchSize ?? 2000;
    let after: string | null = null;
    for (;;) {
      if (options.signal?.aborted) return;
      const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
      const batch: LibraryPaper[] = await this.db.getAll('papers', range, size);
      if (batch.length === 0) return;
      await onBatch(batch);
      if (batch.length < size) return;
      after = (batch[batch.length - 1] as LibraryPaper).id;
    }
  }

  async getPaper(id: string): Promise<LibraryPaper | undefined> {
    return this.db.get('papers', id);
  }

  /** The papers with these ids that exist, in one transaction. */
  async getPapers(ids: readonly string[]): Promise<LibraryPaper[]> {
    const tx = this.db.transaction('papers');
    const papers = await Promise.all(ids.map((id) => tx.store.get(id)));
    return papers.filter((p): p is LibraryPaper => p !== undefined);
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

  /** Everything, for a backup. */
  async exportContents(): Promise<LibraryContents> {
    return readContents(this.db);
  }
}
