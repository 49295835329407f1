import { describe, expect, it } from 'vitest';
import { createClusterClient, type WorkerLike } from '../../lib/cluster/client';
import { type ClusterReply, handleClusterMessage } from '../../lib/cluster/protocol';

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
