/**
 * How the automatic-k criterion was chosen: for every labelled set of ../shared/data and several seeds, the curves
 * each candidate criterion reads (silhouette, the same silhouette on a null reference without clusters, the k-means
 * objective for the gap statistic, the agreement of two independent runs) over every candidate k, in the coarse
 * space the pipeline chooses k in. `npx tsx bench/cluster-autok-select.ts [seeds]` writes bench/out/autok.json;
 * the rules are then compared by their worst set (printed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateKs, DEFAULT_AUTO_K_OPTIONS, sampleRows, silhouette, similarityMatrix } from '../lib/cluster/autok';
import { coarseSpace } from '../lib/cluster/cluster';
import { symmetricEigen } from '../lib/cluster/eigen';
import { DEFAULT_VECTORIZER_OPTIONS, fitVectorizer } from '../lib/cluster/features';
import { type DenseRows, sphericalKMeans } from '../lib/cluster/kmeans';
import { DEFAULT_LSA_OPTIONS, fitLsa } from '../lib/cluster/lsa';
import { adjustedRandIndex } from '../lib/cluster/metrics';
import { createRandom, type Random } from '../lib/cluster/random';
import { CLUSTER_SETS } from './cluster-baseline';
import { loadDataset } from './cluster-data';

/**
 * A reference set without clusters: as many rows, drawn from one Gaussian with the rows' mean and covariance
 * (along their principal axes, as the gap statistic's reference is), then scaled to unit length like the rows.
 * Whatever structure k-means and the silhouette find in it comes from the dimension and the spread alone.
 */
function nullReference(points: DenseRows, random: Random): DenseRows {
  const { data, rows, width } = points;
  const mean = new Float64Array(width);
  for (let r = 0; r < rows; r++) for (let d = 0; d < width; d++) mean[d]! += data[r * width + d]! / rows;
  const covariance = new Float64Array(width * width);
  const centred = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let d = 0; d < width; d++) centred[d] = data[r * width + d]! - mean[d]!;
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) covariance[i * width + j]! += (centred[i]! * centred[j]!) / rows;
    }
  }
  const { values, vectors } = symmetricEigen(covariance, width);
  const spread = Float64Array.from(values, (value) => Math.sqrt(Math.max(0, value)));
  const out = new Float32Array(rows * width);
  const z = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) z[j] = random.gaussian() * spread[j]!;
    let norm = 0;
    for (let d = 0; d < width; d++) {
      let value = mean[d]!;
      for (let j = 0; j < width; j++) value += vectors[d * width + j]! * z[j]!;
      out[r * width + d] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < width; d++) out[r * width + d]! *= scale;
  }
  return { data: out, rows, width };
}

/**
 * A reference set without joint structure: each coordinate shuffled across rows on its own (its distribution kept,
 * its ties to the other coordinates cut), rows scaled to unit length again.
 */
function permutedReference(points: DenseRows, random: Random): DenseRows {
  const { data, rows, width } = points;
  const out = new Float32Array(rows * width);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let d = 0; d < width; d++) {
    for (let i = rows - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    for (let r = 0; r < rows; r++) out[r * width + d] = data[order[r]! * width + d]!;
  }
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let d = 0; d < width; d++) norm += out[r * width + d]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < width; d++) out[r * width + d]! *= scale;
  }
  return { data: out, rows, width };
}

const reference = process.argv[3] === 'gaussian' ? nullReference : permutedReference;
const OUT = resolve(dirname(fileURLToPath(import.meta.url)), `out/autok-${process.argv[3] ?? 'permuted'}.json`);
const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
const nulls = 2;
type Curve = { k: number; sil: number; w: number; ari: number; nullSil: number[]; nullW: number[] };
type Run = { file: string; truth: number; seed: number; curve: Curve[] };
const fromJson = process.argv[4] === 'from-json';
const out: Run[] = fromJson ? (JSON.parse(readFileSync(OUT, 'utf8')) as Run[]) : [];
for (const { file, k: truth } of fromJson ? [] : CLUSTER_SETS) {
  const papers = loadDataset(file);
  for (const seed of seeds) {
    const random = createRandom(seed);
    const { matrix } = fitVectorizer(papers, DEFAULT_VECTORIZER_OPTIONS);
    const { model, embedding } = fitLsa(matrix, random, DEFAULT_LSA_OPTIONS);
    const coarse = coarseSpace(embedding, matrix.rows, model, DEFAULT_LSA_OPTIONS.singularValueWeight);
    const options = DEFAULT_AUTO_K_OPTIONS;
    const sample = sampleRows(coarse, options.sampleSize, random);
    const similarity = similarityMatrix(sample);
    const references = Array.from({ length: nulls }, () => reference(sample, random));
    const referenceSimilarity = references.map(similarityMatrix);
    const ks = candidateKs(options.minK, Math.max(options.minK, Math.min(options.maxK, Math.floor(sample.rows / 5))));
    const curve: Curve[] = ks.map((k) => {
      const a = sphericalKMeans(sample, k, random, options.kmeans);
      const b = sphericalKMeans(sample, k, random, options.kmeans);
      const nullRuns = references.map((reference) => sphericalKMeans(reference, k, random, options.kmeans));
      return {
        k,
        sil: silhouette(similarity, sample.rows, a.assignments, k),
        w: sample.rows - a.objective,
        ari: adjustedRandIndex(Array.from(a.assignments), Array.from(b.assignments)),
        nullSil: nullRuns.map((run, i) => silhouette(referenceSimilarity[i]!, sample.rows, run.assignments, k)),
        nullW: nullRuns.map((run) => sample.rows - run.objective),
      };
    });
    out.push({ file, truth, seed, curve });
    console.error(file, seed, 'done');
  }
}
mkdirSync(dirname(OUT), { recursive: true });
if (!fromJson) writeFileSync(OUT, JSON.stringify(out));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
/** Smallest k whose score is within `tolerance` of the best. */
const withinBest = (curve: Curve[], score: (c: Curve) => number, tolerance: number) => {
  const best = Math.max(...curve.map(score));
  return curve.find((c) => score(c) >= best - tolerance)!.k;
};
const RULES: Record<string, (curve: Curve[]) => number> = {
  'silhouette, smallest k within 0.02 of the best (current)': (c) => withinBest(c, (x) => x.sil, 0.02),
  'silhouette minus the reference silhouette, best': (c) => withinBest(c, (x) => x.sil - mean(x.nullSil), 0),
  'silhouette minus the reference silhouette, within 0.01': (c) => withinBest(c, (x) => x.sil - mean(x.nullSil), 0.01),
  'gap statistic (Tibshirani: smallest k with gap(k) ≥ gap(k+1) − s(k+1))': (c) => {
    const gap = c.map((x) => mean(x.nullW.map(Math.log)) - Math.log(x.w));
    const s = c.map((x) => sd(x.nullW.map(Math.log)) * Math.sqrt(1 + 1 / x.nullW.length));
    for (let i = 0; i + 1 < c.length; i++) if (gap[i]! >= gap[i + 1]! - s[i + 1]!) return c[i]!.k;
    return c[c.length - 1]!.k;
  },
  'stability: largest k whose two runs agree with ARI ≥ 0.8': (c) =>
    Math.max(2, ...c.filter((x) => x.ari >= 0.8).map((x) => x.k)),
};
console.log(`reference: ${process.argv[3] ?? 'permuted'}; seeds ${[...new Set(out.map((r) => r.seed))].join(',')}`);
console.log(`| rule | ${CLUSTER_SETS.map((s) => `${s.file} (truth ${s.k})`).join(' | ')} | worst k / truth |`);
console.log(`|---|${CLUSTER_SETS.map(() => '---').join('|')}|---|`);
for (const [name, rule] of Object.entries(RULES)) {
  let worst = 1;
  let worstRatio = 1;
  const cells = CLUSTER_SETS.map(({ file }) =>
    out
      .filter((r) => r.file === file)
      .map((r) => {
        const k = rule(r.curve);
        const ratio = k / r.truth;
        // How far outside 0.7–1.5× (1 = inside).
        const miss = Math.max(ratio / 1.5, 0.7 / ratio, 1);
        if (miss > worst) {
          worst = miss;
          worstRatio = ratio;
        }
        return k;
      })
      .join(', '),
  );
  console.log(`| ${name} | ${cells.join(' | ')} | ${worstRatio.toFixed(2)}× |`);
}
