/**
 * Messages between the side panel and the clustering worker, validated with zod on receipt on both sides.
 * Direction is in the name: `ClusterRequest` goes to the worker, `ClusterReply` comes back.
 */

import { errorMessage } from '../errors';
import { z } from '../paper/zod';
import { addPapers, type ClusterModel, type ClusterResult, describeClusters, fitClusterModel } from './cluster';

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
    /** How the result was made: fitted anew, or the previous model with the added papers placed in it. */
    update: z.enum(['fitted', 'added', 'refitted']).optional(),
  }),
  z.object({ type: z.literal('error'), requestId: z.number().int().nullable(), message: z.string() }),
]);
export type ClusterReply = z.infer<typeof ClusterReply>;

/**
 * What a worker remembers between requests: the last model, so that clustering the same papers plus a few new ones
 * places the new ones (addPapers) instead of starting over; addPapers itself refits when the additions are many or
 * fit badly.
 */
export type ClusterSession = { model: ClusterModel | null; k: number | undefined; seed: number | undefined };

export function newClusterSession(): ClusterSession {
  return { model: null, k: undefined, seed: undefined };
}

/** What the worker does with one incoming message; separate from worker.ts so that tests need no Worker. */
export function handleClusterMessage(
  data: unknown,
  post: (reply: ClusterReply) => void,
  session: ClusterSession = newClusterSession(),
): void {
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
  const onProgress = (progress: {
    stage: 'features' | 'reduce' | 'choose-k' | 'cluster' | 'label';
    done: number;
    total: number;
  }) => post({ type: 'progress', requestId, ...progress });
  try {
    const previous = session.model;
    const ids = new Set(papers.map((p) => p.id));
    // The same settings and every paper of the last model still there: only the added papers are new work.
    const reusable =
      previous !== null &&
      session.k === k &&
      session.seed === seed &&
      papers.length > previous.ids.length &&
      previous.ids.every((id) => ids.has(id));
    let update: 'fitted' | 'added' | 'refitted' = 'fitted';
    let model: ClusterModel;
    if (reusable && previous) {
      const known = new Set(previous.ids);
      const step = addPapers(
        previous,
        papers,
        papers.filter((p) => !known.has(p.id)),
        { onProgress },
      );
      model = step.model;
      update = step.refitted ? 'refitted' : 'added';
    } else {
      model = fitClusterModel(papers, {
        ...(k === undefined ? {} : { k }),
        ...(seed === undefined ? {} : { seed }),
        onProgress,
      });
    }
    Object.assign(session, { model, k, seed });
    const result: ClusterResult = describeClusters(model);
    post({ type: 'result', requestId, result, update });
  } catch (error) {
    post({ type: 'error', requestId, message: errorMessage(error) });
  }
}
