import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { ImportClient, type WorkerLike } from '../../lib/views/import-client';

/** A worker that records what it is sent and answers with whatever the test says. */
function fakeWorker(answer: (message: { id: number; type: string }) => unknown) {
  const sent: Record<string, unknown>[] = [];
  let listener: ((event: MessageEvent & ErrorEvent) => void) | null = null;
  const worker: WorkerLike = {
    postMessage(message) {
      sent.push(message as Record<string, unknown>);
      const reply = answer(message as { id: number; type: string });
      queueMicrotask(() => listener?.({ data: reply } as MessageEvent & ErrorEvent));
    },
    addEventListener(type, l) {
      if (type === 'message') listener = l;
    },
    terminate() {},
  };
  return { worker, sent };
}

const readValue = {
  ok: true,
  fileName: 'refs.bib',
  format: 'bibtex',
  papers: [{ id: '1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'] }],
  backup: null,
  skipped: [],
  skippedCount: 0,
};
const planValue = {
  mode: 'merge',
  added: 1,
  updated: 0,
  unchanged: 0,
  removed: 0,
  tagsAdded: 0,
  sightingsAdded: 0,
  result: { papers: readValue.papers, tags: [], sightings: [], settings: DEFAULT_SETTINGS },
};

describe('ImportClient', () => {
  it('reads a file, then plans it by naming the read: the papers never travel back to the worker', async () => {
    const { worker, sent } = fakeWorker((m) => ({
      id: m.id,
      ok: true,
      value: m.type === 'read' ? readValue : planValue,
    }));
    const client = new ImportClient(() => worker);
    const read = await client.read('@article{…}', 'refs.bib', 5);
    expect(read.ok && read.papers.map((p) => p.title)).toEqual(['Attention Is All You Need']);
    if (!read.ok) throw new Error('read failed');
    const plan = await client.plan(read, 'merge');
    expect(plan.added).toBe(1);
    expect(sent).toEqual([
      { type: 'read', text: '@article{…}', fileName: 'refs.bib', now: 5, id: 1 },
      { type: 'plan', readId: 1, mode: 'merge', id: 2 },
    ]);
  });

  it('refuses a reply of the wrong shape with a message naming the field', async () => {
    const { worker } = fakeWorker((m) => ({
      id: m.id,
      ok: true,
      value: { ...readValue, papers: [{ title: 'no id' }] },
    }));
    const client = new ImportClient(() => worker);
    await expect(client.read('x', 'refs.bib')).rejects.toThrow(/import worker answered wrongly: papers\.0\.id/);
  });

  it('passes on the worker’s own error, and refuses to plan a read it did not make', async () => {
    const { worker } = fakeWorker((m) => ({ id: m.id, ok: false, error: 'not valid JSON: line 3' }));
    const client = new ImportClient(() => worker);
    await expect(client.read('{', 'lib.json')).rejects.toThrow('not valid JSON: line 3');
    const forged = { ...readValue, ok: true as const, format: 'bibtex' as const, papers: [] };
    await expect(client.plan(forged, 'merge')).rejects.toThrow(/not read by the import worker/);
  });

  it('fails the waiting requests on a reply that is not a reply at all, instead of waiting for ever', async () => {
    let calls = 0;
    const { worker } = fakeWorker((m) =>
      calls++ === 0 ? { nonsense: true } : { id: m.id, ok: true, value: readValue },
    );
    const client = new ImportClient(() => worker);
    await expect(client.read('a', 'a.bib')).rejects.toThrow(/^the import worker answered wrongly: /);
    // The worker is still there for the next request.
    expect((await client.read('b', 'b.bib')).ok).toBe(true);
  });
});
