// Main's lib/cluster/lsa.ts before the speed work of branch clusterfast (2026-12-04), kept as the reference the
// faster code must reproduce bit for bit (tests/cluster/lsa-identity.test.ts). Do not optimise this file.
/**
 * Latent semantic analysis by randomised SVD (subspace iteration on the document side, then Rayleigh–Ritz).
 * Reduces sparse TF-IDF rows to a few hundred dense dimensions in which synonyms and co-occurring terms meet.
 */
import { symmetricEigen } from '../../../lib/cluster/eigen';
import type { SparseMatrix, SparseVector } from '../../../lib/cluster/features';
import type { Random } from '../../../lib/cluster/random';

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

/** Aᵀ as compressed sparse rows (one row per column of A), so that Aᵀ·X gathers like A·T instead of scattering. */
export function transposeSparse(a: SparseMatrix): SparseMatrix {
  const rowPtr = new Int32Array(a.cols + 1);
  for (let p = 0; p < a.colIndex.length; p++) rowPtr[a.colIndex[p]! + 1]!++;
  for (let c = 0; c < a.cols; c++) rowPtr[c + 1]! += rowPtr[c]!;
  const next = rowPtr.slice(0, a.cols);
  const colIndex = new Int32Array(a.colIndex.length);
  const values = new Float32Array(a.colIndex.length);
  for (let row = 0; row < a.rows; row++) {
    for (let p = a.rowPtr[row]!; p < a.rowPtr[row + 1]!; p++) {
      const at = next[a.colIndex[p]!]!++;
      colIndex[at] = row;
      values[at] = a.values[p]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowPtr, colIndex, values };
}

/**
 * A·T for dense T (a.cols × width) → a.rows × width: each output row is a sum of T's rows, gathered into a float64
 * scratch row and stored once, four of T's rows per sweep over the scratch row (V8 does not vectorise; fewer
 * loads and stores of the scratch row made this 1.6× faster on naik_cs6_1296). The term side is float32 (half the
 * memory to gather from), the document side float64 (its Cholesky QR needs the digits). Two copies, one per
 * direction, keep every loop monomorphic.
 */
function gatherToDocuments(a: SparseMatrix, t: Float32Array, width: number, out: Float64Array): void {
  const { rowPtr, colIndex, values } = a;
  const sum = new Float64Array(width);
  for (let row = 0; row < a.rows; row++) {
    sum.fill(0);
    const end = rowPtr[row + 1]!;
    let p = rowPtr[row]!;
    for (; p + 7 < end; p += 8) {
      const b0 = colIndex[p]! * width;
      const b1 = colIndex[p + 1]! * width;
      const b2 = colIndex[p + 2]! * width;
      const b3 = colIndex[p + 3]! * width;
      const b4 = colIndex[p + 4]! * width;
      const b5 = colIndex[p + 5]! * width;
      const b6 = colIndex[p + 6]! * width;
      const b7 = colIndex[p + 7]! * width;
      const v0 = values[p]!;
      const v1 = values[p + 1]!;
      const v2 = values[p + 2]!;
      const v3 = values[p + 3]!;
      const v4 = values[p + 4]!;
      const v5 = values[p + 5]!;
      const v6 = values[p + 6]!;
      const v7 = values[p + 7]!;
      for (let c = 0; c < width; c++) {
        sum[c]! +=
          v0 * t[b0 + c]! +
          v1 * t[b1 + c]! +
          v2 * t[b2 + c]! +
          v3 * t[b3 + c]! +
          (v4 * t[b4 + c]! + v5 * t[b5 + c]! + v6 * t[b6 + c]! + v7 * t[b7 + c]!);
      }
    }
    for (; p + 3 < end; p += 4) {
      const b0 = colIndex[p]! * width;
      const b1 = colIndex[p + 1]! * width;
      const b2 = colIndex[p + 2]! * width;
      const b3 = colIndex[p + 3]! * width;
      const v0 = values[p]!;
      const v1 = values[p + 1]!;
      const v2 = values[p + 2]!;
      const v3 = values[p + 3]!;
      for (let c = 0; c < width; c++) sum[c]! += v0 * t[b0 + c]! + v1 * t[b1 + c]! + v2 * t[b2 + c]! + v3 * t[b3 + c]!;
    }
    for (; p < end; p++) {
      const b0 = colIndex[p]! * width;
      const v0 = values[p]!;
      for (let c = 0; c < width; c++) sum[c]! += v0 * t[b0 + c]!;
    }
    out.set(sum, row * width);
  }
}

/** Aᵀ·X with A given transposed (see `transposeSparse`): float64 document side in, float32 term side out. */
function gatherToTerms(a: SparseMatrix, t: Float64Array, width: number, out: Float32Array): void {
  const { rowPtr, colIndex, values } = a;
  const sum = new Float64Array(width);
  for (let row = 0; row < a.rows; row++) {
    sum.fill(0);
    const end = rowPtr[row + 1]!;
    let p = rowPtr[row]!;
    for (; p + 7 < end; p += 8) {
      const b0 = colIndex[p]! * width;
      const b1 = colIndex[p + 1]! * width;
      const b2 = colIndex[p + 2]! * width;
      const b3 = colIndex[p + 3]! * width;
      const b4 = colIndex[p + 4]! * width;
      const b5 = colIndex[p + 5]! * width;
      const b6 = colIndex[p + 6]! * width;
      const b7 = colIndex[p + 7]! * width;
      const v0 = values[p]!;
      const v1 = values[p + 1]!;
      const v2 = values[p + 2]!;
      const v3 = values[p + 3]!;
      const v4 = values[p + 4]!;
      const v5 = values[p + 5]!;
      const v6 = values[p + 6]!;
      const v7 = values[p + 7]!;
      for (let c = 0; c < width; c++) {
        sum[c]! +=
          v0 * t[b0 + c]! +
          v1 * t[b1 + c]! +
          v2 * t[b2 + c]! +
          v3 * t[b3 + c]! +
          (v4 * t[b4 + c]! + v5 * t[b5 + c]! + v6 * t[b6 + c]! + v7 * t[b7 + c]!);
      }
    }
    for (; p + 3 < end; p += 4) {
      const b0 = colIndex[p]! * width;
      const b1 = colIndex[p + 1]! * width;
      const b2 = colIndex[p + 2]! * width;
      const b3 = colIndex[p + 3]! * width;
      const v0 = values[p]!;
      const v1 = values[p + 1]!;
      const v2 = values[p + 2]!;
      const v3 = values[p + 3]!;
      for (let c = 0; c < width; c++) sum[c]! += v0 * t[b0 + c]! + v1 * t[b1 + c]! + v2 * t[b2 + c]! + v3 * t[b3 + c]!;
    }
    for (; p < end; p++) {
      const b0 = colIndex[p]! * width;
      const v0 = values[p]!;
      for (let c = 0; c < width; c++) sum[c]! += v0 * t[b0 + c]!;
    }
    out.set(sum, row * width);
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
      let j = i;
      for (; j + 3 < width; j += 4) {
        out[outOffset + j]! += xi * y[offset + j]!;
        out[outOffset + j + 1]! += xi * y[offset + j + 1]!;
        out[outOffset + j + 2]! += xi * y[offset + j + 2]!;
        out[outOffset + j + 3]! += xi * y[offset + j + 3]!;
      }
      for (; j < width; j++) out[outOffset + j]! += xi * y[offset + j]!;
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) out[i * width + j] = out[j * width + i]!;
  return out;
}

/**
 * Orthonormal columns spanning X's, in place, by Cholesky QR. One pass squares the condition number; X here is
 * (AAᵀ)²·X₀, whose spectrum spans σ₁⁴/σ₁₁₂⁴ ≈ 10⁴ on TF-IDF, and float64 still keeps the basis orthogonal to ~1e-6
 * on every set of ../shared/data (|XᵀX − I|, max entry), below the float32 precision of the coordinates it feeds.
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
    // X of lower rank than its width (a small library, repeated papers: fewer distinct documents than columns) makes
    // G singular, and R⁻¹ would blow its null directions up into columns that are not orthonormal, which the
    // Rayleigh–Ritz step would read as large singular values. Such an X is small: Gram–Schmidt instead.
    let smallest = Number.POSITIVE_INFINITY;
    let largest = 0;
    for (let i = 0; i < width; i++) {
      const pivot = upper[i * width + i]!;
      smallest = Math.min(smallest, pivot);
      largest = Math.max(largest, pivot);
    }
    if (!(smallest > 1e-3 * largest)) {
      gramSchmidtColumns(x, rows, width);
      return;
    }
    const inverse = invertUpper(upper, width);
    // X ← X·R⁻¹, one row at a time: row·R⁻¹ accumulated along R⁻¹'s rows, which are contiguous.
    const row = new Float64Array(width);
    for (let r = 0; r < rows; r++) {
      const offset = r * width;
      row.fill(0);
      for (let i = 0; i < width; i++) {
        const xi = x[offset + i]!;
        const inverseOffset = i * width;
        let j = i;
        for (; j + 3 < width; j += 4) {
          row[j]! += xi * inverse[inverseOffset + j]!;
          row[j + 1]! += xi * inverse[inverseOffset + j + 1]!;
          row[j + 2]! += xi * inverse[inverseOffset + j + 2]!;
          row[j + 3]! += xi * inverse[inverseOffset + j + 3]!;
        }
        for (; j < width; j++) row[j]! += xi * inverse[inverseOffset + j]!;
      }
      x.set(row, offset);
    }
  }
}

/**
 * Orthonormal columns spanning X's, in place, by modified Gram–Schmidt, twice over (one pass loses orthogonality
 * when columns are nearly dependent). A column that is (numerically) in the span of the ones before it becomes zero,
 * which the Rayleigh–Ritz step reads as a singular value of zero.
 */
function gramSchmidtColumns(x: Float64Array, rows: number, width: number): void {
  const column = new Float64Array(rows);
  for (let j = 0; j < width; j++) {
    for (let r = 0; r < rows; r++) column[r] = x[r * width + j]!;
    let before = 0;
    for (let r = 0; r < rows; r++) before += column[r]! ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += column[r]! * x[r * width + i]!;
        if (dot !== 0) for (let r = 0; r < rows; r++) column[r]! -= dot * x[r * width + i]!;
      }
    }
    let after = 0;
    for (let r = 0; r < rows; r++) after += column[r]! ** 2;
    const scale = after > 1e-20 * before && after > 0 ? 1 / Math.sqrt(after) : 0;
    for (let r = 0; r < rows; r++) x[r * width + j] = column[r]! * scale;
  }
}

/** R⁻¹ of an upper-triangular R (width × width, non-zero diagonal), by back substitution column by column. */
function invertUpper(upper: Float64Array, width: number): Float64Array {
  const inverse = new Float64Array(width * width);
  for (let j = 0; j < width; j++) {
    inverse[j * width + j] = 1 / upper[j * width + j]!;
    for (let i = j - 1; i >= 0; i--) {
      let sum = 0;
      for (let k = i + 1; k <= j; k++) sum += upper[i * width + k]! * inverse[k * width + j]!;
      inverse[i * width + j] = -sum / upper[i * width + i]!;
    }
  }
  return inverse;
}

/** Each column of X (rows × width) scaled to unit length, in place: keeps a power iterate's magnitudes in range. */
function scaleColumns(x: Float64Array, rows: number, width: number): void {
  const norms = new Float64Array(width);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) norms[c]! += x[r * width + c]! ** 2;
  for (let c = 0; c < width; c++) norms[c] = norms[c]! > 0 ? 1 / Math.sqrt(norms[c]!) : 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) x[r * width + c]! *= norms[c]!;
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
  const aT = transposeSparse(a);

  // Subspace iteration. The span of (AAᵀ)ᵖ·X does not depend on whether X is orthonormalised between passes, so
  // only the basis entering the last pass is (the Rayleigh–Ritz step needs it orthonormal): a random start and
  // the intermediate products are only rescaled, which keeps them in range at a third of the QR work.
  let x: Float64Array = new Float64Array(a.rows * width);
  for (let i = 0; i < x.length; i++) x[i] = random.gaussian();
  // Two document-side buffers by turns and one term-side buffer (the last pass's is the model's).
  const termSide = new Float32Array(a.cols * width);
  let y: Float64Array = new Float64Array(a.rows * width);
  let ritz: Float64Array = new Float64Array(0);
  let lastProduct: Float64Array = new Float64Array(0);
  for (let pass = 0; pass < passes; pass++) {
    if (pass === passes - 1) orthonormalizeColumns(x, a.rows, width);
    gatherToTerms(aT, x, width, termSide);
    gatherToDocuments(a, termSide, width, y);
    onPass?.(pass + 1, passes);
    if (pass === passes - 1) {
      // Rayleigh–Ritz: XᵀAAᵀX holds the squared singular values within span(X).
      ritz = gram(x, y, a.rows, width);
      lastProduct = y;
    } else {
      scaleColumns(y, a.rows, width);
      [x, y] = [y, x];
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
  const model: LsaModel = { dimensions, singularValues, termSide, width, mixing };
  // The fitted rows' products with AᵀX are the last pass's A·AᵀX: only the other rows are projected afresh.
  const embedding = new Float32Array(matrix.rows * dimensions);
  const fitted = mixRows(lastProduct, a.rows, model);
  if (fitRows === null) return { model, embedding: fitted };
  const fittedSet = new Uint8Array(matrix.rows);
  fitRows.forEach((row, i) => {
    fittedSet[row] = 1;
    embedding.set(fitted.subarray(i * dimensions, (i + 1) * dimensions), row * dimensions);
  });
  const others: number[] = [];
  for (let row = 0; row < matrix.rows; row++) if (fittedSet[row] === 0) others.push(row);
  const projected = projectRows(model, selectRows(matrix, others));
  others.forEach((row, i) => {
    embedding.set(projected.subarray(i * dimensions, (i + 1) * dimensions), row * dimensions);
  });
  return { model, embedding };
}

/** Dense LSA vectors (rows × dimensions) of every row of a TF-IDF matrix. */
export function projectRows(model: LsaModel, matrix: SparseMatrix): Float32Array {
  const products = new Float64Array(matrix.rows * model.width);
  gatherToDocuments(matrix, model.termSide, model.width, products);
  return mixRows(products, matrix.rows, model);
}

/** Rows × width products with AᵀX, times the mixing matrix: rows × dimensions LSA coordinates. */
function mixRows(products: Float64Array, rows: number, model: LsaModel): Float32Array {
  const { width, dimensions, mixing } = model;
  // mixing transposed (dimensions × width), so that each output coordinate is one dot product over `width`.
  const mixingT = new Float64Array(dimensions * width);
  for (let k = 0; k < width; k++)
    for (let d = 0; d < dimensions; d++) mixingT[d * width + k] = mixing[k * dimensions + d]!;
  const embedding = new Float32Array(rows * dimensions);
  for (let row = 0; row < rows; row++) {
    const inOffset = row * width;
    const outOffset = row * dimensions;
    for (let d = 0; d < dimensions; d++) {
      const mOffset = d * width;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let c = 0;
      for (; c + 3 < width; c += 4) {
        s0 += products[inOffset + c]! * mixingT[mOffset + c]!;
        s1 += products[inOffset + c + 1]! * mixingT[mOffset + c + 1]!;
        s2 += products[inOffset + c + 2]! * mixingT[mOffset + c + 2]!;
        s3 += products[inOffset + c + 3]! * mixingT[mOffset + c + 3]!;
      }
      for (; c < width; c++) s0 += products[inOffset + c]! * mixingT[mOffset + c]!;
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
