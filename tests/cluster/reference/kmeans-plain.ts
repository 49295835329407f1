// Main's lib/cluster/kmeans.ts before the speed work of branch clusterfast (2026-12-04), kept as the reference the
// faster code must reproduce bit for bit (tests/cluster/kmeans-identity.test.ts). Do not optimise this file.
/**
 * Spherical k-means (cosine similarity, unit-length centroids) with k-means++ seeding and restarts.
 * Input rows must have unit length (or be zero); the best restart by total cosine similarity wins.
 */
import type { Random } from '../../../lib/cluster/random';

export type KMeansOptions = {
  restarts: number;
  maxIterations: number;
  /** Stop when fewer than this share of rows changed cluster in an iteration. */
  tolerance: number;
  /** When set (and below `restarts`), restarts run `earlyIterations` first and only this many best continue. */
  shortlist?: number;
  earlyIterations?: number;
  /** Without a shortlist: stop the restarts once one reproduces the best objective so far (the same optimum
   * found twice), or once this many restarts in a row failed to improve on it. 0 (the default): run them all. */
  patience?: number;
};

export const DEFAULT_KMEANS_OPTIONS: KMeansOptions = { restarts: 4, maxIterations: 40, tolerance: 0.001 };

export type KMeansResult = {
  k: number;
  assignments: Int32Array;
  /** k × width, row-major, unit rows. */
  centroids: Float32Array;
  /** Cosine of each row to its centroid. */
  similarity: Float32Array;
  /** Sum of `similarity`: higher is tighter. */
  objective: number;
  iterations: number;
};

export type DenseRows = { data: Float32Array; rows: number; width: number };

/** Four independent partial sums: V8 does not vectorise, but breaking the dependency chain nearly halves the time. */
function dot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, width: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < width; d += 4) {
    s0 += a[aOffset + d]! * b[bOffset + d]!;
    s1 += a[aOffset + d + 1]! * b[bOffset + d + 1]!;
    s2 += a[aOffset + d + 2]! * b[bOffset + d + 2]!;
    s3 += a[aOffset + d + 3]! * b[bOffset + d + 3]!;
  }
  for (; d < width; d++) s0 += a[aOffset + d]! * b[bOffset + d]!;
  return s0 + s1 + s2 + s3;
}

/** k-means++ seeding for cosine distance: each next seed is drawn with probability ∝ 1 − its best cosine so far. */
function seedCentroids(points: DenseRows, k: number, random: Random): Float32Array {
  const { data, rows, width } = points;
  const centroids = new Float32Array(k * width);
  const distance = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  let chosen = random.int(rows);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(chosen * width, (chosen + 1) * width), c * width);
    if (c === k - 1) break;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const candidate = Math.max(0, 1 - dot(data, r * width, centroids, c * width, width));
      if (candidate < distance[r]!) distance[r] = candidate;
      total += distance[r]!;
    }
    if (total <= 0) {
      chosen = random.int(rows);
      continue;
    }
    let target = random.next() * total;
    chosen = rows - 1;
    for (let r = 0; r < rows; r++) {
      target -= distance[r]!;
      if (target <= 0) {
        chosen = r;
        break;
      }
    }
  }
  return centroids;
}

/** Lloyd iterations from given centroids (modified in place). */
export function refineCentroids(
  points: DenseRows,
  centroids: Float32Array,
  k: number,
  options: Pick<KMeansOptions, 'maxIterations' | 'tolerance'>,
): KMeansResult {
  const { data, rows, width } = points;
  const assignments = new Int32Array(rows).fill(-1);
  const similarity = new Float32Array(rows);
  const sums = new Float64Array(k * width);
  const counts = new Int32Array(k);
  // Hamerly's bounds, in Euclidean distance between unit vectors (√(2 − 2·cos), a metric): `upper` bounds the
  // distance to the own centroid from above, `lower` the distance to every other centroid from below. When
  // upper ≤ lower the row cannot move and its k products are skipped; after the first few iterations that is
  // most rows. The partition is the one plain Lloyd iterations give.
  const upper = new Float64Array(rows);
  const lower = new Float64Array(rows);
  const previous = new Float32Array(k * width);
  const shift = new Float64Array(k);
  const scores = new Float64Array(k);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    let changed = 0;
    let largestShift = 0;
    let secondShift = 0;
    let largestShiftCluster = -1;
    if (iterations > 0) {
      for (let c = 0; c < k; c++) {
        const value = shift[c]!;
        if (value > largestShift) {
          secondShift = largestShift;
          largestShift = value;
          largestShiftCluster = c;
        } else if (value > secondShift) secondShift = value;
      }
    }
    for (let r = 0; r < rows; r++) {
      const offset = r * width;
      const own = assignments[r]!;
      if (iterations > 0) {
        upper[r]! += shift[own]!;
        lower[r]! -= own === largestShiftCluster ? secondShift : largestShift;
        if (upper[r]! <= lower[r]!) continue;
        const ownSimilarity = dot(data, offset, centroids, own * width, width);
        upper[r] = distanceOf(ownSimilarity);
        similarity[r] = ownSimilarity;
        if (upper[r]! <= lower[r]!) continue;
      }
      allSimilarities(data, offset, centroids, k, width, scores);
      let best = 0;
      let bestSimilarity = Number.NEGATIVE_INFINITY;
      let second = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const s = scores[c]!;
        if (s > bestSimilarity) {
          second = bestSimilarity;
          bestSimilarity = s;
          best = c;
        } else if (s > second) second = s;
      }
      if (own !== best) changed++;
      assignments[r] = best;
      similarity[r] = bestSimilarity;
      upper[r] = distanceOf(bestSimilarity);
      lower[r] = k > 1 ? distanceOf(second) : Number.POSITIVE_INFINITY;
    }
    if (iterations > 0 && changed <= options.tolerance * rows) break;
    previous.set(centroids);
    updateCentroids(points, assignments, similarity, centroids, k, sums, counts);
    for (let c = 0; c < k; c++) {
      let squared = 0;
      for (let d = 0; d < width; d++) squared += (centroids[c * width + d]! - previous[c * width + d]!) ** 2;
      // A little slack for float32 rounding of the centroids, so that a bound is never too tight.
      shift[c] = Math.sqrt(squared) + 1e-6;
    }
  }
  // Rows skipped in the last pass hold a similarity to an older centroid: recompute against the current ones.
  let objective = 0;
  for (let r = 0; r < rows; r++) {
    similarity[r] = dot(data, r * width, centroids, assignments[r]! * width, width);
    objective += similarity[r]!;
  }
  return { k, assignments, centroids, similarity, objective, iterations };
}

function distanceOf(similarity: number): number {
  return Math.sqrt(Math.max(0, 2 - 2 * similarity));
}

/** Similarity of one row to every centroid, four centroids at a time (each coordinate read once for four). */
function allSimilarities(
  data: Float32Array,
  offset: number,
  centroids: Float32Array,
  k: number,
  width: number,
  out: Float64Array,
): void {
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const o0 = c * width;
    const o1 = o0 + width;
    const o2 = o1 + width;
    const o3 = o2 + width;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < width; d++) {
      const x = data[offset + d]!;
      s0 += x * centroids[o0 + d]!;
      s1 += x * centroids[o1 + d]!;
      s2 += x * centroids[o2 + d]!;
      s3 += x * centroids[o3 + d]!;
    }
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; c < k; c++) out[c] = dot(data, offset, centroids, c * width, width);
}

function updateCentroids(
  points: DenseRows,
  assignments: Int32Array,
  similarity: Float32Array,
  centroids: Float32Array,
  k: number,
  sums: Float64Array,
  counts: Int32Array,
): void {
  const { data, rows, width } = points;
  sums.fill(0);
  counts.fill(0);
  for (let r = 0; r < rows; r++) {
    const c = assignments[r]!;
    counts[c]!++;
    const offset = r * width;
    const sumOffset = c * width;
    for (let d = 0; d < width; d++) sums[sumOffset + d]! += data[offset + d]!;
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      // An empty cluster takes the row that fits its own cluster worst, so k clusters survive.
      let worst = 0;
      for (let r = 1; r < rows; r++) if (similarity[r]! < similarity[worst]!) worst = r;
      similarity[worst] = 1;
      for (let d = 0; d < width; d++) sums[c * width + d] = data[worst * width + d]!;
    }
    let norm = 0;
    for (let d = 0; d < width; d++) norm += sums[c * width + d]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < width; d++) centroids[c * width + d] = sums[c * width + d]! * scale;
  }
}

/** Best of `restarts` seeded runs. */
export function sphericalKMeans(
  points: DenseRows,
  k: number,
  random: Random,
  options: KMeansOptions = DEFAULT_KMEANS_OPTIONS,
): KMeansResult {
  const clusters = Math.max(1, Math.min(k, points.rows));
  const restarts = Math.max(1, options.restarts);
  const shortlist = options.shortlist ?? 0;
  if (shortlist > 0 && shortlist < restarts) {
    // Every restart gets a few iterations; only the `shortlist` best by objective so far run to the end.
    const early = Math.min(options.maxIterations, options.earlyIterations ?? 4);
    const started: KMeansResult[] = [];
    for (let restart = 0; restart < restarts; restart++) {
      const seeds = seedCentroids(points, clusters, random);
      started.push(refineCentroids(points, seeds, clusters, { ...options, maxIterations: early }));
    }
    const order = started.map((_, i) => i).sort((a, b) => started[b]!.objective - started[a]!.objective || a - b);
    let best: KMeansResult | null = null;
    for (const index of order.slice(0, shortlist)) {
      const result = refineCentroids(points, started[index]!.centroids, clusters, {
        ...options,
        maxIterations: Math.max(1, options.maxIterations - early),
      });
      if (best === null || result.objective > best.objective) best = result;
    }
    return best!;
  }
  let best: KMeansResult | null = null;
  const patience = options.patience ?? 0;
  let sinceBest = 0;
  for (let restart = 0; restart < restarts; restart++) {
    const result = refineCentroids(points, seedCentroids(points, clusters, random), clusters, options);
    if (best === null || result.objective > best.objective) {
      const repeated = best !== null && result.objective - best.objective < 1e-6 * points.rows;
      best = result;
      sinceBest = 0;
      if (patience > 0 && repeated) break;
    } else {
      sinceBest++;
      if (patience > 0 && (best.objective - result.objective < 1e-6 * points.rows || sinceBest >= patience)) break;
    }
  }
  return best!;
}

/** Index of the most similar centroid, and the similarity. */
export function nearestCentroid(
  vector: Float32Array,
  centroids: Float32Array,
  k: number,
): { cluster: number; similarity: number } {
  const width = vector.length;
  let cluster = 0;
  let similarity = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    const s = dot(vector, 0, centroids, c * width, width);
    if (s > similarity) {
      similarity = s;
      cluster = c;
    }
  }
  return { cluster, similarity };
}
