import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../lib/cluster/eigen';
import type { SparseMatrix } from '../../lib/cluster/features';
import { DEFAULT_LSA_OPTIONS, fitLsa } from '../../lib/cluster/lsa';
import { createRandom } from '../../lib/cluster/random';

function randomSymmetric(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = random.gaussian();
      m[i * n + j] = v;
      m[j * n + i] = v;
    }
  }
  return m;
}

function expectEigenDecomposition(m: Float64Array, n: number) {
  const { values, vectors } = symmetricEigen(m, n);
  let residual = 0;
  let orthogonality = 0;
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += m[r * n + k]! * vectors[k * n + c]!;
      residual = Math.max(residual, Math.abs(sum - values[c]! * vectors[r * n + c]!));
    }
    for (let c2 = 0; c2 < n; c2++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += vectors[k * n + c]! * vectors[k * n + c2]!;
      orthogonality = Math.max(orthogonality, Math.abs(dot - (c === c2 ? 1 : 0)));
    }
  }
  expect(residual).toBeLessThan(1e-10);
  expect(orthogonality).toBeLessThan(1e-10);
  for (let i = 1; i < n; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
  return values;
}

describe('symmetricEigen', () => {
  it('decomposes random symmetric matrices: A·v = λ·v, orthonormal vectors, values descending', () => {
    for (const n of [1, 2, 3, 7, 40]) expectEigenDecomposition(randomSymmetric(n, n), n);
  });

  it('handles repeated eigenvalues and an already diagonal matrix', () => {
    const n = 6;
    const diagonal = new Float64Array(n * n);
    [3, 1, 3, 0, 1, 2].forEach((v, i) => {
      diagonal[i * n + i] = v;
    });
    expect(Array.from(expectEigenDecomposition(diagonal, n))).toEqual([3, 3, 2, 1, 1, 0]);
    // A rank-2 matrix u·uᵀ + w·wᵀ: two positive values, the rest zero.
    const low = new Float64Array(n * n);
    const u = [1, 2, 0, -1, 3, 1];
    const w = [0, 1, 1, 1, -2, 0];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) low[i * n + j] = u[i]! * u[j]! + w[i]! * w[j]!;
    const values = expectEigenDecomposition(low, n);
    expect(values[0]! + values[1]!).toBeCloseTo(16 + 7, 10);
    for (let i = 2; i < n; i++) expect(Math.abs(values[i]!)).toBeLessThan(1e-10);
  });
});

/** A rows × cols matrix of exact rank `rank` (stored as sparse rows, zeros left out), unit rows. */
function lowRankMatrix(rows: number, cols: number, rank: number, seed: number): SparseMatrix {
  const random = createRandom(seed);
  // Each factor touches a third of the terms, so that rows are sparse, as TF-IDF rows are.
  const factors = Array.from({ length: rank }, () =>
    Float64Array.from({ length: cols }, () => (random.next() < 0.33 ? random.next() : 0)),
  );
  const rowPtr = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const weights = factors.map(() => (random.next() < 0.6 ? random.next() : 0));
    weights[r % rank] = 1;
    const row = new Float64Array(cols);
    factors.forEach((factor, f) => {
      for (let c = 0; c < cols; c++) row[c]! += weights[f]! * factor[c]!;
    });
    const norm = Math.sqrt(row.reduce((sum, v) => sum + v * v, 0));
    for (let c = 0; c < cols; c++) {
      if (row[c] === 0) continue;
      colIndex.push(c);
      values.push(row[c]! / norm);
    }
    rowPtr[r + 1] = colIndex.length;
  }
  return { rows, cols, rowPtr, colIndex: Int32Array.from(colIndex), values: Float32Array.from(values) };
}

function dense(matrix: SparseMatrix): Float64Array {
  const out = new Float64Array(matrix.rows * matrix.cols);
  for (let r = 0; r < matrix.rows; r++) {
    for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
      out[r * matrix.cols + matrix.colIndex[p]!] = matrix.values[p]!;
    }
  }
  return out;
}

describe('fitLsa', () => {
  const rows = 90;
  const cols = 50;
  const rank = 6;
  const matrix = lowRankMatrix(rows, cols, rank, 5);
  const a = dense(matrix);
  // Exact singular values: square roots of the eigenvalues of AᵀA.
  const gram = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += a[r * cols + i]! * a[r * cols + j]!;
      gram[i * cols + j] = sum;
    }
  }
  const exact = Array.from(symmetricEigen(gram, cols).values.subarray(0, rank), (v) => Math.sqrt(v));

  for (const maxFitRows of [rows, 40]) {
    it(`recovers the singular values and U·S of a rank-${rank} matrix (fit on ${maxFitRows} of ${rows} rows)`, () => {
      const options = { ...DEFAULT_LSA_OPTIONS, dimensions: rank, oversample: 4, maxFitRows, singularValueWeight: 1 };
      const { model, embedding } = fitLsa(matrix, createRandom(3), options);
      if (maxFitRows === rows) {
        Array.from(model.singularValues).forEach((s, i) => {
          expect(s).toBeCloseTo(exact[i]!, 4);
        });
      }
      // With weight 1 a row's coordinates are U·S: their dot products are those of the rows themselves (rank 6),
      // for fitted and projected rows alike, each in its own place.
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < rows; j++) {
          let inSpace = 0;
          for (let d = 0; d < rank; d++) inSpace += embedding[i * rank + d]! * embedding[j * rank + d]!;
          let original = 0;
          for (let c = 0; c < cols; c++) original += a[i * cols + c]! * a[j * cols + c]!;
          worst = Math.max(worst, Math.abs(inSpace - original));
        }
      }
      expect(worst).toBeLessThan(1e-4);
    });
  }
});
