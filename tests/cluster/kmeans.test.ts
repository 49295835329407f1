import { describe, expect, it } from 'vitest';
import { chooseK, scoreKs } from '../../lib/cluster/autok';
import { refineCentroids, sphericalKMeans } from '../../lib/cluster/kmeans';
import { normalizeRows } from '../../lib/cluster/lsa';
import { createRandom } from '../../lib/cluster/random';

/** `perBlob` noisy unit vectors around each of `blobs` orthogonal directions in `width` dimensions. */
function blobs(blobCount: number, perBlob: number, width: number, noise: number, seed: number) {
  const random = createRandom(seed);
  const data = new Float32Array(blobCount * perBlob * width);
  const labels: number[] = [];
  for (let b = 0; b < blobCount; b++) {
    for (let i = 0; i < perBlob; i++) {
      const row = b * perBlob + i;
      for (let d = 0; d < width; d++) data[row * width + d] = noise * random.gaussian();
      data[row * width + b]! += 1;
      labels.push(b);
    }
  }
  normalizeRows(data, width);
  return { points: { data, rows: blobCount * perBlob, width }, labels };
}

describe('sphericalKMeans', () => {
  it('finds three well separated directions exactly', () => {
    const { points, labels } = blobs(3, 20, 6, 0.05, 1);
    const result = sphericalKMeans(points, 3, createRandom(7));
    // Same partition up to renaming: every blob maps to one cluster and the clusters differ.
    const clusterOfBlob = [0, 1, 2].map((b) => result.assignments[labels.indexOf(b)]!);
    expect(new Set(clusterOfBlob).size).toBe(3);
    expect(Array.from(result.assignments)).toEqual(labels.map((b) => clusterOfBlob[b]));
  });

  it('is deterministic for a seed', () => {
    const { points } = blobs(5, 30, 10, 0.4, 2);
    const first = sphericalKMeans(points, 5, createRandom(3));
    const second = sphericalKMeans(points, 5, createRandom(3));
    expect(Array.from(first.assignments)).toEqual(Array.from(second.assignments));
  });
});

describe('automatic k', () => {
  it('recovers the number of blobs', () => {
    const { points } = blobs(6, 40, 12, 0.15, 4);
    expect(chooseK(scoreKs(points, createRandom(1)))).toBe(6);
  });
});

describe('refineCentroids', () => {
  it('gives the partition of plain Lloyd iterations (the bounds only skip work)', () => {
    const { points } = blobs(8, 40, 16, 0.6, 5);
    const k = 8;
    const start = Float32Array.from(points.data.subarray(0, k * points.width));
    const fast = refineCentroids(points, Float32Array.from(start), k, { maxIterations: 30, tolerance: 0 });
    // Plain Lloyd, written out.
    const centroids = Float32Array.from(start);
    const assignments = new Int32Array(points.rows);
    for (let iteration = 0; iteration < fast.iterations + 1; iteration++) {
      for (let r = 0; r < points.rows; r++) {
        let best = 0;
        let bestSimilarity = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let d = 0; d < points.width; d++)
            s += points.data[r * points.width + d]! * centroids[c * points.width + d]!;
          if (s > bestSimilarity) {
            bestSimilarity = s;
            best = c;
          }
        }
        assignments[r] = best;
      }
      const sums = new Float64Array(k * points.width);
      for (let r = 0; r < points.rows; r++) {
        for (let d = 0; d < points.width; d++)
          sums[assignments[r]! * points.width + d]! += points.data[r * points.width + d]!;
      }
      for (let c = 0; c < k; c++) {
        let norm = 0;
        for (let d = 0; d < points.width; d++) norm += sums[c * points.width + d]! ** 2;
        for (let d = 0; d < points.width; d++)
          centroids[c * points.width + d] = sums[c * points.width + d]! / Math.sqrt(norm || 1);
      }
    }
    expect(Array.from(fast.assignments)).toEqual(Array.from(assignments));
  });

  it('shortlisted restarts are deterministic for a seed', () => {
    const { points } = blobs(6, 50, 12, 0.5, 6);
    const options = { restarts: 6, maxIterations: 12, tolerance: 0, shortlist: 2, earlyIterations: 3 };
    const first = sphericalKMeans(points, 6, createRandom(4), options);
    const second = sphericalKMeans(points, 6, createRandom(4), options);
    expect(Array.from(first.assignments)).toEqual(Array.from(second.assignments));
    expect(first.objective).toBeGreaterThan(0);
  });
});
