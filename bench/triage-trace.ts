/**
 * Where the time from the load event to the strips on screen goes (issue 19), from Chromium's own trace: each
 * build given is loaded on the 2,000-entry arXiv listing, the builds alternating, RUNS traced loads each. For each
 * load, from the load event (the page's MarkLoad) to the moment the last strip of the cards on screen was drawn
 * (the probe of bench/triage.bench.ts, kept here in small) and on to the first frame painted after that:
 *
 * - wall time of each step: load → digest-main.js starts to run (the injection: the loader's message, the
 *   background's executeScript), its compile and first run, then our tasks up to the strips;
 * - the main thread's CPU time (thread time, `tdur`) in that window, by what it was spent on (script compile,
 *   script run, style, layout, pre-paint, paint…), so that a loaded machine's figures still say what we cost;
 * - the frame after the strips: its layout and pre-paint (each strip pushes the page below it down).
 *
 *   PAPERLANE_E2E=1 npm run build:chrome
 *   npx tsx bench/triage-trace.ts [runs] <build dir> [<build dir> …]
 *
 * Medians and [ranges] over the runs, per build.
 */
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/chromium';
import { repeatedListing } from './listing-pages';

const RUNS = Number(process.argv[2] ?? 5);
const BUILDS = process.argv.slice(3);
if (BUILDS.length === 0) throw new Error('usage: triage-trace.ts [runs] <build dir> [<build dir> …]');
const URL = 'https://arxiv.org/list/cs/new?skip=0&show=2000';
const CARDS = 2000;
const HTML = repeatedListing(CARDS);
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The reader is scrolled to the first card at DOMContentLoaded, as in bench/triage.bench.ts; strip hosts are timed
// as they arrive or stop being placeholders.
const PROBE = `(() => {
  document.addEventListener('DOMContentLoaded', () => document.querySelector('dt')?.scrollIntoView());
  const probe = window.__probe = { hosts: 0, drawn: new Map() };
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
        if (!n.hasAttribute('data-paperlane-placeholder')) probe.drawn.set(n, now);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-paperlane-placeholder'] });
  probe.viewportDrawn = () => {
    let last = 0;
    for (const host of document.querySelectorAll('paperlane-strip')) {
      const card = host.closest('[data-paperlane-id]') ?? host;
      const rect = card.getBoundingClientRect();
      if (rect.top >= innerHeight) break;
      if (rect.bottom <= 0) continue;
      const at = probe.drawn.get(host);
      if (at === undefined) return null;
      last = Math.max(last, at);
    }
    return last || null;
  };
})();`;

async function open(build: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath('The triage trace'),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${build}`, `--load-extension=${build}`, ...FLAGS],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  await context.route('**/*', (route) => {
    if (route.request().url() === URL)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HTML });
    if (route.request().url().startsWith('chrome-extension://')) return route.continue();
    return route.fulfill({ status: 404, body: '' });
  });
  await context.addInitScript(PROBE);
  return context;
}

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string } };
};

/** What a main-thread event's own time (its children's taken out) counts as. */
function kindOf(name: string): string {
  if (/compile|Compile|Parse(Script|Function|Program)|v8\.parse/i.test(name) && name !== 'ParseHTML')
    return 'script compile';
  if (name === 'ParseHTML') return 'HTML parse';
  if (name === 'UpdateLayoutTree' || name === 'RecalculateStyles' || name === 'ParseAuthorStyleSheet') return 'style';
  if (name === 'Layout') return 'layout';
  if (name === 'PrePaint') return 'pre-paint';
  if (name === 'Paint' || name === 'PaintImage' || name === 'Layerize' || name === 'UpdateLayer') return 'paint';
  if (name === 'IntersectionObserverController::computeIntersections' || name === 'ComputeIntersections')
    return 'intersections';
  if (name === 'MajorGC' || name === 'MinorGC' || /^V8\.GC|GCEvent|BlinkGC/.test(name)) return 'gc';
  if (name === 'RunTask' || name === 'ThreadControllerImpl::RunTask') return 'task (own time)';
  if (
    /FunctionCall|EvaluateScript|TimerFire|v8\.run|v8\.execute|RunMicrotasks|EventDispatch|FireAnimationFrame|v8\.callFunction|V8\.Execute/.test(
      name,
    )
  )
    return 'script run';
  return `other: ${name}`;
}

type Breakdown = Record<string, { wall: number; cpu: number }>;

/** Own wall and CPU time per kind of the main thread's complete events that start in [from, to). */
function breakdown(events: TraceEvent[], from: number, to: number): Breakdown {
  const xs = events
    .filter((e) => e.ph === 'X' && e.ts >= from && e.ts < to && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: Breakdown = {};
  const add = (kind: string, wall: number, cpu: number) => {
    const k = out[kind] ?? { wall: 0, cpu: 0 };
    out[kind] = k;
    k.wall += wall;
    k.cpu += cpu;
  };
  // A stack of open events: each event's own time is its duration less its direct children's.
  type Open = { e: TraceEvent; end: number; childWall: number; childCpu: number };
  const stack: Open[] = [];
  const close = (o: Open) => {
    add(kindOf(o.e.name), (o.e.dur ?? 0) - o.childWall, (o.e.tdur ?? o.e.dur ?? 0) - o.childCpu);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.childWall += o.e.dur ?? 0;
      parent.childCpu += o.e.tdur ?? o.e.dur ?? 0;
    }
  };
  for (const e of xs) {
    while (stack.length && (stack[stack.length - 1] as Open).end <= e.ts) close(stack.pop() as Open);
    stack.push({ e, end: e.ts + (e.dur ?? 0), childWall: 0, childCpu: 0 });
  }
  while (stack.length) close(stack.pop() as Open);
  for (const k of Object.keys(out)) {
    const v = out[k] as { wall: number; cpu: number };
    out[k] = { wall: v.wall / 1000, cpu: v.cpu / 1000 };
  }
  return out;
}

type Sample = {
  /** ms from the load event. */
  injected: number | null;
  evaluated: number | null;
  strips: number | null;
  painted: number | null;
  /** Main-thread CPU from load to the strips, and of the frame after them. */
  cpuToStrips: number;
  wallTasksToStrips: number;
  scriptCompile: number;
  toStrips: Breakdown;
  frame: Breakdown;
  frameCpu: number;
};

async function traced(context: BrowserContext): Promise<Sample> {
  const tab = await context.newPage();
  await tab.goto('about:blank');
  const cdp = await context.newCDPSession(tab);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'v8',
        'blink',
        'toplevel',
      ],
    },
  });
  await tab.goto(URL, { waitUntil: 'load' });
  await tab
    .waitForFunction(
      (n) => {
        const p = (window as unknown as { __probe: { hosts: number; viewportDrawn(): number | null } }).__probe;
        return p.hosts >= n && p.viewportDrawn() !== null;
      },
      CARDS,
      { timeout: 30_000, polling: 50 },
    )
    .catch(() => console.error('not every card annotated within 30 s'));
  await tab.waitForTimeout(300);
  const { viewport, loadStart } = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const p = (window as unknown as { __probe: { viewportDrawn(): number | null } }).__probe;
    return { viewport: p.viewportDrawn(), loadStart: nav.loadEventStart };
  });
  await cdp.send('Tracing.end');
  await complete;
  await tab.close();

  const parses = new Map<string, number>();
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  for (const e of events) if (e.name === 'ParseHTML') parses.set(thread(e), (parses.get(thread(e)) ?? 0) + 1);
  const main = [...parses].sort((x, y) => y[1] - x[1])[0]?.[0];
  const mine = events.filter((e) => thread(e) === main);
  const load = mine.find((e) => e.name === 'MarkLoad')?.ts ?? 0;
  const ms = (ts: number | undefined) => (ts === undefined ? null : (ts - load) / 1000);
  // digest-main.js runs by executeScript: an EvaluateScript (or v8.compile) naming it.
  const evaluate = mine.find(
    (e) => e.ts >= load && e.ph === 'X' && e.name === 'EvaluateScript' && e.args?.data?.url?.includes('digest-main'),
  );
  const stripsTs = viewport === null ? null : load + (viewport - loadStart) * 1000;
  const end = stripsTs ?? load;
  // The first Paint that starts after the strips were drawn: the frame that shows them.
  const paint = mine.find((e) => e.ts >= end && e.ph === 'X' && (e.name === 'Paint' || e.name === 'PrePaint'));
  const framePaintEnd = paint
    ? (mine.find((e) => e.ts >= paint.ts && e.name === 'Paint' && e.ph === 'X')?.ts ?? paint.ts) + 1
    : end;
  const toStrips = breakdown(mine, load, end);
  const frame = breakdown(mine, end, framePaintEnd + 1000);
  const sum = (b: Breakdown) => Object.values(b).reduce((s, v) => s + v.cpu, 0);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.ts >= load && e.ts < end);
  return {
    injected: ms(evaluate?.ts),
    evaluated: evaluate ? ms(evaluate.ts + (evaluate.dur ?? 0)) : null,
    strips: ms(stripsTs ?? undefined),
    painted: paint ? ms(framePaintEnd) : null,
    cpuToStrips: sum(toStrips),
    wallTasksToStrips: tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000,
    scriptCompile: toStrips['script compile']?.cpu ?? 0,
    toStrips,
    frame,
    frameCpu: sum(frame),
  };
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const mr = (xs: (number | null)[]) => {
  const v = xs.map((x) => x ?? Number.NaN);
  const ok = v.filter((x) => Number.isFinite(x));
  return `${f(median(v))} [${f(Math.min(...ok))}–${f(Math.max(...ok))}]`;
};

const contexts = await Promise.all(BUILDS.map(open));
const samples: Sample[][] = BUILDS.map(() => []);
for (const context of contexts) await traced(context); // warm: the first load compiles the scripts
for (let i = 0; i < RUNS; i++) {
  for (const [b, context] of contexts.entries()) {
    (samples[b] as Sample[]).push(await traced(context));
  }
}
await Promise.all(contexts.map((c) => c.close()));

console.log(`\nLoad → strips on screen on the 2,000-entry listing, traced, ${RUNS} alternating loads per build`);
console.log('ms from the load event, medians [ranges]; CPU: main-thread thread time\n');
console.log(
  '| build | load → digest-main runs | → its first run ends | → strips on screen | → frame painted | main-thread CPU, load → strips | of it: script compile | of it: script run | style + layout | CPU of the frame after | of it: layout | of it: pre-paint |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const cpuOf = (b: Breakdown, ...kinds: string[]) => kinds.reduce((s, k) => s + (b[k]?.cpu ?? 0), 0);
for (const [b, build] of BUILDS.entries()) {
  const s = samples[b] as Sample[];
  console.log(
    `| ${join(build)} | ${mr(s.map((x) => x.injected))} | ${mr(s.map((x) => x.evaluated))} | ${mr(s.map((x) => x.strips))} | ${mr(s.map((x) => x.painted))} | ${mr(s.map((x) => x.cpuToStrips))} | ${mr(s.map((x) => x.scriptCompile))} | ${mr(s.map((x) => cpuOf(x.toStrips, 'script run')))} | ${mr(s.map((x) => cpuOf(x.toStrips, 'style', 'layout')))} | ${mr(s.map((x) => x.frameCpu))} | ${mr(s.map((x) => cpuOf(x.frame, 'layout')))} | ${mr(s.map((x) => cpuOf(x.frame, 'pre-paint')))} |`,
  );
}
for (const [b, build] of BUILDS.entries()) {
  const s = samples[b] as Sample[];
  const kinds = [...new Set(s.flatMap((x) => Object.keys(x.toStrips)))].sort();
  console.log(
    `\n${build}: CPU load → strips by kind (median ms): ${kinds.map((k) => `${k} ${median(s.map((x) => x.toStrips[k]?.cpu ?? 0)).toFixed(1)}`).join(', ')}`,
  );
  const fk = [...new Set(s.flatMap((x) => Object.keys(x.frame)))].sort();
  console.log(
    `${build}: CPU of the frame after by kind: ${fk.map((k) => `${k} ${median(s.map((x) => x.frame[k]?.cpu ?? 0)).toFixed(1)}`).join(', ')}`,
  );
}
