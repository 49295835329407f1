/**
 * How the relevance settings were chosen: each candidate setting against the SVM baseline on draws from every
 * labelled set (libraries of 100 and of 10 papers), mean AP per set.
 * `npx tsx bench/relevance-select.ts [draws] [library sizes, e.g. 100,10] [first draw, 700]`.
 */
import { averagePrecision } from '../lib/cluster/metrics';
import { createRandom } from '../lib/cluster/random';
import { type RelevanceOptions, scoreCandidates } from '../lib/cluster/relevance';
import { baselineRelevance, CLUSTER_SETS, cellOf, relevanceDraw } from './cluster-baseline';
import { loadDataset } from './cluster-data';

const CANDIDATES: Record<string, Partial<RelevanceOptions>> = {
  current: {},
  // Without the NBSVM view (before branch relsvm), and with it at other weights.
  noNb: { nbBlend: 0 },
  nb01: { nbBlend: 0.1 },
  nb03: { nbBlend: 0.3 },
};
const draws = Number(process.argv[2] ?? 6);
/** Draws `first` … `first + draws − 1` (the bench uses 900–905: select on others). */
const first = Number(process.argv[4] ?? 700);
const sizes = (process.argv[3] ?? '100,10').split(',').map(Number);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const librarySize of sizes) {
  const table: Record<string, Record<string, number[]>> = {};
  for (const { file } of CLUSTER_SETS) {
    const papers = loadDataset(file);
    for (let d = 0; d < draws; d++) {
      const { library, candidates, relevant } = relevanceDraw(papers, librarySize, createRandom(first + d));
      cellOf(table, 'baseline', file, () => []).push(
        averagePrecision(baselineRelevance(library, candidates), relevant),
      );
      const judged = library.map((p) => ({ ...p, judgement: 'positive' as const }));
      for (const [name, options] of Object.entries(CANDIDATES)) {
        const scores = scoreCandidates(judged, candidates, options).map((s) => s.score);
        cellOf(table, name, file, () => []).push(averagePrecision(scores, relevant));
      }
    }
  }
  const files = CLUSTER_SETS.map((s) => s.file);
  console.log(
    `\nlibrary ${librarySize}, draws ${first}–${first + draws - 1} per set\n| setting | ${files.join(' | ')} | mean − base | worst − base |`,
  );
  console.log(`|---|${files.map(() => '---').join('|')}|---|---|`);
  for (const [name, cells] of Object.entries(table)) {
    const margins = files.map((f) => mean(cells[f]!) - mean(table.baseline![f]!));
    console.log(
      `| ${name} | ${files.map((f) => mean(cells[f]!).toFixed(4)).join(' | ')} | ${mean(margins).toFixed(3)} | ${Math.min(...margins).toFixed(4)} |`,
    );
  }
}
