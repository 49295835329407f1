/**
 * Reliability and hostile input, end to end in Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatedListing } from '../../bench/listing-pages';
import { type Harness, launch, openExtensionPage, ROOT, screenshotPath, waitForStrips } from './harness';

const BULK_URL = 'https://arxiv.org/list/cs/new?skip=0&show=1000';
const HOSTILE_URL = 'https://arxiv.org/list/cs.CR/new';

let h: Harness;
beforeAll(async () => {
  h = await launch();
  h.serve(BULK_URL, repeatedListing(1000));
  // A 100 KB title: one long unbroken word and ordinary words, to try to break every layout.
  const huge = `${'W'.repeat(50_000)} ${'overlong title '.repeat(3_400)}`;
  h.serve(
    HOSTILE_URL,
    readFileSync(join(ROOT, 'tests/e2e/pages/hostile-listing-handmade.html'), 'utf8').replace(
      'HUGE_TITLE_PLACEHOLDER',
      huge,
    ),
  );
});
afterAll(async () => {
  await h?.close();
});

type Stored = { id: string; saved: boolean; savedAt: number | null; title: string; authors: string[] };
async function allPapers(): Promise<Stored[]> {
  const worker = h.context.serviceWorkers().at(-1) ?? h.serviceWorker;
  return worker.evaluate(async () => {
    const open = indexedDB.open('paperlane');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const request = db.transaction('papers').objectStore('papers').getAll();
    const papers = await new Promise<Stored[]>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return papers;
  });
}

describe('the service worker stopped during a bulk save of 1,000 papers', () => {
  it('keeps every acknowledged batch, half-writes nothing, and finishes once the worker is back', async () => {
    const page = await h.context.newPage();
    await page.goto(BULK_URL);
    await waitForStrips(page, 1000);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    // A mark in the running worker: gone once the browser has really stopped it and started a new one.
    const worker = () => h.context.serviceWorkers().at(-1) ?? h.serviceWorker;
    await worker().evaluate(() => {
      (globalThis as unknown as { __mark?: number }).__mark = 1;
    });
    const toolbar = page.locator('paperlane-toolbar');
    await toolbar.getByRole('button', { name: 'Save all on this page' }).click();
    // Stop the worker again and again while the save runs, so that batches are certain to be cut.
    let stopsDuringSave = 0;
    const progressOf = () =>
      page.evaluate(() => {
        const bar = document.querySelector('paperlane-toolbar')?.shadowRoot?.querySelector('progress');
        return bar ? { done: Number(bar.value), total: Number(bar.max) } : null;
      });
    // Stop it once after each acknowledged batch (up to five times): writes in flight are cut at random points.
    let lastDone = -1;
    for (let i = 0; i < 400 && stopsDuringSave < 5; i++) {
      const progress = await progressOf();
      if (progress === null && lastDone >= 0) break;
      if (progress && progress.done > lastDone && progress.done < progress.total) {
        lastDone = progress.done;
        await cdp.send('ServiceWorker.stopAllWorkers');
        stopsDuringSave++;
      }
      await page.waitForTimeout(5);
    }
    console.log(`service worker stopped ${stopsDuringSave} times during the bulk save`);
    expect(stopsDuringSave).toBeGreaterThan(1);
    await expect
      .poll(() => toolbar.getByText(/^Saved \d+ papers$|Saving all failed/).textContent(), { timeout: 30_000 })
      .toMatch(/^Saved 1000 papers$/);
    const ids = new Set(
      await page.$$eval('[data-paperlane-id]', (els) => els.map((e) => e.getAttribute('data-paperlane-id'))),
    );
    expect(await worker().evaluate(() => (globalThis as unknown as { __mark?: number }).__mark ?? null)).toBeNull();
    const stored = (await allPapers()).filter((p) => ids.has(p.id));
    expect(stored.filter((p) => p.saved)).toHaveLength(1000);
    expect(stored.every((p) => !p.saved || p.savedAt !== null)).toBe(true);
    await page.close();
  });
});

describe('hostile page text', () => {
  it('never runs and never breaks a Paperlane view', async () => {
    // Every page and view from here on is watched from its first line, the views' first render included.
    const violations: string[] = [];
    const watch = (view: Page) =>
      view.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${view.url()}: ${m.text()}`);
      });
    h.context.on('page', watch);
    const page = await h.context.newPage();
    await page.goto(HOSTILE_URL);
    await waitForStrips(page, 5);
    await page.locator('paperlane-toolbar').getByRole('button', { name: 'Save all on this page' }).click();
    await expect
      .poll(async () => (await allPapers()).filter((p) => p.id.startsWith('2611.') && p.saved).length)
      .toBe(5);

    const stored = (await allPapers()).filter((p) => p.id.startsWith('2611.'));
    for (const paper of stored) {
      expect(paper.title).not.toMatch(/<\s*(img|script|svg|iframe|b)\b/i);
      expect(paper.title).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(paper.authors.join(' ')).not.toMatch(/<\s*script/i);
    }

    const views = [await openExtensionPage(h, 'sidepanel.html'), await openExtensionPage(h, 'popup.html')];
    const [panel, popup] = views as [(typeof views)[0], (typeof views)[0]];
    await expect.poll(() => panel.locator('[data-paperlane-id^="2611."]').count()).toBe(5);
    await panel.getByRole('searchbox').first().fill('attacks');
    await popup.getByRole('searchbox').fill('Image');
    await expect.poll(() => popup.getByRole('link').count()).toBeGreaterThan(0);
    for (const view of [panel, popup, page]) {
      const report = await view.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        injected: document.querySelectorAll('img[onerror], svg[onload], iframe, [onmouseover]').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
      expect(report.pwned).toBeNull();
      expect(report.injected).toBe(0);
      if (view !== page) {
        expect(report.jsLinks).toBe(0);
        // A 100 KB title must not widen the panel or the popup.
        expect(report.overflow).toBeLessThanOrEqual(1);
      }
    }
    await panel.screenshot({ path: screenshotPath('hostile-sidepanel') });
    h.context.off('page', watch);
    expect(violations).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
