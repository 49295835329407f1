/**
 * Latent semantic analysis by randomised SVD (subspace iteration on the document side, then Rayleigh–Ritz).
 * Reduces sparse TF-IDF rows to a few hundred dense dimensions in which synonyms and co-occurring terms meet.
 */
import type { SparseMatrix, SparseVector } from './features';
import type { Random } from './random';

export type LsaOptions = {
  dimensions: number;
  /** Extra random directions beyond `dimensions`: they absorb the tail and make the top directions accurate. */
  oversample: number;
  /** Passes of A·Aᵀ; each one sharpens the gap between topic directions and noise. */
  powerIterations: number;
  /** Fit on at most this many rows (a random sample) and project the rest: the top directions of 2,000 abstracts
   * are close to those of 10,000 (arxiv20_10k: V 0.703 over 6 seeds with 2,000 or 3,000), at a fraction of the
   * cost. One power iteration instead of two is not enough: arxiv_ml8_2k fell from 0.458 to 0.436. */
  maxFitRows: number;
  /** Document vectors are U·S^weight: 1 is classic LSA, below 1 lets minor topics count more after normalisation. */
  singularValueWeight: number;
};

export const DEFAULT_LSA_OPTIONS: LsaOptions = {
  dimensions: 100,
  oversample: 12,
  powerIterations: 2,
  maxFitRows: 2000,
  singularValueWeight: 0.5,
};

export type LsaModel = {
  dimensions: number;
  singularValues: Float64Array;
  /** Aᵀ·X (cols × width, row-major): a TF-IDF row x maps to (x·termSide)·mixing. Kept factored because forming
   * the cols × dimensions product costs more than projecting every document through the two factors. */
  termSide: Float32Array;
  width: number;
  /** width × dimensions: Ritz vectors scaled by S^(weight−2). */
  mixing: Float64Array;
};

/** Rows `rowIds` of `matrix` as their own matrix. */
export function selectRows(matrix: SparseMatrix, rowIds: ArrayLike<number>): SparseMatrix {
  const rowPtr = new Int32Array(rowIds.length + 1);
  for (let r = 0; r < rowIds.length; r++) {
    const row = rowIds[r]!;
    rowPtr[r + 1] = rowPtr[r]! + matrix.rowPtr[row + 1]! - matrix.rowPtr[row]!;
  }
  const total = rowPtr[rowIds.length]!;
  const colIndex = new Int32Array(total);
  const values = new Float32Array(total);
  for (let r = 0; r < rowIds.length; r++) {
    const row = rowIds[r]!;
    const start = matrix.rowPtr[row]!;
    const end = matrix.rowPtr[row + 1]!;
    colIndex.set(matrix.colIndex.subarray(start, end), rowPtr[r]!);
    values.set(matrix.values.subarray(start, end), rowPtr[r]!);
  }
  return { rows: rowIds.length, cols: matrix.cols, rowPtr, colIndex, values };
}

/** Aᵀ·X for dense X (rows × width, row-major) → cols × width. */
function transposeTimesDense(a: SparseMatrix, x: Float64Array, width: number): Float64Array {
  const out = new Float64Array(a.cols * width);
  for (let row = 0; row < a.rows; row++) {
    const xOffset = row * width;
    for (let p = a.rowPtr[row]!; p < a.rowPtr[row + 1]!; p++) {
      const outOffset = a.colIndex[p]! * width;
      const v = a.values[p]!;
      for (let c = 0; c < width; c++) out[outOffset + c]! += v * x[xOffset + c]!;
    }
  }
  return out;
}

/** A·T for dense T (cols × width) → rows × width. */
function timesDense(a: SparseMatrix, t: ArrayLike<number>, width: number, out: Float64Array | Float32Array): void {
  for (let row = 0; row < a.rows; row++) {
    const outOffset = row * width;
    for (let p = a.rowPtr[row]!; p < a.rowPtr[row + 1]!; p++) {
      const tOffset = a.colIndex[p]! * width;
      const v = a.values[p]!;
      for (let c = 0; c < width; c++) out[outOffset + c]! += v * t[tOffset + c]!;
    }
  }
}

/** Xᵀ·Y for two rows × width matrices → width × width. */
function gram(x: Float64Array, y: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(width * width);
  // Xᵀ·X and Xᵀ·A·Aᵀ·X are symmetric: accumulate the upper triangle only and mirror it.
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    for (let i = 0; i < width; i++) {
      const xi = x[offset + i]!;
      if (xi === 0) continue;
      const outOffset = i * width;
      for (let j = i; j < width; j++) out[outOffset + j]! += xi * y[offset + j]!;
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) out[i * width + j] = out[j * width + i]!;
  return out;
}

/**
 * Orthonormal columns spanning X's, in place, by Cholesky QR. One pass squares the condition number; TF-IDF
 * spectra are flat enough (σ₁/σ₁₁₂ ≈ 10, so κ(AAᵀX) ≈ 10²) that float64 keeps the basis orthogonal to ~1e-12.
 */
function orthonormalizeColumns(x: Float64Array, rows: number, width: number): void {
  {
    const g = gram(x, x, rows, width);
    let trace = 0;
    for (let i = 0; i < width; i++) trace += g[i * width + i]!;
    // A small ridge keeps Cholesky defined when a column is (numerically) zero, e.g. fewer documents than width.
    const ridge = 1e-10 * (trace / width || 1);
    for (let i = 0; i < width; i++) g[i * width + i]! += ridge;
    const upper = cholesky(g, width);
    // X ← X·R⁻¹, one row at a time (forward substitution against the upper factor).
    const row = new Float64Array(width);
    for (let r = 0; r < rows; r++) {
      const offset = r * width;
      for (let j = 0; j < width; j++) {
        let sum = x[offset + j]!;
        for (let i = 0; i < j; i++) sum -= row[i]! * upper[i * width + j]!;
        row[j] = sum / upper[j * width + j]!;
      }
      x.set(row, offset);
    }
  }
}

/** Upper-triangular R with RᵀR = G (G symmetric positive definite, width × width). */
function cholesky(g: Float64Array, width: number): Float64Array {
  const upper = new Float64Array(width * width);
  for (let j = 0; j < width; j++) {
    let diagonal = g[j * width + j]!;
    for (let k = 0; k < j; k++) diagonal -= upper[k * width + j]! ** 2;
    const pivot = Math.sqrt(Math.max(diagonal, 1e-300));
    upper[j * width + j] = pivot;
    for (let i = j + 1; i < width; i++) {
      let sum = g[j * width + i]!;
      for (let k = 0; k < j; k++) sum -= upper[k * width + j]! * upper[k * width + i]!;
      upper[j * width + i] = sum / pivot;
    }
  }
  return upper;
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: values descending, vectors as columns. */
export function symmetricEigen(matrix: Float64Array, width: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(width * width);
  for (let i = 0; i < width; i++) v[i * width + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let offDiagonal = 0;
    let total = 0;
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) {
        const value = a[i * width + j]! ** 2;
        total += value;
        if (i !== j) offDiagonal += value;
      }
    }
    if (offDiagonal <= 1e-22 * total) break;
    for (let p = 0; p < width - 1; p++) {
      for (let q = p + 1; q < width; q++) {
        const apq = a[p * width + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * width + q]! - a[p * width + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < width; k++) {
          const akp = a[k * width + p]!;
          const akq = a[k * width + q]!;
          a[k * width + p] = c * akp - s * akq;
          a[k * width + q] = s * akp + c * akq;
        }
        for (let k = 0; k < width; k++) {
          const apk = a[p * width + k]!;
          const aqk = a[q * width + k]!;
          a[p * width + k] = c * apk - s * aqk;
          a[q * width + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < width; k++) {
          const vkp = v[k * width + p]!;
          const vkq = v[k * width + q]!;
          v[k * width + p] = c * vkp - s * vkq;
          v[k * width + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: width }, (_, i) => i).sort((i, j) => a[j * width + j]! - a[i * width + i]!);
  const values = Float64Array.from(order, (i) => a[i * width + i]!);
  const vectors = new Float64Array(width * width);
  order.forEach((from, to) => {
    for (let k = 0; k < width; k++) vectors[k * width + to] = v[k * width + from]!;
  });
  return { values, vectors };
}

/** Fit LSA on (a sample of) `matrix` and return the model with every row's dense vector (rows × dimensions). */
export function fitLsa(
  matrix: SparseMatrix,
  random: Random,
  options: LsaOptions = DEFAULT_LSA_OPTIONS,
  onPass?: (done: number, total: number) => void,
): { model: LsaModel; embedding: Float32Array } {
  let fitRows: number[] | null = null;
  if (matrix.rows > options.maxFitRows) {
    // Partial Fisher–Yates: a uniform sample of rows without replacement.
    const ids = Array.from({ length: matrix.rows }, (_, i) => i);
    for (let i = 0; i < options.maxFitRows; i++) {
      const j = i + random.int(ids.length - i);
      const swap = ids[i]!;
      ids[i] = ids[j]!;
      ids[j] = swap;
    }
    fitRows = ids.slice(0, options.maxFitRows).sort((a, b) => a - b);
  }
  const a = fitRows === null ? matrix : selectRows(matrix, fitRows);
  const width = Math.max(1, Math.min(options.dimensions + options.oversample, a.rows, a.cols));
  const dimensions = Math.max(1, Math.min(options.dimensions, width));
  const passes = options.powerIterations + 1;

  let x: Float64Array = new Float64Array(a.rows * width);
  for (let i = 0; i < x.length; i++) x[i] = random.gaussian();
  orthonormalizeColumns(x, a.rows, width);
  let termSide: Float64Array = new Float64Array(0);
  let ritz: Float64Array = new Float64Array(0);
  for (let pass = 0; pass < passes; pass++) {
    termSide = transposeTimesDense(a, x, width);
    const y = new Float64Array(a.rows * width);
    timesDense(a, termSide, width, y);
    onPass?.(pass + 1, passes);
    if (pass === passes - 1) {
      // Rayleigh–Ritz: XᵀAAᵀX holds the squared singular values within span(X).
      ritz = gram(x, y, a.rows, width);
    } else {
      orthonormalizeColumns(y, a.rows, width);
      x = y;
    }
  }
  const { values, vectors } = symmetricEigen(ritz, width);
  const singularValues = new Float64Array(dimensions);
  for (let d = 0; d < dimensions; d++) singularValues[d] = Math.sqrt(Math.max(values[d]!, 0));

  // mixing = Ub·S^(w−2), so that a row x maps to (x·AᵀX)·Ub·S^(w−2) = U·S^w, the row's weighted coordinates.
  const mixing = new Float64Array(width * dimensions);
  for (let k = 0; k < width; k++) {
    for (let d = 0; d < dimensions; d++) {
      const s = singularValues[d]!;
      mixing[k * dimensions + d] = s > 1e-12 ? vectors[k * width + d]! * s ** (options.singularValueWeight - 2) : 0;
    }
  }
  const model: LsaModel = { dimensions, singularValues, termSide: Float32Array.from(termSide), width, mixing };
  const embedding = projectRows(model, matrix);
  return { model, embedding };
}

/** Dense LSA vectors (rows × dimensions) of every row of a TF-IDF matrix. */
export function projectRows(model: LsaModel, matrix: SparseMatrix): Float32Array {
  const { width, dimensions, mixing } = model;
  // mixing transposed (dimensions × width), so that each output coordinate is one dot product over `width`.
  const mixingT = new Float64Array(dimensions * width);
  for (let k = 0; k < width; k++)
    for (let d = 0; d < dimensions; d++) mixingT[d * width + k] = mixing[k * dimensions + d]!;
  const embedding = new Float32Array(matrix.rows * dimensions);
  const reduced = new Float64Array(width);
  for (let row = 0; row < matrix.rows; row++) {
    reduced.fill(0);
    for (let p = matrix.rowPtr[row]!; p < matrix.rowPtr[row + 1]!; p++) {
      const tOffset = matrix.colIndex[p]! * width;
      const v = matrix.values[p]!;
      for (let c = 0; c < width; c++) reduced[c]! += v * model.termSide[tOffset + c]!;
    }
    const outOffset = row * dimensions;
    for (let d = 0; d < dimensions; d++) {
      const mOffset = d * width;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let c = 0;
      for (; c + 3 < width; c += 4) {
        s0 += reduced[c]! * mixingT[mOffset + c]!;
        s1 += reduced[c + 1]! * mixingT[mOffset + c + 1]!;
        s2 += reduced[c + 2]! * mixingT[mOffset + c + 2]!;
        s3 += reduced[c + 3]! * mixingT[mOffset + c + 3]!;
      }
      for (; c < width; c++) s0 += reduced[c]! * mixingT[mOffset + c]!;
      embedding[outOffset + d] = s0 + s1 + s2 + s3;
    }
  }
  return embedding;
}

/** Dense LSA vector of one TF-IDF vector. */
export function projectVector(model: LsaModel, vector: SparseVector): Float32Array {
  return projectRows(model, {
    rows: 1,
    cols: 0,
    rowPtr: Int32Array.of(0, vector.index.length),
    colIndex: vector.index,
    values: vector.value,
  });
}

/** Scale each row (width values) to unit length, in place; zero rows stay zero. */
export function normalizeRows(data: Float32Array, width: number): void {
  for (let offset = 0; offset < data.length; offset += width) {
    let norm = 0;
    for (let d = 0; d < width; d++) norm += data[offset + d]! ** 2;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < width; d++) data[offset + d]! *= scale;
  }
}
