/**
 * The side panel's copy of the library: a light row per paper and the search index, read straight from the
 * database in batches (never through runtime messaging), then kept current from "library changed" broadcasts by
 * re-reading only the papers that changed.
 *
 * Issue 19: the rows and the index are also kept as a snapshot (lib/db/search-cache.ts), saved a little after they
 * change. Opening the panel then shows the newest papers first (one short read), loads the snapshot, and re-reads only
 * the papers the search journal (lib/db/search-journal.ts) names as changed since; every paper is read and indexed
 * again only when there is no snapshot or the journal cannot tell what changed.
 */
import type { LibraryReader, TagWithCount } from '../db/reader';
import { SEARCH_CACHE_FORMAT, type SearchCache, type SearchCacheHead } from '../db/search-cache';
import type { JournalState } from '../db/search-journal';
import { errorMessage } from '../errors';
import type { LibraryChanged } from '../messages/protocol';
import type { LibraryPaper, Sighting } from '../paper/schema';
import { LibrarySearch } from '../search/library-search';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { type PaperRow, toRow } from './library-query';
import { type PackedRows, packRows, unpackRows } from './packed-rows';

/** What the store reads: the database reader, or a fake in tests (which may have no search snapshot). */
export type LibrarySource = Pick<
  LibraryReader,
  'count' | 'newest' | 'scan' | 'getPapers' | 'getPaper' | 'getSightings' | 'listTags' | 'getSettings'
> &
  Partial<
    Pick<
      LibraryReader,
      'journalState' | 'journalSince' | 'readSearchCacheHead' | 'readSearchCache' | 'writeSearchCache'
    >
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

/** The snapshot is saved this long after the last change (a burst of edits is one save). */
const SAVE_AFTER_MS = 2000;
/**
 * Saving 50,000 papers' snapshot holds the panel for a moment, and the journal names small changes well enough: a
 * snapshot is saved after a full read, or once this many papers or changes (journal entries, of the 500 kept) have
 * gone by since the one stored.
 */
const SAVE_AFTER_PAPERS = 500;
const SAVE_AFTER_CHANGES = 100;

/** The snapshot's reads, started with the first screen's. */
type SnapshotRead = {
  head: Promise<SearchCacheHead | null>;
  body: Promise<SearchCache | null>;
  since: Promise<Awaited<ReturnType<LibraryReader['journalSince']>> | null>;
};

const sameState = (a: JournalState, b: JournalState) => a.epoch === b.epoch && a.seq === b.seq && a.last === b.last;

/** A performance mark in the panel's timeline (bench/sidepanel-profile.ts lists them), where there is one. */
const mark = (name: string) => globalThis.performance?.mark?.(`paperlane:${name}`);

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class LibraryStore {
  private index = new LibrarySearch();
  /** Where the rows and the index stand in the search journal (null: no journal to follow). */
  private journalAt: JournalState | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Papers and changes taken in since the snapshot stored (unknown after a full read: a save is due). */
  private unsaved = { papers: 0, changes: 0 };
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

  constructor(
    private readonly source: LibrarySource,
    private readonly options: { saveAfterMs?: number } = {},
  ) {}

  /** The search index over every paper read so far. */
  get search(): LibrarySearch {
    return this.index;
  }

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
      this.index = new LibrarySearch();
      // The first screen needs the newest papers and nothing else (counting 50,000 papers alone takes longer).
      // The snapshot is asked for alongside: its head is a few bytes, and its body and the journal are read while
      // the first screen is painted; the body is taken in (deserialised) only after that.
      const snapshot = this.startSnapshotRead();
      const [newest, settings] = await Promise.all([this.source.newest(FIRST_SCREEN), this.source.getSettings()]);
      for (const paper of newest) this.byId.set(paper.id, toRow(paper));
      this.emit({ phase: 'reading', total: newest.length, loaded: 0, settings }, true);
      mark('first-screen-read');
      await nextTask();
      const head = await snapshot.head;
      if (head && head.count > newest.length && (await this.loadSnapshot(head, snapshot))) {
        // Loaded: search covers every paper now. The tags' counts (one index count per tag, most of a second at
        // 50,000 papers) are read after, not to hold the reads above up.
        this.index.prepare();
        this.emit({ phase: 'ready', loaded: this.byId.size, total: this.byId.size, error: null }, true);
        mark('snapshot-ready');
        this.emit({ tags: await this.source.listTags() });
      } else {
        const [total, tags] = await Promise.all([this.source.count(), this.source.listTags()]);
        this.emit({ phase: total > newest.length ? 'reading' : 'ready', total, tags });
        if (total <= newest.length) this.index.upsert(newest);
        else await this.readEverything(total);
        this.index.prepare();
        this.emit({ phase: 'ready', loaded: this.byId.size, total: this.byId.size, error: null }, true);
      }
    } catch (error) {
      this.emit({ phase: 'failed', error: errorMessage(error) });
      return;
    }
    const queued = this.pending;
    this.pending = [];
    for (const change of queued) await this.apply(change);
  }

  /** Every paper, read and indexed in batches; the snapshot is saved after. */
  private async readEverything(total: number): Promise<void> {
    this.journalAt = this.source.journalState ? await this.source.journalState() : null;
    this.unsaved = { papers: Number.POSITIVE_INFINITY, changes: 0 };
    let loaded = 0;
    let shownAt = 0;
    await this.source.scan(
      async (batch) => {
        for (const paper of batch) this.byId.set(paper.id, toRow(paper));
        this.index.upsert(batch);
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
    this.scheduleSave();
  }

  /**
   * The rows and index of the snapshot, and the papers changed since read again; false (nothing taken) when the
   * journal cannot say what changed or the snapshot does not fit together. The journal is asked while the snapshot's
   * body is read, from where its head stands, and again if the body turns out to stand elsewhere (another panel saved
   * a newer one in between).
   */
  private startSnapshotRead(): SnapshotRead {
    const { readSearchCacheHead, readSearchCache, journalSince } = this.source;
    const none = Promise.resolve(null);
    if (!readSearchCacheHead || !readSearchCache || !journalSince) return { head: none, body: none, since: none };
    const head = readSearchCacheHead.call(this.source).catch(() => null);
    const wanted = head.then((h) => (h && h.count > FIRST_SCREEN ? h : null));
    const body = wanted.then((h) => (h ? readSearchCache.call(this.source) : null)).catch(() => null);
    const since = wanted.then((h) => (h ? journalSince.call(this.source, h.journal) : null));
    for (const p of [body, since]) p.catch(() => {}); // awaited in loadSnapshot, or dropped with the snapshot
    return { head, body, since };
  }

  private async loadSnapshot(head: SearchCacheHead, read: SnapshotRead): Promise<boolean> {
    const { journalSince } = this.source;
    if (!journalSince || head.format !== SEARCH_CACHE_FORMAT) return false;
    this.emit({ total: head.count });
    const body = read.body;
    let since = await read.since;
    if (!since || since.ids === 'all' || since.ids.size > RELOAD_ABOVE) return false;
    const cache = await body;
    mark('snapshot-read');
    if (!cache || cache.format !== SEARCH_CACHE_FORMAT) return false;
    if (!sameState(cache.journal, head.journal)) {
      since = await journalSince.call(this.source, cache.journal);
      if (since.ids === 'all' || since.ids.size > RELOAD_ABOVE) return false;
    }
    let rows: PaperRow[];
    let index: LibrarySearch;
    try {
      rows = unpackRows(cache.rows as PackedRows);
      index = LibrarySearch.fromSnapshot({ ...cache.index, ids: rows.map((row) => row.id) });
    } catch {
      return false;
    }
    mark('snapshot-decoded');
    const changed = [...since.ids];
    const papers = changed.length ? await this.source.getPapers(changed) : [];
    this.byId.clear();
    for (const row of rows) this.byId.set(row.id, row);
    this.index = index;
    this.take(changed, papers);
    this.journalAt = since.state;
    this.unsaved = { papers: changed.length, changes: since.state.last - cache.journal.last };
    this.scheduleSave();
    return true;
  }

  /** Takes in the papers read again for `ids`: those not found were deleted (or merged into another). */
  private take(ids: readonly string[], papers: readonly LibraryPaper[]): void {
    const found = new Set(papers.map((p) => p.id));
    const gone = ids.filter((id) => !found.has(id));
    for (const id of gone) this.byId.delete(id);
    for (const paper of papers) this.byId.set(paper.id, toRow(paper));
    this.index.remove(gone);
    this.index.upsert(papers);
  }

  /** Saves the snapshot a little later, when the panel is idle; again after the last of a burst of changes. */
  private scheduleSave(): void {
    if (!this.source.writeSearchCache || !this.journalAt) return;
    if (this.unsaved.papers < SAVE_AFTER_PAPERS && this.unsaved.changes < SAVE_AFTER_CHANGES) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const idle = (globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => void })
        .requestIdleCallback;
      if (idle) idle(() => void this.saveNow(), { timeout: 5000 });
      else void this.saveNow();
    }, this.options.saveAfterMs ?? SAVE_AFTER_MS);
  }

  /** Writes the snapshot now (tests call it; the panel schedules it). */
  async saveNow(): Promise<boolean> {
    const journal = this.journalAt;
    if (!this.source.writeSearchCache || !journal || this.loading) return false;
    const { ids, ...index } = this.index.snapshot();
    const rows: PaperRow[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const row = this.byId.get(ids[i] as string);
      if (!row) return false; // the index and the rows disagree: better no snapshot than a wrong one
      rows[i] = row;
    }
    if (rows.length !== this.byId.size) return false;
    try {
      this.unsaved = { papers: 0, changes: 0 };
      return await this.source.writeSearchCache({
        format: SEARCH_CACHE_FORMAT,
        journal,
        count: rows.length,
        rows: packRows(rows),
        index,
        savedAt: Date.now(),
      });
    } catch {
      return false; // a cache: the next panel builds it again
    }
  }

  /** Stops a pending save (the panel is closing, or a test is done). */
  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
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
        this.take(change.ids, await this.source.getPapers(change.ids));
        patch.total = this.byId.size;
        patch.loaded = this.byId.size;
        this.unsaved.papers += change.ids.length;
        this.unsaved.changes += 1;
        this.scheduleSave();
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
