/**
 * 500 digest cards scored against a 100-paper library (90 kept, 10 dismissed), as in cluster.bench.ts, but each
 * run on fresh card objects (a page's cards arrive as new objects in every message, so nothing of theirs can be
 * cached), alternated with the SVM baseline on the same cards and with ours without the NBSVM view (`nbBlend` 0,
 * as before branch relsvm); wall-clock and CPU medians.
 * `nice -n 10 npx tsx bench/relevance-speed.ts [runs, 21]`.
 */
import { loadavg } from 'node:os';
import { type JudgedPaper, scoreCandidates } from '../lib/cluster/relevance';
import { baselineRelevance } from './cluster-baseline';
import { loadDataset } from './cluster-data';

const runs = Number(process.argv[2] ?? 21);
const arxiv20 = loadDataset('arxiv20_10k.jsonl.gz');
const library: JudgedPaper[] = arxiv20
  .slice(5000, 5100)
  .map((p, i) => ({ ...p, judgement: i < 90 ? 'positive' : 'negative' }));
const freshCards = () =>
  arxiv20.slice(0, 500).map((p) => ({ id: p.id, title: p.title, abstract: p.abstract, authors: p.authors }));
const measure = (run: () => void) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
};
// Warm-up on other cards, so that compilation is not billed to the timed runs.
scoreCandidates(library, arxiv20.slice(1000, 1500));
baselineRelevance(library, arxiv20.slice(1000, 1500));
const ours: ReturnType<typeof measure>[] = [];
const noNb: ReturnType<typeof measure>[] = [];
const svm: ReturnType<typeof measure>[] = [];
const loadBefore = loadavg()[0]!;
for (let i = 0; i < runs; i++) {
  const cards = freshCards();
  ours.push(measure(() => scoreCandidates(library, cards)));
  const other = freshCards();
  noNb.push(measure(() => scoreCandidates(library, other, { nbBlend: 0 })));
  const again = freshCards();
  svm.push(measure(() => baselineRelevance(library, again)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]) =>
  `${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${runs} alternated runs`);
console.log(`ours: wall ${show(ours.map((r) => r.ms))}; CPU ${show(ours.map((r) => r.cpuMs))}`);
console.log(`ours without NBSVM: wall ${show(noNb.map((r) => r.ms))}; CPU ${show(noNb.map((r) => r.cpuMs))}`);
console.log(`SVM baseline: wall ${show(svm.map((r) => r.ms))}; CPU ${show(svm.map((r) => r.cpuMs))}`);
console.log(
  `ratio of medians ours / SVM: wall ${(median(ours.map((r) => r.ms)) / median(svm.map((r) => r.ms))).toFixed(2)}`,
);
