/**
 * Loads the built extension into Debian's Chromium (never a downloaded browser) and serves the saved pages of
 * ../shared/fixtures at their real URLs, so the manifest's match patterns are exercised exactly as in use.
 * Every other request is refused: the tests never touch the network.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { chromiumPath, DEBIAN_CHROMIUM, findChromium } from '../../scripts/chromium';
import { type FixtureEntry, fixtureIndex } from '../../scripts/fixture-index';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = resolve(ROOT, '../shared/fixtures');
/** PAPERLANE_EXTENSION_DIR: another build (a bench alternating two builds). */
export const EXTENSION_DIR = process.env.PAPERLANE_EXTENSION_DIR ?? join(ROOT, '.output/chrome-mv3');
export const OUTPUT_DIR = join(ROOT, 'test-output');
/** Found as scripts/chromium.ts says (CHROMIUM_PATH, /usr/bin/chromium, then the PATH); looked up on launch. */
export const chromiumExecutable = () => chromiumPath("Paperlane's browser tests");
/** The same browser as a plain path, for tests that launch their own (never throws: a missing one fails at launch). */
export const CHROMIUM = ((found) => (found && 'path' in found ? found.path : DEBIAN_CHROMIUM))(findChromium());

export type { FixtureEntry };
/** index.json and the landed entries of index-next.json, as the adapter tests read them (scripts/fixture-index.ts). */
export const FIXTURE_INDEX: FixtureEntry[] = fixtureIndex(FIXTURES);

export function fixture(file: string): FixtureEntry {
  const entry = FIXTURE_INDEX.find((f) => f.file === file);
  if (!entry) throw new Error(`no fixture ${file} in index.json or among the landed entries of index-next.json`);
  return entry;
}

export type Harness = {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Pages served at URLs (exact URL → HTML), beyond the fixtures. */
  serve(url: string, html: string): void;
  /**
   * Errors raised by Paperlane's own code in any page or extension view. The saved pages' own scripts fail
   * without their assets ("mathjaxToggle is not defined"); those are the site's, not ours, and are left out.
   */
  pageErrors: string[];
  close(): Promise<void>;
};

export async function launch(): Promise<Harness> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build:chrome" first.`);
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumExecutable(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const extra = new Map<string, string>();
  const byUrl = new Map(FIXTURE_INDEX.map((f) => [f.url, f]));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const html = extra.get(url);
    const entry = byUrl.get(url);
    if (html !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (entry?.file.endsWith('.html')) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: readFileSync(join(FIXTURES, entry.file)),
      });
    }
    if (url.startsWith('chrome-extension://')) return route.continue();
    // Scripts, styles and images of the saved pages were not saved: answer empty rather than reach the network.
    const type = route.request().resourceType();
    if (type === 'script') return route.fulfill({ status: 200, contentType: 'application/javascript', body: '' });
    if (type === 'stylesheet') return route.fulfill({ status: 200, contentType: 'text/css', body: '' });
    return route.fulfill({ status: 404, body: '' });
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  const pageErrors: string[] = [];
  const ours = (where: string) => where.includes('chrome-extension://') || /paperlane/i.test(where);
  context.on('page', (page) => {
    page.on('pageerror', (error) => {
      if (page.url().startsWith('chrome-extension://') || ours(error.stack ?? '')) {
        pageErrors.push(`${page.url()}: ${error.message}`);
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && (ours(message.location().url) || ours(message.text()))) {
        pageErrors.push(`${page.url()} console: ${message.text()}`);
      }
    });
  });
  return {
    context,
    extensionId,
    serviceWorker,
    serve: (url, html) => extra.set(url, html),
    pageErrors,
    close: () => context.close(),
  };
}

export async function openFixture(h: Harness, file: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(fixture(file).url, { waitUntil: 'load' });
  return page;
}

export async function openExtensionPage(h: Harness, path: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/${path}`);
  return page;
}

/** Waits until the content script has annotated `count` cards (each with its strip). */
export async function waitForStrips(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-paperlane-id] > paperlane-strip').length >= n,
    count,
    { timeout: 15_000 },
  );
}

export function screenshotPath(name: string): string {
  return join(OUTPUT_DIR, `${name}.png`);
}

/**
 * Waits until the on-page triage of the tab at `url` has scanned its page: its `tab/summary` names the adapter or the
 * kind of page it found. On a page whose site is switched off, or that has no card, this is the moment after which
 * nothing more is drawn: what a test checks as "left alone" is then checked after the triage ran, not before.
 * Asked from the service worker, as the popup asks it; a tab whose triage has not started yet simply does not answer.
 */
/**
 * Whether any Paperlane triage answers in the tab showing `url`: false where the background injected none (a site
 * switched off, a page it does not read).
 */
export async function triageAnswers(h: Harness, url: string): Promise<boolean> {
  const worker = h.context.serviceWorkers().at(-1) ?? h.serviceWorker;
  return worker.evaluate(async (u) => {
    type Tab = { id?: number; url?: string };
    const api = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Tab[]>; sendMessage(id: number, m: unknown): Promise<unknown> } };
      }
    ).chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url === u);
    if (tab?.id === undefined) return false;
    const reply = (await api.tabs
      .sendMessage(tab.id, { paperlane: 1, type: 'tab/summary', payload: null })
      .catch(() => null)) as { ok?: boolean } | null;
    return reply?.ok === true;
  }, url);
}

export async function waitForTriage(h: Harness, url: string, timeout = 15_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const worker = h.context.serviceWorkers().at(-1) ?? h.serviceWorker;
    const scanned = await worker
      .evaluate(async (u) => {
        type Tab = { id?: number; url?: string };
        const api = (
          globalThis as unknown as {
            chrome: {
              tabs: { query(q: object): Promise<Tab[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
            };
          }
        ).chrome;
        const tab = (await api.tabs.query({})).find((t) => t.url === u);
        if (tab?.id === undefined) return false;
        const reply = (await api.tabs
          .sendMessage(tab.id, { paperlane: 1, type: 'tab/summary', payload: null })
          .catch(() => null)) as { ok?: boolean; value?: { adapter: unknown; kind: unknown } } | null;
        return reply?.ok === true && (reply.value?.adapter != null || reply.value?.kind != null);
      }, url)
      .catch(() => false);
    if (scanned) return;
    if (Date.now() - started > timeout) throw new Error(`the triage did not scan ${url} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
