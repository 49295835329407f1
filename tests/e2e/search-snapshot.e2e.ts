/**
 * The side panel's search snapshot across service-worker restarts (issue 19), in a real Chromium: 5,000 papers put
 * in through the message protocol, the panel opened once (it reads everything and saves its snapshot), the worker
 * stopped, papers saved, edited and deleted through a new worker, stopped again, and the panel opened again: it
 * loads the snapshot (which it does not save again for three small changes) and still finds every change.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, tagInfos } from '../../bench/sidepanel-data';
import { LibraryPaper } from '../../lib/paper/schema';
import { makeRecord } from '../helpers/papers';
import { type Harness, launch, openExtensionPage } from './harness';

const COUNT = 5000;
let h: Harness;
let papers: LibraryPaper[];

async function send(page: Page, type: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ([t, p]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      return api.runtime.sendMessage({ paperlane: 1, type: t, payload: p });
    },
    [type, payload] as const,
  );
}

/** When the stored snapshot was saved (null: none). */
const savedAt = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const r = indexedDB.open('paperlane-search');
        r.onupgradeneeded = () => r.transaction?.abort();
        r.onerror = () => resolve(null);
        r.onsuccess = () => {
          const get = r.result.transaction('snapshot').objectStore('snapshot').get('library');
          get.onsuccess = () => {
            r.result.close();
            resolve((get.result as { savedAt?: number } | undefined)?.savedAt ?? null);
          };
        };
      }),
  );

async function openPanel(): Promise<Page> {
  const panel = await openExtensionPage(h, 'sidepanel.html');
  await expect
    .poll(() => panel.getByTestId('result-count').textContent(), { timeout: 60_000 })
    .toBe(`${COUNT.toLocaleString('en-US')} of ${COUNT.toLocaleString('en-US')} papers`);
  return panel;
}

/**
 * Types `text` and waits until the count shows `expected` (the panel searches as one types, a moment later). The box
 * is emptied first and the whole library shown again, so that a count left by the search before is never taken.
 */
async function expectSearch(panel: Page, text: string, expected: string): Promise<void> {
  const all = `${COUNT.toLocaleString('en-US')} of ${COUNT.toLocaleString('en-US')} papers`;
  await panel.getByRole('searchbox').fill('');
  await expect.poll(() => panel.getByTestId('result-count').textContent()).toBe(all);
  await panel.getByRole('searchbox').fill(text);
  await expect.poll(() => panel.getByTestId('result-count').textContent()).toBe(expected);
}

async function stopWorker(page: Page): Promise<void> {
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

beforeAll(async () => {
  h = await launch();
  const library = makeLibrary(COUNT);
  papers = library.papers.map((p) => LibraryPaper.parse(p));
  const loader = await openExtensionPage(h, 'popup.html');
  const reply = await send(loader, 'library/replace', {
    papers,
    tags: tagInfos(),
    sightings: library.sightings,
    settings: { theme: 'light' },
  });
  expect(reply).toEqual({ ok: true, value: null });
  await loader.close();
});
afterAll(async () => {
  await h?.close();
});

describe('the side panel search snapshot', () => {
  it('survives service-worker restarts and follows every change made meanwhile', async () => {
    const first = await openPanel();
    await expect.poll(() => savedAt(first), { timeout: 60_000 }).not.toBeNull();
    const saved = await savedAt(first);
    await first.close();

    const other = await openExtensionPage(h, 'popup.html');
    await stopWorker(other);
    const [edited, deleted] = papers as [LibraryPaper, LibraryPaper];
    expect(
      await send(other, 'library/save', {
        records: [makeRecord('2512.99999', { title: 'Okapi herding with transformers' })],
      }),
    ).toMatchObject({ ok: true });
    expect(
      await send(other, 'library/update', { ids: [edited.id], change: { note: 'compare with the zebroid paper' } }),
    ).toMatchObject({ ok: true });
    expect(await send(other, 'library/delete', { ids: [deleted.id] })).toMatchObject({ ok: true });
    await stopWorker(other);
    await other.close();

    const second = await openPanel(); // 5,000 + 1 saved − 1 deleted
    await expectSearch(second, 'okapi herding', `1 of ${COUNT.toLocaleString('en-US')} papers`);
    await expectSearch(second, 'zebroid', `1 of ${COUNT.toLocaleString('en-US')} papers`);
    await second.getByRole('searchbox').fill('');
    // Loaded from the snapshot, not read again: three small changes save no new one.
    await second.waitForTimeout(3000);
    expect(await savedAt(second)).toBe(saved);
    expect(h.pageErrors).toEqual([]);
  });
});
