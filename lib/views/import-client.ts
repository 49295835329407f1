/**
 * The side panel's side of the import worker (import-worker.ts): one worker, requests matched to replies by id.
 * Both ends are this extension's own code in one origin; the file itself was already validated with zod inside
 * `importFile`, and the background validates the library again when it receives 'library/replace'.
 */
import type { ImportMode, ImportPreview } from '../export/backup';
import type { ImportRead } from './files';

type ReadOk = Extract<ImportRead, { ok: true }>;

type ImportJob =
  | { type: 'read'; text: string; fileName: string; now: number }
  | { type: 'plan'; read: ReadOk; mode: ImportMode };
export type ImportWorkerRequest = ImportJob & { id: number };
export type ImportWorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export class ImportClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private start(): Worker {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<ImportWorkerReply>) => {
      const reply = event.data;
      const request = this.pending.get(reply.id);
      if (!request) return;
      this.pending.delete(reply.id);
      if (reply.ok) request.resolve(reply.value);
      else request.reject(new Error(reply.error));
    });
    worker.addEventListener('error', (event) => {
      // A worker that fails to load or throws outside a request: every waiting request fails with its reason.
      const error = new Error(`import worker failed: ${event.message || 'could not start'}`);
      for (const request of this.pending.values()) request.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    });
    return worker;
  }

  private ask<T>(request: ImportJob): Promise<T> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      worker.postMessage({ ...request, id });
    });
  }

  read(text: string, fileName: string, now = Date.now()): Promise<ImportRead> {
    return this.ask<ImportRead>({ type: 'read', text, fileName, now });
  }

  plan(read: ReadOk, mode: ImportMode): Promise<ImportPreview> {
    return this.ask<ImportPreview>({ type: 'plan', read, mode });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const request of this.pending.values()) request.reject(new Error('import worker stopped'));
    this.pending.clear();
  }
}
