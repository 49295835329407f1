/**
 * Speed of the clustering against the baseline (bench/cluster-baseline.ts) and, optionally, against another copy of
 * lib/cluster (for instance main's, copied to bench/out/main-cluster), k = truth, all arms interleaved seed by seed
 * with the order rotated, CPU time beside wall time (the machine is shared).
 * `nice -n 10 node --expose-gc --import tsx bench/cluster-speed.ts [set,set…] [seeds] [path to other cluster.ts]`
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterPapers } from '../lib/cluster/cluster';
import { vMeasure } from '../lib/cluster/metrics';
import { baselineClustering, CLUSTER_SETS } from './cluster-baseline';
import { loadDataset } from './cluster-data';

type Arm = { name: string; run: (papers: ReturnType<typeof loadDataset>, k: number, seed: number) => number[] };
const only = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2].split(',') : null;
const seeds = Array.from({ length: Number(process.argv[3] ?? 5) }, (_, i) => i + 1);
const otherPath = process.argv[4];

const arms: Arm[] = [
  {
    name: 'ours',
    run: (papers, k, seed) => {
      const r = clusterPapers(papers, { k, seed });
      return papers.map((p) => r.assignments[p.id]!);
    },
  },
  { name: 'baseline', run: (papers, k, seed) => baselineClustering(papers, k, seed) },
];
if (otherPath) {
  const other = (await import(pathToFileURL(resolve(otherPath)).href)) as { clusterPapers: typeof clusterPapers };
  arms.push({
    name: 'other',
    run: (papers, k, seed) => {
      const r = other.clusterPapers(papers, { k, seed });
      return papers.map((p) => r.assignments[p.id]!);
    },
  });
}
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
// Warm-up of every arm on the smallest set, so that JIT compilation is not billed to the first timed run.
const warm = loadDataset('naik_cs6_1296.jsonl');
for (const arm of arms) arm.run(warm, 6, 99);

console.log(
  `load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(
  '| set | arm | V mean (per seed) | wall ms median (range) | CPU ms median (range) | CPU ratio / baseline (per seed) |',
);
console.log('|---|---|---|---|---|---|');
for (const { file, k } of CLUSTER_SETS) {
  if (only && !only.some((o) => file.includes(o))) continue;
  const papers = loadDataset(file);
  const truth = papers.map((p) => p.label);
  const cells = new Map(
    arms.map((a) => [
      a.name,
      { v: [] as number[], ms: [] as number[], cpu: [] as number[], partitions: [] as number[][] },
    ]),
  );
  seeds.forEach((seed, i) => {
    const order = arms.map((_, j) => arms[(i + j) % arms.length]!);
    for (const arm of order) {
      const t0 = performance.now();
      const c0 = cpuNow();
      const predicted = arm.run(papers, k, seed);
      const cell = cells.get(arm.name)!;
      cell.cpu.push(cpuNow() - c0);
      cell.ms.push(performance.now() - t0);
      cell.v.push(vMeasure(truth, predicted).vMeasure);
      cell.partitions[i] = predicted;
    }
  });
  // A speed change meant to keep the output: ours must give the other copy's partition for every seed.
  const other = cells.get('other');
  if (other) {
    const ours = cells.get('ours')!;
    const differing = seeds.filter((_, i) => ours.partitions[i]!.some((c, row) => c !== other.partitions[i]![row]));
    console.log(
      `| ${file} | ours = other | ${differing.length === 0 ? 'identical partitions, every seed' : `DIFFERENT for seeds ${differing.join(', ')}`} | | | |`,
    );
  }
  const base = cells.get('baseline')!;
  for (const [name, cell] of cells) {
    const ratios = cell.cpu.map((c, i) => c / base.cpu[i]!);
    console.log(
      `| ${file} | ${name} | ${mean(cell.v).toFixed(3)} (${cell.v.map((v) => v.toFixed(3)).join(', ')}) | ${median(cell.ms).toFixed(0)} (${Math.min(...cell.ms).toFixed(0)}–${Math.max(...cell.ms).toFixed(0)}) | ${median(cell.cpu).toFixed(0)} (${Math.min(...cell.cpu).toFixed(0)}–${Math.max(...cell.cpu).toFixed(0)}) | ${(median(cell.cpu) / median(base.cpu)).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')}) |`,
    );
  }
}
console.log(
  `load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
