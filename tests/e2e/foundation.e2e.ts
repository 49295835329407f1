/**
 * The foundation's round trip in a real Chromium: the content script runs on the Hugging Face daily page and
 * on the arXiv pages, a paper it sends is stored by the background, and the popup and side panel show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONAL_ORIGINS } from '../../lib/digest-pages';
import {
  fixture,
  type Harness,
  launch,
  openExtensionPage,
  openFixture,
  screenshotPath,
  waitForStrips,
} from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('extension in Chromium', () => {
  it('loads with a service worker and a manifest that names only the digest sites', async () => {
    const manifest = await h.serviceWorker.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome;
      return api.runtime.getManifest() as {
        manifest_version: number;
        host_permissions?: string[];
        permissions?: string[];
        side_panel?: { default_path: string };
      };
    });
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.host_permissions).not.toContain('<all_urls>');
    // The e2e build (PAPERLANE_E2E=1) also requires the optional sites and the loopback sync server (wxt.config.ts);
    // the production manifests are checked in privacy.e2e.ts.
    const e2e = process.env.PAPERLANE_E2E === '1' ? [...OPTIONAL_ORIGINS, 'http://127.0.0.1/*'] : [];
    for (const pattern of (manifest.host_permissions ?? []).filter((p) => !e2e.includes(p))) {
      expect(pattern).toMatch(/^https:\/\/(huggingface\.co\/papers|arxiv\.org\/(list|search|abs|catchup))/);
    }
    expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'sidePanel']));
    expect(manifest.side_panel?.default_path).toBe('sidepanel.html');
  });

  it.each([
    'huggingface/hf-daily-papers-2024-08-01.html',
    'arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html',
    'arxiv/arxiv-search-200results-2025-12.html',
    'arxiv/arxiv-abs-2106.09608-2021-12.html',
  ])('runs the content script on %s', async (file) => {
    const page = await openFixture(h, file);
    await waitForStrips(page, fixture(file).cards);
    const ids = await page.$$eval('[data-paperlane-id]', (els) => els.map((e) => e.getAttribute('data-paperlane-id')));
    expect(new Set(ids).size).toBe(fixture(file).cards);
    await page.close();
  });

  it('stores a paper saved on a page and shows it in the popup and the side panel', async () => {
    const page = await openFixture(h, 'huggingface/hf-daily-papers-2024-08-01.html');
    await waitForStrips(page, 13);
    const firstCard = page.locator('[data-paperlane-id]').first();
    const id = await firstCard.getAttribute('data-paperlane-id');
    const save = firstCard.locator('paperlane-strip').getByRole('button', { name: /Save/ });
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: screenshotPath('foundation-hf-daily-saved') });

    const stored = await h.serviceWorker.evaluate(async (paperId) => {
      const request = indexedDB.open('paperlane');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const get = db
        .transaction('papers')
        .objectStore('papers')
        .get(paperId as string);
      return new Promise<{ saved: boolean; title: string } | undefined>((resolve) => {
        get.onsuccess = () => resolve(get.result);
      });
    }, id);
    expect(stored?.saved).toBe(true);

    const panel = await openExtensionPage(h, 'sidepanel.html');
    await expect.poll(() => panel.locator(`[data-paperlane-id="${id}"]`).count()).toBe(1);
    await expect
      .poll(async () => panel.locator(`[data-paperlane-id="${id}"]`).textContent())
      .toContain(stored?.title ?? '∅');
    await panel.screenshot({ path: screenshotPath('foundation-sidepanel') });

    const popup = await openExtensionPage(h, 'popup.html');
    await popup.getByRole('searchbox').fill((stored?.title ?? '').split(' ').slice(0, 3).join(' '));
    await expect.poll(() => popup.getByRole('link', { name: stored?.title ?? '∅' }).count()).toBe(1);
    await popup.screenshot({ path: screenshotPath('foundation-popup') });
    expect(h.pageErrors).toEqual([]);
  });
});
