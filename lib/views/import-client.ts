/**
 * The side panel's side of the import worker (import-worker.ts): one worker, requests matched to replies by id,
 * every reply checked with zod (import-protocol.ts) before anything uses it.
 */
import type { ImportMode, ImportPreview } from '../export/backup';
import { describeIssues } from '../messages/protocol';
import type { z } from '../paper/zod';
import type { ImportRead } from './files';
import {
  ImportPlanValue,
  type ImportProgress,
  ImportReadValue,
  ImportWorkerProgress,
  ImportWorkerReply,
  type ImportWorkerRequest,
} from './import-protocol';

export type OnImportProgress = (progress: ImportProgress) => void;

type ReadOk = Extract<ImportRead, { ok: true }>;
type Job = ImportWorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The part of `Worker` the client uses, so that tests can pass a fake. */
export type WorkerLike = {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent & ErrorEvent) => void): void;
  terminate(): void;
};

export function startImportWorker(): WorkerLike {
  return new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export class ImportClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void; onProgress?: OnImportProgress | undefined }
  >();
  /** Which request read each file the worker holds: a plan names the file by that id. */
  private readIds = new WeakMap<ReadOk, number>();

  constructor(private readonly startWorker: () => WorkerLike = startImportWorker) {}

  private start(): WorkerLike {
    const worker = this.startWorker();
    worker.addEventListener('message', (event) => {
      const data = event.data as { progress?: unknown } | null;
      if (data && typeof data === 'object' && 'progress' in data) {
        // Progress is only shown: one that does not parse is dropped, the reply still comes.
        const progress = ImportWorkerProgress.safeParse(data);
        if (progress.success) this.pending.get(progress.data.id)?.onProgress?.(progress.data.progress);
        return;
      }
      const parsed = ImportWorkerReply.safeParse(event.data);
      // A reply that does not parse cannot be matched to its request: every waiting request fails rather than wait
      // for ever (the panel would show "Comparing…" until closed).
      if (!parsed.success) {
        this.failAll(new Error(`the import worker answered wrongly: ${describeIssues(parsed.error)}`));
        return;
      }
      const reply = parsed.data;
      const request = this.pending.get(reply.id);
      if (!request) return;
      this.pending.delete(reply.id);
      if (reply.ok) request.resolve(reply.value);
      else request.reject(new Error(reply.error));
    });
    worker.addEventListener('error', (event) => {
      // A worker that fails to load or throws outside a request: every waiting request fails with its reason.
      this.failAll(new Error(`import worker failed: ${event.message || 'could not start'}`));
      this.worker?.terminate();
      this.worker = null;
    });
    return worker;
  }

  private failAll(error: Error): void {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  private async ask<S extends z.ZodType>(
    job: Job,
    schema: S,
    id = this.nextId++,
    onProgress?: OnImportProgress,
  ): Promise<z.infer<S>> {
    this.worker ??= this.start();
    const worker = this.worker;
    const value = await new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...job, id });
    });
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`the import worker answered wrongly: ${describeIssues(parsed.error)}`);
    return parsed.data;
  }

  /** Reads a file in the worker: its bytes (the encoding is told from them) or its text. */
  async read(
    text: string | Uint8Array<ArrayBuffer>,
    fileName: string,
    now = Date.now(),
    onProgress?: OnImportProgress,
  ): Promise<ImportRead> {
    const id = this.nextId++;
    const read = (await this.ask({ type: 'read', text, fileName, now }, ImportReadValue, id, onProgress)) as ImportRead;
    if (read.ok) this.readIds.set(read, id);
    return read;
  }

  async plan(read: ReadOk, mode: ImportMode, onProgress?: OnImportProgress): Promise<ImportPreview> {
    const readId = this.readIds.get(read);
    if (readId === undefined) throw new Error('This file was not read by the import worker: choose it again.');
    return (await this.ask({ type: 'plan', readId, mode }, ImportPlanValue, undefined, onProgress)) as ImportPreview;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const request of this.pending.values()) request.reject(new Error('import worker stopped'));
    this.pending.clear();
  }
}
