/**
 * Spherical k-means (cosine similarity, unit-length centroids) with k-means++ seeding and restarts.
 * Input rows must have unit length (or be zero); the best restart by total cosine similarity wins.
 */
import type { Random } from './random';

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

/**
 * Four independent partial sums: V8 does not vectorise, but breaking the dependency chain nearly halves the time.
 * The k-means loops read float64 copies of the (float32) rows and centroids: the same values, without a conversion
 * per load (~15% faster on the similarity kernel).
 */
function dot(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, width: number): number {
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

/** `dot` of rows at `offset` and `offset + width` with one centroid into out[0], out[1], each in `dot`'s order. */
function dotTwo(a: Float64Array, offset: number, b: Float64Array, bOffset: number, width: number, out: Float64Array) {
  const second = offset + width;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let d = 0;
  for (; d + 3 < width; d += 4) {
    const c0 = b[bOffset + d]!;
    const c1 = b[bOffset + d + 1]!;
    const c2 = b[bOffset + d + 2]!;
    const c3 = b[bOffset + d + 3]!;
    s0 += a[offset + d]! * c0;
    s1 += a[offset + d + 1]! * c1;
    s2 += a[offset + d + 2]! * c2;
    s3 += a[offset + d + 3]! * c3;
    t0 += a[second + d]! * c0;
    t1 += a[second + d + 1]! * c1;
    t2 += a[second + d + 2]! * c2;
    t3 += a[second + d + 3]! * c3;
  }
  for (; d < width; d++) {
    s0 += a[offset + d]! * b[bOffset + d]!;
    t0 += a[second + d]! * b[bOffset + d]!;
  }
  out[0] = s0 + s1 + s2 + s3;
  out[1] = t0 + t1 + t2 + t3;
}

/** k-means++ seeding for cosine distance: each next seed is drawn with probability ∝ 1 − its best cosine so far. */
function seedCentroids(points: DenseRows, wide: Float64Array, k: number, random: Random): Float32Array {
  const { data, rows, width } = points;
  const centroids = new Float32Array(k * width);
  const wideCentroids = new Float64Array(k * width);
  const distance = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  const pair = new Float64Array(2);
  let chosen = random.int(rows);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(chosen * width, (chosen + 1) * width), c * width);
    wideCentroids.set(wide.subarray(chosen * width, (chosen + 1) * width), c * width);
    if (c === k - 1) break;
    let total = 0;
    let r = 0;
    for (; r + 1 < rows; r += 2) {
      dotTwo(wide, r * width, wideCentroids, c * width, width, pair);
      const first = Math.max(0, 1 - pair[0]!);
      if (first < distance[r]!) distance[r] = first;
      total += distance[r]!;
      const second = Math.max(0, 1 - pair[1]!);
      if (second < distance[r + 1]!) distance[r + 1] = second;
      total += distance[r + 1]!;
    }
    for (; r < rows; r++) {
      const candidate = Math.max(0, 1 - dot(wide, r * width, wideCentroids, c * width, width));
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
  return refineWide(points, Float64Array.from(points.data), centroids, k, options);
}

/** `refineCentroids` with the rows also given as float64 (`wide`, the same values). */
function refineWide(
  points: DenseRows,
  data: Float64Array,
  centroids: Float32Array,
  k: number,
  options: Pick<KMeansOptions, 'maxIterations' | 'tolerance'>,
): KMeansResult {
  const { rows, width } = points;
  // The centroids as float64 beside the float32 ones (kept equal): what the similarity loops read.
  const wideCentroids = Float64Array.from(centroids);
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
  // Rows whose bounds do not settle them get all k similarities, two rows at a time (see `similaritiesOfTwo`).
  const pending = new Int32Array(rows);
  const scores = new Float64Array(2 * k);
  // Clusters that gained or lost a row in the last pass: only their sums are recomputed.
  const touched = new Uint8Array(k);
  const members = new Int32Array(rows);
  const starts = new Int32Array(k + 1);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
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
    let pendingCount = 0;
    for (let r = 0; r < rows; r++) {
      if (iterations > 0) {
        const own = assignments[r]!;
        upper[r]! += shift[own]!;
        lower[r]! -= own === largestShiftCluster ? secondShift : largestShift;
        if (upper[r]! <= lower[r]!) continue;
        const ownSimilarity = dot(data, r * width, wideCentroids, own * width, width);
        upper[r] = distanceOf(ownSimilarity);
        similarity[r] = ownSimilarity;
        if (upper[r]! <= lower[r]!) continue;
      }
      pending[pendingCount++] = r;
    }
    touched.fill(iterations === 0 ? 1 : 0);
    let changed = 0;
    for (let i = 0; i < pendingCount; i += 2) {
      const count = Math.min(2, pendingCount - i);
      if (count === 2) similaritiesOfTwo(data, pending, i, wideCentroids, k, width, scores);
      else allSimilarities(data, pending[i]! * width, wideCentroids, k, width, scores, 0);
      for (let j = 0; j < count; j++) {
        const r = pending[i + j]!;
        const own = assignments[r]!;
        let best = 0;
        let bestSimilarity = Number.NEGATIVE_INFINITY;
        let second = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          const s = scores[j * k + c]!;
          if (s > bestSimilarity) {
            second = bestSimilarity;
            bestSimilarity = s;
            best = c;
          } else if (s > second) second = s;
        }
        if (own !== best) {
          changed++;
          if (own >= 0) touched[own] = 1;
          touched[best] = 1;
        }
        assignments[r] = best;
        similarity[r] = bestSimilarity;
        upper[r] = distanceOf(bestSimilarity);
        lower[r] = k > 1 ? distanceOf(second) : Number.POSITIVE_INFINITY;
      }
    }
    if (iterations > 0 && changed <= options.tolerance * rows) break;
    previous.set(centroids);
    updateCentroids(
      points,
      data,
      assignments,
      similarity,
      centroids,
      wideCentroids,
      k,
      sums,
      counts,
      touched,
      members,
      starts,
    );
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
    similarity[r] = dot(data, r * width, wideCentroids, assignments[r]! * width, width);
    objective += similarity[r]!;
  }
  return { k, assignments, centroids, similarity, objective, iterations };
}

function distanceOf(similarity: number): number {
  return Math.sqrt(Math.max(0, 2 - 2 * similarity));
}

/**
 * Similarity of one row to every centroid into out[outOffset …]: four centroids at a time, each summed along the
 * row in one chain (each coordinate read once for four); the last k mod 4 by `dot`.
 */
function allSimilarities(
  data: Float64Array,
  offset: number,
  centroids: Float64Array,
  k: number,
  width: number,
  out: Float64Array,
  outOffset: number,
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
    out[outOffset + c] = s0;
    out[outOffset + c + 1] = s1;
    out[outOffset + c + 2] = s2;
    out[outOffset + c + 3] = s3;
  }
  for (; c < k; c++) out[outOffset + c] = dot(data, offset, centroids, c * width, width);
}

/**
 * `allSimilarities` of rows[first] and rows[first + 1] into out (2 × k), with the same sums in the same order: a
 * block of two rows × four centroids reads six values per coordinate for eight products instead of ten, and its
 * eight sums and six values still fit in registers (four rows spill: measured slower).
 */
function similaritiesOfTwo(
  data: Float64Array,
  rows: Int32Array,
  first: number,
  centroids: Float64Array,
  k: number,
  width: number,
  out: Float64Array,
): void {
  const r0 = rows[first]! * width;
  const r1 = rows[first + 1]! * width;
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const o0 = c * width;
    const o1 = o0 + width;
    const o2 = o1 + width;
    const o3 = o2 + width;
    let a00 = 0;
    let a01 = 0;
    let a02 = 0;
    let a03 = 0;
    let a10 = 0;
    let a11 = 0;
    let a12 = 0;
    let a13 = 0;
    for (let d = 0; d < width; d++) {
      const c0 = centroids[o0 + d]!;
      const c1 = centroids[o1 + d]!;
      const c2 = centroids[o2 + d]!;
      const c3 = centroids[o3 + d]!;
      const x0 = data[r0 + d]!;
      const x1 = data[r1 + d]!;
      a00 += x0 * c0;
      a01 += x0 * c1;
      a02 += x0 * c2;
      a03 += x0 * c3;
      a10 += x1 * c0;
      a11 += x1 * c1;
      a12 += x1 * c2;
      a13 += x1 * c3;
    }
    out[c] = a00;
    out[c + 1] = a01;
    out[c + 2] = a02;
    out[c + 3] = a03;
    out[k + c] = a10;
    out[k + c + 1] = a11;
    out[k + c + 2] = a12;
    out[k + c + 3] = a13;
  }
  for (; c + 1 < k; c += 2) {
    dotWithTwo(data, r0, centroids, c * width, width, out, c);
    dotWithTwo(data, r1, centroids, c * width, width, out, k + c);
  }
  for (; c < k; c++) {
    out[c] = dot(data, r0, centroids, c * width, width);
    out[k + c] = dot(data, r1, centroids, c * width, width);
  }
}

/**
 * `dot` of one row with the centroids at `offset` and `offset + width` into out[at], out[at + 1], each in `dot`'s
 * order: the row's coordinates read once for both (k = 6 and 10 leave two centroids after the blocks of four).
 */
function dotWithTwo(
  data: Float64Array,
  row: number,
  centroids: Float64Array,
  offset: number,
  width: number,
  out: Float64Array,
  at: number,
): void {
  const next = offset + width;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let d = 0;
  for (; d + 3 < width; d += 4) {
    const x0 = data[row + d]!;
    const x1 = data[row + d + 1]!;
    const x2 = data[row + d + 2]!;
    const x3 = data[row + d + 3]!;
    s0 += x0 * centroids[offset + d]!;
    s1 += x1 * centroids[offset + d + 1]!;
    s2 += x2 * centroids[offset + d + 2]!;
    s3 += x3 * centroids[offset + d + 3]!;
    t0 += x0 * centroids[next + d]!;
    t1 += x1 * centroids[next + d + 1]!;
    t2 += x2 * centroids[next + d + 2]!;
    t3 += x3 * centroids[next + d + 3]!;
  }
  for (; d < width; d++) {
    s0 += data[row + d]! * centroids[offset + d]!;
    t0 += data[row + d]! * centroids[next + d]!;
  }
  out[at] = s0 + s1 + s2 + s3;
  out[at + 1] = t0 + t1 + t2 + t3;
}

/**
 * Unit mean direction of each cluster in `touched` (an empty cluster counts as touched, and is then marked):
 * a cluster whose members did not change keeps its centroid, which summing the same rows again would reproduce.
 */
function updateCentroids(
  points: DenseRows,
  data: Float64Array,
  assignments: Int32Array,
  similarity: Float32Array,
  centroids: Float32Array,
  wideCentroids: Float64Array,
  k: number,
  sums: Float64Array,
  counts: Int32Array,
  touched: Uint8Array,
  members: Int32Array,
  starts: Int32Array,
): void {
  const { rows, width } = points;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) touched[c] = 1;
    if (touched[c] === 0) continue;
    counts[c] = 0;
  }
  // Members of the touched clusters grouped by cluster, each group in row order (a counting sort): the sums then
  // run over a cluster's rows eight coordinates at a time in locals, adding the rows in the order the plain
  // row-by-row loop added them.
  for (let r = 0; r < rows; r++) {
    const c = assignments[r]!;
    if (touched[c] !== 0) counts[c]!++;
  }
  let next = 0;
  for (let c = 0; c < k; c++) {
    starts[c] = next;
    if (touched[c] !== 0) next += counts[c]!;
  }
  starts[k] = next;
  for (let r = 0; r < rows; r++) {
    const c = assignments[r]!;
    if (touched[c] !== 0) members[starts[c]!++] = r;
  }
  for (let c = k - 1; c >= 0; c--) starts[c + 1] = starts[c]!;
  starts[0] = 0;
  const blocked = width - (width % 8);
  for (let c = 0; c < k; c++) {
    if (touched[c] === 0) continue;
    const first = starts[c]!;
    const end = starts[c + 1]!;
    const sumOffset = c * width;
    for (let d = 0; d < blocked; d += 8) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let i = first; i < end; i++) {
        const o = members[i]! * width + d;
        s0 += data[o]!;
        s1 += data[o + 1]!;
        s2 += data[o + 2]!;
        s3 += data[o + 3]!;
        s4 += data[o + 4]!;
        s5 += data[o + 5]!;
        s6 += data[o + 6]!;
        s7 += data[o + 7]!;
      }
      sums[sumOffset + d] = s0;
      sums[sumOffset + d + 1] = s1;
      sums[sumOffset + d + 2] = s2;
      sums[sumOffset + d + 3] = s3;
      sums[sumOffset + d + 4] = s4;
      sums[sumOffset + d + 5] = s5;
      sums[sumOffset + d + 6] = s6;
      sums[sumOffset + d + 7] = s7;
    }
    for (let d = blocked; d < width; d++) {
      let sum = 0;
      for (let i = first; i < end; i++) sum += data[members[i]! * width + d]!;
      sums[sumOffset + d] = sum;
    }
  }
  for (let c = 0; c < k; c++) {
    if (touched[c] === 0) continue;
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
    for (let d = 0; d < width; d++) {
      centroids[c * width + d] = sums[c * width + d]! * scale;
      wideCentroids[c * width + d] = centroids[c * width + d]!;
    }
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
  const wide = Float64Array.from(points.data);
  const shortlist = options.shortlist ?? 0;
  if (shortlist > 0 && shortlist < restarts) {
    // Every restart gets a few iterations; only the `shortlist` best by objective so far run to the end.
    const early = Math.min(options.maxIterations, options.earlyIterations ?? 4);
    const started: KMeansResult[] = [];
    for (let restart = 0; restart < restarts; restart++) {
      const seeds = seedCentroids(points, wide, clusters, random);
      started.push(refineWide(points, wide, seeds, clusters, { ...options, maxIterations: early }));
    }
    const order = started.map((_, i) => i).sort((a, b) => started[b]!.objective - started[a]!.objective || a - b);
    let best: KMeansResult | null = null;
    for (const index of order.slice(0, shortlist)) {
      const result = refineWide(points, wide, started[index]!.centroids, clusters, {
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
    const result = refineWide(points, wide, seedCentroids(points, wide, clusters, random), clusters, options);
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
  const wideVector = Float64Array.from(vector);
  const wideCentroids = Float64Array.from(centroids.subarray(0, k * width));
  let cluster = 0;
  let similarity = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    const s = dot(wideVector, 0, wideCentroids, c * width, width);
    if (s > similarity) {
      similarity = s;
      cluster = c;
    }
  }
  return { cluster, similarity };
}
