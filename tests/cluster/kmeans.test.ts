import { describe, expect, it } from 'vitest';
import { chooseK, scoreKs } from '../../lib/cluster/autok';
import { sphericalKMeans } from '../../lib/cluster/kmeans';
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
