/**
 * Quality and speed of lib/cluster against the baselines of ../shared/data/README.md, measured in one run:
 * `node --expose-gc --import tsx bench/cluster.bench.ts` (or `npx tsx --expose-gc bench/cluster.bench.ts`).
 * Prints a Markdown table and writes bench/out/cluster.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterPapers } from '../lib/cluster/cluster';
import { fitVectorizer } from '../lib/cluster/features';
import { DEFAULT_KMEANS_OPTIONS, sphericalKMeans } from '../lib/cluster/kmeans';
import { fitLsa, normalizeRows } from '../lib/cluster/lsa';
import { adjustedRandIndex, averagePrecision, precisionAt, vMeasure } from '../lib/cluster/metrics';
import { createRandom, type Random } from '../lib/cluster/random';
import { type JudgedPaper, scoreCandidates } from '../lib/cluster/relevance';
import { buildTagModel, type TaggedPaper } from '../lib/cluster/tags';
import { type LabelledPaper, loadDataset } from './cluster-data';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), 'out/cluster.json');
const gc = (globalThis as { gc?: () => void }).gc;

type Row = {
  metric: string;
  ours: string;
  baselineMeasured: string;
  baselineReadme: string;
  goal: string;
  met: boolean | null;
};
const rows: Row[] = [];
const record: Record<string, unknown> = {};
const f3 = (x: number) => x.toFixed(3);

function labelsOf(papers: LabelledPaper[]) {
  return papers.map((p) => p.label);
}

/** The README's baseline: stemmed TF-IDF (unigrams, no title weight) → LSA 50 dims (classic U·S) → spherical k-means. */
function baselineClustering(papers: LabelledPaper[], k: number, seed: number): number[] {
  const random = createRandom(seed);
  const { matrix } = fitVectorizer(papers, {
    bigrams: false,
    minDf: 2,
    bigramMinDf: 2,
    maxDfRatio: 0.5,
    titleWeight: 1,
    authorWeight: 0,
  });
  const { embedding, model } = fitLsa(matrix, random, {
    dimensions: 50,
    oversample: 10,
    powerIterations: 2,
    maxFitRows: Number.POSITIVE_INFINITY,
    singularValueWeight: 1,
  });
  normalizeRows(embedding, model.dimensions);
  const result = sphericalKMeans({ data: embedding, rows: papers.length, width: model.dimensions }, k, random, {
    ...DEFAULT_KMEANS_OPTIONS,
    restarts: 1,
  });
  return Array.from(result.assignments);
}

function timed<T>(run: () => T): {
  value: T;
  ms: number;
  cpuMs: number;
  heapPeakMb: number;
  heapDeltaMb: number;
  externalPeakMb: number;
} {
  gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakExternal = before.arrayBuffers;
  // Sampling during a synchronous run is impossible; heap growth is bounded below by the retained result and
  // above by the sample taken right after, before any collection (gc is only called before the run).
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const value = run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakExternal = Math.max(peakExternal, after.arrayBuffers);
  return {
    value,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    heapPeakMb: (peakHeap - before.heapUsed) / 2 ** 20,
    heapDeltaMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
    externalPeakMb: (peakExternal - before.arrayBuffers) / 2 ** 20,
  };
}

function clusteringQuality(file: string, k: number, goal: number, readme: string, seeds: number[]) {
  const papers = loadDataset(file);
  const truth = labelsOf(papers);
  const ours = seeds.map((seed) => {
    const result = clusterPapers(papers, { k, seed });
    const predicted = papers.map((p) => result.assignments[p.id]!);
    return { v: vMeasure(truth, predicted).vMeasure, ari: adjustedRandIndex(truth, predicted) };
  });
  const base = seeds.map((seed) => {
    const predicted = baselineClustering(papers, k, seed);
    return { v: vMeasure(truth, predicted).vMeasure, ari: adjustedRandIndex(truth, predicted) };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = mean(ours.map((o) => o.v));
  const baseV = mean(base.map((o) => o.v));
  rows.push({
    metric: `V-measure ${file}, k=${k} (mean of ${seeds.length} seeds; ARI ${f3(mean(ours.map((o) => o.ari)))})`,
    ours: `${f3(v)} (${ours.map((o) => f3(o.v)).join(' ')})`,
    baselineMeasured: f3(baseV),
    baselineReadme: readme,
    goal: `≥ ${goal}`,
    met: v >= goal,
  });
  record[`vmeasure_${file}`] = { ours, baseline: base, mean: v, baselineMean: baseV };
  return papers;
}

function automaticK(file: string, truth: number, seeds: number[]) {
  const papers = loadDataset(file);
  const results = seeds.map((seed) => {
    const result = clusterPapers(papers, { seed });
    const predicted = papers.map((p) => result.assignments[p.id]!);
    return { k: result.k, v: vMeasure(labelsOf(papers), predicted).vMeasure };
  });
  const ok = results.every((r) => r.k >= 0.7 * truth && r.k <= 1.5 * truth);
  rows.push({
    metric: `automatic k, ${file} (truth ${truth}; seeds ${seeds.join(',')})`,
    ours: results.map((r) => `k=${r.k} (V ${f3(r.v)})`).join(', '),
    baselineMeasured: '—',
    baselineReadme: '—',
    goal: `${Math.ceil(0.7 * truth)}–${Math.floor(1.5 * truth)}`,
    met: ok,
  });
  record[`autok_${file}`] = results;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** 20 tags = 20 categories; `perTag` tagged examples each; 1,000 held-out papers (50 per category) to suggest for. */
function tagSuggestion(papers: LabelledPaper[], perTag: number, trials: number) {
  let top1 = 0;
  let top3 = 0;
  let total = 0;
  for (let trial = 0; trial < trials; trial++) {
    const random = createRandom(100 + trial);
    const byLabel = new Map<string, LabelledPaper[]>();
    for (const p of shuffled(papers, random)) {
      const list = byLabel.get(p.label) ?? [];
      list.push(p);
      byLabel.set(p.label, list);
    }
    const tagged = new Set<string>();
    const heldOut: LabelledPaper[] = [];
    for (const list of byLabel.values()) {
      for (const p of list.slice(0, perTag)) tagged.add(p.id);
      heldOut.push(...list.slice(perTag, perTag + 50));
    }
    const library: TaggedPaper[] = papers.map((p) => ({ ...p, tags: tagged.has(p.id) ? [p.label] : [] }));
    const model = buildTagModel(library);
    for (const p of heldOut) {
      const suggestions = model.suggest(p, 3).map((s) => s.tag);
      if (suggestions[0] === p.label) top1++;
      if (suggestions.includes(p.label)) top3++;
      total++;
    }
  }
  return { top1: top1 / total, top3: top3 / total };
}

/** Library of 100 papers from 1–3 categories; 1,000 candidates, 5% from those categories; `trials` trials. */
function relevance(papers: LabelledPaper[], trials: number, useBaseline: boolean) {
  const categories = [...new Set(papers.map((p) => p.label))].sort();
  let apSum = 0;
  let p10Sum = 0;
  for (let trial = 0; trial < trials; trial++) {
    const random = createRandom(500 + trial);
    const chosen = shuffled(categories, random).slice(0, 1 + random.int(3));
    const inTopic = shuffled(
      papers.filter((p) => chosen.includes(p.label)),
      random,
    );
    const offTopic = shuffled(
      papers.filter((p) => !chosen.includes(p.label)),
      random,
    );
    const library: JudgedPaper[] = inTopic.slice(0, 100).map((p) => ({ ...p, judgement: 'positive' }));
    const candidates = shuffled([...inTopic.slice(100, 150), ...offTopic.slice(0, 950)], random);
    const relevant = candidates.map((c) => chosen.includes(c.label));
    const scores = useBaseline
      ? centroidBaseline(library, candidates)
      : scoreCandidates(library, candidates).map((s) => s.score);
    apSum += averagePrecision(scores, relevant);
    p10Sum += precisionAt(scores, relevant, 10);
  }
  return { ap: apSum / trials, p10: p10Sum / trials };
}

/** README's weaker baseline: cosine to the library centroid in TF-IDF space. */
function centroidBaseline(library: JudgedPaper[], candidates: LabelledPaper[]): number[] {
  const { matrix } = fitVectorizer([...library, ...candidates]);
  const centroid = new Float64Array(matrix.cols);
  for (let row = 0; row < library.length; row++) {
    for (let p = matrix.rowPtr[row]!; p < matrix.rowPtr[row + 1]!; p++)
      centroid[matrix.colIndex[p]!]! += matrix.values[p]!;
  }
  return candidates.map((_, i) => {
    const row = library.length + i;
    let sum = 0;
    for (let p = matrix.rowPtr[row]!; p < matrix.rowPtr[row + 1]!; p++)
      sum += centroid[matrix.colIndex[p]!]! * matrix.values[p]!;
    return sum;
  });
}

function main() {
  const arxiv20 = loadDataset('arxiv20_10k.jsonl.gz');
  // Warm-up on a different set so that JIT compilation is not billed to the timed 10k run; the stem cache is
  // cleared afterwards by using fresh words only partially — reported honestly as a warm-process figure.
  clusterPapers(loadDataset('naik_cs6_1296.jsonl'), { k: 6 });

  // Other sessions share this 2-core machine: every speed figure is a median of several runs, ours and the
  // baseline's interleaved so that both see the same load; CPU time is printed beside wall time.
  const speedRuns: ReturnType<typeof timed>[] = [];
  const baselineRuns: ReturnType<typeof timed>[] = [];
  for (let i = 0; i < 5; i++) {
    speedRuns.push(timed(() => clusterPapers(arxiv20, { k: 20, seed: 1 })));
    if (i < 3) baselineRuns.push(timed(() => baselineClustering(arxiv20, 20, 1)));
  }
  const byMs = (a: { ms: number }, b: { ms: number }) => a.ms - b.ms;
  const median = [...speedRuns].sort(byMs)[2]!;
  const baselineSpeed = [...baselineRuns].sort(byMs)[1]!;
  const heapPeak = Math.max(...speedRuns.map((r) => r.heapPeakMb));
  const externalPeak = Math.max(...speedRuns.map((r) => r.externalPeakMb));
  rows.push({
    metric: 'cluster 10,000 papers, k=20 (median of 5 wall-clock runs, warm process; baseline median of 3)',
    ours: `${(median.ms / 1000).toFixed(2)} s, CPU ${(median.cpuMs / 1000).toFixed(2)} s (runs ${speedRuns.map((r) => (r.ms / 1000).toFixed(2)).join(', ')})`,
    baselineMeasured: `${(baselineSpeed.ms / 1000).toFixed(2)} s (runs ${baselineRuns.map((r) => (r.ms / 1000).toFixed(2)).join(', ')})`,
    baselineReadme: '3.2 s',
    goal: '≤ 2 s',
    met: median.ms <= 2000,
  });
  rows.push({
    metric:
      'memory for 10,000 papers (heapUsed growth over the run, sampled after it: no sampling inside synchronous code; typed arrays separately)',
    ours: `${heapPeak.toFixed(1)} MB heap + ${externalPeak.toFixed(1)} MB array buffers`,
    baselineMeasured: `${baselineSpeed.heapPeakMb.toFixed(1)} MB + ${baselineSpeed.externalPeakMb.toFixed(1)} MB`,
    baselineReadme: '—',
    goal: '≤ 100 MB',
    met: heapPeak + externalPeak <= 100,
  });
  record.speed = {
    runs: speedRuns.map((r) => ({
      ms: r.ms,
      cpuMs: r.cpuMs,
      heapPeakMb: r.heapPeakMb,
      externalPeakMb: r.externalPeakMb,
    })),
    baseline: baselineRuns.map((r) => r.ms),
  };

  clusteringQuality('arxiv20_10k.jsonl.gz', 20, 0.7, '0.668 (LSA50); best plain TF-IDF 0.686', [1, 2, 3]);
  clusteringQuality('arxiv_ml8_2k.jsonl', 8, 0.45, '0.428', [1, 2, 3, 4, 5]);
  clusteringQuality('naik_cs6_1296.jsonl', 6, 0.417, '0.417', [1, 2, 3]);
  automaticK('arxiv20_10k.jsonl.gz', 20, [1, 2]);
  automaticK('arxiv_ml8_2k.jsonl', 8, [1, 2, 3]);

  const tags20 = tagSuggestion(arxiv20, 20, 6);
  rows.push({
    metric: 'tag suggestion, 20 examples/tag (top-1 / top-3, 6 trials × 1,000 held out)',
    ours: `${f3(tags20.top1)} / ${f3(tags20.top3)}`,
    baselineMeasured: '—',
    baselineReadme: '0.77 / 0.94',
    goal: 'top-3 ≥ 0.94',
    met: tags20.top3 >= 0.94,
  });
  const tags5 = tagSuggestion(arxiv20, 5, 2);
  rows.push({
    metric: 'tag suggestion, 5 examples/tag (centroids)',
    ours: `${f3(tags5.top1)} / ${f3(tags5.top3)}`,
    baselineMeasured: '—',
    baselineReadme: '0.60 / 0.84',
    goal: '—',
    met: null,
  });
  record.tags = { perTag20: tags20, perTag5: tags5 };

  const ours = relevance(arxiv20, 20, false);
  const centroid = relevance(arxiv20, 20, true);
  rows.push({
    metric: 'relevance AP (P@10), 20 trials',
    ours: `${f3(ours.ap)} (${f3(ours.p10)})`,
    baselineMeasured: `centroid cosine ${f3(centroid.ap)} (${f3(centroid.p10)})`,
    baselineReadme: 'SVM 0.720 (0.91); centroid 0.494',
    goal: '≥ 0.72',
    met: ours.ap >= 0.72,
  });
  record.relevance = { ours, centroid };

  const digest = arxiv20.slice(0, 500);
  const library: JudgedPaper[] = arxiv20
    .slice(5000, 5100)
    .map((p, i) => ({ ...p, judgement: i < 90 ? 'positive' : 'negative' }));
  scoreCandidates(library, arxiv20.slice(1000, 1500));
  // Two regimes, both reported: as in the extension (a warm process, no forced collection), and with a full
  // collection forced before every run (as `timed` does for heap figures), which here costs a 30 ms scoring
  // another 15–40 ms: V8 runs the next fitVectorizer markedly slower right after a forced full GC.
  const plainTimes: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    scoreCandidates(library, digest);
    plainTimes.push(performance.now() - start);
  }
  const scoring = plainTimes.sort((a, b) => a - b);
  const afterGc = Array.from({ length: 9 }, () => timed(() => scoreCandidates(library, digest)).ms).sort(
    (a, b) => a - b,
  );
  rows.push({
    metric:
      'score 500 digest cards against a 100-paper library (median of 9 wall-clock runs, warm; second figure: a full GC forced before each run)',
    ours: `${scoring[4]!.toFixed(1)} ms (min ${scoring[0]!.toFixed(1)}, max ${scoring[8]!.toFixed(1)}); after forced GC ${afterGc[4]!.toFixed(1)} ms (min ${afterGc[0]!.toFixed(1)}, max ${afterGc[8]!.toFixed(1)})`,
    baselineMeasured: '—',
    baselineReadme: '—',
    goal: '≤ 50 ms',
    met: scoring[4]! <= 50,
  });
  record.scoringMs = { warm: scoring, afterForcedGc: afterGc };

  const table = [
    '| metric | ours | baseline (this run) | baseline (README) | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.metric} | ${r.ours} | ${r.baselineMeasured} | ${r.baselineReadme} | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (gc === undefined)
    process.stdout.write('\n(heap figures without --expose-gc include garbage from earlier steps)\n');
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ rows, record, node: process.version, date: new Date().toISOString() }, null, 2));
}

main();
