import { describe, expect, it } from 'vitest';
import { createClusterClient, type WorkerLike } from '../../lib/cluster/client';
import { type ClusterReply, handleClusterMessage, newClusterSession } from '../../lib/cluster/protocol';

const papers = Array.from({ length: 12 }, (_, i) => ({
  id: `p${i}`,
  title: i % 2 === 0 ? `Graph coloring bounds ${i}` : `Quantum spin chains ${i}`,
  abstract: i % 2 === 0 ? 'chromatic number of sparse graphs' : 'entanglement in spin chain models',
}));

describe('worker protocol', () => {
  it.each([
    ['not an object', 'hello'],
    ['unknown type', { type: 'explode', requestId: 1, papers: [] }],
    ['paper without id', { type: 'cluster', requestId: 2, papers: [{ title: 'x' }] }],
    ['k of zero', { type: 'cluster', requestId: 3, papers, k: 0 }],
    ['fractional seed', { type: 'cluster', requestId: 4, papers, seed: 1.5 }],
  ])('rejects %s', (_, message) => {
    const replies: ClusterReply[] = [];
    handleClusterMessage(message, (reply) => replies.push(reply));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.type).toBe('error');
  });

  it('answers a valid request with progress and a result', () => {
    const replies: ClusterReply[] = [];
    handleClusterMessage({ type: 'cluster', requestId: 5, papers, k: 2, seed: 1 }, (reply) => replies.push(reply));
    expect(replies.some((r) => r.type === 'progress')).toBe(true);
    const last = replies.at(-1)!;
    expect(last.type).toBe('result');
    if (last.type === 'result') expect(last.result.clusters).toHaveLength(2);
  });

  it('places papers added since the last request into the existing topics instead of starting over', () => {
    const session = newClusterSession();
    const first: ClusterReply[] = [];
    handleClusterMessage({ type: 'cluster', requestId: 6, papers, k: 2, seed: 1 }, (r) => first.push(r), session);
    const before = first.at(-1)!;
    const added = [
      { id: 'n1', title: 'Graph coloring of planar graphs', abstract: 'chromatic number of sparse graphs' },
      { id: 'n2', title: 'Quantum spin chain entanglement', abstract: 'entanglement in spin chain models' },
    ];
    const second: ClusterReply[] = [];
    handleClusterMessage(
      { type: 'cluster', requestId: 7, papers: [...papers, ...added], k: 2, seed: 1 },
      (r) => second.push(r),
      session,
    );
    const after = second.at(-1)!;
    if (before.type !== 'result' || after.type !== 'result') throw new Error('expected two results');
    expect(before.update).toBe('fitted');
    expect(after.update).toBe('added');
    // The papers clustered before keep their topics; the new ones join the topic of their kind.
    for (const p of papers) expect(after.result.assignments[p.id]).toBe(before.result.assignments[p.id]);
    expect(after.result.assignments.n1).toBe(before.result.assignments.p0);
    expect(after.result.assignments.n2).toBe(before.result.assignments.p1);
    // A different set of papers (one removed) is fitted anew.
    const third: ClusterReply[] = [];
    handleClusterMessage(
      { type: 'cluster', requestId: 8, papers: papers.slice(1), k: 2, seed: 1 },
      (r) => third.push(r),
      session,
    );
    const last = third.at(-1)!;
    expect(last.type === 'result' && last.update).toBe('fitted');
  });

  it('client resolves through a fake worker', async () => {
    let listener: ((event: MessageEvent) => void) | null = null;
    const worker: WorkerLike = {
      addEventListener: (_type, l) => {
        listener = l;
      },
      postMessage: (message) => handleClusterMessage(message, (reply) => listener?.({ data: reply } as MessageEvent)),
      terminate: () => {},
    };
    const stages: string[] = [];
    const result = await createClusterClient(worker).cluster(papers, { k: 2, onProgress: (p) => stages.push(p.stage) });
    expect(Object.keys(result.assignments)).toHaveLength(12);
    expect(stages).toContain('cluster');
  });
});
