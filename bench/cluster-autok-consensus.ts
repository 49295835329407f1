/**
 * Curves for the untried automatic-k criteria, on the samples `cluster-autok-variants.ts` wrote (the pipeline's
 * coarse space, every variant set, every seed):
 * - silhouette of spherical k-means per candidate k (what the current rule reads);
 * - consensus clustering (Monti et al. 2003): `RESAMPLES` runs of k-means on 80% of the rows; for every pair of rows
 *   drawn together, the share of runs that put them in one cluster; a histogram of those shares per k, from which
 *   PAC (proportion of ambiguous clustering, Șenbabaoğlu et al. 2014: share of pairs in (0.1, 0.9)) follows;
 * - the same with restarts on all rows instead of subsamples (stability of pairwise co-assignment);
 * - the leading eigenvalues of the normalised adjacency of a symmetric kNN graph (spectral eigengap).
 * Writes bench/out/autok-curves.json; `cluster-autok-rules.ts` compares rules on it.
 *
 * `nice -n 10 npx tsx bench/cluster-autok-consensus.ts 1,2,3`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateKs, DEFAULT_AUTO_K_OPTIONS, silhouette, similarityMatrix } from '../lib/cluster/autok';
import { symmetricEigen } from '../lib/cluster/eigen';
import { type DenseRows, sphericalKMeans } from '../lib/cluster/kmeans';
import { createRandom, type Random } from '../lib/cluster/random';
import { type StoredSample, sampleFile, VARIANTS } from './cluster-autok-variants';

export const CURVES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  process.env.AUTOK_CURVES ?? 'out/autok-curves.json',
);
/** Spectrum only (a second, slower pass): candidate curves left empty. */
const SPECTRUM_ONLY = process.env.AUTOK_SPECTRUM_ONLY === '1';
const RESAMPLES = 10;
const RESAMPLE_SHARE = 0.8;
const BINS = 20;
/** kNN sizes for the spectrum (none unless given: it is the slow part). */
const NEIGHBOURS = (process.argv[4] ?? '').split(',').filter(Boolean).map(Number);
const EIGENVALUES = 45;

export type KCurve = {
  k: number;
  sil: number;
  /** Histogram (BINS bins over [0, 1]) of pairwise consensus, over subsamples and over full-sample restarts. */
  subsample: number[];
  restart: number[];
};
export type Curves = {
  name: string;
  seed: number;
  truth: number;
  n: number;
  rows: number;
  curve: KCurve[];
  /** Per kNN size: eigenvalues of D^-1/2 W D^-1/2, descending. */
  spectrum: Record<string, number[]>;
  ms: { silhouette: number; subsample: number; restart: number; spectrum: number };
};

function subset(points: DenseRows, ids: Int32Array): DenseRows {
  const data = new Float32Array(ids.length * points.width);
  ids.forEach((row, i) => {
    data.set(points.data.subarray(row * points.width, (row + 1) * points.width), i * points.width);
  });
  return { data, rows: ids.length, width: points.width };
}

function drawSubset(rows: number, share: number, random: Random): Int32Array {
  const ids = Int32Array.from({ length: rows }, (_, i) => i);
  const size = Math.round(rows * share);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(rows - i);
    const swap = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = swap;
  }
  return ids.slice(0, size).sort();
}

/** Histogram of the consensus share of every pair drawn together at least once. */
function consensusHistogram(rows: number, runs: { ids: Int32Array; assignments: Int32Array }[], k: number): number[] {
  const together = new Uint8Array(rows * rows);
  const same = new Uint8Array(rows * rows);
  for (const { ids, assignments } of runs) {
    for (let a = 0; a < ids.length; a++) {
      const i = ids[a]!;
      for (let b = a + 1; b < ids.length; b++) together[i * rows + ids[b]!]!++;
    }
    const members: number[][] = Array.from({ length: k }, () => []);
    for (let a = 0; a < assignments.length; a++) members[assignments[a]!]!.push(ids[a]!);
    for (const list of members) {
      for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) same[list[a]! * rows + list[b]!]!++;
      }
    }
  }
  const histogram = new Array<number>(BINS).fill(0);
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      const t = together[i * rows + j]!;
      if (t === 0) continue;
      histogram[Math.min(BINS - 1, Math.floor((same[i * rows + j]! / t) * BINS))]!++;
    }
  }
  return histogram;
}

/** Leading eigenvalues of the normalised adjacency of the symmetric (either-way) kNN graph, by subspace iteration. */
function knnSpectrum(
  similarity: Float32Array,
  rows: number,
  neighbours: number,
  count: number,
  random: Random,
): number[] {
  const adjacency: Set<number>[] = Array.from({ length: rows }, () => new Set<number>());
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) order[j] = j;
    const row = similarity.subarray(i * rows, (i + 1) * rows);
    const sorted = Array.from(order).sort((a, b) => row[b]! - row[a]!);
    let taken = 0;
    for (const j of sorted) {
      if (j === i) continue;
      adjacency[i]!.add(j);
      adjacency[j]!.add(i);
      if (++taken === neighbours) break;
    }
  }
  const lists = adjacency.map((set) => Int32Array.from(set));
  const weights = lists.map((list) => Float64Array.from(list, (j) => 1 / Math.sqrt(list.length * lists[j]!.length)));
  const block = count + 10;
  let q = new Float64Array(rows * block);
  for (let i = 0; i < q.length; i++) q[i] = random.gaussian();
  const orthonormalise = (m: Float64Array) => {
    for (let c = 0; c < block; c++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += m[r * block + c]! * m[r * block + p]!;
        for (let r = 0; r < rows; r++) m[r * block + c]! -= dot * m[r * block + p]!;
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += m[r * block + c]! ** 2;
      const scale = 1 / Math.sqrt(norm);
      for (let r = 0; r < rows; r++) m[r * block + c]! *= scale;
    }
  };
  // (I + D^-1/2 W D^-1/2) / 2 has the same eigenvectors, eigenvalues in [0, 1]: power iteration converges to the top.
  const multiply = (m: Float64Array) => {
    const out = new Float64Array(rows * block);
    for (let i = 0; i < rows; i++) {
      const list = lists[i]!;
      const weight = weights[i]!;
      for (let e = 0; e < list.length; e++) {
        const j = list[e]!;
        const w = weight[e]!;
        for (let c = 0; c < block; c++) out[i * block + c]! += w * m[j * block + c]!;
      }
    }
    for (let i = 0; i < out.length; i++) out[i] = (out[i]! + m[i]!) / 2;
    return out;
  };
  orthonormalise(q);
  for (let iteration = 0; iteration < 100; iteration++) {
    q = multiply(q);
    orthonormalise(q);
  }
  const mq = multiply(q);
  const small = new Float64Array(block * block);
  for (let a = 0; a < block; a++) {
    for (let b = 0; b < block; b++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += q[r * block + a]! * mq[r * block + b]!;
      small[a * block + b] = sum;
    }
  }
  for (let a = 0; a < block; a++) {
    for (let b = a + 1; b < block; b++) {
      const mean = (small[a * block + b]! + small[b * block + a]!) / 2;
      small[a * block + b] = mean;
      small[b * block + a] = mean;
    }
  }
  const { values } = symmetricEigen(small, block);
  return Array.from(values.subarray(0, count), (v) => 2 * v - 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
  const out: Curves[] =
    existsSync(CURVES) && process.argv[3] === 'append' ? JSON.parse(readFileSync(CURVES, 'utf8')) : [];
  const only = process.env.AUTOK_ONLY?.split(',');
  for (const variant of VARIANTS) {
    if (only !== undefined && !only.includes(variant.name)) continue;
    for (const seed of seeds) {
      const file = sampleFile(variant.name, seed);
      if (!existsSync(file)) continue;
      const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSample;
      const points: DenseRows = { data: Float32Array.from(stored.data), rows: stored.rows, width: stored.width };
      const random = createRandom(seed * 7919 + 17);
      const options = DEFAULT_AUTO_K_OPTIONS;
      const ks = candidateKs(options.minK, Math.max(options.minK, Math.min(options.maxK, Math.floor(points.rows / 5))));
      const ms = { silhouette: 0, subsample: 0, restart: 0, spectrum: 0 };
      let t = performance.now();
      const similarity = similarityMatrix(points);
      ms.silhouette += performance.now() - t;
      const subsets = Array.from({ length: RESAMPLES }, () => drawSubset(points.rows, RESAMPLE_SHARE, random));
      const subsetPoints = subsets.map((ids) => subset(points, ids));
      const all = Int32Array.from({ length: points.rows }, (_, i) => i);
      const curve: KCurve[] = (SPECTRUM_ONLY ? [] : ks).map((k) => {
        t = performance.now();
        const result = sphericalKMeans(points, k, random, options.kmeans);
        const sil = silhouette(similarity, points.rows, result.assignments, k);
        ms.silhouette += performance.now() - t;
        t = performance.now();
        const subRuns = subsets.map((ids, h) => ({
          ids,
          assignments: sphericalKMeans(subsetPoints[h]!, k, random, { ...options.kmeans, restarts: 1 }).assignments,
        }));
        const subsample = consensusHistogram(points.rows, subRuns, k);
        ms.subsample += performance.now() - t;
        t = performance.now();
        const restartRuns = subsets.map(() => ({
          ids: all,
          assignments: sphericalKMeans(points, k, random, { ...options.kmeans, restarts: 1 }).assignments,
        }));
        const restart = consensusHistogram(points.rows, restartRuns, k);
        ms.restart += performance.now() - t;
        return { k, sil, subsample, restart };
      });
      t = performance.now();
      const spectrum: Record<string, number[]> = {};
      for (const q of NEIGHBOURS) spectrum[q] = knnSpectrum(similarity, points.rows, q, EIGENVALUES, random);
      ms.spectrum += performance.now() - t;
      out.push({ name: variant.name, seed, truth: stored.truth, n: stored.n, rows: stored.rows, curve, spectrum, ms });
      writeFileSync(CURVES, JSON.stringify(out));
      console.error(
        `${variant.name} seed ${seed}: ${Object.entries(ms)
          .map(([key, value]) => `${key} ${Math.round(value)} ms`)
          .join(', ')}`,
      );
    }
  }
}
