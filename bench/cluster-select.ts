/**
 * How the clustering's parameters were chosen: each candidate setting on every labelled set of ../shared/data,
 * several seeds, V-measure and wall time beside the baseline's (same process). Selection rule: among settings whose
 * worst-set time ratio to the baseline is ≤ 1, the best worst-set V-measure margin over the baseline, then the best
 * mean. `npx tsx bench/cluster-select.ts [sets to choose on] ` — e.g. `a,b,c` chooses on those and reports the rest.
 */
import { type ClusterTuning, clusterPapers } from '../lib/cluster/cluster';
import { vMeasure } from '../lib/cluster/metrics';
import { baselineClustering, CLUSTER_SETS, cellOf } from './cluster-baseline';
import { loadDataset } from './cluster-data';

const CANDIDATES: Record<string, Partial<ClusterTuning>> = {
  current: {},
  sparse: { seeding: 'sparse' },
  sparse6: { seeding: 'sparse', restarts: 6, shortlistRows: 0 },
  both: { seeding: 'both' },
};
const only = process.argv[2]?.split(',');
const seeds = [1, 2, 3];
type Cell = { v: number[]; ms: number[] };
const table: Record<string, Record<string, Cell>> = {};
clusterPapers(loadDataset('naik_cs6_1296.jsonl'), { k: 6 });
for (const { file, k } of CLUSTER_SETS) {
  const papers = loadDataset(file);
  const truth = papers.map((p) => p.label);
  for (const seed of seeds) {
    const names = ['baseline', ...Object.keys(CANDIDATES).filter((n) => !only || only.includes(n))];
    for (const name of names) {
      const t0 = performance.now();
      const predicted =
        name === 'baseline'
          ? baselineClustering(papers, k, seed)
          : (() => {
              const r = clusterPapers(papers, { k, seed, tuning: CANDIDATES[name] });
              return papers.map((p) => r.assignments[p.id]!);
            })();
      const ms = performance.now() - t0;
      const cell = cellOf(table, name, file, () => ({ v: [] as number[], ms: [] as number[] }));
      cell.v.push(vMeasure(truth, predicted).vMeasure);
      cell.ms.push(ms);
    }
  }
  console.error('done', file);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const files = CLUSTER_SETS.map((s) => s.file);
console.log(
  `| setting | ${files.map((f) => `${f} V (time ratio)`).join(' | ')} | mean V − base | worst V − base | worst time ratio |`,
);
console.log(`|---|${files.map(() => '---').join('|')}|---|---|---|`);
for (const [name, cells] of Object.entries(table)) {
  const margins = files.map((f) => mean(cells[f]!.v) - mean(table.baseline![f]!.v));
  const ratios = files.map((f) => median(cells[f]!.ms) / median(table.baseline![f]!.ms));
  console.log(
    `| ${name} | ${files.map((f, i) => `${mean(cells[f]!.v).toFixed(3)} (${ratios[i]!.toFixed(2)}×)`).join(' | ')} | ${mean(margins).toFixed(3)} | ${Math.min(...margins).toFixed(3)} | ${Math.max(...ratios).toFixed(2)} |`,
  );
}
