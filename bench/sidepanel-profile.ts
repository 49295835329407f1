/**
 * Where the side panel's open goes (issue 19): fills the library as bench/sidepanel.bench.ts does, opens the panel once
 * so that it saves its snapshot, then times the reads the next open makes, one by one, in an extension page, and takes a
 * CPU profile of the next open (self time by function, top 30). Not a benchmark: a tool to read before changing things.
 * `PAPERLANE_EXTENSION_DIR=<build> npx tsx bench/sidepanel-profile.ts [papers]`
 */
import type { Page } from 'playwright-core';
import { launch, openExtensionPage } from '../tests/e2e/harness';
import { fill, openPanel, QUERIES, snapshotSaved, TYPE } from './sidepanel.bench';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const READS = `(async () => {
  const open = (name) => new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const out = {};
  let t = performance.now();
  const lap = (name) => { const now = performance.now(); out[name] = now - t; t = now; };
  const db = await open('paperlane'); lap('open library');
  const cache = await open('paperlane-search'); lap('open cache');
  const snap = await req(cache.transaction('snapshot').objectStore('snapshot').get('library')); lap('get snapshot (read + deserialise)');
  out.rows = snap.rows.length ?? snap.rows.count; out.terms = snap.index.terms.length; out.postings = snap.index.postings.length;
  await req(db.transaction('papers').objectStore('papers').count()); lap('count papers');
  const tags = await req(db.transaction('tags').objectStore('tags').getAll());
  const tx = db.transaction('papers');
  await Promise.all(tags.map((g) => req(tx.objectStore('papers').index('tags').count(g.name)))); lap('tags and their counts');
  await req(db.transaction('meta').objectStore('meta').getAll(IDBKeyRange.bound('searchlog:', 'searchlog:\\uffff'))); lap('journal entries');
  const c = await req(db.transaction('papers').objectStore('papers').index('addedAt').openCursor(null, 'prev')); lap('newest: first cursor step');
  snap.index.terms.split('\\n'); lap('terms split');
  if (Array.isArray(snap.rows)) { const m = new Map(); snap.rows.forEach((r, i) => m.set(r.id, i)); lap('map of 50k ids'); }
  return out;
})()`;

/** The snapshot's parts stored apart, and its rows in other shapes, each read back in a record of its own. */
const SHAPES = `(async () => {
  const open = (name, up) => new Promise((resolve, reject) => { const r = indexedDB.open(name, 1); r.onupgradeneeded = () => up && up(r.result); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const cache = await open('paperlane-search');
  const snap = await req(cache.transaction('snapshot').objectStore('snapshot').get('library'));
  const rows = snap.rows;
  const scratch = await open('scratch', (db) => db.createObjectStore('s'));
  const cols = { ids: rows.map((r) => r.id).join('\\n'), titles: rows.map((r) => r.title).join('\\n'), authors: rows.map((r) => r.authors.join('\\t')).join('\\n'),
    urls: rows.map((r) => r.url ?? '').join('\\n'), addedAt: new Float64Array(rows.map((r) => r.addedAt)), savedAt: new Float64Array(rows.map((r) => r.savedAt ?? NaN)),
    lastSeenAt: new Float64Array(rows.map((r) => r.lastSeenAt ?? NaN)), flags: new Uint8Array(rows.map((r) => (r.saved ? 1 : 0) | (r.hasNote ? 2 : 0))),
    small: rows.map((r) => r.status + '\\t' + r.tags.join(',') + '\\t' + r.sites.join(',') + '\\t' + (r.published ?? '') + '\\t' + (r.upvotes ?? '') + '\\t' + r.authorCount).join('\\n') };
  const shapes = { index: snap.index, rowsObjects: rows, rowsJson: JSON.stringify(rows), rowsColumns: cols };
  const tx = scratch.transaction('s', 'readwrite');
  for (const [k, v] of Object.entries(shapes)) tx.objectStore('s').put(v, k);
  await new Promise((r) => { tx.oncomplete = r; });
  const out = {};
  for (let round = 0; round < 3; round++) for (const k of Object.keys(shapes)) {
    const t = performance.now();
    const v = await req(scratch.transaction('s').objectStore('s').get(k));
    let t2 = performance.now();
    if (k === 'rowsJson') JSON.parse(v);
    if (k === 'rowsColumns') { const ids = v.ids.split('\\n'), ti = v.titles.split('\\n'), au = v.authors.split('\\n'), sm = v.small.split('\\n'); const o = new Array(ids.length);
      for (let i = 0; i < ids.length; i++) { const p = sm[i].split('\\t'); o[i] = { id: ids[i], title: ti[i], authors: au[i].split('\\t'), status: p[0], tags: p[1] ? p[1].split(',') : [], sites: p[2].split(','), addedAt: v.addedAt[i] }; } }
    (out[k] ??= []).push(Math.round(t2 - t) + '+' + Math.round(performance.now() - t2));
  }
  out.sizes = { json: shapes.rowsJson.length, titles: cols.titles.length };
  return out;
})()`;

async function cpuProfile(page: Page, run: () => Promise<void>): Promise<Profile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await cdp.detach();
  return profile;
}

function top(profile: Profile, n: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i] as number) as Node;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] as number) / 1000);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

/**
 * Where a key's time goes while typing (issue 19): the bench's queries typed letter by letter into a panel opened on
 * the snapshot, each key under a CPU profile of its own; prints every key slower than 16 ms, then self time by
 * function over the slow keys and over the others.
 */
async function typing(h: Awaited<ReturnType<typeof launch>>, label: string): Promise<void> {
  const panel = await openPanel(h, label);
  const cdp = await panel.context().newCDPSession(panel);
  if (process.env.SIDEPANEL_TYPING === 'trace') return await traceTyping(panel, cdp);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const slow: Profile[] = [];
  const fast: Profile[] = [];
  const keys: string[] = [];
  for (const q of QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      await cdp.send('Profiler.start');
      const [key, list] = (await panel.evaluate(`${TYPE}(${JSON.stringify(q.slice(0, i))})`)) as number[];
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      const ms = Number(await panel.locator('[data-search-ms]').getAttribute('data-search-ms'));
      const hits = await panel.locator('[data-testid="result-count"]').textContent();
      keys.push(
        `${(list as number).toFixed(1).padStart(6)} ms (key ${(key as number).toFixed(1)}, search ${ms.toFixed(1)})  "${q.slice(0, i)}"  ${hits}`,
      );
      ((list as number) > 16 ? slow : fast).push(profile);
    }
  }
  console.log(keys.join('\n'));
  const merged = (ps: Profile[]) =>
    ps
      .flatMap((p) => top(p, 1000))
      .reduce((m, line) => {
        const [ms, ...rest] = line.trim().split(/\s+ms\s+/);
        const k = rest.join(' ');
        m.set(k, (m.get(k) ?? 0) + Number(ms));
        return m;
      }, new Map<string, number>());
  for (const [name, ps] of [
    ['slow keys', slow],
    ['other keys', fast],
  ] as const) {
    console.log(`\n${name} (${ps.length}), self time summed:`);
    console.log(
      [...merged(ps).entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`)
        .join('\n'),
    );
  }
  await cdp.detach();
}

type TraceEvent = {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  tid: number;
  pid: number;
  args?: { data?: { type?: string } };
};

/**
 * The same keys under a trace (devtools.timeline): per key, the main thread's top-level work by kind (script, style,
 * layout, paint, GC), so that the browser's own time (not in a CPU profile) shows too.
 */
async function traceTyping(panel: Page, cdp: import('playwright-core').CDPSession): Promise<void> {
  const queries = (process.env.SIDEPANEL_QUERIES ?? QUERIES.join(',')).split(',');
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'v8', 'blink.user_timing', 'disabled-by-default-devtools.timeline'],
    },
  });
  const keys: { text: string; list: number }[] = [];
  for (const q of queries)
    for (let i = 1; i <= q.length; i++) {
      const text = q.slice(0, i);
      await panel.evaluate(`performance.mark('key:' + ${JSON.stringify(text)})`);
      const [, list] = (await panel.evaluate(`${TYPE}(${JSON.stringify(text)})`)) as number[];
      await panel.evaluate(`performance.mark('end:' + ${JSON.stringify(text)})`);
      keys.push({ text, list: list as number });
    }
  await cdp.send('Tracing.end');
  await done;
  const marks = events.filter((e) => e.ph === 'R' || e.name.startsWith('key:') || e.name.startsWith('end:'));
  const main = marks[0] ? marks[0].tid : 0;
  const pid = marks[0] ? marks[0].pid : 0;
  const at = (name: string) => marks.find((e) => e.name === name)?.ts ?? 0;
  const top = events.filter((e) => e.ph === 'X' && e.tid === main && e.pid === pid && e.dur !== undefined);
  for (const k of keys) {
    const from = at(`key:${k.text}`);
    const to = at(`end:${k.text}`);
    const sum = new Map<string, number>();
    for (const e of top) {
      if (e.ts < from || e.ts > to) continue;
      const name =
        e.name === 'EventDispatch' || e.name === 'TimerFire' || e.name === 'FunctionCall'
          ? `${e.name}${e.args?.data?.type ? `:${e.args.data.type}` : ''}`
          : e.name;
      sum.set(name, (sum.get(name) ?? 0) + (e.dur as number) / 1000);
    }
    const parts = [...sum.entries()]
      .filter(([, ms]) => ms >= 0.5)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12);
    console.log(
      `${k.list.toFixed(1).padStart(6)} ms "${k.text}": ${parts.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ')}`,
    );
  }
}

async function main() {
  const n = Number(process.argv[2] ?? 50_000);
  const h = await launch();
  try {
    const loader = await openExtensionPage(h, 'popup.html');
    await loader.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ paperlane: 1, type: 'settings/get', payload: null }),
    );
    await fill(loader, n);
    const label = `${n.toLocaleString()} of ${n.toLocaleString()} papers`;
    const cold = await openPanel(h, label);
    for (const end = Date.now() + 120_000; Date.now() < end; await cold.waitForTimeout(500))
      if (await cold.evaluate(snapshotSaved)) break;
    await cold.close();
    if (process.env.SIDEPANEL_TYPING) return await typing(h, label);
    for (let i = 0; i < 2; i++) console.log('reads:', await loader.evaluate(READS));
    // The rows in other shapes (a snapshot of format 1, whose rows are objects).
    if (process.env.SIDEPANEL_SHAPES) console.log('shapes (get ms + decode ms):', await loader.evaluate(SHAPES));
    for (let i = 0; i < 2; i++) {
      const page = await h.context.newPage();
      await page.setViewportSize({ width: 420, height: 900 });
      let marks: unknown;
      const profile = await cpuProfile(page, async () => {
        const opened = await openPanel(h, label, page);
        marks = await opened.evaluate(() => ({
          ...(globalThis as unknown as { __marks: object }).__marks,
          measures: performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`),
        }));
      });
      console.log('open', i, JSON.stringify(marks, null, 1));
      console.log(top(profile, 30).join('\n'));
      await page.close();
    }
  } finally {
    await h.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
