/**
 * Messages between the side panel and the clustering worker, validated with zod on receipt on both sides.
 * Direction is in the name: `ClusterRequest` goes to the worker, `ClusterReply` comes back.
 */
import { z } from '../paper/zod';
import { type ClusterResult, clusterPapers } from './cluster';

export const ClusterRequest = z.object({
  type: z.literal('cluster'),
  /** Chosen by the client so that replies can be matched to their request. */
  requestId: z.number().int().nonnegative(),
  papers: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string(),
        abstract: z.string().nullable().optional(),
        /** Optional; shared authors are a topic signal (see features.ts). */
        authors: z.array(z.string()).max(10_000).nullable().optional(),
      }),
    )
    .max(100_000),
  k: z.number().int().min(1).max(500).optional(),
  seed: z.number().int().optional(),
});
export type ClusterRequest = z.infer<typeof ClusterRequest>;

const ClusterSummary = z.object({
  label: z.string(),
  terms: z.array(z.string()),
  size: z.number().int().nonnegative(),
  members: z.array(z.string()),
});

export const ClusterReply = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    requestId: z.number().int(),
    stage: z.enum(['features', 'reduce', 'choose-k', 'cluster', 'label']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('result'),
    requestId: z.number().int(),
    result: z.object({
      k: z.number().int(),
      automaticK: z.boolean(),
      assignments: z.record(z.string(), z.number().int()),
      clusters: z.array(ClusterSummary),
      kScores: z.array(z.object({ k: z.number().int(), silhouette: z.number() })).nullable(),
    }),
  }),
  z.object({ type: z.literal('error'), requestId: z.number().int().nullable(), message: z.string() }),
]);
export type ClusterReply = z.infer<typeof ClusterReply>;

/** What the worker does with one incoming message; separate from worker.ts so that tests need no Worker. */
export function handleClusterMessage(data: unknown, post: (reply: ClusterReply) => void): void {
  const parsed = ClusterRequest.safeParse(data);
  if (!parsed.success) {
    const requestId =
      typeof data === 'object' && data !== null && typeof (data as { requestId?: unknown }).requestId === 'number'
        ? (data as { requestId: number }).requestId
        : null;
    post({ type: 'error', requestId, message: `invalid cluster request: ${z.prettifyError(parsed.error)}` });
    return;
  }
  const { requestId, papers, k, seed } = parsed.data;
  try {
    const result: ClusterResult = clusterPapers(papers, {
      ...(k === undefined ? {} : { k }),
      ...(seed === undefined ? {} : { seed }),
      onProgress: (progress) => post({ type: 'progress', requestId, ...progress }),
    });
    post({ type: 'result', requestId, result });
  } catch (error) {
    post({ type: 'error', requestId, message: error instanceof Error ? error.message : String(error) });
  }
}
