/**
 * The library at scale in a real Chromium: 5,000 real arXiv papers are put in the library through the message
 * protocol ('library/replace', validated by the background), then the side panel is used as a person would:
 * search, filter, select all, bulk-tag, undo, open a paper, change the theme. Screenshots of the side panel and the
 * popup in light and dark go to test-output/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, tagInfos } from '../../bench/sidepanel-data';
import { LibraryPaper } from '../../lib/paper/schema';
import { LibrarySearch } from '../../lib/search/library-search';
import { type Harness, launch, openExtensionPage, screenshotPath } from './harness';

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

async function countTagged(tag: string): Promise<number> {
  return h.serviceWorker.evaluate(async (name) => {
    const request = indexedDB.open('paperlane');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = db
      .transaction('papers')
      .objectStore('papers')
      .index('tags')
      .count(name as string);
    return new Promise<number>((resolve) => {
      count.onsuccess = () => resolve(count.result);
    });
  }, tag);
}

const resultCount = (panel: Page) => panel.getByTestId('result-count').textContent();

beforeAll(async () => {
  h = await launch();
  const library = makeLibrary(COUNT);
  papers = library.papers.map((p) => LibraryPaper.parse(p));
  const loader = await openExtensionPage(h, 'popup.html');
  const reply = (await send(loader, 'library/replace', {
    papers,
    tags: tagInfos(),
    sightings: library.sightings,
    settings: { theme: 'light' },
  })) as { ok: boolean; error?: string };
  expect(reply).toEqual({ ok: true, value: null });
  await loader.close();
});
afterAll(async () => {
  await h?.close();
});

describe('side panel with 5,000 papers', () => {
  it('lists, searches, filters, bulk-tags, undoes and changes theme', async () => {
    const panel = await openExtensionPage(h, 'sidepanel.html');
    await panel.setViewportSize({ width: 420, height: 860 });
    await expect.poll(() => resultCount(panel), { timeout: 30_000 }).toBe('5,000 of 5,000 papers');
    // Windowed: only the rows on screen (and a few more) are in the DOM.
    const rows = await panel.locator('.vrow').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(40);
    await panel.screenshot({ path: screenshotPath('sidepanel-light') });

    // Keyboard: move down the list and open a paper with Enter (before any change, so that no reload of the list
    // can move the papers under the keys).
    const active = async () => ((await panel.locator('.vrow[data-active="true"] .title').textContent()) ?? '').trim();
    await panel.locator('.vrow[data-active="true"] .title').focus();
    // Each step down makes another paper the active one (waited for: a key's effect renders after the press
    // returns), and Enter opens the one two steps down.
    const first = await active();
    await panel.keyboard.press('ArrowDown');
    await expect.poll(active).not.toBe(first);
    const second = await active();
    await panel.keyboard.press('ArrowDown');
    await expect.poll(active).not.toBe(second);
    const target = await active();
    expect(target).not.toBe(first);
    // Enter right away: focus moved with the active row in the key's own handler (VirtualList).
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).count()).toBe(1);
    expect(((await panel.getByRole('heading', { level: 2 }).textContent()) ?? '').trim()).toBe(target);
    await expect.poll(() => panel.getByRole('button', { name: 'Back to the list' }).count()).toBe(1);
    await panel.screenshot({ path: screenshotPath('sidepanel-detail-light') });
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.getByRole('button', { name: 'Back to the list' }).count()).toBe(0);

    // Search: the same index in Node gives the count the panel must show.
    const index = new LibrarySearch();
    index.upsert(papers);
    const expected = index.search('quantum entanglement').length;
    expect(expected).toBeGreaterThan(3);
    await panel.getByRole('searchbox').fill('quantum entanglement');
    await expect.poll(() => resultCount(panel)).toBe(`${expected} of 5,000 papers`);
    const ms = Number(await panel.locator('[data-search-ms]').getAttribute('data-search-ms'));
    expect(ms).toBeLessThan(50);

    // Filter: status "Unread" among the hits.
    const unread = index
      .search('quantum entanglement')
      .filter((id) => papers.find((p) => p.id === id)?.status === 'unread').length;
    await panel.getByText('More filters').click();
    await panel.getByRole('combobox', { name: 'Status' }).first().selectOption('unread');
    await expect.poll(() => resultCount(panel)).toBe(`${unread} of 5,000 papers`);
    await panel.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => resultCount(panel)).toBe(`${expected} of 5,000 papers`);

    // Bulk-tag every hit, then undo.
    await panel.getByRole('checkbox', { name: /^Select all/ }).check();
    await expect.poll(() => panel.getByTestId('selected-count').textContent()).toBe(`${expected} selected`);
    await panel.getByLabel('Tag for the selected papers').fill('entangled');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Tagged' }).count()).toBe(1);
    expect(await countTagged('entangled')).toBe(expected);
    // The broadcast brings the change back into the list.
    await expect.poll(() => panel.locator('.vrow .tag', { hasText: 'entangled' }).count()).toBeGreaterThan(0);
    await panel.screenshot({ path: screenshotPath('sidepanel-bulk-tagged') });
    await panel.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => countTagged('entangled')).toBe(0);
    await expect.poll(() => panel.locator('.vrow .tag', { hasText: 'entangled' }).count()).toBe(0);

    // Topics of all 5,000 papers, computed in the worker: progress is shown and the panel's main thread stays free
    // (no task over 250 ms while the worker runs; reading the papers and posting them are the only main-thread work).
    await panel.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await panel.getByRole('tab', { name: 'Topics' }).click();
    await panel.getByRole('button', { name: 'Find topics' }).click();
    await expect.poll(() => panel.getByTestId('topic-progress').count()).toBe(1);
    await expect.poll(() => panel.getByTestId('topic-summary').count(), { timeout: 90_000 }).toBe(1);
    expect(await panel.getByTestId('topic-summary').textContent()).toMatch(
      /^\d+ topics \(chosen automatically\) among 5,000 papers of the whole library\./,
    );
    const longest = await panel.evaluate(() =>
      Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
    );
    expect(longest).toBeLessThan(250);
    await panel.screenshot({ path: screenshotPath('sidepanel-topics-5000') });
    await panel.getByRole('tab', { name: 'Library' }).click();

    // Theme: dark, applied as data-theme on the root.
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await panel.screenshot({ path: screenshotPath('sidepanel-settings-dark') });
    await panel.getByRole('tab', { name: 'Library' }).click();
    await panel.screenshot({ path: screenshotPath('sidepanel-dark') });
    await panel.getByRole('tab', { name: 'Tags' }).click();
    await panel.screenshot({ path: screenshotPath('sidepanel-tags-dark') });

    // The popup follows the same setting.
    const popup = await openExtensionPage(h, 'popup.html');
    await popup.setViewportSize({ width: 360, height: 520 });
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => popup.getByTestId('library-count').textContent()).toBe('5,000 papers in your library');
    await popup.getByRole('searchbox').fill('quantum');
    await expect.poll(() => popup.locator('.results li').count()).toBe(8);
    await popup.screenshot({ path: screenshotPath('popup-dark') });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByRole('radio', { name: 'Light' }).click();
    await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await popup.reload();
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await popup.getByRole('searchbox').fill('quantum');
    await expect.poll(() => popup.locator('.results li').count()).toBe(8);
    await popup.screenshot({ path: screenshotPath('popup-light') });

    expect(h.pageErrors).toEqual([]);
  });
});
