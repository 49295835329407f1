/**
 * Spherical k-means directly on sparse TF-IDF rows (unit length): k-means++ seeding, Lloyd iterations with the
 * centroids kept transposed, restarts judged by objective. Typed arrays only; no per-document allocation.
 */
import type { SparseMatrix } from './features';
import type { Random } from './random';

export type SparseKMeansResult = {
  assignments: Int32Array;
  /** Cosine of each row to its cluster's centroid (computed against the centroids of the last pass). */
  similarity: Float32Array;
  /** Sum of `similarity`: higher is tighter. */
  objective: number;
  iterations: number;
};

export type SparseKMeansOptions = {
  restarts: number;
  maxIterations: number;
  /** Stop once at most this share of rows changed cluster in a pass. */
  tolerance: number;
  /** When set (and below `restarts`), every restart runs `earlyIterations` passes and only this many continue. */
  shortlist?: number;
  earlyIterations?: number;
};

/**
 * k-means++ for cosine distance: each next seed is drawn with probability ∝ 1 − its best cosine to the seeds so
 * far. Returns the partition of the rows by nearest seed, which is where Lloyd iterations start.
 */
export function seedSparse(matrix: SparseMatrix, k: number, random: Random): Int32Array {
  const { rows, cols, rowPtr, colIndex, values } = matrix;
  const assignments = new Int32Array(rows);
  const best = new Float64Array(rows).fill(Number.NEGATIVE_INFINITY);
  const dense = new Float32Array(cols);
  let chosen = random.int(rows);
  for (let c = 0; c < k; c++) {
    for (let p = rowPtr[chosen]!; p < rowPtr[chosen + 1]!; p++) dense[colIndex[p]!] = values[p]!;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) s += values[p]! * dense[colIndex[p]!]!;
      if (s > best[r]!) {
        best[r] = s;
        assignments[r] = c;
      }
      total += Math.max(0, 1 - best[r]!);
    }
    for (let p = rowPtr[chosen]!; p < rowPtr[chosen + 1]!; p++) dense[colIndex[p]!] = 0;
    if (c === k - 1) break;
    if (total <= 0) {
      chosen = random.int(rows);
      continue;
    }
    let target = random.next() * total;
    chosen = rows - 1;
    for (let r = 0; r < rows; r++) {
      target -= Math.max(0, 1 - best[r]!);
      if (target <= 0) {
        chosen = r;
        break;
      }
    }
  }
  return assignments;
}

/** Reusable buffers for `lloydSparse` (cols × k centroids dominate; one set serves every restart). */
type Scratch = { transposed: Float32Array; scores: Float64Array; norms: Float64Array };

function scratchFor(matrix: SparseMatrix, k: number): Scratch {
  return {
    transposed: new Float32Array(matrix.cols * k),
    scores: new Float64Array(k),
    norms: new Float64Array(k),
  };
}

/**
 * Lloyd iterations from a partition, in place on `assignments`. A row with no terms keeps its cluster. An
 * emptied cluster stays empty (its centroid is zero); with k-means++ seeds that is rare and harmless.
 */
export function lloydSparse(
  matrix: SparseMatrix,
  assignments: Int32Array,
  k: number,
  maxIterations: number,
  tolerance: number,
  scratch: Scratch = scratchFor(matrix, k),
): SparseKMeansResult {
  const { rows, cols, rowPtr, colIndex, values } = matrix;
  const { transposed, scores, norms } = scratch;
  const similarity = new Float32Array(rows);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    transposed.fill(0);
    for (let row = 0; row < rows; row++) {
      const c = assignments[row]!;
      for (let p = rowPtr[row]!; p < rowPtr[row + 1]!; p++) transposed[colIndex[p]! * k + c]! += values[p]!;
    }
    norms.fill(0);
    for (let t = 0; t < cols; t++) for (let c = 0; c < k; c++) norms[c]! += transposed[t * k + c]! ** 2;
    for (let c = 0; c < k; c++) norms[c] = norms[c]! > 0 ? 1 / Math.sqrt(norms[c]!) : 0;
    for (let t = 0; t < cols; t++) for (let c = 0; c < k; c++) transposed[t * k + c]! *= norms[c]!;
    let changed = 0;
    for (let row = 0; row < rows; row++) {
      const start = rowPtr[row]!;
      const end = rowPtr[row + 1]!;
      if (end === start) {
        similarity[row] = 0;
        continue;
      }
      scores.fill(0);
      for (let p = start; p < end; p++) {
        const v = values[p]!;
        const base = colIndex[p]! * k;
        for (let c = 0; c < k; c++) scores[c]! += v * transposed[base + c]!;
      }
      let best = assignments[row]!;
      let bestSimilarity = scores[best]!;
      for (let c = 0; c < k; c++) {
        if (scores[c]! > bestSimilarity) {
          bestSimilarity = scores[c]!;
          best = c;
        }
      }
      if (best !== assignments[row]) changed++;
      assignments[row] = best;
      similarity[row] = bestSimilarity;
    }
    if (changed <= tolerance * rows) {
      iterations++;
      break;
    }
  }
  let objective = 0;
  for (let row = 0; row < rows; row++) objective += similarity[row]!;
  return { assignments, similarity, objective, iterations };
}

/** Best of `restarts` k-means++ runs by objective (optionally pruned to a shortlist after a few passes). */
export function sparseSphericalKMeans(
  matrix: SparseMatrix,
  k: number,
  random: Random,
  options: SparseKMeansOptions,
): SparseKMeansResult {
  const clusters = Math.max(1, Math.min(k, matrix.rows));
  const scratch = scratchFor(matrix, clusters);
  const restarts = Math.max(1, options.restarts);
  const shortlist = options.shortlist ?? 0;
  const run = (assignments: Int32Array, passes: number) =>
    lloydSparse(matrix, assignments, clusters, passes, options.tolerance, scratch);
  if (shortlist > 0 && shortlist < restarts) {
    const early = Math.min(options.maxIterations, options.earlyIterations ?? 4);
    const started = Array.from({ length: restarts }, () => run(seedSparse(matrix, clusters, random), early));
    const order = started.map((_, i) => i).sort((a, b) => started[b]!.objective - started[a]!.objective || a - b);
    let best: SparseKMeansResult | null = null;
    for (const index of order.slice(0, shortlist)) {
      const result = run(started[index]!.assignments, Math.max(1, options.maxIterations - early));
      if (best === null || result.objective > best.objective) best = result;
    }
    return best!;
  }
  let best: SparseKMeansResult | null = null;
  for (let restart = 0; restart < restarts; restart++) {
    const result = run(seedSparse(matrix, clusters, random), options.maxIterations);
    if (best === null || result.objective > best.objective) best = result;
  }
  return best!;
}
