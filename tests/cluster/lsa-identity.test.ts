import { describe, expect, it } from 'vitest';
import type { SparseMatrix } from '../../lib/cluster/features';
import { fitLsa, projectRows } from '../../lib/cluster/lsa';
import { createRandom } from '../../lib/cluster/random';
import * as plain from './reference/lsa-plain';

// The LSA kernels were rewritten for speed (blocked Gram and mixing products, fused gather tails); the fit and the
// projection must give exactly what the plain code gave, or the clustering's partitions would move.

/** Unit TF-IDF-like rows of 0 … maxTerms terms over `cols` terms, with Zipf-like term popularity. */
function sparse(rows: number, cols: number, maxTerms: number, seed: number): SparseMatrix {
  const random = createRandom(seed);
  const rowPtr = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const terms = new Set<number>();
    const count = random.int(maxTerms + 1);
    for (let i = 0; i < count; i++) terms.add(Math.floor(cols * random.next() ** 2));
    const sorted = [...terms].sort((a, b) => a - b);
    const weights = sorted.map(() => 0.1 + random.next());
    const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0)) || 1;
    colIndex.push(...sorted);
    values.push(...weights.map((w) => w / norm));
    rowPtr[r + 1] = colIndex.length;
  }
  return { rows, cols, rowPtr, colIndex: Int32Array.from(colIndex), values: Float32Array.from(values) };
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('LSA reproduces the plain code', () => {
  it.each([
    [300, 500, 40, { dimensions: 30, oversample: 6, powerIterations: 2, maxFitRows: 2000, singularValueWeight: 0.5 }],
    [400, 900, 70, { dimensions: 50, oversample: 7, powerIterations: 2, maxFitRows: 150, singularValueWeight: 0.5 }],
    [60, 80, 12, { dimensions: 20, oversample: 5, powerIterations: 1, maxFitRows: 2000, singularValueWeight: 1 }],
    [9, 30, 5, { dimensions: 100, oversample: 12, powerIterations: 2, maxFitRows: 2000, singularValueWeight: 0.5 }],
  ])('fitLsa on %i rows × %i terms (≤ %i per row)', (rows, cols, maxTerms, options) => {
    const matrix = sparse(rows, cols, maxTerms, rows + cols);
    const actual = fitLsa(matrix, createRandom(3), options);
    const expected = plain.fitLsa(matrix, createRandom(3), options);
    expect(sameBits(actual.embedding, expected.embedding)).toBe(true);
    expect(sameBits(actual.model.singularValues, expected.model.singularValues)).toBe(true);
    expect(sameBits(actual.model.termSide, expected.model.termSide)).toBe(true);
    expect(sameBits(actual.model.mixing, expected.model.mixing)).toBe(true);
    const other = sparse(50, cols, maxTerms, 7);
    expect(sameBits(projectRows(actual.model, other), plain.projectRows(expected.model, other))).toBe(true);
  });
});
