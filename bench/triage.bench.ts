/**
 * Content-script overhead in real Chromium: each listing page is loaded with the extension and without it,
 * alternating, RUNS times each. Reported: median ratio (with / without) of the time to the load event, with a
 * bootstrap 90% interval that shows how much of it run-to-run noise alone could be, and of
 * main-thread script time; the time from the first card in the DOM to the last strip shown, and, because the page
 * itself takes most of that to put its cards in the DOM, the time from its last card and from its load event to
 * the last strip; the longest task seen with and without the extension, and how many tasks over 50 ms each had.
 *
 *   npm run build:chrome && npx tsx bench/triage.bench.ts [runs]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/chromium';
import { FIXTURES, repeatedListing } from './listing-pages';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION = join(ROOT, '.output/chrome-mv3');
const RUNS = Number(process.argv[2] ?? 10);
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Page = { name: string; url: string; html: string; cards: number };
const index: { file: string; url: string; cards: number }[] = JSON.parse(
  readFileSync(join(FIXTURES, 'index.json'), 'utf8'),
);
const saved = (file: string): Page => {
  const entry = index.find((f) => f.file === file);
  if (!entry) throw new Error(`no fixture ${file}`);
  return {
    name: file.split('/')[1] ?? file,
    url: entry.url,
    html: readFileSync(join(FIXTURES, file), 'utf8'),
    cards: entry.cards,
  };
};
const PAGES: Page[] = [
  saved('huggingface/hf-daily-papers-2024-08-01.html'),
  saved('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html'),
  saved('arxiv/arxiv-search-200results-2025-12.html'),
  {
    name: 'arxiv /new with 2,000 entries (repeated real entries)',
    url: 'https://arxiv.org/list/cs/new?skip=0&show=2000',
    html: repeatedListing(2000),
    cards: 2000,
  },
];

// Runs in the page's main world before any of its scripts: watches cards and strips arrive, and long tasks.
const PROBE = `(() => {
  const probe = window.__probe = { firstCard: null, lastCard: null, lastStrip: null, strips: 0, tasks: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      if (n.matches('dt, article, li.arxiv-result') || n.querySelector('dt, article, li.arxiv-result')) {
        probe.firstCard ??= performance.now();
        probe.lastCard = performance.now();
      }
      if (n.localName === 'paperlane-strip') { probe.strips++; probe.lastStrip = performance.now(); }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

async function open(withExtension: boolean): Promise<BrowserContext> {
  const context = withExtension
    ? await chromium.launchPersistentContext('', {
        executablePath: chromiumPath('The triage benchmark'),
        headless: true,
        ignoreDefaultArgs: ['--disable-extensions'],
        args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...FLAGS],
      })
    : await chromium.launchPersistentContext('', {
        executablePath: chromiumPath('The triage benchmark'),
        headless: true,
        args: FLAGS,
      });
  if (withExtension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  const byUrl = new Map(PAGES.map((p) => [p.url, p.html]));
  await context.route('**/*', (route) => {
    const html = byUrl.get(route.request().url());
    if (html !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (route.request().url().startsWith('chrome-extension://')) return route.continue();
    return route.fulfill({ status: 404, body: '' });
  });
  await context.addInitScript(PROBE);
  return context;
}

type Sample = {
  load: number;
  script: number;
  strips: number | null;
  fromLastCard: number | null;
  fromLoad: number | null;
  longest: number;
  longestAfterLoad: number;
  long: number;
};

async function measure(context: BrowserContext, page: Page, expectStrips: boolean): Promise<Sample> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.goto(page.url, { waitUntil: 'load' });
  if (expectStrips && page.cards > 0) {
    await tab.waitForFunction(
      (n) => (window as unknown as { __probe: { strips: number } }).__probe.strips >= n,
      page.cards,
      { timeout: 30_000 },
    );
  }
  await tab.waitForTimeout(300); // let the content script's follow-up work land in the metrics
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const result = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    type Probe = {
      firstCard: number | null;
      lastCard: number | null;
      lastStrip: number | null;
      tasks: [number, number][];
    };
    const p = (window as unknown as { __probe: Probe }).__probe;
    // Paperlane starts after the load event: tasks that begin after it are ours (the page has finished by then).
    const after = p.tasks.filter(([start]) => start >= nav.loadEventStart).map(([, duration]) => duration);
    return {
      load: nav.loadEventStart,
      ...p,
      longest: Math.max(0, ...p.tasks.map(([, duration]) => duration)),
      longestAfterLoad: Math.max(0, ...after),
      long: after.length,
    };
  });
  await tab.close();
  return {
    load: result.load,
    script: metric('ScriptDuration') * 1000,
    strips: result.firstCard !== null && result.lastStrip !== null ? result.lastStrip - result.firstCard : null,
    fromLastCard: result.lastCard !== null && result.lastStrip !== null ? result.lastStrip - result.lastCard : null,
    fromLoad: result.lastStrip !== null ? result.lastStrip - result.load : null,
    longest: result.longest,
    longestAfterLoad: result.longestAfterLoad,
    long: result.long,
  };
}

/**
 * One more load of the page, traced: the main thread's longest task after the load event, from Chromium's own
 * trace. The Long Tasks API (the columns above) does not report every task: the injection of our script, for one,
 * never appears in it.
 */
async function longestTracedTaskAfterLoad(context: BrowserContext, page: Page, expectStrips: boolean): Promise<number> {
  const tab = await context.newPage();
  await tab.goto('about:blank');
  const cdp = await context.newCDPSession(tab);
  const events: { name: string; ph: string; ts: number; dur?: number; tid: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  });
  await tab.goto(page.url, { waitUntil: 'load' });
  if (expectStrips && page.cards > 0) {
    await tab.waitForFunction((n) => document.querySelectorAll('paperlane-strip').length >= n, page.cards, {
      timeout: 30_000,
    });
  }
  await tab.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await complete;
  await tab.close();
  // The renderer's main thread is the one that parsed the page; the load mark is on it.
  const parses = new Map<number, number>();
  for (const e of events) if (e.name === 'ParseHTML') parses.set(e.tid, (parses.get(e.tid) ?? 0) + 1);
  const main = [...parses].sort((x, y) => y[1] - x[1])[0]?.[0];
  const load = events.find((e) => e.name === 'MarkLoad' && e.tid === main)?.ts ?? 0;
  let longest = 0;
  for (const e of events) {
    if (e.tid === main && e.name === 'RunTask' && e.ph === 'X' && e.ts >= load) longest = Math.max(longest, e.dur ?? 0);
  }
  return longest / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/**
 * A 90% interval for the ratio of medians, by bootstrap (2,000 resamples of each arm, a fixed seed): how far
 * from 1.00 this machine's run-to-run noise alone can move the ratio. A ratio whose interval holds 1.00 is
 * not distinguishable from no overhead at all.
 */
function ratioInterval(a: number[], b: number[]): [number, number] {
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const resample = (xs: number[]) => xs.map(() => xs[Math.floor(random() * xs.length)] as number);
  const ratios: number[] = [];
  for (let i = 0; i < 2000; i++) ratios.push(median(resample(a)) / median(resample(b)));
  ratios.sort((x, y) => x - y);
  return [ratios[100] as number, ratios[1899] as number];
}

const withExt = await open(true);
const without = await open(false);
const rows: Record<string, unknown>[] = [];
for (const page of PAGES) {
  const a: Sample[] = [];
  const b: Sample[] = [];
  await measure(withExt, page, true); // warm both (first run compiles the content script)
  await measure(without, page, false);
  for (let i = 0; i < RUNS; i++) {
    a.push(await measure(withExt, page, true));
    b.push(await measure(without, page, false));
  }
  const tracedWith = await longestTracedTaskAfterLoad(withExt, page, true);
  const tracedWithout = await longestTracedTaskAfterLoad(without, page, false);
  const row = {
    page: page.name,
    cards: page.cards,
    loadWith: median(a.map((s) => s.load)),
    loadWithout: median(b.map((s) => s.load)),
    loadRatio: median(a.map((s) => s.load)) / median(b.map((s) => s.load)),
    loadRatioInterval: ratioInterval(
      a.map((s) => s.load),
      b.map((s) => s.load),
    ),
    scriptWith: median(a.map((s) => s.script)),
    scriptWithout: median(b.map((s) => s.script)),
    scriptRatio: median(a.map((s) => s.script)) / Math.max(median(b.map((s) => s.script)), 0.001),
    firstCardToLastStrip: page.cards ? median(a.map((s) => s.strips ?? Number.NaN)) : null,
    lastCardToLastStrip: page.cards ? median(a.map((s) => s.fromLastCard ?? Number.NaN)) : null,
    loadToLastStrip: page.cards ? median(a.map((s) => s.fromLoad ?? Number.NaN)) : null,
    longestTaskWith: Math.max(...a.map((s) => s.longest)),
    longestTaskWithout: Math.max(...b.map((s) => s.longest)),
    longestAfterLoadWith: Math.max(...a.map((s) => s.longestAfterLoad)),
    longestAfterLoadWithout: Math.max(...b.map((s) => s.longestAfterLoad)),
    tracedWith,
    tracedWithout,
    longTasksWith: median(a.map((s) => s.long)),
    longTasksWithout: median(b.map((s) => s.long)),
  };
  rows.push(row);
  console.error(`measured ${page.name}`);
}
await withExt.close();
await without.close();

const f = (x: unknown, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
console.log(`\nContent-script overhead, ${RUNS} alternating runs each, medians (ms)\n`);
console.log(
  '| page | cards | load with / without | ratio (90% interval) | script with / without | ratio | first card → last strip | last card → last strip | load → last strip | longest task with / without | after load: longest task, tasks > 50 ms (with / without) | after load, traced: longest task (with / without) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.cards} | ${f(r.loadWith)} / ${f(r.loadWithout)} | ${f(r.loadRatio, 3)} (${(r.loadRatioInterval as number[]).map((x) => f(x, 2)).join('–')}) | ${f(r.scriptWith)} / ${f(r.scriptWithout)} | ${f(r.scriptRatio, 2)} | ${f(r.firstCardToLastStrip)} | ${f(r.lastCardToLastStrip)} | ${f(r.loadToLastStrip)} | ${f(r.longestTaskWith)} / ${f(r.longestTaskWithout)} | ${f(r.longestAfterLoadWith)}, ${f(r.longTasksWith, 0)} / ${f(r.longestAfterLoadWithout)}, ${f(r.longTasksWithout, 0)} | ${f(r.tracedWith)} / ${f(r.tracedWithout)} |`,
  );
}
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/triage.json'), JSON.stringify({ runs: RUNS, rows }, null, 2));
