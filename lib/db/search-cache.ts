/**
 * The side panel's search snapshot (issue 19): its rows and search index as they were at one point of the search
 * journal (lib/db/search-journal.ts), so that opening the panel loads them in one read instead of reading and
 * tokenising every paper.
 *
 * A database of its own (`<library>-search`), not a store of the library's: it is a cache derived from the library,
 * written by the views that built it, never read by the background, and deleting it loses nothing (the next panel
 * builds it again). Its format number changes whenever the rows or the index change shape; another number is simply
 * a snapshot that is not there.
 *
 * Two records, written in one transaction: a small head (where the snapshot stands in the journal, how many papers it
 * holds), read first so the panel can show the size of the library and ask the journal what changed while the body
 * (tens of megabytes at 50,000 papers: the packed rows and the index's typed arrays) is still being read.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { SearchSnapshot } from '../search/library-search';
import { DB_NAME } from './schema';
import type { JournalState } from './search-journal';

/** Bump when the rows, the tokenizer or the index layout change. */
export const SEARCH_CACHE_FORMAT = 2;

export type SearchCacheHead = {
  format: number;
  journal: JournalState;
  /** Papers in the snapshot. */
  count: number;
  savedAt: number;
};

export type SearchCache = SearchCacheHead & {
  /** The list's rows (lib/views/packed-rows.ts PackedRows), slot by slot of the index. */
  rows: unknown;
  index: Omit<SearchSnapshot, 'ids'>;
};

interface CacheSchema extends DBSchema {
  snapshot: { key: string; value: SearchCacheHead | SearchCache };
}

const HEAD = 'head';
const BODY = 'library';

export class SearchCacheStore {
  private opening: Promise<IDBPDatabase<CacheSchema>> | null = null;

  constructor(private readonly libraryName = DB_NAME) {}

  private db(): Promise<IDBPDatabase<CacheSchema>> {
    this.opening ??= openDB<CacheSchema>(`${this.libraryName}-search`, 1, {
      upgrade(db) {
        db.createObjectStore('snapshot');
      },
      // A newer version wants the cache, or it is being deleted: give it up (reopened on the next read or write).
      blocking: () => this.close(),
    });
    return this.opening;
  }

  /** Where the stored snapshot stands, or null when there is none of this format (or the cache cannot be opened). */
  async head(): Promise<SearchCacheHead | null> {
    try {
      const value = await (await this.db()).get('snapshot', HEAD);
      return value && value.format === SEARCH_CACHE_FORMAT ? value : null;
    } catch {
      return null;
    }
  }

  /**
   * The snapshot, or null when there is none of this format (or the cache cannot be opened). Its own `journal` says
   * where it stands (another panel may have written a newer one since the head was read).
   */
  async read(): Promise<SearchCache | null> {
    try {
      const value = await (await this.db()).get('snapshot', BODY);
      return value && value.format === SEARCH_CACHE_FORMAT && 'index' in value ? value : null;
    } catch {
      return null;
    }
  }

  /**
   * Stores `cache` unless the one stored is further along the same journal (another side panel wrote it); one
   * transaction, so two panels never interleave.
   */
  async write(cache: SearchCache): Promise<boolean> {
    const tx = (await this.db()).transaction('snapshot', 'readwrite');
    const stored = await tx.store.get(HEAD);
    const newer =
      stored?.format === SEARCH_CACHE_FORMAT &&
      stored.journal.epoch === cache.journal.epoch &&
      stored.journal.last > cache.journal.last;
    if (!newer) {
      const head: SearchCacheHead = {
        format: cache.format,
        journal: cache.journal,
        count: cache.count,
        savedAt: cache.savedAt,
      };
      await Promise.all([tx.store.put(cache, BODY), tx.store.put(head, HEAD)]);
    }
    await tx.done;
    return !newer;
  }

  close(): void {
    void this.opening?.then((db) => db.close()).catch(() => {});
    this.opening = null;
  }
}
