/**
 * Identity check for speed work that must not change the output: every partition (5 sets × seeds 1..n, k = truth)
 * of this tree's `clusterPapers`, written to or compared with a JSON file produced by another copy of the code.
 * `node --import tsx bench/cluster-partitions.ts write <file> [seeds] [path to other cluster.ts]` (writes the other
 * copy's partitions when a path is given, else this tree's), then
 * `node --import tsx bench/cluster-partitions.ts check <file> [seeds]`: exits 1 on the first differing partition.
 * The whole result (assignments and cluster labels) is compared, so label terms must match too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterPapers } from '../lib/cluster/cluster';
import { CLUSTER_SETS } from './cluster-baseline';
import { loadDataset } from './cluster-data';

const [mode, file, seedArg, otherPath] = process.argv.slice(2);
if ((mode !== 'write' && mode !== 'check') || !file) {
  console.error('usage: cluster-partitions.ts write|check <file> [seeds] [other cluster.ts]');
  process.exit(2);
}
const seeds = Array.from({ length: Number(seedArg ?? 5) }, (_, i) => i + 1);
const run: typeof clusterPapers = otherPath
  ? ((await import(pathToFileURL(resolve(otherPath)).href)) as { clusterPapers: typeof clusterPapers }).clusterPapers
  : clusterPapers;

type Entry = { set: string; seed: number; assignments: number[]; labels: string[] };
const entries: Entry[] = [];
for (const { file: set, k } of CLUSTER_SETS) {
  const papers = loadDataset(set);
  for (const seed of seeds) {
    const result = run(papers, { k, seed });
    entries.push({
      set,
      seed,
      assignments: papers.map((p) => result.assignments[p.id]!),
      labels: result.clusters.map((c) => `${c.label} | ${c.terms.join(',')}`),
    });
  }
}
if (mode === 'write') {
  writeFileSync(file, JSON.stringify(entries));
  console.log(`wrote ${entries.length} partitions to ${file}`);
} else {
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Entry[];
  let bad = 0;
  for (const entry of entries) {
    const want = expected.find((e) => e.set === entry.set && e.seed === entry.seed);
    if (!want) throw new Error(`no stored partition for ${entry.set} seed ${entry.seed}`);
    const moved = entry.assignments.filter((a, i) => a !== want.assignments[i]).length;
    const labels = entry.labels.join('\n') === want.labels.join('\n');
    if (moved > 0 || !labels) bad++;
    console.log(
      `${entry.set} seed ${entry.seed}: ${moved === 0 ? 'identical' : `${moved} papers differ`}${labels ? '' : ', labels differ'}`,
    );
  }
  console.log(bad === 0 ? 'ALL IDENTICAL' : `${bad} DIFFERENT`);
  process.exit(bad === 0 ? 0 : 1);
}
