/**
 * Sync as the background runs it: the one engine, its settings kept in the extension's storage, and the
 * answers to the side panel's sync/* messages. What is stored: the server address, the user name and password
 * (sent to that server alone, never logged), the key material derived from the passphrase (the passphrase itself
 * is never kept and never leaves the device), and this device's id. Local data stays when sync stops.
 */
import type { Library, LibraryChange } from '../db/library';
import { fromBase64, toBase64 } from './crypto';
import { describeSyncError, SyncEngine, type SyncStatus } from './engine';
import { newDeviceId } from './hlc';
import { libraryLocal } from './library-local';
import type { PouchFactory } from './pouch';

/** The extension storage, as far as sync uses it (browser.storage.local in the background). */
export type KeyValueStorage = {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
};

const CONFIG_KEY = 'paperlane.sync';
const DEVICE_KEY = 'paperlane.sync.device';

type Stored = { url: string; username: string; password: string; material: string };

const OFF: SyncStatus = { state: 'off', message: '', lastSyncedAt: null, pending: 0, progress: null, skipped: 0 };

export class SyncService {
  private engine: SyncEngine | null = null;
  private config: Stored | null = null;
  private last: SyncStatus = OFF;

  constructor(
    private readonly library: () => Promise<Library>,
    private readonly storage: KeyValueStorage,
    private readonly pouch: PouchFactory,
  ) {}

  private async device(): Promise<string> {
    const known = await this.storage.get(DEVICE_KEY);
    if (typeof known === 'string' && /^[0-9a-z]{12}$/.test(known)) return known;
    const id = newDeviceId();
    await this.storage.set(DEVICE_KEY, id);
    return id;
  }

  private async engineFor(config: { url: string; username: string; password: string }): Promise<SyncEngine> {
    return new SyncEngine({
      pouch: this.pouch,
      local: libraryLocal(this.library),
      config: { url: config.url, username: config.username || null, password: config.password || null },
      device: await this.device(),
      onStatus: (status) => {
        this.last = status;
      },
    });
  }

  /** The background started (browser start, or a service worker woken again): sync resumes if it was on. */
  async resume(): Promise<void> {
    const stored = (await this.storage.get(CONFIG_KEY)) as Stored | undefined;
    if (!stored?.url || !stored.material) return;
    this.config = stored;
    const engine = await this.engineFor(stored);
    this.engine = engine;
    try {
      await engine.unlock({ material: fromBase64(stored.material) });
      await engine.startLive();
    } catch (error) {
      // Kept on (an unreachable server is tried again on the next start); the status says why.
      this.last = { ...engine.status, message: describeSyncError(error).message };
    }
  }

  async start(request: { url: string; username: string; password: string; passphrase: string }): Promise<SyncStatus> {
    await this.stop();
    const url = request.url.replace(/\/+$/, '');
    const engine = await this.engineFor({ ...request, url });
    try {
      const material = await engine.unlock({ passphrase: request.passphrase });
      this.config = { url, username: request.username, password: request.password, material: toBase64(material) };
      await this.storage.set(CONFIG_KEY, this.config);
      this.engine = engine;
      void engine.startLive().catch(() => {});
      return engine.status;
    } catch (error) {
      await engine.close();
      const { message } = describeSyncError(error);
      this.last = { ...OFF, state: 'error', message };
      return this.last;
    }
  }

  /** Stops syncing and forgets the server's credentials and the key; the library stays as it is. */
  async stop(): Promise<SyncStatus> {
    const engine = this.engine;
    this.engine = null;
    this.config = null;
    await this.storage.remove(CONFIG_KEY);
    if (engine) await engine.close();
    this.last = OFF;
    return OFF;
  }

  status(): SyncStatus & { url: string | null; username: string | null } {
    return {
      ...(this.engine ? this.engine.status : this.last),
      url: this.config?.url ?? null,
      username: this.config?.username ?? null,
    };
  }

  noteLocalChange(change: LibraryChange): void {
    this.engine?.noteLocalChange(change);
  }
}
