/**
 * Content-script overhead in real Chromium: each listing page is loaded with the extension and without it,
 * alternating, RUNS times each. Reported: median ratio (with / without) of the time to the load event, with a
 * bootstrap 90% interval that shows how much of it run-to-run noise alone could be, and of
 * main-thread script time; from the load event, the time until the strips of the cards in the viewport are drawn
 * and until every card is annotated (marked with its id and given its strip's host, drawn or a placeholder: issue
 * 19); the longest task seen with and without the extension, and how many tasks over 50 ms each had after load.
 *
 * The OpenReview and Google Scholar pages are optional sites (issue 16): the e2e build grants them, so build with
 *
 *   PAPERLANE_E2E=1 npm run build:chrome && npx tsx bench/triage.bench.ts [runs] [page name filter]
 *
 * (with a plain build those rows measure a page Paperlane does not run on, and say so: no strips).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/chromium';
import { FIXTURES, repeatedListing } from './listing-pages';

const ROOT = resolve(import.meta.dirname, '..');
// Another build can be measured in its place (PAPERLANE_EXTENSION=<dir>), to alternate two builds on one machine.
const EXTENSION = process.env.PAPERLANE_EXTENSION ?? join(ROOT, '.output/chrome-mv3');
const RUNS = Number(process.argv[2] ?? 10);
/** Traced loads per arm and page (PAPERLANE_TRACES), after the RUNS untraced ones. */
const TRACES = Number(process.env.PAPERLANE_TRACES ?? 3);
/** Only the pages whose name holds this (case-insensitive), to measure one page at a time. */
const ONLY = (process.argv[3] ?? '').toLowerCase();
/**
 * PAPERLANE_EXPECT_STRIPS=0: the build draws nothing (a loader emptied, no content script), so its loads wait for
 * no strips; what such a build costs before the load event is the floor any content script pays.
 */
const STRIPS = process.env.PAPERLANE_EXPECT_STRIPS !== '0';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `first`: the page's first card, which the reader is scrolled to (the probe does it at DOMContentLoaded). */
type Page = { name: string; url: string; html: string; cards: number; first: string };
// index-next.json: the pages of the sites issue 16 adds, until their entries move into index.json.
const index: { file: string; url: string; cards: number }[] = ['index.json', 'index-next.json'].flatMap((name) =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')),
);
const saved = (file: string, first: string): Page => {
  const entry = index.find((f) => f.file === file);
  if (!entry) throw new Error(`no fixture ${file}`);
  return {
    name: file.split('/')[1] ?? file,
    url: entry.url,
    html: readFileSync(join(FIXTURES, file), 'utf8'),
    cards: entry.cards,
    first,
  };
};
const ALL_PAGES: Page[] = [
  saved('huggingface/hf-daily-papers-2024-08-01.html', 'article'),
  saved('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html', 'dt'),
  saved('arxiv/arxiv-search-200results-2025-12.html', 'li.arxiv-result'),
  {
    name: 'arxiv /new with 2,000 entries (repeated real entries)',
    url: 'https://arxiv.org/list/cs/new?skip=0&show=2000',
    html: repeatedListing(2000),
    cards: 2000,
    first: 'dt',
  },
  saved('openreview/openreview-group-iclr2018-conference-browser-saved-2017-12.html', 'li.note'),
  saved('scholar/gscholar-citations-profile-manmatha-pagesize100-2015-09.html', 'tr.gsc_a_tr'),
];
const PAGES = ALL_PAGES.filter((p) => p.name.toLowerCase().includes(ONLY));

// Runs in the page's main world before any of its scripts: watches strip hosts arrive and get drawn (a host is a
// placeholder while it has data-paperlane-placeholder), and long tasks. The saved pages come without their
// stylesheets, so their headers push the first card below the first screen: the reader is scrolled to it, with and
// without the extension alike, so that the cards on screen are cards.
const probe = (pages: Page[]) => `(() => {
  const first = ${JSON.stringify(Object.fromEntries(pages.map((p) => [p.url, p.first])))}[location.href];
  if (first) document.addEventListener('DOMContentLoaded', () => document.querySelector(first)?.scrollIntoView());
  const probe = window.__probe = { hosts: 0, lastHost: null, drawn: new Map(), tasks: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  const isHost = (n) => n.nodeType === 1 && n.localName === 'paperlane-strip';
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === 'attributes') {
        if (isHost(r.target) && !r.target.hasAttribute('data-paperlane-placeholder') && !probe.drawn.has(r.target))
          probe.drawn.set(r.target, now);
        continue;
      }
      for (const n of r.addedNodes) {
        if (!isHost(n)) continue;
        probe.hosts++;
        probe.lastHost = now;
        if (!n.hasAttribute('data-paperlane-placeholder')) probe.drawn.set(n, now);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-paperlane-placeholder'] });
  // The cards on screen once annotated (the page is never scrolled): when was the last of their strips drawn?
  // Null until each of them has its strip.
  probe.viewportDrawn = () => {
    let last = 0;
    for (const host of document.querySelectorAll('paperlane-strip')) {
      const card = host.closest('[data-paperlane-id]') ?? host;
      const rect = card.getBoundingClientRect();
      if (rect.top >= innerHeight) break; // cards come in page order: the rest are below the screen
      if (rect.bottom <= 0) continue;
      const at = probe.drawn.get(host);
      if (at === undefined) return null;
      last = Math.max(last, at);
    }
    return last || null;
  };
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
  await context.addInitScript(probe(PAGES));
  return context;
}

type Sample = {
  load: number;
  script: number;
  /** From the load event to the last strip drawn of the cards on screen. */
  viewport: number | null;
  /** From the load event to the last card annotated (its id and its strip's host, drawn or a placeholder). */
  annotated: number | null;
  hosts: number;
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
    await tab
      .waitForFunction(
        (n) => {
          const p = (window as unknown as { __probe: { hosts: number; viewportDrawn(): number | null } }).__probe;
          return p.hosts >= n && p.viewportDrawn() !== null;
        },
        page.cards,
        { timeout: 30_000, polling: 50 },
      )
      .catch(() => console.error(`${page.name}: not every card annotated within 30 s`));
  }
  await tab.waitForTimeout(300); // let the content script's follow-up work land in the metrics
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const result = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    type Probe = {
      hosts: number;
      lastHost: number | null;
      tasks: [number, number][];
      viewportDrawn(): number | null;
    };
    const p = (window as unknown as { __probe: Probe }).__probe;
    // Paperlane starts after the load event: tasks that begin after it are ours (the page has finished by then).
    const after = p.tasks.filter(([start]) => start >= nav.loadEventStart).map(([, duration]) => duration);
    const viewport = p.viewportDrawn();
    return {
      load: nav.loadEventStart,
      hosts: p.hosts,
      lastHost: p.lastHost,
      viewport,
      longest: Math.max(0, ...p.tasks.map(([, duration]) => duration)),
      longestAfterLoad: Math.max(0, ...after),
      long: after.length,
    };
  });
  await tab.close();
  return {
    load: result.load,
    script: metric('ScriptDuration') * 1000,
    viewport: result.viewport !== null ? result.viewport - result.load : null,
    annotated: result.lastHost !== null && result.hosts >= page.cards ? result.lastHost - result.load : null,
    hosts: result.hosts,
    longest: result.longest,
    longestAfterLoad: result.longestAfterLoad,
    long: result.long,
  };
}

type Traced = { wall: number; cpu: number; overCpu: number; cpuBeforeLoad: number };

/**
 * One more load of the page, traced: the main thread's longest task after the load event, from Chromium's own
 * trace. The Long Tasks API (the columns above) does not report every task: the injection of our script, for one,
 * never appears in it.
 */
async function longestTracedTaskAfterLoad(context: BrowserContext, page: Page, expectStrips: boolean): Promise<Traced> {
  const tab = await context.newPage();
  await tab.goto('about:blank');
  const cdp = await context.newCDPSession(tab);
  const events: { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  });
  await tab.goto(page.url, { waitUntil: 'load' });
  if (expectStrips && page.cards > 0) {
    await tab
      .waitForFunction((n) => document.querySelectorAll('paperlane-strip').length >= n, page.cards, {
        timeout: 30_000,
      })
      .catch(() => {});
  }
  await tab.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await complete;
  await tab.close();
  // The renderer's main thread is the one that parsed the page; the load mark is on it.
  const thread = (e: { pid: number; tid: number }) => `${e.pid}:${e.tid}`;
  const parses = new Map<string, number>();
  for (const e of events) if (e.name === 'ParseHTML') parses.set(thread(e), (parses.get(thread(e)) ?? 0) + 1);
  const main = [...parses].sort((x, y) => y[1] - x[1])[0]?.[0];
  const load = events.find((e) => e.name === 'MarkLoad' && thread(e) === main)?.ts ?? 0;
  // Wall time, and thread time: on a shared machine a task's wall time grows with the load, its thread time
  // (CPU time on the main thread) much less; tasks over 50 ms of thread time would be long on an idle machine too.
  let wall = 0;
  let cpu = 0;
  let overCpu = 0;
  // Before the load event: the main thread's CPU time from the navigation on (the trace starts on about:blank, so
  // every task of the page's renderer before its load mark belongs to this load). What a content script costs
  // before load shows here, and the machine's load moves it far less than the load event's wall-clock time.
  let cpuBeforeLoad = 0;
  for (const e of events) {
    if (thread(e) !== main || e.name !== 'RunTask' || e.ph !== 'X') continue;
    if (e.ts < load) {
      cpuBeforeLoad += e.tdur ?? 0;
      continue;
    }
    wall = Math.max(wall, e.dur ?? 0);
    cpu = Math.max(cpu, e.tdur ?? 0);
    if ((e.tdur ?? 0) > 50_000) overCpu++;
  }
  return { wall: wall / 1000, cpu: cpu / 1000, overCpu, cpuBeforeLoad: cpuBeforeLoad / 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

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
  await measure(withExt, page, STRIPS); // warm both (first run compiles the content script)
  await measure(without, page, false);
  for (let i = 0; i < RUNS; i++) {
    a.push(await measure(withExt, page, STRIPS));
    b.push(await measure(without, page, false));
  }
  // Traced loads, alternated as well: medians over TRACES of each.
  const tw: Traced[] = [];
  const two: Traced[] = [];
  for (let i = 0; i < TRACES; i++) {
    tw.push(await longestTracedTaskAfterLoad(withExt, page, STRIPS));
    two.push(await longestTracedTaskAfterLoad(without, page, false));
  }
  const mid = (ts: Traced[]): Traced => ({
    wall: median(ts.map((t) => t.wall)),
    cpu: median(ts.map((t) => t.cpu)),
    overCpu: median(ts.map((t) => t.overCpu)),
    cpuBeforeLoad: median(ts.map((t) => t.cpuBeforeLoad)),
  });
  const tracedWith = mid(tw);
  const tracedWithout = mid(two);
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
    hosts: median(a.map((s) => s.hosts)),
    loadToViewport: page.cards ? median(a.map((s) => s.viewport ?? Number.NaN)) : null,
    loadToViewportRange: range(a.map((s) => s.viewport ?? Number.NaN)),
    loadToAnnotated: page.cards ? median(a.map((s) => s.annotated ?? Number.NaN)) : null,
    loadToAnnotatedRange: range(a.map((s) => s.annotated ?? Number.NaN)),
    longestTaskWith: Math.max(...a.map((s) => s.longest)),
    longestTaskWithout: Math.max(...b.map((s) => s.longest)),
    longestAfterLoadWith: Math.max(...a.map((s) => s.longestAfterLoad)),
    longestAfterLoadWithout: Math.max(...b.map((s) => s.longestAfterLoad)),
    tracedWith: tracedWith.wall,
    tracedWithout: tracedWithout.wall,
    tracedCpuWith: tracedWith.cpu,
    tracedCpuWithout: tracedWithout.cpu,
    tracedOverCpuWith: tracedWith.overCpu,
    tracedOverCpuWithout: tracedWithout.overCpu,
    cpuBeforeLoadWith: tracedWith.cpuBeforeLoad,
    cpuBeforeLoadWithout: tracedWithout.cpuBeforeLoad,
    cpuBeforeLoadRange: [range(tw.map((t) => t.cpuBeforeLoad)), range(two.map((t) => t.cpuBeforeLoad))],
    longTasksWith: median(a.map((s) => s.long)),
    longTasksWithRange: range(a.map((s) => s.long)),
    longTasksWithout: median(b.map((s) => s.long)),
  };
  rows.push(row);
  console.error(`measured ${page.name}`);
}
await withExt.close();
await without.close();

const f = (x: unknown, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
const fr = (r: unknown, d = 0) => (r as number[]).map((x) => f(x, d)).join('–');
console.log(`\nContent-script overhead, ${RUNS} alternating runs each, medians (ms) and [ranges]\n`);
console.log(
  '| page | cards (annotated) | load with / without | ratio (90% interval) | script with / without | ratio | load → strips on screen | load → every card annotated | longest task with / without | after load: longest task, tasks > 50 ms (with / without) | after load, traced: longest task (with / without) | traced, thread time: longest task, tasks > 50 ms (with / without) | traced, thread time before load (with / without) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.cards} (${f(r.hosts, 0)}) | ${f(r.loadWith)} / ${f(r.loadWithout)} | ${f(r.loadRatio, 3)} (${fr(r.loadRatioInterval, 2)}) | ${f(r.scriptWith)} / ${f(r.scriptWithout)} | ${f(r.scriptRatio, 2)} | ${f(r.loadToViewport, 0)} [${fr(r.loadToViewportRange)}] | ${f(r.loadToAnnotated, 0)} [${fr(r.loadToAnnotatedRange)}] | ${f(r.longestTaskWith)} / ${f(r.longestTaskWithout)} | ${f(r.longestAfterLoadWith)}, ${f(r.longTasksWith, 0)} [${fr(r.longTasksWithRange)}] / ${f(r.longestAfterLoadWithout)}, ${f(r.longTasksWithout, 0)} | ${f(r.tracedWith)} / ${f(r.tracedWithout)} | ${f(r.tracedCpuWith)}, ${f(r.tracedOverCpuWith, 0)} / ${f(r.tracedCpuWithout)}, ${f(r.tracedOverCpuWithout, 0)} | ${f(r.cpuBeforeLoadWith)} [${fr((r.cpuBeforeLoadRange as number[][])[0], 1)}] / ${f(r.cpuBeforeLoadWithout)} [${fr((r.cpuBeforeLoadRange as number[][])[1], 1)}] |`,
  );
}
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/triage.json'), JSON.stringify({ runs: RUNS, rows }, null, 2));
