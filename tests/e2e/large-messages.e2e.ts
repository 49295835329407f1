/**
 * Changes larger than one message, in a real Chromium, through the side panel as a person uses it: 760 papers with
 * 100,000-character notes (the most a note may hold) are selected, deleted and the delete undone. The undo holds
 * every paper as it was, ~76 million characters, past Chrome's 64 MiB message limit. It stays in the background
 * under a token (issue 19), so the delete's answer and the restore's request are small; before, they travelled in
 * parts, and before parts the delete went through and its answer was refused by Chrome ("Message exceeded maximum
 * allowed size"): no undo, and an error for a change that had been made.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary } from '../../bench/sidepanel-data';
import { LibraryPaper } from '../../lib/paper/schema';
import { type Harness, launch, openExtensionPage } from './harness';

const COUNT = 760;
const NOTE_CHARS = 100_000;
let h: Harness;
const library = makeLibrary(COUNT).papers;

/** Papers in the background's database: their count, the notes of the first and last, and a hash of all notes. */
async function stored(): Promise<{ count: number; first: string; last: string; hash: number }> {
  return h.serviceWorker.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('paperlane');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all: { id: string; note: string }[] = await new Promise((resolve) => {
      const request = db.transaction('papers').objectStore('papers').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    all.sort((a, b) => (a.id < b.id ? -1 : 1));
    // FNV-1a over every note's UTF-16 units, in id order: a single character changed anywhere changes it.
    let hash = 0x811c9dc5;
    for (const { note } of all) {
      for (let i = 0; i < note.length; i++) hash = Math.imul(hash ^ note.charCodeAt(i), 0x01000193) >>> 0;
    }
    return { count: all.length, first: all[0]?.note ?? '', last: all.at(-1)?.note ?? '', hash };
  });
}

/** The note of the i-th paper: 100,000 characters, non-ASCII and surrogate pairs included, different per paper. */
function noteOf(i: number): string {
  const line = `Note ${i}: résumé, naïve, 😀 and 🧪; `;
  return `${line
    .repeat(Math.ceil(NOTE_CHARS / line.length))
    .slice(0, NOTE_CHARS - 1)
    .replace(/[\uD800-\uDBFF]$/, ' ')}.`;
}

beforeAll(async () => {
  h = await launch();
  // The background opens (and creates) the database on its first message.
  const loader = await openExtensionPage(h, 'popup.html');
  await loader.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({ paperlane: 1, type: 'settings/get', payload: null }),
  );
  await loader.close();
  // Written into the database directly: a library this large cannot come through one message either.
  const papers = library.map((p) => LibraryPaper.parse({ ...p, tags: [], note: '' }));
  await h.serviceWorker.evaluate(
    async ({ papers, chars }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('paperlane');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('papers', 'readwrite');
      papers.forEach((paper, i) => {
        const line = `Note ${i}: résumé, naïve, 😀 and 🧪; `;
        const note = `${line
          .repeat(Math.ceil(chars / line.length))
          .slice(0, chars - 1)
          .replace(/[\uD800-\uDBFF]$/, ' ')}.`;
        tx.objectStore('papers').put({ ...paper, note });
      });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { papers, chars: NOTE_CHARS },
  );
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('a delete and its undo larger than one message', () => {
  it('deletes 760 papers with long notes from the side panel and puts them all back with Undo', async () => {
    const before = await stored();
    expect(before.count).toBe(COUNT);
    expect(before.first.length).toBe(NOTE_CHARS);
    const ids = library.map((p) => p.id).sort();
    const firstIndex = library.findIndex((p) => p.id === ids[0]);
    expect(before.first).toBe(noteOf(firstIndex));

    const panel: Page = await openExtensionPage(h, 'sidepanel.html');
    const resultCount = () => panel.getByTestId('result-count').textContent();
    await expect.poll(resultCount, { timeout: 60_000 }).toBe('760 of 760 papers');
    await panel.getByRole('checkbox', { name: /^Select all/ }).check();
    await expect.poll(() => panel.getByTestId('selected-count').textContent()).toBe('760 selected');
    await panel.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .poll(() => panel.getByRole('status').filter({ hasText: 'Deleted 760 papers' }).count(), { timeout: 120_000 })
      .toBe(1);
    expect((await stored()).count).toBe(0);

    await panel.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await stored()).count, { timeout: 120_000 }).toBe(COUNT);
    const after = await stored();
    expect(after.first).toBe(before.first);
    expect(after.last).toBe(before.last);
    expect(after.hash).toBe(before.hash);
    await expect.poll(resultCount, { timeout: 60_000 }).toBe('760 of 760 papers');
    expect(h.pageErrors).toEqual([]);
  }, 300_000);
});
