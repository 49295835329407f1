/**
 * Pages as the browser really shows them: the real typesetting libraries (npm's mathjax 2.7.9 and 3, katex) are
 * served from node_modules at the URLs the pages load them from and left to typeset the saved arXiv pages and a
 * handmade listing, before and after our scan. Every stored title and abstract must be the text the server wrote
 * (TeX as written), never the rendered glyphs, never both; a scan after typesetting must change no record; the
 * strips and the formulas must not disturb each other.
 *
 * The one thing no reader can get back: MathJax 2 and KaTeX keep a formula's TeX but not which delimiter the server
 * used, so `\(x\)` is read as `$x$` and `\[x\]` as `$$x$$` (`dollarForm`). MathJax 3 keeps the delimiters, and
 * lib/views/math-sources.ts copies them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { parseHTML } from 'linkedom';
import { chromium, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPage } from '../../lib/adapters/run';
import type { PaperRecord } from '../../lib/paper/schema';
import { CHROMIUM, FIXTURES, fixture, type Harness, launch, ROOT, screenshotPath, waitForStrips } from './harness';

const MODULES = join(ROOT, 'node_modules');
const SEARCH = 'arxiv/arxiv-search-200results-2025-12.html';
const LISTING = 'arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html';
const HANDMADE = readFileSync(join(import.meta.dirname, 'pages/arxiv-list-math-typeset-handmade.html'), 'utf8');
const HANDMADE_URL = 'https://arxiv.org/list/math-ph/new';
const TOGGLE = readFileSync(join(import.meta.dirname, 'pages/mathjax-toggle-handmade.js'), 'utf8');

const MJ3_CDN = 'https://cdn.jsdelivr.net/npm/mathjax@3/es5/';
const KATEX_CDN = 'https://cdn.jsdelivr.net/npm/katex@0.16/dist/';
// A function, not a string, as the replacement: the scripts hold `$'` and `$$`, which String.replace would expand.
const WITH_MATHJAX3 = HANDMADE.replace(
  '<!--TYPESETTER-->',
  () => `<script>window.MathJax = { tex: { inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], processEscapes: true } };</script>
  <script src="${MJ3_CDN}tex-chtml.js" async></script>`,
);
// Its own ids (2609.4000x), so that the papers the MathJax 3 test stored cannot answer for this page's scan.
const KATEX_PAGE = HANDMADE.replaceAll('2609.3000', '2609.4000');
const WITH_KATEX = KATEX_PAGE.replace(
  '<!--TYPESETTER-->',
  () => `<link rel="stylesheet" href="${KATEX_CDN}katex.min.css">
  <script src="${KATEX_CDN}katex.min.js"></script>
  <script src="${KATEX_CDN}contrib/auto-render.min.js"></script>
  <script>document.addEventListener('DOMContentLoaded', () => renderMathInElement(document.body, { delimiters: [
    { left: '$$', right: '$$', display: true }, { left: '\\\\[', right: '\\\\]', display: true },
    { left: '$', right: '$', display: false }, { left: '\\\\(', right: '\\\\)', display: false }] }));</script>`,
);

const TYPES: Record<string, string> = {
  '.js': 'application/javascript',
  '.css': 'text/css',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
};

/** Answers `route` with the file under `dir` that the path after `prefix` names (404 outside it). */
function serveFrom(dir: string, prefix: string) {
  return (route: Route) => {
    const url = route.request().url().split('?')[0] as string;
    const path = normalize(join(dir, decodeURIComponent(url.slice(prefix.length))));
    if (!path.startsWith(dir) || !existsSync(path)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      contentType: TYPES[extname(path)] ?? 'application/octet-stream',
      body: readFileSync(path),
    });
  };
}

/** The typesetting libraries at the URLs the pages load them from: arXiv's MathJax 2.7 and the CDNs of the handmade page. */
async function serveTypesetters(page: Page): Promise<void> {
  const mj2 = 'https://static.arxiv.org/MathJax-2.7.3/';
  await page.route(`${mj2}**`, serveFrom(join(MODULES, 'mathjax2'), mj2));
  await page.route('https://arxiv.org/static/browse/*/js/mathjaxToggle.min.js', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: TOGGLE }),
  );
  await page.route(`${MJ3_CDN}**`, serveFrom(join(MODULES, 'mathjax3/es5'), MJ3_CDN));
  await page.route(`${KATEX_CDN}**`, serveFrom(join(MODULES, 'katex/dist'), KATEX_CDN));
}

/** Waits for MathJax 2's first typesetting of the page to end; returns the formulas it typeset. */
function mathJax2Done(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        const hub = () =>
          (window as unknown as { MathJax?: { Hub?: { Register?: { StartupHook(n: string, f: () => void): void } } } })
            .MathJax?.Hub;
        const wait = () => {
          const register = hub()?.Register;
          if (register)
            register.StartupHook('End', () => done(document.querySelectorAll('script[type^="math/tex"]').length));
          else setTimeout(wait, 50);
        };
        wait();
      }),
  );
}

function mathJax3Done(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        const wait = () => {
          const startup = (window as unknown as { MathJax?: { startup?: { promise?: Promise<unknown> } } }).MathJax
            ?.startup;
          if (startup?.promise)
            void startup.promise.then(() => done(document.querySelectorAll('mjx-container').length));
          else setTimeout(wait, 50);
        };
        wait();
      }),
  );
}

/** What the server wrote: the page's records as read from its HTML before any script ran. */
function serverRecords(html: string, url: string): PaperRecord[] {
  const { document } = parseHTML(html);
  return scanPage(document as unknown as Document, url).cards.map((c) => c.record);
}

/** MathJax 2 and KaTeX keep a formula's TeX but not its delimiters: `\(x\)` comes back as `$x$`, `\[x\]` as `$$x$$`. */
const dollarForm = (text: string | null) =>
  text?.replace(/\\\[([\s\S]*?)\\\]/g, '$$$$$1$$$$').replace(/\\\(([\s\S]*?)\\\)/g, '$$$1$$') ?? null;

type Stored = { id: string; title: string; abstract: string | null };

async function storedPapers(h: Harness): Promise<Map<string, Stored>> {
  const list = await h.serviceWorker.evaluate(async () => {
    const request = indexedDB.open('paperlane');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = db.transaction('papers').objectStore('papers').getAll();
    const papers = await new Promise<{ id: string; title: string; abstract: string | null }[]>((resolve) => {
      all.onsuccess = () => resolve(all.result);
    });
    db.close();
    return papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract }));
  });
  return new Map(list.map((p) => [p.id, p]));
}

/** The popup's "Extract papers from this page", for the tab showing `url`: a scan of the page as it is now. */
async function extractByHand(h: Harness, url: string): Promise<number> {
  const panel = await h.context.newPage();
  await panel.goto(`chrome-extension://${h.extensionId}/popup.html`);
  const result = await panel.evaluate(async (pageUrl) => {
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
          runtime: { sendMessage(m: unknown): Promise<unknown> };
        };
      }
    ).chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url === pageUrl);
    return api.runtime.sendMessage({ paperlane: 1, type: 'view/extractActiveTab', payload: { tabId: tab?.id } });
  }, url);
  await panel.close();
  const papers = (result as { ok?: boolean; value?: { papers?: number } }).value?.papers;
  if (typeof papers !== 'number') throw new Error(`extraction failed: ${JSON.stringify(result)}`);
  return papers;
}

function expectServerText(
  stored: Map<string, Stored>,
  server: PaperRecord[],
  form: (t: string | null) => string | null,
): void {
  for (const record of server) {
    const paper = stored.get(record.id);
    expect(paper, record.id).toBeDefined();
    expect(paper?.title, `${record.id} title`).toBe(form(record.title));
    expect(paper?.abstract, `${record.id} abstract`).toBe(form(record.abstract));
  }
}

/** Scrolls through the whole page, so that the triage records every card as seen. */
async function seeEveryCard(page: Page): Promise<void> {
  // The welcome tab opened on install may be in front: a background tab sees no card come on screen.
  await page.bringToFront();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 400) {
    // Two frames drawn at this position: intersections are computed when a frame is, so a card scrolled past
    // between two frames (slow ones, under load) would never count as on screen.
    await page.evaluate(
      (top) =>
        new Promise<void>((resolve) => {
          window.scrollTo(0, top);
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        }),
      y,
    );
  }
  await page.keyboard.press('End');
}

async function openTypeset(h: Harness, url: string): Promise<Page> {
  const page = await h.context.newPage();
  await serveTypesetters(page);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The formulas MathJax 2 typesets on a page in a browser without Paperlane. */
async function formulasWithoutExtension(url: string, html: Buffer): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url() === url
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ status: 404, body: '' }),
    );
    await serveTypesetters(page);
    await page.goto(url, { waitUntil: 'load' });
    return await mathJax2Done(page);
  } finally {
    await browser.close();
  }
}

describe('typeset pages (real MathJax 2, MathJax 3, KaTeX)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    [LISTING, 14],
    [SEARCH, 200],
  ])(
    '%s: stored text is the server text, before and after MathJax 2 typesets, and a scan after changes nothing',
    async (file, cards) => {
      const { url } = fixture(file);
      const html = readFileSync(join(FIXTURES, file));
      const server = serverRecords(html.toString('utf8'), url);
      expect(server).toHaveLength(cards);
      expect(server.filter((r) => `${r.title} ${r.abstract}`.includes('$')).length).toBeGreaterThan(3);

      const page = await openTypeset(h, url);
      await waitForStrips(page, cards);
      const typeset = await mathJax2Done(page);
      expect(typeset).toBeGreaterThan(10);
      // The strips did not stop MathJax typesetting any formula, and MathJax did not touch the strips.
      expect(typeset).toBe(await formulasWithoutExtension(url, html));
      expect(await page.locator('[data-paperlane-id] > paperlane-strip').count()).toBe(cards);
      expect(await page.locator('.MathJax, .MathJax_Display').count()).toBeGreaterThanOrEqual(typeset);
      await page.screenshot({ path: screenshotPath(`mathjax2-${file.split('/')[1]}`) });

      // The cards on screen are recorded by the on-page triage: every card comes on screen once.
      await seeEveryCard(page);
      await expect.poll(async () => (await storedPapers(h)).size, { timeout: 15_000 }).toBeGreaterThanOrEqual(cards);
      const seen = await storedPapers(h);
      // A card scanned before typesetting keeps the exact delimiters; one scanned after, their dollar form.
      for (const record of server) {
        const paper = seen.get(record.id);
        if (!paper) continue;
        expect([record.title, dollarForm(record.title)]).toContain(paper.title);
        expect([record.abstract, dollarForm(record.abstract)]).toContain(paper.abstract);
      }

      // A scan of the typeset page (the popup's extraction, the same adapters): the server's TeX, never the glyphs.
      expect(await extractByHand(h, url)).toBe(cards);
      const after = await storedPapers(h);
      expectServerText(after, server, dollarForm);
      // Scanning the typeset page again changes no record.
      expect(await extractByHand(h, url)).toBe(cards);
      expect(await storedPapers(h)).toEqual(after);

      // The command line on the page as saved after typesetting (what a browser's "Save page" keeps).
      const dir = mkdtempSync(join(tmpdir(), 'paperlane-typeset-'));
      const saved = join(dir, 'page.html');
      writeFileSync(saved, await page.content());
      const { stdout } = await promisify(execFile)('npx', ['tsx', 'lib/cli/main.ts', 'extract', saved, '--url', url], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      });
      const cli = (JSON.parse(stdout) as { papers: PaperRecord[] }).papers;
      expect(cli.map((r) => r.id)).toEqual(server.map((r) => r.id));
      for (const [i, record] of cli.entries()) {
        expect(record.title).toBe(dollarForm(server[i]?.title ?? null));
        expect(record.abstract).toBe(dollarForm(server[i]?.abstract ?? null));
      }
      await page.close();
    },
  );

  it('MathJax 3: formulas come back with the delimiters the server wrote', async () => {
    h.serve(HANDMADE_URL, WITH_MATHJAX3);
    const server = serverRecords(HANDMADE, HANDMADE_URL);
    const page = await openTypeset(h, HANDMADE_URL);
    expect(await mathJax3Done(page)).toBe(12);
    await waitForStrips(page, 3);
    expect(await page.locator('mjx-container').count()).toBe(12);
    await page.screenshot({ path: screenshotPath('mathjax3-handmade') });
    // Scanned by the triage before or after MathJax 3 typeset it: either way the server's text, delimiters and all.
    await seeEveryCard(page);
    await expect
      .poll(async () => {
        const stored = await storedPapers(h);
        return server.filter((r) => stored.has(r.id)).length;
      })
      .toBe(3);
    expectServerText(await storedPapers(h), server, (t) => t);
    expect(await extractByHand(h, HANDMADE_URL)).toBe(3);
    expectServerText(await storedPapers(h), server, (t) => t);
    await page.close();
  });

  it('KaTeX: typeset before the scan, read from its TeX annotations', async () => {
    h.serve(HANDMADE_URL, WITH_KATEX);
    const server = serverRecords(KATEX_PAGE, HANDMADE_URL);
    const page = await openTypeset(h, HANDMADE_URL);
    await waitForStrips(page, 3);
    expect(await page.locator('.katex').count()).toBe(12);
    await seeEveryCard(page);
    // The on-page triage scanned a page KaTeX had already typeset (at DOMContentLoaded): the TeX, never the glyphs.
    await expect
      .poll(async () => {
        const stored = await storedPapers(h);
        return server.filter((r) => stored.has(r.id)).length;
      })
      .toBe(3);
    expectServerText(await storedPapers(h), server, dollarForm);
    expect(await extractByHand(h, HANDMADE_URL)).toBe(3);
    expectServerText(await storedPapers(h), server, dollarForm);
    await page.close();
  });
});
