/** The side panel's topic requests: papers read in batches with progress, k checked, cancel stops the worker. */
import { describe, expect, it } from 'vitest';
import type { ClusterClient } from '../../lib/cluster/client';
import type { ClusterResult } from '../../lib/cluster/cluster';
import { CancelledError, TopicClusterer, type TopicProgress } from '../../lib/views/topics';
import { makeLibraryPaper } from '../helpers/papers';

const ids = Array.from({ length: 4500 }, (_, i) => `2501.${String(i + 1).padStart(5, '0')}`);
const read = async (batch: readonly string[]) => batch.map((id) => makeLibraryPaper(id));

function fakeClient(): ClusterClient & { disposed: number; received: number } {
  const client = {
    disposed: 0,
    received: 0,
    cluster(papers: readonly unknown[]) {
      client.received = papers.length;
      return new Promise<ClusterResult>(() => {}); // never answers: only a cancel ends it
    },
    dispose() {
      client.disposed++;
    },
  };
  return client;
}

describe('TopicClusterer', () => {
  it('reads papers in batches with progress, and a cancel stops the worker', async () => {
    const client = fakeClient();
    const topics = new TopicClusterer(read, () => client);
    const controller = new AbortController();
    const progress: TopicProgress[] = [];
    const running = topics.cluster({ ids, signal: controller.signal, onProgress: (p) => progress.push(p) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(progress.map((p) => p.done)).toEqual([0, 2000, 4000, 4500]);
    expect(client.received).toBe(4500);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(client.disposed).toBe(1);
  });

  it('refuses a k larger than the number of papers, and fewer than two papers', async () => {
    const topics = new TopicClusterer(read, fakeClient);
    await expect(topics.cluster({ ids: ids.slice(0, 5), k: 6 })).rejects.toThrow(/6 topics need at least 6 papers/);
    await expect(topics.cluster({ ids: ids.slice(0, 1) })).rejects.toThrow(/at least two papers/);
  });
});
