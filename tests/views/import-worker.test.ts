import { describe, expect, it, vi } from 'vitest';

// The worker script registers its listener on `self` when imported; here `self` is happy-dom's window.
const replies: unknown[] = [];
(self as unknown as { postMessage: (m: unknown) => void }).postMessage = vi.fn((m: unknown) => replies.push(m));
await import('../../lib/views/import-worker');

async function send(data: unknown): Promise<Record<string, unknown>> {
  const before = replies.length;
  self.dispatchEvent(new MessageEvent('message', { data }));
  await vi.waitFor(() => expect(replies.length).toBeGreaterThan(before), { timeout: 5_000 });
  return replies[replies.length - 1] as Record<string, unknown>;
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
