/**
 * The content script on a living page: the site's own controls keep their places, keys follow the settings,
 * and everything Paperlane added goes away when the extension is reloaded under the page.
 * The reload test runs last: it replaces the extension's service worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch, openFixture, waitForStrips } from './harness';

const ARXIV_NEW = 'arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html';
const HF_DAILY = 'huggingface/hf-daily-papers-2024-08-01.html';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('living pages', () => {
  it.each([ARXIV_NEW, HF_DAILY])("keeps the site's own links and controls where they were on %s", async (file) => {
    const page = await openFixture(h, file);
    await waitForStrips(page, 13);
    // Positions of every site link inside each card, relative to the card, with the strips shown and hidden.
    const measure = () =>
      page.$$eval('[data-paperlane-id]', (cards) =>
        cards.flatMap((card) => {
          const top = card.getBoundingClientRect();
          return [...card.querySelectorAll('a, button')]
            .filter((el) => !el.closest('paperlane-strip'))
            .map((el) => {
              const r = el.getBoundingClientRect();
              return `${Math.round(r.left - top.left)},${Math.round(r.top - top.top)}`;
            });
        }),
      );
    const shown = await measure();
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('paperlane-strip')) (host as HTMLElement).style.display = 'none';
    });
    const hidden = await measure();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown).toEqual(hidden);
    await page.close();
  });

  it('uses the keys set in the settings', async () => {
    const settingsPage = await openFixture(h, ARXIV_NEW);
    await waitForStrips(settingsPage, 14);
    // Change the save key from the page's own context through the protocol, as the side panel's settings do.
    await settingsPage.close();
    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await panel.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      await api.runtime.sendMessage({
        paperlane: 1,
        type: 'settings/update',
        payload: {
          keys: { next: 'J', previous: 'K', save: 'b', dismiss: 'x', tag: 't', note: 'n', open: 'o', help: '?' },
        },
      });
    });
    const page = await openFixture(h, ARXIV_NEW);
    await waitForStrips(page, 14);
    await page.keyboard.press('Shift+J');
    const first = await page.$eval('[data-paperlane-id]', (e) => e.getAttribute('data-paperlane-id') ?? '');
    const save = page.locator(`[data-paperlane-id="${first}"] > paperlane-strip button.save`);
    await page.keyboard.press('s');
    await page.waitForTimeout(300);
    expect(await save.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('b');
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    await panel.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      await api.runtime.sendMessage({
        paperlane: 1,
        type: 'settings/update',
        payload: {
          keys: { next: 'j', previous: 'k', save: 's', dismiss: 'x', tag: 't', note: 'n', open: 'o', help: '?' },
        },
      });
    });
    await panel.close();
    await page.close();
  });

  it('starts again after a client-side navigation, once, and not for a hash jump', async () => {
    const page = await openFixture(h, HF_DAILY);
    await waitForStrips(page, 13);
    // The site replaces its list and pushes a new URL, as the Hugging Face app does between days.
    await page.evaluate(() => {
      const first = document.querySelector('article');
      for (const article of [...document.querySelectorAll('article')].slice(1)) article.remove();
      history.pushState({}, '', '/papers?date=2024-08-02');
      void first;
    });
    await expect
      .poll(() =>
        page.evaluate(() => ({
          toolbars: document.querySelectorAll('paperlane-toolbar').length,
          strips: document.querySelectorAll('paperlane-strip').length,
          perCard: [...document.querySelectorAll('[data-paperlane-id]')].map(
            (c) => c.querySelectorAll(':scope > paperlane-strip').length,
          ),
        })),
      )
      .toEqual({ toolbars: 1, strips: 1, perCard: [1] });
    // A hash jump is not a new page: the very same toolbar stays (a restart would replace it, keeping the count).
    await page.evaluate(() => {
      (document.querySelector('paperlane-toolbar') as HTMLElement & { marked?: boolean }).marked = true;
      history.pushState({}, '', '/papers?date=2024-08-02#community');
    });
    await page.waitForTimeout(700);
    expect(await page.locator('paperlane-toolbar').count()).toBe(1);
    expect(
      await page.evaluate(
        () => (document.querySelector('paperlane-toolbar') as (HTMLElement & { marked?: boolean }) | null)?.marked,
      ),
    ).toBe(true);
    await page.close();
  });

  it('removes everything it added when the extension is reloaded under the page', async () => {
    const page = await openFixture(h, ARXIV_NEW);
    await waitForStrips(page, 14);
    const before = await page.evaluate(() => document.body.innerHTML.length);
    expect(await page.locator('paperlane-toolbar').count()).toBe(1);
    await h.serviceWorker.evaluate(() => {
      (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload();
    });
    await expect
      .poll(
        () =>
          page.evaluate(() => ({
            strips: document.querySelectorAll('paperlane-strip').length,
            toolbars: document.querySelectorAll('paperlane-toolbar').length,
            marked: document.querySelectorAll('[data-paperlane-id]').length,
            dimmed: [...document.querySelectorAll('dt, dd')].filter((e) => (e as HTMLElement).style.opacity !== '')
              .length,
          })),
        { timeout: 15_000 },
      )
      .toEqual({ strips: 0, toolbars: 0, marked: 0, dimmed: 0 });
    // The page's own content is whole: what is left is what the site served.
    expect(await page.evaluate(() => document.body.innerHTML.length)).toBeLessThan(before);
    expect(await page.locator('dt').count()).toBe(14);
    // Keys no longer reach a dead extension (no "Extension context invalidated" error).
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await page.waitForTimeout(300);
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });
});
