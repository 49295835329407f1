/**
 * Saving papers into the library at 10,000 and 50,000, in real Chromium through the extension's own path
 * (content-script-style 'library/save' messages of 500 records to the service worker, one transaction each),
 * against a baseline measured in the same run and the same worker: the same records written by a bare
 * IndexedDB loop in one transaction, no validation, no merging, into a store with no index (the goal of issue 19,
 * 1.5×, is judged against this one).
 *
 * A second baseline, labelled apart ("same store shape"): the papers as the library stored them (read back after the
 * save, not timed) written by a bare loop in one transaction into a store with the library's indexes (tags and
 * aliases multi-entry, addedAt). It tells what the store's shape costs by itself.
 *
 * Then the delete of every paper and its undo (issue 19): the undo data stays in the background under a token, so
 * both are one small message each way; the table gives the size the undo would have had as a reply (the stored
 * undo's JSON), beside Chrome's 64 MiB message limit.
 *
 *   npm run build:chrome && npx tsx bench/db.bench.ts
 *
 * `PAPERLANE_EXTENSION_DIR=<build>` measures another build (tests/e2e/harness.ts); `DB_BENCH_SIZES=10000` (a comma
 * list) measures only those sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openExtensionPage, ROOT } from '../tests/e2e/harness';

const SIZES = process.env.DB_BENCH_SIZES ? process.env.DB_BENCH_SIZES.split(',').map(Number) : [10_000, 50_000];
const BATCH = 500;

function records(n: number, offset: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    const yymm = `${15 + Math.floor(k / 1_080_000)}${String(1 + (Math.floor(k / 90_000) % 12)).padStart(2, '0')}`;
    const id = `${yymm}.${10000 + (k % 90_000)}`;
    out.push({
      id,
      arxivId: id,
      version: 1,
      doi: null,
      title: `Paper ${offset + i}: a study of sparse attention in long-context models`,
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
      authorCount: 3,
      abstract: 'We study sparse attention. '.repeat(40),
      published: '2025-01-01',
      url: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
      codeUrl: null,
      projectUrl: null,
      categories: ['cs.LG', 'cs.CL'],
      upvotes: 3,
      comments: 1,
      organization: null,
      submitter: null,
      githubStars: null,
      keywords: [],
      source: { site: 'arxiv', pageUrl: 'https://arxiv.org/list/cs.LG/new', section: 'new', rank: (i % 500) + 1 },
    });
  }
  return out;
}

const h = await launch();
const rows: Record<string, number>[] = [];
try {
  const view = await openExtensionPage(h, 'popup.html');
  for (const size of SIZES) {
    // Fresh library for each size, through the protocol.
    await view.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      await api.runtime.sendMessage({
        paperlane: 1,
        type: 'library/replace',
        payload: { papers: [], tags: [], sightings: [], settings: {} },
      });
    });
    const ours = await view.evaluate(
      async ({ size, batch, source }) => {
        const make = new Function('n', 'offset', `return (${source})(n, offset)`) as (
          n: number,
          o: number,
        ) => unknown[];
        const api = (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } };
          }
        ).chrome;
        const started = performance.now();
        for (let offset = 0; offset < size; offset += batch) {
          const reply = await api.runtime.sendMessage({
            paperlane: 1,
            type: 'library/save',
            payload: { records: make(batch, offset) },
          });
          if (!reply.ok) throw new Error(reply.error);
        }
        return performance.now() - started;
      },
      { size, batch: BATCH, source: records.toString() },
    );
    const baseline = await (h.context.serviceWorkers().at(-1) ?? h.serviceWorker).evaluate(
      async ({ size, source }) => {
        const make = new Function('n', 'offset', `return (${source})(n, offset)`) as (
          n: number,
          o: number,
        ) => { id: string }[];
        const all = make(size, 0);
        const started = performance.now();
        const open = indexedDB.open(`bench-baseline-${size}`, 1);
        open.onupgradeneeded = () => open.result.createObjectStore('papers', { keyPath: 'id' });
        const db: IDBDatabase = await new Promise((resolve) => {
          open.onsuccess = () => resolve(open.result);
        });
        const tx = db.transaction('papers', 'readwrite');
        for (const r of all) tx.objectStore('papers').put(r);
        await new Promise((resolve) => {
          tx.oncomplete = resolve;
        });
        const elapsed = performance.now() - started;
        db.close();
        indexedDB.deleteDatabase(`bench-baseline-${size}`);
        return elapsed;
      },
      { size, source: records.toString() },
    );
    const sameShape = await (h.context.serviceWorkers().at(-1) ?? h.serviceWorker).evaluate(async (size) => {
      // No named helper functions in here: the bundler would wrap them in a helper the worker lacks.
      const opened = indexedDB.open('paperlane');
      const library: IDBDatabase = await new Promise((resolve) => {
        opened.onsuccess = () => resolve(opened.result);
      });
      const read = library.transaction('papers').objectStore('papers').getAll();
      const all: unknown[] = await new Promise((resolve) => {
        read.onsuccess = () => resolve(read.result);
      });
      library.close();
      const started = performance.now();
      const open = indexedDB.open(`bench-same-shape-${size}`, 1);
      open.onupgradeneeded = () => {
        const papers = open.result.createObjectStore('papers', { keyPath: 'id' });
        papers.createIndex('tags', 'tags', { multiEntry: true });
        papers.createIndex('addedAt', 'addedAt');
        papers.createIndex('aliases', 'aliases', { multiEntry: true });
      };
      const db: IDBDatabase = await new Promise((resolve) => {
        open.onsuccess = () => resolve(open.result);
      });
      const tx = db.transaction('papers', 'readwrite');
      for (const paper of all) tx.objectStore('papers').put(paper);
      await new Promise((resolve) => {
        tx.oncomplete = resolve;
      });
      const elapsed = performance.now() - started;
      db.close();
      indexedDB.deleteDatabase(`bench-same-shape-${size}`);
      return { sameShapeMs: elapsed, sameShapePapers: all.length };
    }, size);
    const undo = await view.evaluate(
      async ({ size, source }) => {
        const make = new Function('n', 'offset', `return (${source})(n, offset)`) as (
          n: number,
          o: number,
        ) => { id: string }[];
        const api = (
          globalThis as unknown as {
            chrome: {
              runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string; value?: unknown }> };
            };
          }
        ).chrome;
        const ids = make(size, 0).map((r) => r.id);
        const started = performance.now();
        const deleted = await api.runtime.sendMessage({ paperlane: 1, type: 'library/delete', payload: { ids } });
        if (!deleted.ok) throw new Error(deleted.error);
        const deleteMs = performance.now() - started;
        const ticket = deleted.value as { ids: string[]; tokens: string[] };
        // What the undo would weigh as a reply: the data kept under the token, read from the library's store.
        const open = indexedDB.open('paperlane');
        const db: IDBDatabase = await new Promise((resolve) => {
          open.onsuccess = () => resolve(open.result);
        });
        const kept: unknown = await new Promise((resolve) => {
          const get = db.transaction('meta').objectStore('meta').get(`undo:${ticket.tokens[0]}`);
          get.onsuccess = () => resolve(get.result);
        });
        db.close();
        const restoreStart = performance.now();
        const restored = await api.runtime.sendMessage({
          paperlane: 1,
          type: 'library/restore',
          payload: { tokens: ticket.tokens },
        });
        if (!restored.ok) throw new Error(restored.error);
        return {
          deleteMs,
          restoreMs: performance.now() - restoreStart,
          ticketChars: JSON.stringify(ticket).length,
          undoChars: JSON.stringify(kept).length,
        };
      },
      { size, source: records.toString() },
    );
    rows.push({
      papers: size,
      oursMs: ours,
      baselineMs: baseline,
      ratio: ours / baseline,
      ...sameShape,
      sameShapeRatio: ours / sameShape.sameShapeMs,
      papersPerSecond: (size / ours) * 1000,
      ...undo,
    });
    console.error(`measured ${size}`);
  }
} finally {
  await h.close();
}
console.log(
  '\nBulk save into the library (Chromium, through the extension; baseline: bare IndexedDB loop, same run)\n',
);
console.log(
  '| papers | Paperlane (ms) | baseline (ms) | ratio | papers/s | same-shape baseline (ms) | ratio to same shape |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.papers} | ${r.oursMs?.toFixed(0)} | ${r.baselineMs?.toFixed(0)} | ${r.ratio?.toFixed(2)} | ${r.papersPerSecond?.toFixed(0)} | ${r.sameShapeMs?.toFixed(0)} | ${r.sameShapeRatio?.toFixed(2)} |`,
  );
}
console.log('\nDelete every paper and undo it (one message each way; the undo data stays in the background)\n');
console.log(
  '| papers | delete (ms) | undo (ms) | reply of the delete (chars) | undo data kept (MiB) | over 64 MiB as a reply? |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const mib = (r.undoChars ?? 0) / 2 ** 20;
  console.log(
    `| ${r.papers} | ${r.deleteMs?.toFixed(0)} | ${r.restoreMs?.toFixed(0)} | ${r.ticketChars} | ${mib.toFixed(1)} | ${mib > 64 ? 'yes' : 'no'} |`,
  );
}
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/db.json'), JSON.stringify({ rows }, null, 2));
