/**
 * Extraction speed, each figure beside a naive baseline measured in the same run and the same DOM:
 * in Node (linkedom, the command line's DOM) and in headless Chromium (bench/extract-chromium.ts).
 * `npx tsx bench/extract.bench.ts`. Goals (issue 3): ≥ 50,000 cards/s on listing markup, ≤ 5 ms for a
 * Hugging Face page, in Node and in Chromium. Results go to bench/out/extract.json (git-ignored) and print as
 * Markdown tables.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { scanPage } from '../lib/adapters/run';
import { PaperRecord } from '../lib/paper/schema';
import { type BrowserCase, type BrowserRow, measureInChromium } from './extract-chromium';
import { FIXTURES, repeatedListing } from './listing-pages';

const ROOT = resolve(import.meta.dirname, '..');

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

type Row = BrowserRow;

// Baselines: the naive pass a scraper would write — select the cards, read a few textContents, no validation.
// Written as function bodies so that Node and the Chromium page run the very same code.
const TEXT = "const text = (el) => ((el && el.textContent) || '').trim(); let n = 0;";
const CASES: BrowserCase[] = [
  {
    name: 'arXiv search, 200 results',
    url: 'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&abstracts=show&size=200&order=',
    html: load('arxiv/arxiv-search-200results-2025-12.html'),
    baseline: `${TEXT}
      for (const li of document.querySelectorAll('li.arxiv-result')) {
        if (text(li.querySelector('p.title')) && text(li.querySelector('p.authors')) && text(li.querySelector('.abstract-full'))) n++;
      }
      return n;`,
    goal: {},
  },
  {
    name: 'arXiv listing, 2,000 entries (cond-mat entries repeated)',
    url: 'https://arxiv.org/list/cond-mat.mtrl-sci/new?skip=0&show=2000',
    html: repeatedListing(2000),
    baseline: `${TEXT}
      for (const dt of document.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling;
        if (text(dt) && text(dd)) n++;
      }
      return n;`,
    goal: { cardsPerSecond: 50_000 },
  },
  {
    name: 'Hugging Face daily page (13 cards, whole page)',
    url: 'https://huggingface.co/papers?date=2024-08-01',
    html: load('huggingface/hf-daily-papers-2024-08-01.html'),
    baseline: `${TEXT}
      const island = document.querySelector('[data-target="DailyPapers"]');
      JSON.parse((island && island.getAttribute('data-props')) || '{}');
      for (const article of document.querySelectorAll('article')) if (text(article)) n++;
      return n;`,
    goal: { maxMs: 5 },
  },
  // The listing sites of issue 16, one real page each (ACL Anthology: the author page; PubMed: the PMC search, the
  // largest of its listings). No goal of their own: the figures stand beside the same kind of naive baseline.
  {
    name: 'Google Scholar results, 20 (2024)',
    url: 'https://scholar.google.com/scholar?q=conversational+ai,+dialogue+understanding,+response+generation&hl=en&num=20&as_sdt=0,5&as_yhi=2023',
    html: load('scholar/gscholar-search-conversational-ai-num20-2024-07.html'),
    baseline: `${TEXT}
      for (const r of document.querySelectorAll('#gs_res_ccl_mid .gs_r.gs_or[data-cid]')) {
        if (text(r.querySelector('h3.gs_rt')) && text(r.querySelector('.gs_a'))) n++;
      }
      return n;`,
    goal: {},
  },
  {
    name: 'dblp person page, 31 entries (2015)',
    url: 'http://dblp.uni-trier.de/pers/hd/c/Clauset:Aaron',
    html: load('dblp/dblp-person-clauset-2015-08.html'),
    baseline: `${TEXT}
      for (const li of document.querySelectorAll('ul.publ-list li.entry')) {
        if (text(li.querySelector('span.title')) && li.querySelector('[itemprop=author]')) n++;
      }
      return n;`,
    goal: {},
  },
  {
    name: 'OpenReview ICLR 2018 group page, 996 submissions',
    url: 'https://openreview.net/group?id=ICLR.cc/2018/Conference',
    html: load('openreview/openreview-group-iclr2018-conference-browser-saved-2017-12.html'),
    baseline: `${TEXT}
      for (const li of document.querySelectorAll('li.note[data-id]')) {
        if (text(li.querySelector('h4')) && text(li.querySelector('.note-authors'))) n++;
      }
      return n;`,
    goal: {},
  },
  {
    name: 'PubMed Central search, 20 results (2009)',
    url: 'http://www.ncbi.nlm.nih.gov/sites/entrez?db=pmc&term=vacuum%20rewarming',
    html: load('pubmed/pmc-entrez-search-results-vacuum-rewarming-2009-07.html'),
    baseline: `${TEXT}
      for (const div of document.querySelectorAll('div.toc-entry')) {
        // One of the 20 has no authors (the adapter keeps it): the title alone, as Paperlane needs.
        if (text(div.querySelector('.toc-title'))) n++;
      }
      return n;`,
    goal: {},
  },
  {
    name: 'ACL Anthology author page, 5 papers (2021)',
    url: 'https://aclanthology.org/people/a/andreas-madsack/',
    html: load('acl/acl-anthology-people-andreas-madsack-2021-08.html'),
    baseline: `${TEXT}
      for (const p of document.querySelectorAll('p.d-sm-flex')) {
        if (text(p.querySelector('strong a')) && p.querySelector('a[href^="/people/"]')) n++;
      }
      return n;`,
    goal: {},
  },
];

function goalText(goal: BrowserCase['goal']): string {
  if (goal.cardsPerSecond) return `≥ ${goal.cardsPerSecond.toLocaleString('en')} cards/s`;
  return goal.maxMs ? `≤ ${goal.maxMs} ms` : '—';
}

function measureInNode(c: BrowserCase): Row {
  const baseline = new Function('document', c.baseline) as (doc: Document) => number;
  const doc = parse(c.html);
  const cards = scanPage(doc, c.url).cards.length;
  if (baseline(doc) !== cards) throw new Error(`${c.name}: baseline saw ${baseline(doc)} cards, Paperlane ${cards}`);
  const paperlaneMs = time(() => scanPage(doc, c.url));
  const baselineMs = time(() => baseline(doc));
  const records = scanPage(doc, c.url).cards.map((card) => card.record);
  const checkMs = time(() => {
    for (const record of records) PaperRecord.safeParse(record);
  });
  const cps = (ms: number) => Math.round((cards / ms) * 1000);
  const met =
    c.goal.cardsPerSecond !== undefined
      ? cps(paperlaneMs) >= c.goal.cardsPerSecond
      : c.goal.maxMs !== undefined
        ? paperlaneMs <= c.goal.maxMs
        : null;
  return {
    case: c.name,
    cards,
    paperlaneMs: Number(paperlaneMs.toFixed(3)),
    baselineMs: Number(baselineMs.toFixed(3)),
    cardsPerSecond: cps(paperlaneMs),
    baselineCardsPerSecond: cps(baselineMs),
    ratio: Number((paperlaneMs / baselineMs).toFixed(2)),
    checkMs: Number(checkMs.toFixed(3)),
    boundCardsPerSecond: cps(baselineMs + checkMs),
    goal: goalText(c.goal),
    met,
  };
}

function table(rows: Row[]): string {
  return [
    '| case | cards | Paperlane ms | baseline ms | Paperlane cards/s | baseline cards/s | time ratio | schema check alone ms | bound: baseline read + check, cards/s | goal | met |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.case} | ${r.cards} | ${r.paperlaneMs} | ${r.baselineMs} | ${r.cardsPerSecond.toLocaleString('en')} | ${r.baselineCardsPerSecond.toLocaleString('en')} | ${r.ratio}× | ${r.checkMs} | ${r.boundCardsPerSecond.toLocaleString('en')} | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}

// `npx tsx bench/extract.bench.ts Scholar dblp`: only the cases whose names hold one of the words given.
const only = process.argv.slice(2);
const chosen = only.length ? CASES.filter((c) => only.some((word) => c.name.includes(word))) : CASES;
const rows = chosen.map(measureInNode);
process.stdout.write(
  `${table(rows)}\n\n(Node ${process.version}, linkedom; time ratio = Paperlane / baseline, same run; the bound is what a scan could reach at best if it read no more of the page than the naive baseline and then only checked each record against the schema, as the issue requires)\n\n`,
);

let chromium: { browser: string; rows: Row[] } | { error: string };
try {
  chromium = await measureInChromium(chosen);
  process.stdout.write(
    `${table(chromium.rows)}\n\n(${chromium.browser}, headless, the scan code injected into the fixture page; median of 10 samples; time ratio = Paperlane / baseline, same page)\n`,
  );
} catch (error) {
  chromium = { error: error instanceof Error ? error.message : String(error) };
  process.stdout.write(`Chromium: not measured (${chromium.error})\n`);
}

mkdirSync(resolve(ROOT, 'bench/out'), { recursive: true });
writeFileSync(
  resolve(ROOT, 'bench/out/extract.json'),
  `${JSON.stringify({ node: process.version, dom: 'linkedom', at: new Date().toISOString(), rows, chromium }, null, 2)}\n`,
);
