import { describe, expect, it } from 'vitest';
import { type DenseRows, refineCentroids, sphericalKMeans } from '../../lib/cluster/kmeans';
import { normalizeRows } from '../../lib/cluster/lsa';
import { createRandom } from '../../lib/cluster/random';
import * as plain from './reference/kmeans-plain';

// The k-means kernels were rewritten for speed (rows batched four at a time, unchanged clusters not re-summed);
// they must give exactly what the plain code gave, or the clustering's partitions would move.

/** Noisy unit rows around `centres` random directions, with a few exact duplicates and zero rows. */
function points(rows: number, width: number, centres: number, noise: number, seed: number): DenseRows {
  const random = createRandom(seed);
  const directions = Float64Array.from({ length: centres * width }, () => random.gaussian());
  const data = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const centre = random.int(centres);
    for (let d = 0; d < width; d++) data[r * width + d] = directions[centre * width + d]! + noise * random.gaussian();
  }
  for (let r = 7; r < rows; r += 23) data.copyWithin(r * width, (r - 7) * width, (r - 6) * width);
  for (let r = 11; r < rows; r += 97) data.fill(0, r * width, (r + 1) * width);
  normalizeRows(data, width);
  return { data, rows, width };
}

function expectSameResult(actual: plain.KMeansResult, expected: plain.KMeansResult) {
  expect(Array.from(actual.assignments)).toEqual(Array.from(expected.assignments));
  expect(actual.iterations).toBe(expected.iterations);
  expect(Object.is(actual.objective, expected.objective)).toBe(true);
  expect(actual.centroids.every((v, i) => Object.is(v, expected.centroids[i]))).toBe(true);
  expect(actual.similarity.every((v, i) => Object.is(v, expected.similarity[i]))).toBe(true);
}

// k below, at and off multiples of 4; more clusters than centres (empty clusters get re-seeded); tiny sets.
const CASES: [number, number, number, number][] = [
  [300, 40, 6, 5],
  [257, 40, 8, 8],
  [401, 100, 10, 7],
  [203, 13, 20, 6],
  [150, 40, 16, 3],
  [9, 5, 7, 2],
  [3, 4, 3, 3],
];

describe('k-means reproduces the plain code', () => {
  it.each(CASES)('sphericalKMeans, %i rows × %i, k = %i, %i centres', (rows, width, k, centres) => {
    const data = points(rows, width, centres, 0.8, rows + k);
    for (const options of [
      { restarts: 4, maxIterations: 40, tolerance: 0.001 },
      { restarts: 10, maxIterations: 12, tolerance: 0.005, shortlist: 3, earlyIterations: 4 },
      { restarts: 6, maxIterations: 12, tolerance: 0.005, patience: 2 },
    ]) {
      for (const seed of [1, 2, 3]) {
        const actual = sphericalKMeans(data, k, createRandom(seed), options);
        const expected = plain.sphericalKMeans(data, k, createRandom(seed), options);
        expectSameResult(actual, expected);
      }
    }
  });

  it.each(CASES)(
    'refineCentroids from given centroids, %i rows × %i, k = %i, %i centres',
    (rows, width, k, centres) => {
      const data = points(rows, width, centres, 1.2, 3 * rows + k);
      const start = Float32Array.from(data.data.subarray(0, Math.min(k, rows) * width));
      const options = { maxIterations: 30, tolerance: 0 };
      const actual = refineCentroids(data, Float32Array.from(start), Math.min(k, rows), options);
      const expected = plain.refineCentroids(data, Float32Array.from(start), Math.min(k, rows), options);
      expectSameResult(actual, expected);
    },
  );
});

/** Few distinct directions, many repeats and zero rows, and more clusters than directions: clusters go empty. */
function degenerate(seed: number): { data: DenseRows; k: number } {
  const random = createRandom(seed);
  const rows = 5 + random.int(60);
  const width = 2 + random.int(6);
  const k = 2 + random.int(12);
  const distinct = 1 + random.int(4);
  const directions = Array.from({ length: distinct }, () => Array.from({ length: width }, () => random.gaussian()));
  const data = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const direction = directions[random.int(distinct)]!;
    const zero = random.next() < 0.2;
    const noisy = random.next() < 0.5;
    for (let d = 0; d < width; d++) {
      data[r * width + d] = zero ? 0 : direction[d]! + (noisy ? 0.3 * random.gaussian() : 0);
    }
  }
  normalizeRows(data, width);
  return { data: { data, rows, width }, k };
}

describe('k-means reproduces the plain code on degenerate sets', () => {
  it('300 small sets with repeated and zero rows and empty clusters', () => {
    const options = { restarts: 2, maxIterations: 20, tolerance: 0 };
    for (let seed = 0; seed < 300; seed++) {
      const { data, k } = degenerate(seed);
      expectSameResult(
        sphericalKMeans(data, k, createRandom(1), options),
        plain.sphericalKMeans(data, k, createRandom(1), options),
      );
    }
  });
});
