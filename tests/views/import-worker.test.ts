import { describe, expect, it, vi } from 'vitest';

// The worker script registers its listener on `self` when imported; here `self` is happy-dom's window.
const replies: unknown[] = [];
(self as unknown as { postMessage: (m: unknown) => void }).postMessage = vi.fn((m: unknown) => replies.push(m));
await import('../../lib/views/import-worker');

/** The reply to a request; progress messages sent before it are kept in `progressOf`. */
async function send(data: unknown): Promise<Record<string, unknown>> {
  const before = replies.length;
  self.dispatchEvent(new MessageEvent('message', { data }));
  const isReply = (m: unknown) => typeof m === 'object' && m !== null && 'ok' in m;
  await vi.waitFor(() => expect(replies.slice(before).some(isReply)).toBe(true), { timeout: 5_000 });
  return replies.slice(before).find(isReply) as Record<string, unknown>;
}

function progressOf(id: number): { stage: string; fraction: number; count: number }[] {
  return replies
    .filter((m): m is { id: number; progress: never } => typeof m === 'object' && m !== null && 'progress' in m)
    .filter((m) => m.id === id)
    .map((m) => m.progress);
}

const BIB = '@article{v, title = {Attention Is All You Need}, author = {Vaswani, Ashish}, eprint = {1706.03762}}';

describe('import worker', () => {
  it('reads a file, keeps it, and plans it when named by the id of that read', async () => {
    const read = await send({ id: 7, type: 'read', text: BIB, fileName: 'a.bib', now: 1 });
    expect(read).toMatchObject({
      id: 7,
      ok: true,
      value: { ok: true, format: 'bibtex', papers: [{ id: '1706.03762' }] },
    });
    const plan = await send({ id: 8, type: 'plan', readId: 7, mode: 'merge' });
    expect(plan).toMatchObject({ id: 8, ok: true, value: { mode: 'merge', added: 1, removed: 0 } });
    expect(progressOf(8).map((p) => p.stage)).toEqual(['library', 'planning']);
  });

  it('reports progress while a large file is read, in order, before the reply', async () => {
    const entries = Array.from(
      { length: 2500 },
      (_, i) => `@article{k${i}, title = {Paper ${i}}, author = {Doe, Jane}, doi = {10.1000/p${i}}}`,
    );
    const bytes = new TextEncoder().encode(entries.join('\n'));
    const read = await send({ id: 20, type: 'read', text: bytes, fileName: 'big.bib', now: 1 });
    expect(read).toMatchObject({ id: 20, ok: true, value: { ok: true, format: 'bibtex' } });
    const progress = progressOf(20);
    expect(progress.map((p) => p.count)).toEqual([0, 1000, 2000]);
    expect(progress.every((p, i) => i === 0 || p.fraction > (progress[i - 1]?.fraction ?? 0))).toBe(true);
    expect(replies.indexOf(replies.find((m) => m === read) as never)).toBeGreaterThan(
      replies.findIndex((m) => typeof m === 'object' && m !== null && (m as { id?: number }).id === 20),
    );
  });

  it('answers a malformed request with what is wrong, and a plan of an unknown read with a clear error', async () => {
    const bad = await send({ id: 9, type: 'read', fileName: 'a.bib', now: 1 });
    expect(bad).toEqual({
      id: 9,
      ok: false,
      error: expect.stringMatching(/^bad request to the import worker: text: /),
    });
    const papersSent = await send({ id: 10, type: 'plan', read: { ok: true, papers: [] }, mode: 'merge' });
    expect(papersSent).toMatchObject({ id: 10, ok: false });
    const unknown = await send({ id: 11, type: 'plan', readId: 999, mode: 'replace' });
    expect(unknown).toEqual({ id: 11, ok: false, error: 'That file is no longer open here: choose it again.' });
  });
});
