/**
 * The side panel's copy of the library: a light row per paper and the search index, read straight from the
 * database in batches (never through runtime messaging), then kept current from "library changed" broadcasts by
 * re-reading only the papers that changed.
 */
import type { LibraryReader, TagWithCount } from '../db/reader';
import { errorMessage } from '../errors';
import type { LibraryChanged } from '../messages/protocol';
import type { LibraryPaper, Sighting } from '../paper/schema';
import { LibrarySearch } from '../search/library-search';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { type PaperRow, toRow } from './library-query';

/** What the store reads: the database reader, or a fake in tests. */
export type LibrarySource = Pick<
  LibraryReader,
  'count' | 'newest' | 'scan' | 'getPapers' | 'getPaper' | 'getSightings' | 'listTags' | 'getSettings'
>;

export type LoadPhase = 'opening' | 'reading' | 'ready' | 'failed';

export type StoreSnapshot = {
  phase: LoadPhase;
  rows: readonly PaperRow[];
  /** Papers in the database (known from the start, before all are read). */
  total: number;
  /** Papers read and indexed so far. */
  loaded: number;
  tags: readonly TagWithCount[];
  settings: Settings;
  error: string | null;
  /** Bumped on every change, so views can memoise on it. */
  version: number;
};

const FIRST_SCREEN = 60;
/** Above this many changed ids (a restore, an import) it is cheaper to read everything again. */
const RELOAD_ABOVE = 5000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class LibraryStore {
  readonly search = new LibrarySearch();
  private readonly byId = new Map<string, PaperRow>();
  private listeners = new Set<(s: StoreSnapshot) => void>();
  private snapshot: StoreSnapshot = {
    phase: 'opening',
    rows: [],
    total: 0,
    loaded: 0,
    tags: [],
    settings: DEFAULT_SETTINGS,
    error: null,
    version: 0,
  };
  private pending: LibraryChanged[] = [];
  private loading: Promise<void> | null = null;

  constructor(private readonly source: LibrarySource) {}

  get state(): StoreSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (s: StoreSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(patch: Partial<StoreSnapshot>, rowsChanged = false): void {
    this.snapshot = {
      ...this.snapshot,
      ...patch,
      ...(rowsChanged ? { rows: [...this.byId.values()] } : {}),
      version: this.snapshot.version + 1,
    };
    for (const listener of this.listeners) listener(this.snapshot);
  }

  /** Reads the library: the newest papers first (the first screen), then everything in batches. */
  load(): Promise<void> {
    this.loading ??= this.readAll().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async readAll(): Promise<void> {
    try {
      this.byId.clear();
      this.search.clear();
      const [total, newest, tags, settings] = await Promise.all([
        this.source.count(),
        this.source.newest(FIRST_SCREEN),
        this.source.listTags(),
        this.source.getSettings(),
      ]);
      for (const paper of newest) this.byId.set(paper.id, toRow(paper));
      this.emit({ phase: total > newest.length ? 'reading' : 'ready', total, loaded: 0, tags, settings }, true);
      if (total > newest.length) {
        let loaded = 0;
        let shownAt = 0;
        await this.source.scan(
          async (batch) => {
            for (const paper of batch) this.byId.set(paper.id, toRow(paper));
            this.search.upsert(batch);
            loaded += batch.length;
            // The list is re-filtered and re-sorted on each emit: show progress every 10,000 papers, not every batch.
            const progress = { loaded, total: Math.max(total, this.byId.size) };
            if (loaded - shownAt >= 10_000) {
              shownAt = loaded;
              this.emit(progress, true);
            } else this.snapshot = { ...this.snapshot, ...progress };
            await nextTask(); // let the page paint and answer keys between batches
          },
          { batchSize: 2000 },
        );
      } else {
        this.search.upsert(newest);
      }
      this.search.prepare();
      this.emit({ phase: 'ready', loaded: this.byId.size, total: this.byId.size, error: null }, true);
    } catch (error) {
      this.emit({ phase: 'failed', error: errorMessage(error) });
      return;
    }
    const queued = this.pending;
    this.pending = [];
    for (const change of queued) await this.apply(change);
  }

  /** Follows one "library changed" broadcast. */
  async apply(change: LibraryChanged): Promise<void> {
    if (this.loading) {
      this.pending.push(change);
      return;
    }
    try {
      if (change.ids.length > RELOAD_ABOVE) return await this.load();
      const patch: Partial<StoreSnapshot> = {};
      if (change.ids.length) {
        const papers = await this.source.getPapers(change.ids);
        const found = new Set(papers.map((p) => p.id));
        const gone = change.ids.filter((id) => !found.has(id));
        for (const id of gone) this.byId.delete(id);
        for (const paper of papers) this.byId.set(paper.id, toRow(paper));
        this.search.remove(gone);
        this.search.upsert(papers);
        patch.total = this.byId.size;
        patch.loaded = this.byId.size;
      }
      if (change.tags || change.ids.length) patch.tags = await this.source.listTags();
      if (change.settings) patch.settings = await this.source.getSettings();
      this.emit(patch, change.ids.length > 0);
    } catch (error) {
      this.emit({ error: errorMessage(error) });
    }
  }

  row(id: string): PaperRow | undefined {
    return this.byId.get(id);
  }

  getPaper(id: string): Promise<LibraryPaper | undefined> {
    return this.source.getPaper(id);
  }

  getPapers(ids: readonly string[]): Promise<LibraryPaper[]> {
    return this.source.getPapers(ids);
  }

  getSightings(id: string): Promise<Sighting[]> {
    return this.source.getSightings(id);
  }
}
