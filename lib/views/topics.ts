/**
 * Topic clusters for the side panel: reads the chosen papers' text from the database in batches, then clusters them
 * in the worker (lib/cluster/worker.ts), so that neither step blocks the panel. Cancelling stops the worker; the next
 * request starts a new one.
 */
import { type ClusterClient, createClusterClient } from '../cluster/client';
import type { ClusterResult, ClusterStage } from '../cluster/cluster';
import type { LibraryPaper } from '../paper/schema';

export type TopicStage = 'reading' | ClusterStage;
export type TopicProgress = { stage: TopicStage; done: number; total: number };

export type TopicRequest = {
  ids: readonly string[];
  /** Number of topics; chosen automatically when absent. */
  k?: number;
  signal?: AbortSignal;
  onProgress?: (progress: TopicProgress) => void;
};

const READ_BATCH = 2000;

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export class TopicClusterer {
  private client: ClusterClient | null = null;

  constructor(
    private readonly readPapers: (ids: readonly string[]) => Promise<LibraryPaper[]>,
    private readonly startClient: () => ClusterClient = () => createClusterClient(),
  ) {}

  async cluster(request: TopicRequest): Promise<ClusterResult> {
    const { ids, signal, onProgress } = request;
    const texts: { id: string; title: string; abstract: string | null }[] = [];
    for (let start = 0; start < ids.length; start += READ_BATCH) {
      if (signal?.aborted) throw new CancelledError('cancelled');
      onProgress?.({ stage: 'reading', done: start, total: ids.length });
      const batch = await this.readPapers(ids.slice(start, start + READ_BATCH));
      for (const p of batch) texts.push({ id: p.id, title: p.title, abstract: p.abstract });
    }
    if (signal?.aborted) throw new CancelledError('cancelled');
    onProgress?.({ stage: 'reading', done: ids.length, total: ids.length });
    if (texts.length < 2) throw new RangeError('at least two papers are needed to find topics');
    if (request.k !== undefined && request.k > texts.length) {
      throw new RangeError(`${request.k} topics need at least ${request.k} papers; there are ${texts.length}`);
    }
    this.client ??= this.startClient();
    const client = this.client;
    let stop = () => {};
    const cancelled = new Promise<never>((_, reject) => {
      stop = () => {
        // The worker may be deep in a long computation: terminating it is the only way to stop it.
        client.dispose();
        if (this.client === client) this.client = null;
        reject(new CancelledError('cancelled'));
      };
      signal?.addEventListener('abort', stop, { once: true });
    });
    try {
      return await Promise.race([
        client.cluster(texts, {
          ...(request.k === undefined ? {} : { k: request.k }),
          onProgress: (p) => onProgress?.(p),
        }),
        cancelled,
      ]);
    } catch (error) {
      if (signal?.aborted) throw new CancelledError('cancelled');
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  dispose(): void {
    this.client?.dispose();
    this.client = null;
  }
}
