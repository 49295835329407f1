/**
 * Choosing the number of clusters when the user did not: mean silhouette (cosine distance) of spherical k-means
 * partitions of a row sample, for each candidate k.
 */
import { type DenseRows, type KMeansOptions, sphericalKMeans } from './kmeans';
import type { Random } from './random';

export type AutoKOptions = {
  minK: number;
  maxK: number;
  /** Silhouette needs all pairwise distances: a sample of this many rows keeps it to a fraction of a second. */
  sampleSize: number;
  /** Candidate k step above 12: 13, 14 … are told apart poorly by any criterion, and each costs a k-means run. */
  kmeans: KMeansOptions;
};

export const DEFAULT_AUTO_K_OPTIONS: AutoKOptions = {
  minK: 2,
  maxK: 40,
  sampleSize: 1500,
  kmeans: { restarts: 2, maxIterations: 25, tolerance: 0.002 },
};

export type AutoKScore = { k: number; silhouette: number };

/** Candidate k values: every k up to 12, then steps of about 15% (13, 15, 17, 20, 23 …). */
export function candidateKs(minK: number, maxK: number): number[] {
  const ks: number[] = [];
  for (let k = minK; k <= maxK; k = k < 12 ? k + 1 : Math.max(k + 1, Math.round(k * 1.15))) ks.push(k);
  return ks;
}

export function sampleRows(points: DenseRows, size: number, random: Random): DenseRows {
  if (points.rows <= size) return points;
  const ids = Array.from({ length: points.rows }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(ids.length - i);
    const swap = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = swap;
  }
  const data = new Float32Array(size * points.width);
  for (let i = 0; i < size; i++) {
    const row = ids[i]!;
    data.set(points.data.subarray(row * points.width, (row + 1) * points.width), i * points.width);
  }
  return { data, rows: size, width: points.width };
}

/** Mean silhouette of a partition, from a precomputed row × row cosine similarity matrix. */
export function silhouette(similarity: Float32Array, rows: number, assignments: Int32Array, k: number): number {
  const sizes = new Int32Array(k);
  for (let r = 0; r < rows; r++) sizes[assignments[r]!]!++;
  const distanceSums = new Float64Array(k);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    distanceSums.fill(0);
    const offset = r * rows;
    for (let other = 0; other < rows; other++) distanceSums[assignments[other]!]! += 1 - similarity[offset + other]!;
    const own = assignments[r]!;
    // A row alone in its cluster has silhouette 0 by convention.
    if (sizes[own]! <= 1) continue;
    const within = distanceSums[own]! / (sizes[own]! - 1);
    let nearest = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c === own || sizes[c] === 0) continue;
      nearest = Math.min(nearest, distanceSums[c]! / sizes[c]!);
    }
    if (!Number.isFinite(nearest)) continue;
    const denominator = Math.max(within, nearest);
    total += denominator > 0 ? (nearest - within) / denominator : 0;
  }
  return total / rows;
}

/** Row × row cosine similarities of unit rows. */
export function similarityMatrix(points: DenseRows): Float32Array {
  const { data, rows, width } = points;
  const similarity = new Float32Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let sum = 0;
      for (let d = 0; d < width; d++) sum += data[i * width + d]! * data[j * width + d]!;
      similarity[i * rows + j] = sum;
      similarity[j * rows + i] = sum;
    }
  }
  return similarity;
}

/** Silhouette of each candidate k on a sample of the rows; `chooseK` picks from these. */
export function scoreKs(
  points: DenseRows,
  random: Random,
  options: AutoKOptions = DEFAULT_AUTO_K_OPTIONS,
  onCandidate?: (done: number, total: number) => void,
): AutoKScore[] {
  const sample = sampleRows(points, options.sampleSize, random);
  const { rows } = sample;
  const similarity = similarityMatrix(sample);
  const maxK = Math.max(options.minK, Math.min(options.maxK, Math.floor(rows / 5)));
  const ks = candidateKs(options.minK, maxK);
  return ks.map((k, index) => {
    const result = sphericalKMeans(sample, k, random, options.kmeans);
    onCandidate?.(index + 1, ks.length);
    return { k, silhouette: silhouette(similarity, rows, result.assignments, k) };
  });
}

/**
 * The smallest k whose silhouette is within `tolerance` of the best. Silhouette on text keeps creeping up as
 * clusters split into sub-topics; differences below ~0.02 are within its spread across seeds, so the coarser
 * partition is preferred. Tuned on arxiv20_10k (20 categories → 16–21) and arxiv_ml8_2k (8 → 10).
 */
export const K_SILHOUETTE_TOLERANCE = 0.02;

export function chooseK(scores: readonly AutoKScore[], tolerance = K_SILHOUETTE_TOLERANCE): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const score of scores) best = Math.max(best, score.silhouette);
  const candidates = scores.filter((score) => score.silhouette >= best - tolerance).sort((a, b) => a.k - b.k);
  return candidates[0]?.k ?? 1; // no candidates only when `scores` is empty
}
