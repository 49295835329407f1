/**
 * Sync of one library with one server: unlocking (the key document), the device's PouchDB of encrypted
 * documents, PouchDB's replication both ways, and reconciliation with the library after every change on
 * either side. The background runs one live; the command line and the tests run it once.
 *
 * Resuming: PouchDB's replicator keeps its checkpoints in `_local` documents on both sides, and the engine keeps
 * in its own `_local/paperlane-applied` the last change of the device's store that reached the library. A stopped
 * service worker therefore starts again where it was: no document is sent or applied twice.
 */
import type { Database } from 'pouchdb-core';
import { t } from '../i18n';
import { KEY_DOC_ID, KeyDoc, keysFromMaterial, newKeyDoc, type SyncKeys, unlock, WrongPassphraseError } from './crypto';
import { HybridClock } from './hlc';
import type { PouchFactory } from './pouch';
import { PouchDocs } from './pouch-docs';
import { type LocalStore, type ReconcileReport, reconcile, type Want } from './reconcile';

export type SyncConfig = {
  /** The database's URL, e.g. `https://couch.example.org/paperlane`. */
  url: string;
  username: string | null;
  password: string | null;
};

export type SyncState = 'off' | 'connecting' | 'syncing' | 'synced' | 'offline' | 'error';

export type SyncStatus = {
  state: SyncState;
  /** What a person reads: "Wrong password", "Server unreachable", ... (empty while all is well). */
  message: string;
  lastSyncedAt: number | null;
  /** Documents written here that the server has not confirmed. */
  pending: number;
  /** During a first sync: documents received of those the server holds. */
  progress: { done: number; total: number } | null;
  /** Documents from the server skipped because they could not be read or failed the schema. */
  skipped: number;
};

const APPLIED = '_local/paperlane-applied';
/** Changes of the device's store applied to the library per reconciliation. */
const APPLY_PAGE = 2000;

/**
 * A failure told in the words of the status line (public/_locales). "The server is full": CouchDB and Cloudant
 * answer 507 (insufficient storage) or 413 (a request or document over the server's limit), and a CouchDB whose disk
 * is full fails its writes with the Erlang reason "enospc".
 */
export function describeSyncError(error: unknown): { message: string; fatal: boolean } {
  if (error instanceof WrongPassphraseError) return { message: t('syncWrongPassphrase'), fatal: true };
  const e = (error ?? {}) as { status?: number; name?: string; message?: string; reason?: string };
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.reason ?? ''}`.toLowerCase();
  if (e.status === 401 || e.status === 403 || e.name === 'unauthorized' || e.name === 'forbidden')
    return { message: t('syncWrongPassword'), fatal: true };
  if (e.status === 507 || e.status === 413 || /quota|insufficient|disk full|no space|enospc|too large/.test(text))
    return { message: t('syncServerFull'), fatal: false };
  if (e.status === 404 || e.name === 'not_found') return { message: t('syncNoDatabase'), fatal: true };
  if (error instanceof SyntaxError || /json|unexpected token|bad_request/.test(text))
    return { message: t('syncNotCouchDb'), fatal: false };
  if (typeof e.status === 'number' && e.status >= 500)
    return { message: t('syncServerFailed', e.status), fatal: false };
  if (!e.status || /fetch|network|econnrefused|econnreset|socket|timed? ?out/.test(text))
    return { message: t('syncServerUnreachable'), fatal: false };
  return {
    message: t('syncFailed', `${e.status ?? ''} ${e.name ?? 'error'}`.replace(/\s+/g, ' ').trim()),
    fatal: false,
  };
}

export type EngineOptions = {
  pouch: PouchFactory;
  local: LocalStore;
  config: SyncConfig;
  device: string;
  /** PBKDF2 iterations for a new library (tests use fewer). */
  iterations?: number;
  now?: () => number;
  fetch?: typeof globalThis.fetch;
  onStatus?: (status: SyncStatus) => void;
  batchSize?: number;
};

export class SyncEngine {
  readonly clock: HybridClock;
  private remote: Database;
  private store: Database | null = null;
  private docs: PouchDocs | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private live: { cancel(): void }[] = [];
  private pendingWant: Want | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  status: SyncStatus = { state: 'off', message: '', lastSyncedAt: null, pending: 0, progress: null, skipped: 0 };

  constructor(private readonly options: EngineOptions) {
    this.clock = new HybridClock(options.device, options.now);
    const { url, username, password } = options.config;
    this.remote = options.pouch.remote(url, username ? { username, password: password ?? '' } : null, options.fetch);
  }

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus?.(this.status);
  }

  /**
   * Reads the server's key document and unlocks the library with the passphrase (or with key material kept
   * from an earlier unlock); creates the key document when the database holds none. Returns the key material.
   * A wrong passphrase throws WrongPassphraseError, before anything is written anywhere.
   */
  async unlock(
    secret: { passphrase: string } | { material: Uint8Array<ArrayBuffer> },
  ): Promise<Uint8Array<ArrayBuffer>> {
    this.set({ state: 'connecting', message: '' });
    try {
      await this.remote.info();
      let material: Uint8Array<ArrayBuffer>;
      const existing = await this.remote.get(KEY_DOC_ID).catch((error: { status?: number }) => {
        if (error.status === 404) return null;
        throw error;
      });
      if (existing) {
        const keyDoc = KeyDoc.safeParse(existing);
        if (!keyDoc.success) throw new Error('The server holds a key document this version cannot read');
        if ('passphrase' in secret) material = await unlock(keyDoc.data, secret.passphrase);
        else {
          material = secret.material;
          if ((await keysFromMaterial(material)).check !== keyDoc.data.check) throw new WrongPassphraseError();
        }
      } else {
        if (!('passphrase' in secret)) throw new WrongPassphraseError();
        const made = await newKeyDoc(secret.passphrase, this.options.iterations);
        const put = await this.remote.put(made.doc).catch((error: { status?: number }) => {
          if (error.status === 409) return null; // another device made it first: unlock with that one
          throw error;
        });
        material = put
          ? made.material
          : await unlock(KeyDoc.parse(await this.remote.get(KEY_DOC_ID)), secret.passphrase);
      }
      const keys = await keysFromMaterial(material);
      await this.openStore(keys);
      return material;
    } catch (error) {
      const { message } = describeSyncError(error);
      this.set({ state: 'error', message });
      throw error;
    }
  }

  private async openStore(keys: SyncKeys): Promise<void> {
    // One store per server database and library (the check value): another server, or a library made anew on
    // the same server, starts from nothing instead of mixing documents.
    const name = `paperlane-sync-${this.options.device}-${keys.check
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 16)
      .toLowerCase()}`;
    this.store = this.options.pouch.local(name);
    this.docs = new PouchDocs(this.store, keys);
  }

  private need(): { store: Database; docs: PouchDocs } {
    if (!this.store || !this.docs) throw new Error('sync is not unlocked');
    return { store: this.store, docs: this.docs };
  }

  /** Runs reconciliations one at a time, in the order asked. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async reconcileNow(want: Want): Promise<ReconcileReport> {
    const { docs } = this.need();
    const report = await reconcile(docs, this.options.local, this.clock, want);
    if (report.invalid) this.set({ skipped: this.status.skipped + report.invalid });
    if (report.docsWritten) this.set({ pending: this.status.pending + report.docsWritten });
    return report;
  }

  /**
   * Everything in the device's store that reached it since the last time, applied to the library a page of
   * changes at a time: memory stays bounded on a first pull of a large library, the library fills as it goes, and
   * a worker stopped meanwhile starts again at the page it was on.
   */
  private async applyIncoming(): Promise<ReconcileReport | null> {
    const { store } = this.need();
    const applied = (await store.get(APPLIED).catch(() => null)) as { _rev?: string; seq?: number | string } | null;
    let since = applied?.seq ?? 0;
    let rev = applied?._rev;
    let report: ReconcileReport | null = null;
    for (;;) {
      const changes = await store.changes({ since, limit: APPLY_PAGE, return_docs: true });
      const ids = changes.results.map((r) => r.id).filter((id) => id !== KEY_DOC_ID && !id.startsWith('_'));
      if (ids.length) {
        const page = await this.reconcileNow({ papers: [], tags: false, settings: false, docIds: ids });
        report = addReports(report, page);
      }
      if (changes.last_seq !== since) {
        rev = (await store.put({ _id: APPLIED, ...(rev ? { _rev: rev } : {}), seq: changes.last_seq })).rev;
        since = changes.last_seq;
      }
      if (changes.results.length < APPLY_PAGE) return report;
    }
  }

  /**
   * One sync both ways: the library's changes into the store, the store to the server and back, and what came
   * back into the library. Used by the command line and the tests; the background runs `startLive`.
   */
  async syncOnce(): Promise<{ sent: number; received: number; report: ReconcileReport }> {
    const { store } = this.need();
    return this.serial(async () => {
      this.set({ state: 'syncing' });
      try {
        const first = await this.reconcileNow({ papers: 'all', tags: true, settings: true });
        await this.applyIncoming();
        const batch = { batch_size: this.options.batchSize ?? 500 };
        const pushed = await store.replicate.to(this.remote, batch);
        // What arrives is applied while the rest arrives: a first pull of a large library no longer waits for
        // the whole of it before the library starts to fill.
        const replication = store.replicate.from(this.remote, batch);
        let arrived = false;
        const pulling = replication.then(
          (result) => {
            arrived = true;
            return result;
          },
          (error: unknown) => {
            arrived = true;
            throw error;
          },
        );
        let incoming: ReconcileReport | null = null;
        while (!arrived) {
          incoming = addReports(incoming, await this.applyIncoming());
          if (!arrived) await Promise.race([pulling.catch(() => {}), new Promise((r) => setTimeout(r, 100))]);
        }
        const pulled = await pulling;
        incoming = addReports(incoming, await this.applyIncoming());
        // Merges of conflicts that came back are sent again, so the server holds them too.
        const again = incoming?.docsWritten ? await store.replicate.to(this.remote, batch) : null;
        this.set({ state: 'synced', message: '', pending: 0, lastSyncedAt: Date.now(), progress: null });
        const report = incoming ?? first;
        return {
          sent: (pushed.docs_written ?? 0) + (again?.docs_written ?? 0),
          received: pulled.docs_written ?? 0,
          report: {
            ...report,
            invalid: first.invalid + (incoming?.invalid ?? 0),
            problems: [...first.problems, ...(incoming?.problems ?? [])],
          },
        };
      } catch (error) {
        const { message } = describeSyncError(error);
        this.set({ state: describeSyncError(error).fatal ? 'error' : 'offline', message });
        throw error;
      }
    });
  }

  /** A change made in the library (not by sync): reconciled after a short pause that gathers a burst of edits. */
  noteLocalChange(change: { ids: string[]; tags: boolean; settings: boolean; fromSync?: true }): void {
    if (change.fromSync || !this.store) return;
    const want = this.pendingWant ?? { papers: [] as string[], tags: false, settings: false };
    this.pendingWant = {
      papers: [...new Set([...(want.papers as string[]), ...change.ids])],
      tags: want.tags || change.tags,
      settings: want.settings || change.settings,
    };
    this.schedule();
  }

  private schedule(delay = 150): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const want = this.pendingWant;
      this.pendingWant = null;
      if (want) {
        void this.serial(() => this.reconcileNow(want)).catch((error: unknown) => this.fail(error));
      }
    }, delay);
  }

  private fail(error: unknown): void {
    const { message, fatal } = describeSyncError(error);
    this.set({ state: fatal ? 'error' : 'offline', message });
    if (fatal) this.stop();
  }

  /** Continuous sync while the browser runs: live replication both ways, with retry, and live reconciliation. */
  async startLive(): Promise<void> {
    const { store } = this.need();
    await this.serial(async () => {
      this.set({ state: 'syncing' });
      await this.reconcileNow({ papers: 'all', tags: true, settings: true });
      await this.applyIncoming();
    });
    const total = await this.remote
      .info()
      .then((i) => i.doc_count)
      .catch(() => 0);
    const options = { live: true, retry: true, batch_size: this.options.batchSize ?? 500, back_off_function: backOff };
    const push = store.replicate.to(this.remote, options);
    const pull = store.replicate.from(this.remote, options);
    let received = 0;
    const idle = { push: false, pull: false };
    const settle = () => {
      if (idle.push && idle.pull && this.status.state !== 'error')
        this.set({ state: 'synced', message: '', pending: 0, lastSyncedAt: Date.now(), progress: null });
    };
    push.on('change', (info) => {
      const written = (info as { docs_written?: number }).docs_written ?? 0;
      this.set({ pending: Math.max(0, this.status.pending - written) });
    });
    pull.on('change', (info) => {
      received = (info as { docs_read?: number }).docs_read ?? received;
      if (total > 0 && this.status.lastSyncedAt === null)
        this.set({ progress: { done: Math.min(received, total), total } });
    });
    for (const [name, rep] of [
      ['push', push],
      ['pull', pull],
    ] as const) {
      rep.on('paused', (error) => {
        if (error) return this.replicationTrouble(error);
        idle[name] = true;
        settle();
      });
      rep.on('active', () => {
        idle[name] = false;
        if (this.status.state !== 'error') this.set({ state: 'syncing' });
      });
      rep.on('denied', (error) => this.replicationTrouble(error));
      rep.on('error', (error) => this.replicationTrouble(error));
    }
    const feed = store.changes({ since: 'now', live: true, return_docs: false });
    feed.on('change', () => {
      void this.serial(() => this.applyIncoming()).catch((error: unknown) => this.fail(error));
    });
    this.live = [push, pull, feed];
  }

  private replicationTrouble(error: unknown): void {
    const { message, fatal } = describeSyncError(error);
    this.set({ state: fatal ? 'error' : 'offline', message });
    if (fatal) this.stop();
  }

  /** Stops replication; the library and the device's store stay as they are. */
  stop(): void {
    for (const handle of this.live) handle.cancel();
    this.live = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Waits for every reconciliation asked so far (tests, the command line). */
  async idle(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      const want = this.pendingWant;
      this.pendingWant = null;
      if (want) await this.serial(() => this.reconcileNow(want));
    }
    await this.queue;
  }

  async close(): Promise<void> {
    this.stop();
    await this.idle().catch(() => {});
    await this.store?.close();
    await this.remote.close().catch(() => {});
  }
}

function addReports(a: ReconcileReport | null, b: ReconcileReport | null): ReconcileReport | null {
  if (!a || !b) return a ?? b;
  return {
    docsWritten: a.docsWritten + b.docsWritten,
    localWritten: a.localWritten + b.localWritten,
    invalid: a.invalid + b.invalid,
    problems: [...a.problems, ...b.problems],
  };
}

/** Retry after 1 s, doubling to a minute: an unreachable server is asked again without flooding it. */
function backOff(delay: number): number {
  return delay === 0 ? 1000 : Math.min(60_000, delay * 2);
}
