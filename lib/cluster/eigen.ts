/**
 * Eigen-decomposition of a small dense symmetric matrix (the Rayleigh–Ritz step of LSA, ~112 × 112): Householder
 * reduction to tridiagonal form, then implicit QL iterations with Wilkinson-style shifts. About n³ work against the
 * 6–10 sweeps of n³ that cyclic Jacobi rotations took (arxiv_ml8_2k: 57 ms of a 340 ms LSA fit).
 */

/** Eigenvalues descending and unit eigenvectors as columns (`vectors[row * width + column]`). */
export function symmetricEigen(matrix: Float64Array, width: number): { values: Float64Array; vectors: Float64Array } {
  const n = width;
  const a = Float64Array.from(matrix);
  // Rows of `basis` are the columns of the orthogonal Q with A = Q·T·Qᵀ, so that every update below runs along
  // contiguous memory.
  const basis = new Float64Array(n * n);
  for (let i = 0; i < n; i++) basis[i * n + i] = 1;
  tridiagonalize(a, basis, n);
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) diagonal[i] = a[i * n + i]!;
  for (let i = 0; i + 1 < n; i++) offDiagonal[i] = a[i * n + i + 1]!;
  diagonalizeTridiagonal(diagonal, offDiagonal, basis, n);

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => diagonal[j]! - diagonal[i]!);
  const values = Float64Array.from(order, (i) => diagonal[i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = basis[from * n + k]!;
  });
  return { values, vectors };
}

/**
 * A ← HₖAHₖ for k = 0 … n−3 in place, each Householder reflection Hₖ = I − 2vvᵀ zeroing row and column k beyond
 * the first off-diagonal; `basis` rows accumulate Q = H₀H₁… as Qᵀ.
 */
function tridiagonalize(a: Float64Array, basis: Float64Array, n: number): void {
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  const combined = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const first = k + 1;
    const m = n - first;
    let tailNorm = 0;
    for (let i = 1; i < m; i++) tailNorm += a[k * n + first + i]! ** 2;
    if (tailNorm === 0) continue; // already tridiagonal in this column
    const x0 = a[k * n + first]!;
    const norm = Math.sqrt(tailNorm + x0 * x0);
    const alpha = x0 > 0 ? -norm : norm;
    // v = (x − αe₁)/‖x − αe₁‖, so that H·x = αe₁.
    v[0] = x0 - alpha;
    for (let i = 1; i < m; i++) v[i] = a[k * n + first + i]!;
    let vNorm = 0;
    for (let i = 0; i < m; i++) vNorm += v[i]! ** 2;
    const scale = 1 / Math.sqrt(vNorm);
    for (let i = 0; i < m; i++) v[i]! *= scale;
    // p = A₂₂v, β = vᵀp, w = p − βv; then H·A₂₂·H = A₂₂ − 2vwᵀ − 2wvᵀ.
    let beta = 0;
    for (let i = 0; i < m; i++) {
      const offset = (first + i) * n + first;
      let sum = 0;
      for (let j = 0; j < m; j++) sum += a[offset + j]! * v[j]!;
      w[i] = sum;
      beta += v[i]! * sum;
    }
    for (let i = 0; i < m; i++) w[i]! -= beta * v[i]!;
    for (let i = 0; i < m; i++) {
      const offset = (first + i) * n + first;
      const vi = v[i]!;
      const wi = w[i]!;
      for (let j = 0; j < m; j++) a[offset + j]! -= 2 * (vi * w[j]! + wi * v[j]!);
    }
    a[k * n + first] = alpha;
    a[first * n + k] = alpha;
    for (let i = 1; i < m; i++) {
      a[k * n + first + i] = 0;
      a[(first + i) * n + k] = 0;
    }
    // Q ← Q·H: the columns first … n−1 of Q (rows of `basis`) each lose 2vⱼ·(Σᵢ vᵢ·column i).
    combined.fill(0);
    for (let i = 0; i < m; i++) {
      const vi = v[i]!;
      const offset = (first + i) * n;
      for (let c = 0; c < n; c++) combined[c]! += vi * basis[offset + c]!;
    }
    for (let j = 0; j < m; j++) {
      const factor = 2 * v[j]!;
      const offset = (first + j) * n;
      for (let c = 0; c < n; c++) basis[offset + c]! -= factor * combined[c]!;
    }
  }
}

const MAX_QL_ITERATIONS = 60;

/**
 * Eigenvalues of the symmetric tridiagonal matrix (diagonal, offDiagonal[i] joining i and i+1) into `diagonal`,
 * by implicit QL: each sweep chases a shifted rotation up the unreduced block until its top off-diagonal vanishes.
 * The rotations are applied to the rows of `basis`, which then hold the eigenvectors.
 */
function diagonalizeTridiagonal(
  diagonal: Float64Array,
  offDiagonal: Float64Array,
  basis: Float64Array,
  n: number,
): void {
  const d = diagonal;
  const e = offDiagonal;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; iteration < MAX_QL_ITERATIONS; iteration++) {
      // The first negligible off-diagonal at or below l ends the block to work on.
      let m = l;
      for (; m + 1 < n; m++) {
        const size = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * size) break;
      }
      if (m === l) break;
      // Shift: the eigenvalue of the leading 2 × 2 block nearer d[l].
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // The rotation vanished: the block splits here; restart on it.
          d[i + 1]! -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        const upper = i * n;
        const lower = (i + 1) * n;
        for (let k = 0; k < n; k++) {
          const zi = basis[upper + k]!;
          const zNext = basis[lower + k]!;
          basis[lower + k] = s * zi + c * zNext;
          basis[upper + k] = c * zi - s * zNext;
        }
      }
      if (underflow) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
