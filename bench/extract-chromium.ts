/**
 * Extraction speed in headless Chromium, for bench/extract.bench.ts: the scan code (lib/adapters/run.ts, bundled
 * with the schema, bundled by esbuild to an IIFE from bench/scan-entry.ts: the same modules the content script bundles) is injected into a page that holds the
 * saved fixture at its real URL (every other request aborted: no network, no extension), then
 * `scanPage(document, url)` is timed inside the page, median of 10 samples, beside the same naive baseline as in
 * Node, measured in the same page.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/chromium';

const ROOT = resolve(import.meta.dirname, '..');
// Looked up when a benchmark launches, so that importing this module never throws.
const chromiumExecutable = () => chromiumPath('The Chromium benchmark');

export interface BrowserCase {
  name: string;
  url: string;
  html: string;
  /** The naive baseline, as the body of `(document) => number` run in the page: it returns the cards it saw. */
  baseline: string;
  goal: { cardsPerSecond?: number; maxMs?: number };
}

export interface BrowserRow {
  case: string;
  cards: number;
  paperlaneMs: number;
  baselineMs: number;
  cardsPerSecond: number;
  baselineCardsPerSecond: number;
  ratio: number;
  /** The schema check alone (PaperRecord.safeParse of every record the scan gave), ms for all cards. */
  checkMs: number;
  /**
   * What a scan could reach at best if it read no more of the page than the naive baseline and then only checked
   * each record against the schema: cards / (baseline + check).
   */
  boundCardsPerSecond: number;
  goal: string;
  met: boolean | null;
}

async function scanBundle(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(ROOT, 'bench/scan-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'PaperlaneScan',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return (out.outputFiles[0] as { text: string }).text;
}

/** In the page: median ms of one call of `fn` over 10 samples; each sample repeats `fn` until it lasts ≥ 20 ms. */
const IN_PAGE_TIMER = `
window.__medianMs = (fn) => {
  for (let i = 0; i < 3; i++) fn();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    if (performance.now() - t0 >= 20 || reps >= 4096) break;
    reps *= 2;
  }
  const samples = [];
  for (let s = 0; s < 10; s++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    samples.push((performance.now() - t0) / reps);
  }
  samples.sort((a, b) => a - b);
  return (samples[4] + samples[5]) / 2;
};`;

export async function measureInChromium(cases: BrowserCase[]): Promise<{ browser: string; rows: BrowserRow[] }> {
  const bundle = await scanBundle();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true });
  const rows: BrowserRow[] = [];
  try {
    for (const c of cases) {
      const page = await browser.newPage();
      // The fixture is the page at its own URL; nothing else loads (styles, scripts, fonts are aborted).
      await page.route('**/*', (route) =>
        route.request().url() === c.url
          ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: c.html })
          : route.abort(),
      );
      await page.goto(c.url, { waitUntil: 'domcontentloaded' });
      await page.addScriptTag({ content: `${bundle}\n${IN_PAGE_TIMER}` });
      const result = await page.evaluate(
        ({ url, baseline }) => {
          const w = window as unknown as {
            PaperlaneScan: {
              scanPage(root: ParentNode, url: string): { cards: { record: unknown }[] };
              PaperRecord: { safeParse(value: unknown): unknown };
            };
            __medianMs(fn: () => unknown): number;
          };
          const naive = new Function('document', baseline) as (doc: Document) => number;
          const cards = w.PaperlaneScan.scanPage(document, url).cards.length;
          const baselineCards = naive(document);
          const paperlaneMs = w.__medianMs(() => w.PaperlaneScan.scanPage(document, url));
          const baselineMs = w.__medianMs(() => naive(document));
          const records = w.PaperlaneScan.scanPage(document, url).cards.map((card) => card.record);
          const checkMs = w.__medianMs(() => {
            for (const record of records) w.PaperlaneScan.PaperRecord.safeParse(record);
          });
          return { cards, baselineCards, paperlaneMs, baselineMs, checkMs };
        },
        { url: c.url, baseline: c.baseline },
      );
      await page.close();
      if (result.cards !== result.baselineCards) {
        throw new Error(`${c.name}: baseline saw ${result.baselineCards} cards in Chromium, Paperlane ${result.cards}`);
      }
      const cps = (ms: number) => Math.round((result.cards / ms) * 1000);
      const met =
        c.goal.cardsPerSecond !== undefined
          ? cps(result.paperlaneMs) >= c.goal.cardsPerSecond
          : c.goal.maxMs !== undefined
            ? result.paperlaneMs <= c.goal.maxMs
            : null;
      rows.push({
        case: c.name,
        cards: result.cards,
        paperlaneMs: Number(result.paperlaneMs.toFixed(3)),
        baselineMs: Number(result.baselineMs.toFixed(3)),
        cardsPerSecond: cps(result.paperlaneMs),
        baselineCardsPerSecond: cps(result.baselineMs),
        ratio: Number((result.paperlaneMs / result.baselineMs).toFixed(2)),
        checkMs: Number(result.checkMs.toFixed(3)),
        boundCardsPerSecond: cps(result.baselineMs + result.checkMs),
        goal: c.goal.cardsPerSecond
          ? `≥ ${c.goal.cardsPerSecond.toLocaleString('en')} cards/s`
          : c.goal.maxMs
            ? `≤ ${c.goal.maxMs} ms`
            : '—',
        met,
      });
    }
    return { browser: `Chromium ${browser.version()}`, rows };
  } finally {
    await browser.close();
  }
}
