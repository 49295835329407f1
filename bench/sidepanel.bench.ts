/**
 * The side panel at 10,000 and 50,000 papers in real Chromium (run `npm run build:chrome` first, then
 * `npx tsx bench/sidepanel.bench.ts`). Each figure has a baseline measured in the same run, in the same browser:
 * - first screen: navigation start → first rows in the DOM (newest-first read), and → everything read and indexed
 *   (search covers the whole library); baseline: read every paper (getAll) and render the first 500 rows
 *   unvirtualised. The panel is opened twice (issue 19): the first open after the papers were written builds the
 *   index (and saves its snapshot), the second is every later open (loads the snapshot).
 * - search: the index's time per query, typing 8 queries letter by letter (median, p95);
 *   baseline: a linear substring scan over the same papers' lower-cased text, same queries.
 * - typing: per key, input event → the list rendered (the next task after it), median, p95, max.
 * - scroll: frame time while scrolling 150 frames; baseline: the same scroll over 500 unvirtualised rows.
 * - memory: JS heap of the side panel page after GC; baseline: a page holding the papers as getAll returns them.
 * Papers are written straight into IndexedDB by this script (loading is not what is measured).
 * Prints a Markdown table and writes bench/out/sidepanel.json. One run is one sample: bench/sidepanel-alternate.ts
 * runs it several times over several builds, alternated, and prints the figures with their spread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launch, openExtensionPage, ROOT } from '../tests/e2e/harness';
import { makeLibrary, tagInfos } from './sidepanel-data';

const SIZES = (process.env.SIDEPANEL_SIZES ?? '10000,50000').split(',').map(Number);
export const QUERIES = [
  'neural network',
  'quantum field',
  'graph algorithm',
  'reinforcement learning',
  'black hole',
  'convex optimization',
  'language model',
  'prime numbers',
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95) };
};

export async function fill(page: Page, n: number): Promise<void> {
  const { papers, sightings } = makeLibrary(n);
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const r = indexedDB.open('paperlane');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction(['papers', 'sightings', 'tags'], 'readwrite');
    for (const name of ['papers', 'sightings', 'tags']) tx.objectStore(name).clear();
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
    // Papers written here bypass the library (and its search journal): the side panel's snapshot must go too.
    await new Promise((resolve) => {
      const r = indexedDB.deleteDatabase('paperlane-search');
      r.onsuccess = r.onerror = r.onblocked = resolve;
    });
  });
  const chunk = 2500;
  for (let i = 0; i < papers.length; i += chunk) {
    await page.evaluate(
      async ([batch, extra, tags]) => {
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          const r = indexedDB.open('paperlane');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const tx = db.transaction(['papers', 'sightings', 'tags'], 'readwrite');
        for (const p of batch as object[]) tx.objectStore('papers').put(p);
        for (const s of extra as object[]) tx.objectStore('sightings').add(s);
        for (const t of tags as object[]) tx.objectStore('tags').put(t);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      [papers.slice(i, i + chunk), i === 0 ? sightings : [], i === 0 ? tagInfos() : []] as const,
    );
  }
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1e6;
}

const SCROLL = `(async (el) => {
  const deltas = [];
  let last = performance.now();
  for (let i = 0; i < 150; i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    deltas.push(now - last);
    last = now;
    el.scrollTop += 480;
  }
  return deltas.slice(5);
})`;

/** Opens the side panel and waits until search covers every paper. */
export async function openPanel(h: Awaited<ReturnType<typeof launch>>, doneLabel: string, page?: Page): Promise<Page> {
  const panel = page ?? (await h.context.newPage());
  panel.on('console', (m) => process.env.SIDEPANEL_DEBUG && console.error('panel:', m.text()));
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.addInitScript((label: string) => {
    const marks: Record<string, number> = {};
    (globalThis as unknown as { __marks: Record<string, number> }).__marks = marks;
    new MutationObserver(() => {
      if (marks.first === undefined && document.querySelector('.vrow')) marks.first = performance.now();
      if (marks.ready === undefined && document.querySelector('[data-testid="result-count"]')?.textContent === label)
        marks.ready = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, doneLabel);
  await panel.goto(`chrome-extension://${h.extensionId}/sidepanel.html`);
  await panel.waitForFunction(
    () => (globalThis as unknown as { __marks: { ready?: number } }).__marks.ready !== undefined,
    null,
    { timeout: 180_000 },
  );
  return panel;
}

const marksOf = (panel: Page) =>
  panel.evaluate(() => (globalThis as unknown as { __marks: { first: number; ready: number } }).__marks);

/** True once the side panel's search snapshot is stored (lib/db/search-cache.ts). */
export const snapshotSaved = () =>
  new Promise<boolean>((resolve) => {
    const r = indexedDB.open('paperlane-search');
    r.onupgradeneeded = () => r.transaction?.abort(); // not there yet: not to be made here
    r.onerror = () => resolve(false);
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('snapshot')) {
        db.close();
        resolve(false);
        return;
      }
      const g = db.transaction('snapshot').objectStore('snapshot').count();
      g.onsuccess = () => {
        db.close();
        resolve(g.result > 0);
      };
    };
  });

/**
 * One key typed: the input event, then the next task (Preact renders in a microtask after it): the key handled;
 * then a task after a zero timeout (the panel's search runs in one): the list shown for it.
 */
export const TYPE = `(async (text) => {
  const box = document.querySelector('input[type="search"]');
  const t0 = performance.now();
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  await task();
  const key = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 0));
  await task();
  return [key, performance.now() - t0];
})`;

async function main() {
  const h = await launch();
  const results: Record<string, unknown>[] = [];
  try {
    const loader = await openExtensionPage(h, 'popup.html');
    // The background opens (and creates) the database on its first message.
    await loader.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ paperlane: 1, type: 'settings/get', payload: null }),
    );
    for (const n of SIZES) {
      await fill(loader, n);
      const label = `${n.toLocaleString()} of ${n.toLocaleString()} papers`;

      // ---- the side panel: the first open builds the index, the second loads its snapshot ----
      const cold = await openPanel(h, label);
      const coldMarks = await marksOf(cold);
      // A build without snapshots (the one before issue 19) has no such database.
      const keepsSnapshots = await cold.evaluate(async () =>
        (await indexedDB.databases()).some((d) => d.name === 'paperlane-search'),
      );
      const saved =
        keepsSnapshots &&
        (await (async () => {
          for (const end = Date.now() + 120_000; Date.now() < end; await cold.waitForTimeout(500))
            if (await cold.evaluate(snapshotSaved)) return true;
          return false;
        })());
      await cold.close();
      const panel = await openPanel(h, label);
      const marks = await marksOf(panel);

      const searchMs: number[] = [];
      const keyMs: number[] = [];
      const listMs: number[] = [];
      const box = panel.getByRole('searchbox');
      for (const q of QUERIES) {
        for (let i = 1; i <= q.length; i++) {
          const [key, list] = (await panel.evaluate(`${TYPE}(${JSON.stringify(q.slice(0, i))})`)) as number[];
          keyMs.push(key as number);
          listMs.push(list as number);
          await panel.waitForFunction(() => true);
          searchMs.push(Number(await panel.locator('[data-search-ms]').getAttribute('data-search-ms')));
        }
      }
      await box.fill('');
      await panel.waitForFunction(
        (l) => document.querySelector('[data-testid="result-count"]')?.textContent === l,
        label,
      );
      const scroll = stats((await panel.evaluate(`${SCROLL}(document.querySelector('.vlist'))`)) as number[]);
      const heap = await heapMB(panel);
      await panel.close();

      // ---- the baseline: read everything, render 500 rows, scan linearly ----
      const base = await h.context.newPage();
      await base.setViewportSize({ width: 420, height: 900 });
      await base.goto(`chrome-extension://${h.extensionId}/popup.html#baseline`);
      await base.waitForLoadState('load');
      const baseline = (await base.evaluate(
        `(async (queries) => {
          const t0 = performance.now();
          const db = await new Promise((resolve, reject) => { const r = indexedDB.open('paperlane'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
          const papers = await new Promise((resolve) => { const g = db.transaction('papers').objectStore('papers').getAll(); g.onsuccess = () => resolve(g.result); });
          papers.sort((a, b) => b.addedAt - a.addedAt);
          document.body.innerHTML = '';
          const box = document.createElement('div'); box.style.cssText = 'height:100vh;overflow:auto'; document.body.append(box);
          const ul = document.createElement('ul'); box.append(ul);
          for (const p of papers.slice(0, 500)) { const li = document.createElement('li'); li.style.height = '72px'; const b = document.createElement('button'); b.textContent = p.title; const m = document.createElement('div'); m.textContent = p.authors.slice(0,3).join(', ') + ' ' + (p.published ?? '') + ' ' + p.status + ' ' + p.tags.join(' '); li.append(b, m); ul.append(li); }
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const firstScreen = performance.now() - t0;
          window.__papers = papers;
          const hay = papers.map((p) => (p.title + ' ' + (p.abstract ?? '') + ' ' + p.authors.join(' ') + ' ' + p.tags.join(' ') + ' ' + p.note).toLowerCase());
          const times = [];
          for (const q of queries) for (let i = 1; i <= q.length; i++) {
            const words = q.slice(0, i).toLowerCase().split(/\\s+/).filter(Boolean);
            const s = performance.now(); let n = 0;
            for (const h of hay) if (words.every((w) => h.includes(w))) n++;
            times.push(performance.now() - s);
          }
          window.__hay = hay;
          return { firstScreen, times };
        })(${JSON.stringify(QUERIES)})`,
      )) as { firstScreen: number; times: number[] };
      const baseScroll = stats((await base.evaluate(`${SCROLL}(document.querySelector('div'))`)) as number[]);
      const baseHeap = await heapMB(base);
      await base.close();

      const search = stats(searchMs);
      const keys = stats(keyMs);
      const lists = stats(listMs);
      const baseSearch = stats(baseline.times);
      results.push({
        papers: n,
        firstScreenMs: marks.first,
        allReadAndIndexedMs: marks.ready,
        firstOpenFirstScreenMs: coldMarks.first,
        firstOpenAllReadAndIndexedMs: coldMarks.ready,
        snapshotSaved: saved,
        keyMedianMs: keys.median,
        keyP95Ms: keys.p95,
        keyMaxMs: Math.max(...keyMs),
        listMedianMs: lists.median,
        listP95Ms: lists.p95,
        listMaxMs: Math.max(...listMs),
        baselineFirstScreenMs: baseline.firstScreen,
        searchMedianMs: search.median,
        searchP95Ms: search.p95,
        baselineSearchMedianMs: baseSearch.median,
        baselineSearchP95Ms: baseSearch.p95,
        scrollFrameMedianMs: scroll.median,
        scrollFrameP95Ms: scroll.p95,
        baselineScrollFrameMedianMs: baseScroll.median,
        baselineScrollFrameP95Ms: baseScroll.p95,
        heapMB: heap,
        baselineHeapMB: baseHeap,
      });
    }
  } finally {
    await h.close();
  }
  const f = (x: unknown) => (typeof x === 'number' ? x.toFixed(1) : String(x));
  const lines = [
    '| papers | measure | side panel | baseline | ratio (baseline / ours) |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const row = (name: string, ours: string, base: string) =>
      lines.push(
        `| ${(r.papers as number).toLocaleString()} | ${name} | ${f(r[ours])} | ${f(r[base])} | ${f((r[base] as number) / (r[ours] as number))}× |`,
      );
    row('first screen (ms)', 'firstScreenMs', 'baselineFirstScreenMs');
    const only = (name: string, key: string) =>
      lines.push(`| ${(r.papers as number).toLocaleString()} | ${name} | ${f(r[key])} | — | — |`);
    only('all read + indexed: search covers all (ms)', 'allReadAndIndexedMs');
    only('first open after writing: first screen (ms)', 'firstOpenFirstScreenMs');
    only('first open after writing: all read + indexed (ms)', 'firstOpenAllReadAndIndexedMs');
    only('key handled (input event → next task), median (ms)', 'keyMedianMs');
    only('key handled, p95 (ms)', 'keyP95Ms');
    only('key handled, max (ms)', 'keyMaxMs');
    only('key → its results listed, median (ms)', 'listMedianMs');
    only('key → its results listed, p95 (ms)', 'listP95Ms');
    only('key → its results listed, max (ms)', 'listMaxMs');
    row('search median (ms)', 'searchMedianMs', 'baselineSearchMedianMs');
    row('search p95 (ms)', 'searchP95Ms', 'baselineSearchP95Ms');
    row('scroll frame median (ms)', 'scrollFrameMedianMs', 'baselineScrollFrameMedianMs');
    row('scroll frame p95 (ms)', 'scrollFrameP95Ms', 'baselineScrollFrameP95Ms');
    row('JS heap (MB)', 'heapMB', 'baselineHeapMB');
  }
  console.log(lines.join('\n'));
  const out = join(ROOT, 'bench/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, `sidepanel${process.env.SIDEPANEL_RUN ? `-${process.env.SIDEPANEL_RUN}` : ''}.json`),
    `${JSON.stringify({ at: new Date().toISOString(), queries: QUERIES, results }, null, 2)}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
