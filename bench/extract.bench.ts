/**
 * Extraction speed in Node (linkedom), each figure beside a naive baseline measured in the same run:
 * `npx tsx bench/extract.bench.ts`. Goals (issue 3): ≥ 50,000 cards/s on listing markup, ≤ 5 ms for a
 * Hugging Face page. Results go to bench/out/extract.json (git-ignored) and print as a Markdown table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { scanPage } from '../lib/adapters/run';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = resolve(ROOT, '../shared/fixtures');

function load(file: string): string {
  return readFileSync(resolve(FIXTURES, file), 'utf8');
}

function parse(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** Median milliseconds per run of `fn`, after warm-up, over at least `minMs` of runs. */
function time(fn: () => unknown, minMs = 1500): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || samples.length < 5) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

/** A /new listing of `count` entries: the cond-mat fixture's own <dt>/<dd> pairs repeated, ids made unique. */
function bigListing(count: number): string {
  const html = load('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');
  const pairs = [...html.matchAll(/<dt>[\s\S]*?<\/dd>/g)].map((m) => m[0]);
  const body: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `2609.${String(40000 + i).padStart(5, '0')}`;
    const pair = pairs[i % pairs.length] as string;
    body.push(pair.replace(/\d{4}\.\d{5}/g, id));
  }
  const start = html.indexOf("<dl id='articles'>");
  const end = html.lastIndexOf('</dl>') + '</dl>'.length;
  const dl = `<dl id='articles'>\n<h3>New submissions (showing ${count} of ${count} entries)</h3>\n${body.join('\n')}\n</dl>`;
  return html.slice(0, start) + dl + html.slice(end);
}

interface Row {
  case: string;
  cards: number;
  paperlaneMs: number;
  baselineMs: number;
  cardsPerSecond: number | null;
  baselineCardsPerSecond: number | null;
  ratio: number;
  goal: string;
  met: boolean | null;
}

const rows: Row[] = [];

function measure(
  name: string,
  url: string,
  html: string,
  baseline: (doc: Document) => number,
  goal: { cardsPerSecond?: number; maxMs?: number },
): void {
  const doc = parse(html);
  const cards = scanPage(doc, url).cards.length;
  if (baseline(doc) !== cards) throw new Error(`${name}: baseline saw ${baseline(doc)} cards, Paperlane ${cards}`);
  const paperlaneMs = time(() => scanPage(doc, url));
  const baselineMs = time(() => baseline(doc));
  const cps = (ms: number) => Math.round((cards / ms) * 1000);
  const met =
    goal.cardsPerSecond !== undefined
      ? cps(paperlaneMs) >= goal.cardsPerSecond
      : goal.maxMs !== undefined
        ? paperlaneMs <= goal.maxMs
        : null;
  rows.push({
    case: name,
    cards,
    paperlaneMs: Number(paperlaneMs.toFixed(3)),
    baselineMs: Number(baselineMs.toFixed(3)),
    cardsPerSecond: cps(paperlaneMs),
    baselineCardsPerSecond: cps(baselineMs),
    ratio: Number((paperlaneMs / baselineMs).toFixed(2)),
    goal: goal.cardsPerSecond
      ? `≥ ${goal.cardsPerSecond.toLocaleString('en')} cards/s`
      : goal.maxMs
        ? `≤ ${goal.maxMs} ms`
        : '—',
    met,
  });
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').trim();

// Baselines: the naive pass a scraper would write — select the cards, read a few textContents, no validation.
measure(
  'arXiv search, 200 results',
  'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&abstracts=show&size=200&order=',
  load('arxiv/arxiv-search-200results-2025-12.html'),
  (doc) => {
    let n = 0;
    for (const li of doc.querySelectorAll('li.arxiv-result')) {
      if (
        text(li.querySelector('p.title')) &&
        text(li.querySelector('p.authors')) &&
        text(li.querySelector('.abstract-full'))
      )
        n++;
    }
    return n;
  },
  {},
);
measure(
  'arXiv listing, 2,000 entries (cond-mat entries repeated)',
  'https://arxiv.org/list/cond-mat.mtrl-sci/new?skip=0&show=2000',
  bigListing(2000),
  (doc) => {
    let n = 0;
    for (const dt of doc.querySelectorAll('dt')) {
      const dd = dt.nextElementSibling;
      if (text(dt) && text(dd)) n++;
    }
    return n;
  },
  { cardsPerSecond: 50_000 },
);
measure(
  'Hugging Face daily page (13 cards, whole page)',
  'https://huggingface.co/papers?date=2024-08-01',
  load('huggingface/hf-daily-papers-2024-08-01.html'),
  (doc) => {
    const island = doc.querySelector('[data-target="DailyPapers"]');
    JSON.parse(island?.getAttribute('data-props') ?? '{}');
    let n = 0;
    for (const article of doc.querySelectorAll('article')) if (text(article)) n++;
    return n;
  },
  { maxMs: 5 },
);

mkdirSync(resolve(ROOT, 'bench/out'), { recursive: true });
writeFileSync(
  resolve(ROOT, 'bench/out/extract.json'),
  `${JSON.stringify({ node: process.version, dom: 'linkedom', at: new Date().toISOString(), rows }, null, 2)}\n`,
);

const lines = [
  '| case | cards | Paperlane ms | baseline ms | Paperlane cards/s | baseline cards/s | time ratio | goal | met |',
  '|---|---:|---:|---:|---:|---:|---:|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.case} | ${r.cards} | ${r.paperlaneMs} | ${r.baselineMs} | ${r.cardsPerSecond?.toLocaleString('en')} | ${r.baselineCardsPerSecond?.toLocaleString('en')} | ${r.ratio}× | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : 'NO'} |`,
  ),
];
process.stdout.write(
  `${lines.join('\n')}\n\n(Node ${process.version}, linkedom; time ratio = Paperlane / baseline, same run)\n`,
);
