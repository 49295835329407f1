/**
 * The welcome page as a new user meets it, in a real Chromium with a fresh profile: it opens by itself on install
 * (once), and again from the popup's menu; its landmarks and tab order; the site switches change the settings (and
 * a site switched off is left alone); a small handmade BibTeX file is previewed and imported through the side
 * panel's import worker; the triage keys act on the example cards and never on the library; the backup downloads a
 * file that holds the library; light and dark follow the system and the theme setting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFileName, parseBackup } from '../../lib/export';
import { fixture, type Harness, launch, openExtensionPage, ROOT, screenshotPath, triageAnswers } from './harness';

let h: Harness;
let welcome: Page;

async function send(page: Page, type: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }> {
  return page.evaluate(
    async ([t, p]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      return api.runtime.sendMessage({ paperlane: 1, type: t, payload: p });
    },
    [type, payload] as const,
  ) as Promise<{ ok: boolean; value?: unknown }>;
}

const welcomePages = () => h.context.pages().filter((p) => p.url().endsWith('/welcome.html'));
const settings = async () => (await send(welcome, 'settings/get', null)).value as { disabledSites: string[] };
/** Every paper in the library, read from its database in the background. */
const libraryPapers = () =>
  h.serviceWorker.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('paperlane');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = db.transaction('papers').objectStore('papers').getAll();
    const papers = await new Promise<{ title: string; tags: string[] }[]>((resolve) => {
      all.onsuccess = () => resolve(all.result);
    });
    db.close();
    return papers.map((p) => ({ title: p.title, tags: p.tags }));
  });
const libraryCount = async () => (await libraryPapers()).length;
/** The save button of the n-th example card's strip (inside its shadow root, which Playwright's CSS pierces). */
const demoButton = (index: number, cls: string) => welcome.getByTestId('demo-card').nth(index).locator(`button.${cls}`);

beforeAll(async () => {
  h = await launch();
  // Opened by the background on install: nothing in the test opens it.
  const started = Date.now();
  while (welcomePages().length === 0 && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 100));
  welcome = welcomePages()[0] as Page;
  await welcome.waitForLoadState('load');
  await welcome.setViewportSize({ width: 900, height: 900 });
});
afterAll(async () => {
  await h?.close();
});

describe('welcome page', () => {
  it('opens once on install, with the three lines, its landmarks and a keyboard path through it', async () => {
    expect(welcomePages()).toHaveLength(1);
    await expect.poll(() => welcome.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Paperlane');
    expect(await welcome.getByTestId('pitch').locator('li').count()).toBe(3);
    expect(await welcome.getByRole('banner').count()).toBe(1);
    expect(await welcome.getByRole('main').count()).toBe(1);
    expect(await welcome.getByRole('navigation').count()).toBe(1);
    expect(await welcome.getByRole('contentinfo').count()).toBe(1);
    for (const name of [
      'The sites it reads',
      'Bring your library',
      'Use it on your other browsers',
      'Triage from the keyboard',
      'Where your data lives',
    ]) {
      expect(await welcome.getByRole('region', { name }).count(), name).toBe(1);
    }
    // Sync has its slot, with the note until it lands.
    expect(await welcome.getByTestId('sync-coming').textContent()).toMatch(/coming/);
    // Tab: the skip link first, then the contents; the skip link moves focus to the main content.
    await welcome.keyboard.press('Tab');
    expect(await welcome.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content');
    const outline = await welcome.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).toBe('solid');
    await welcome.keyboard.press('Tab');
    expect(await welcome.evaluate(() => document.activeElement?.textContent)).toBe('The sites it reads');
    // The page does not open again: a reload of the extension's pages is no new install.
    expect(welcomePages()).toHaveLength(1);
    expect(h.pageErrors).toEqual([]);
  });

  it('lists the sites with a switch each, on by default; switching one off leaves its pages alone', async () => {
    const hf = welcome.getByRole('switch', { name: 'Hugging Face Papers' });
    const arxiv = welcome.getByRole('switch', { name: 'arXiv' });
    expect(await hf.isChecked()).toBe(true);
    expect(await arxiv.isChecked()).toBe(true);
    await hf.click();
    await expect.poll(async () => (await settings()).disabledSites).toEqual(['huggingface']);
    await expect.poll(() => hf.isChecked()).toBe(false);
    expect(await hf.getAttribute('aria-checked')).toBe('false');

    const file = 'huggingface/hf-daily-papers-2024-08-01.html';
    const page = await h.context.newPage();
    await page.goto(fixture(file).url, { waitUntil: 'load' });
    // The loader asks after the load event; the background, reading the site as off, injects no triage: nothing
    // answers the tab and no card is touched (the same page is annotated below once the site is on again).
    await page.waitForTimeout(1_500);
    expect(await triageAnswers(h, page.url())).toBe(false);
    expect(await page.locator('[data-paperlane-id], paperlane-strip, paperlane-toolbar').count()).toBe(0);
    await page.close();

    await welcome.bringToFront();
    await hf.focus();
    await welcome.keyboard.press('Space');
    await expect.poll(async () => (await settings()).disabledSites).toEqual([]);
    await expect.poll(() => hf.isChecked()).toBe(true);
    const again = await h.context.newPage();
    await again.goto(fixture(file).url, { waitUntil: 'load' });
    await again.waitForFunction(() => document.querySelectorAll('paperlane-strip').length === 13, null, {
      timeout: 15_000,
    });
    await again.close();
  });

  it('previews a small handmade BibTeX file, then imports it', async () => {
    await welcome.bringToFront();
    expect(await libraryCount()).toBe(0);
    await welcome.getByLabel('Import a file…').setInputFiles({
      name: 'zotero.bib',
      mimeType: 'application/x-bibtex',
      buffer: readFileSync(join(ROOT, 'tests/e2e/pages/small-library-handmade.bib')),
    });
    await expect.poll(() => welcome.getByTestId('import-preview').count(), { timeout: 20_000 }).toBe(1);
    expect(await welcome.getByText('The file holds 3 papers (BibTeX).').count()).toBe(1);
    expect(await welcome.getByTestId('import-preview').textContent()).toMatch(
      /^3 papers added, 0 changed, 0 unchanged, 0 removed/,
    );
    // The side panel's import worker, not a second importer.
    expect(welcome.workers().some((w) => /\/assets\/import-worker-.*\.js$/.test(w.url()))).toBe(true);
    // Nothing written before the confirmation.
    expect(await libraryCount()).toBe(0);
    await welcome
      .getByRole('region', { name: 'Bring your library' })
      .screenshot({ path: screenshotPath('welcome-import-preview') });
    await welcome.getByRole('button', { name: 'Import into my library' }).click();
    await expect
      .poll(() => welcome.getByTestId('import-done').textContent(), { timeout: 20_000 })
      .toMatch(/^Imported: 3 papers added/);
    expect(await libraryCount()).toBe(3);
  });

  it('the triage keys act on the example cards, never on the library', async () => {
    const cards = welcome.getByTestId('demo-card');
    expect(await cards.count()).toBe(2);
    // The user's keys are listed.
    expect(await welcome.getByTestId('key-list').textContent()).toMatch(/jNext paper.*kPrevious paper/);
    await cards.nth(0).locator('h4').click();
    await welcome.keyboard.press('s');
    await expect.poll(() => demoButton(0, 'save').getAttribute('aria-pressed')).toBe('true');
    expect(await welcome.getByTestId('demo-said').textContent()).toMatch(/^Saved “Example: Sparse Attention/);
    await welcome.keyboard.press('j');
    await expect.poll(() => cards.nth(1).evaluate((el) => el === document.activeElement)).toBe(true);
    await welcome.keyboard.press('x');
    await expect.poll(() => demoButton(1, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    expect(await cards.nth(1).getAttribute('class')).toContain('dismissed');
    await welcome.keyboard.press('k');
    await expect.poll(() => cards.nth(0).evaluate((el) => el === document.activeElement)).toBe(true);
    await welcome.keyboard.press('t');
    const tagInput = cards.nth(0).getByLabel('Add a tag');
    await expect.poll(() => cards.nth(0).locator('input.tag-input').count()).toBe(1);
    await welcome.keyboard.type('reading-group');
    await welcome.keyboard.press('Enter');
    await expect.poll(() => cards.nth(0).locator('.tag').textContent()).toContain('reading-group');
    expect(await tagInput.count()).toBeLessThanOrEqual(1);
    await expect.poll(() => cards.nth(0).evaluate((el) => el === document.activeElement)).toBe(true);
    await welcome.keyboard.press('n');
    await expect.poll(() => cards.nth(0).locator('textarea').count()).toBe(1);
    await welcome.keyboard.type('Read before Friday');
    await cards.nth(0).getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => cards.nth(0).locator('button.note.on').count()).toBe(1);
    await cards.nth(0).focus();
    await welcome.keyboard.press('o');
    expect(await welcome.getByTestId('demo-said').textContent()).toMatch(/opens “Example: Sparse Attention/);
    expect(h.context.pages().filter((p) => p.url().includes('example')).length).toBe(0);
    await welcome.keyboard.press('?');
    await expect.poll(() => welcome.getByTestId('demo-help').count()).toBe(1);
    await welcome.keyboard.press('?');
    await expect.poll(() => welcome.getByTestId('demo-help').count()).toBe(0);
    // Keys typed in an input elsewhere on the page are text, not triage.
    await welcome.getByRole('switch', { name: 'arXiv' }).focus();
    await welcome
      .getByRole('region', { name: 'Triage from the keyboard' })
      .screenshot({ path: screenshotPath('welcome-keys') });
    // The library holds the 3 imported papers, none saved by the keys, no example card.
    const contents = { papers: await libraryPapers() };
    expect(contents.papers.map((p) => p.title).sort()).toEqual([
      'Attention Is All You Need',
      'Deep Learning',
      'Deep Residual Learning for Image Recognition',
    ]);
    expect(contents.papers.flatMap((p) => p.tags)).not.toContain('reading-group');
  });

  it('downloads a backup that holds the library', async () => {
    const downloading = welcome.waitForEvent('download');
    await welcome.getByRole('button', { name: 'Download a backup' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(exportFileName({ format: 'backup', date: new Date() }));
    const parsed = parseBackup(readFileSync(await download.path(), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.backup.papers.map((p) => p.id).sort()).toEqual([
        '10.1038/nature14539',
        '10.1109/cvpr.2016.90',
        '1706.03762',
      ]);
  });

  it('follows the system’s dark mode, and the theme setting over it', async () => {
    await welcome.emulateMedia({ colorScheme: 'dark' });
    await welcome.reload();
    await expect.poll(() => welcome.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await welcome.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 23, 42)');
    await welcome.screenshot({ path: screenshotPath('welcome-dark'), fullPage: true });
    expect((await send(welcome, 'settings/update', { theme: 'light' })).ok).toBe(true);
    // The page reads the settings when it opens (and when it is shown again): the setting wins over the system's.
    await welcome.reload();
    await expect.poll(() => welcome.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await welcome.emulateMedia({ colorScheme: 'light' });
    await welcome.screenshot({ path: screenshotPath('welcome-light'), fullPage: true });
    expect(h.pageErrors).toEqual([]);
  });

  it('opens again from the popup’s menu', async () => {
    const popup = await openExtensionPage(h, 'popup.html');
    const opening = h.context.waitForEvent('page');
    await popup.getByRole('navigation', { name: 'Paperlane menu' }).getByRole('button').click();
    const page = await opening;
    await page.waitForLoadState('load');
    expect(page.url()).toBe(`chrome-extension://${h.extensionId}/welcome.html`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Paperlane');
    await page.close();
  });
});
