/**
 * How the clustering's parameters were chosen: each candidate setting on every labelled set of ../shared/data,
 * several seeds, V-measure and CPU time beside the baseline's (same process, the order of the arms rotated seed by
 * seed). Selection rule: among settings whose worst-set CPU ratio to the baseline is ≤ 1, the best worst-set
 * V-measure margin over the baseline, then the best mean.
 * `nice -n 10 npx tsx bench/cluster-select.ts [candidates] [seeds]` — e.g. `current,r5 5` runs those two, seeds 1–5.
 */
import { loadavg } from 'node:os';
import { type ClusterTuning, clusterPapers } from '../lib/cluster/cluster';
import { vMeasure } from '../lib/cluster/metrics';
import { baselineClustering, CLUSTER_SETS, cellOf } from './cluster-baseline';
import { loadDataset } from './cluster-data';

const CANDIDATES: Record<string, Partial<ClusterTuning>> = {
  current: {},
  sparse: { seeding: 'sparse' },
  both: { seeding: 'both' },
  r5: { restarts: 5 },
  r6: { restarts: 6 },
  rs3k: { restartSampleRows: 3000 },
  d64: { lsaDimensions: 64 },
  d80: { lsaDimensions: 80 },
  p1: { lsaPowerIterations: 1 },
  os6: { lsaOversample: 6 },
  fit1500: { lsaFitRows: 1500 },
  s30: { searchDimensions: 30 },
  pat2: { restartPatience: 2 },
  pat3: { restartPatience: 3 },
  d80r6: { lsaDimensions: 80, restarts: 6 },
  d80pat3: { lsaDimensions: 80, restartPatience: 3 },
  d80rs4k: { lsaDimensions: 80, restartSampleRows: 4000 },
  d64rs3k: { lsaDimensions: 64, restartSampleRows: 3000 },
  d64rs4k: { lsaDimensions: 64, restartSampleRows: 4000 },
  d80pat3rs4k: { lsaDimensions: 80, restartPatience: 3, restartSampleRows: 4000 },
  d64pat3rs4k: { lsaDimensions: 64, restartPatience: 3, restartSampleRows: 4000 },
};
const only = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2].split(',') : null;
const seeds = Array.from({ length: Number(process.argv[3] ?? 3) }, (_, i) => i + 1);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
type Cell = { v: number[]; ms: number[] };
const table: Record<string, Record<string, Cell>> = {};
console.log(
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const warm = loadDataset('naik_cs6_1296.jsonl');
clusterPapers(warm, { k: 6 });
baselineClustering(warm, 6, 99);
for (const { file, k } of CLUSTER_SETS) {
  const papers = loadDataset(file);
  const truth = papers.map((p) => p.label);
  const names = ['baseline', ...Object.keys(CANDIDATES).filter((n) => !only || only.includes(n))];
  for (const [s, seed] of seeds.entries()) {
    for (const name of names.map((_, j) => names[(s + j) % names.length]!)) {
      const t0 = cpuNow();
      const predicted =
        name === 'baseline'
          ? baselineClustering(papers, k, seed)
          : (() => {
              const r = clusterPapers(papers, { k, seed, tuning: CANDIDATES[name] });
              return papers.map((p) => r.assignments[p.id]!);
            })();
      const ms = cpuNow() - t0;
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
  `| setting | ${files.map((f) => `${f} V (CPU ratio)`).join(' | ')} | mean V − base | worst V − base | worst seed V − base | worst CPU ratio |`,
);
console.log(`|---|${files.map(() => '---').join('|')}|---|---|---|---|`);
for (const [name, cells] of Object.entries(table)) {
  const margins = files.map((f) => mean(cells[f]!.v) - mean(table.baseline![f]!.v));
  const ratios = files.map((f) => median(cells[f]!.ms) / median(table.baseline![f]!.ms));
  const seedMargins = files.map((f) => Math.min(...cells[f]!.v) - mean(table.baseline![f]!.v));
  console.log(
    `| ${name} | ${files.map((f, i) => `${mean(cells[f]!.v).toFixed(3)} (${ratios[i]!.toFixed(2)}×)`).join(' | ')} | ${mean(margins).toFixed(3)} | ${Math.min(...margins).toFixed(3)} | ${Math.min(...seedMargins).toFixed(3)} | ${Math.max(...ratios).toFixed(2)} |`,
  );
}
console.log(
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
