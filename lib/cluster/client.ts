/**
 * Promise-based access to the clustering worker for the side panel: one worker, many requests, each reply
 * validated and matched to its request by id.
 */
import type { ClusterProgress, ClusterResult, PaperInput } from './cluster';
import { ClusterReply, type ClusterRequest } from './protocol';

/** The part of `Worker` the client uses, so that tests can pass a fake. */
export type WorkerLike = {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  terminate(): void;
};

export type ClusterClient = {
  cluster(
    papers: readonly PaperInput[],
    options?: { k?: number; seed?: number; onProgress?: (progress: ClusterProgress) => void },
  ): Promise<ClusterResult>;
  /** Stops the worker; pending requests are rejected. */
  dispose(): void;
};

type Pending = {
  resolve(result: ClusterResult): void;
  reject(error: Error): void;
  onProgress: ((progress: ClusterProgress) => void) | undefined;
};

export function startClusterWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

export function createClusterClient(worker: WorkerLike = startClusterWorker()): ClusterClient {
  const pending = new Map<number, Pending>();
  let nextRequestId = 1;
  worker.addEventListener('message', (event) => {
    const parsed = ClusterReply.safeParse(event.data);
    // A reply that does not parse cannot be matched to a request; dropping it is all that is possible.
    if (!parsed.success) return;
    const reply = parsed.data;
    if (reply.requestId === null) return;
    const request = pending.get(reply.requestId);
    if (request === undefined) return;
    if (reply.type === 'progress') {
      request.onProgress?.({ stage: reply.stage, done: reply.done, total: reply.total });
    } else if (reply.type === 'result') {
      pending.delete(reply.requestId);
      request.resolve(reply.result);
    } else {
      pending.delete(reply.requestId);
      request.reject(new Error(reply.message));
    }
  });
  return {
    cluster(papers, options = {}) {
      const requestId = nextRequestId++;
      const request: ClusterRequest = {
        type: 'cluster',
        requestId,
        papers: papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract ?? null })),
        ...(options.k === undefined ? {} : { k: options.k }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      };
      return new Promise<ClusterResult>((resolve, reject) => {
        pending.set(requestId, { resolve, reject, onProgress: options.onProgress });
        worker.postMessage(request);
      });
    },
    dispose() {
      worker.terminate();
      for (const request of pending.values()) request.reject(new Error('cluster worker stopped'));
      pending.clear();
    },
  };
}
