/**
 * Dense float64 kernels of the LSA fit, register-blocked. V8 does not vectorise and does not keep array entries in
 * registers, so a loop that adds into `out[i]` pays a load and a store per multiply; a 4 × 4 block of sums held in
 * locals pays them once per block. Every entry is still the same sequence of additions, in the same order, as the
 * plain loops these replaced (tests/cluster/dense.test.ts compares them bit for bit), so the clustering's partitions
 * do not change. The only terms a kernel adds that the plain loop did not are exact zeros, and a sum that starts at
 * +0 and adds products is never −0, so adding ±0 leaves it as it is.
 */

/** Rows per pass of `symmetricGram`: the 2 × 32 rows of X and Y it reads (~57 KB at width 112) stay in cache. */
const GRAM_CHUNK = 32;

/**
 * Xᵀ·Y (width × width) for rows × width X and Y, when the result is known to be symmetric (XᵀX, XᵀAAᵀX): the upper
 * triangle is summed (over rows in order) and mirrored.
 */
export function symmetricGram(x: Float64Array, y: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(width * width);
  const blocked = width - (width % 4);
  for (let r0 = 0; r0 < rows; r0 += GRAM_CHUNK) {
    const r1 = Math.min(rows, r0 + GRAM_CHUNK);
    // 4 × 4 blocks on or above the diagonal; a diagonal block also sums a few entries below it, which the mirror
    // step overwrites.
    for (let i = 0; i < blocked; i += 4) {
      for (let j = i; j < blocked; j += 4) {
        const o0 = i * width + j;
        const o1 = o0 + width;
        const o2 = o1 + width;
        const o3 = o2 + width;
        let a00 = out[o0]!;
        let a01 = out[o0 + 1]!;
        let a02 = out[o0 + 2]!;
        let a03 = out[o0 + 3]!;
        let a10 = out[o1]!;
        let a11 = out[o1 + 1]!;
        let a12 = out[o1 + 2]!;
        let a13 = out[o1 + 3]!;
        let a20 = out[o2]!;
        let a21 = out[o2 + 1]!;
        let a22 = out[o2 + 2]!;
        let a23 = out[o2 + 3]!;
        let a30 = out[o3]!;
        let a31 = out[o3 + 1]!;
        let a32 = out[o3 + 2]!;
        let a33 = out[o3 + 3]!;
        for (let r = r0; r < r1; r++) {
          const xo = r * width + i;
          const yo = r * width + j;
          const x0 = x[xo]!;
          const x1 = x[xo + 1]!;
          const x2 = x[xo + 2]!;
          const x3 = x[xo + 3]!;
          const y0 = y[yo]!;
          const y1 = y[yo + 1]!;
          const y2 = y[yo + 2]!;
          const y3 = y[yo + 3]!;
          a00 += x0 * y0;
          a01 += x0 * y1;
          a02 += x0 * y2;
          a03 += x0 * y3;
          a10 += x1 * y0;
          a11 += x1 * y1;
          a12 += x1 * y2;
          a13 += x1 * y3;
          a20 += x2 * y0;
          a21 += x2 * y1;
          a22 += x2 * y2;
          a23 += x2 * y3;
          a30 += x3 * y0;
          a31 += x3 * y1;
          a32 += x3 * y2;
          a33 += x3 * y3;
        }
        out[o0] = a00;
        out[o0 + 1] = a01;
        out[o0 + 2] = a02;
        out[o0 + 3] = a03;
        out[o1] = a10;
        out[o1 + 1] = a11;
        out[o1 + 2] = a12;
        out[o1 + 3] = a13;
        out[o2] = a20;
        out[o2 + 1] = a21;
        out[o2 + 2] = a22;
        out[o2 + 3] = a23;
        out[o3] = a30;
        out[o3 + 1] = a31;
        out[o3 + 2] = a32;
        out[o3 + 3] = a33;
      }
    }
    // The last (width mod 4) columns, one entry at a time.
    for (let i = 0; i < width; i++) {
      for (let j = Math.max(i, blocked); j < width; j++) {
        let sum = out[i * width + j]!;
        for (let r = r0; r < r1; r++) sum += x[r * width + i]! * y[r * width + j]!;
        out[i * width + j] = sum;
      }
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) out[i * width + j] = out[j * width + i]!;
  return out;
}

/**
 * X ← X·U in place, for rows × width X and an upper-triangular width × width U (zeros below the diagonal): entry
 * (r, j) is Σᵢ x[r][i]·U[i][j] over i = 0 … j, summed in that order. Four rows and four columns at a time.
 */
export function multiplyByUpperInPlace(x: Float64Array, rows: number, width: number, upper: Float64Array): void {
  const out = new Float64Array(4 * width);
  const blockedRows = rows - (rows % 4);
  const blocked = width - (width % 4);
  for (let r = 0; r < blockedRows; r += 4) {
    const p0 = r * width;
    const p1 = p0 + width;
    const p2 = p1 + width;
    const p3 = p2 + width;
    for (let j = 0; j < blocked; j += 4) {
      let a00 = 0;
      let a01 = 0;
      let a02 = 0;
      let a03 = 0;
      let a10 = 0;
      let a11 = 0;
      let a12 = 0;
      let a13 = 0;
      let a20 = 0;
      let a21 = 0;
      let a22 = 0;
      let a23 = 0;
      let a30 = 0;
      let a31 = 0;
      let a32 = 0;
      let a33 = 0;
      // U[i][j … j+3] is zero for i > j + 3, and the zero products for j < i ≤ j + 3 change no sum.
      for (let i = 0; i < j + 4; i++) {
        const u = i * width + j;
        const u0 = upper[u]!;
        const u1 = upper[u + 1]!;
        const u2 = upper[u + 2]!;
        const u3 = upper[u + 3]!;
        const x0 = x[p0 + i]!;
        const x1 = x[p1 + i]!;
        const x2 = x[p2 + i]!;
        const x3 = x[p3 + i]!;
        a00 += x0 * u0;
        a01 += x0 * u1;
        a02 += x0 * u2;
        a03 += x0 * u3;
        a10 += x1 * u0;
        a11 += x1 * u1;
        a12 += x1 * u2;
        a13 += x1 * u3;
        a20 += x2 * u0;
        a21 += x2 * u1;
        a22 += x2 * u2;
        a23 += x2 * u3;
        a30 += x3 * u0;
        a31 += x3 * u1;
        a32 += x3 * u2;
        a33 += x3 * u3;
      }
      const q1 = width + j;
      const q2 = q1 + width;
      const q3 = q2 + width;
      out[j] = a00;
      out[j + 1] = a01;
      out[j + 2] = a02;
      out[j + 3] = a03;
      out[q1] = a10;
      out[q1 + 1] = a11;
      out[q1 + 2] = a12;
      out[q1 + 3] = a13;
      out[q2] = a20;
      out[q2 + 1] = a21;
      out[q2 + 2] = a22;
      out[q2 + 3] = a23;
      out[q3] = a30;
      out[q3 + 1] = a31;
      out[q3 + 2] = a32;
      out[q3 + 3] = a33;
    }
    for (let a = 0; a < 4; a++) {
      const p = p0 + a * width;
      for (let j = blocked; j < width; j++) out[a * width + j] = upperColumnDot(x, p, upper, width, j);
    }
    x.set(out, p0);
  }
  for (let r = blockedRows; r < rows; r++) {
    const p = r * width;
    for (let j = 0; j < width; j++) out[j] = upperColumnDot(x, p, upper, width, j);
    x.set(out.subarray(0, width), p);
  }
}

/** Σᵢ x[offset + i]·U[i][j] for i = 0 … j, in order. */
function upperColumnDot(x: Float64Array, offset: number, upper: Float64Array, width: number, j: number): number {
  let sum = 0;
  for (let i = 0; i <= j; i++) sum += x[offset + i]! * upper[i * width + j]!;
  return sum;
}

/**
 * rows × dimensions = P·M (P: rows × width, M: width × dimensions, both row-major), rounded to float32. Each entry is
 * summed as four interleaved partial sums, sᵢ over the columns c ≡ i (mod 4) of the first 4⌊width/4⌋ (s₀ then also
 * takes the last width mod 4 columns), added as ((s₀ + s₁) + s₂) + s₃: the order of the unblocked loop that
 * breaks the dependency chain. Blocks of 4 rows × 4 dimensions compute s₀, then s₁, … each into 16 locals.
 */
export function multiplyToFloat32(p: Float64Array, rows: number, width: number, m: Float64Array, dimensions: number) {
  const out = new Float32Array(rows * dimensions);
  const blocked = width - (width % 4);
  const blockedRows = rows - (rows % 4);
  const blockedDimensions = dimensions - (dimensions % 4);
  const totals = new Float64Array(16);
  for (let r = 0; r < blockedRows; r += 4) {
    const p0 = r * width;
    const p1 = p0 + width;
    const p2 = p1 + width;
    const p3 = p2 + width;
    for (let d = 0; d < blockedDimensions; d += 4) {
      for (let phase = 0; phase < 4; phase++) {
        let a00 = 0;
        let a01 = 0;
        let a02 = 0;
        let a03 = 0;
        let a10 = 0;
        let a11 = 0;
        let a12 = 0;
        let a13 = 0;
        let a20 = 0;
        let a21 = 0;
        let a22 = 0;
        let a23 = 0;
        let a30 = 0;
        let a31 = 0;
        let a32 = 0;
        let a33 = 0;
        // Every fourth column from `phase`; phase 0 then also takes the columns past the last multiple of 4.
        const limit = phase === 0 ? width : blocked;
        for (let c = phase; c < limit; c += c < blocked ? 4 : 1) {
          const o = c * dimensions + d;
          const m0 = m[o]!;
          const m1 = m[o + 1]!;
          const m2 = m[o + 2]!;
          const m3 = m[o + 3]!;
          const x0 = p[p0 + c]!;
          const x1 = p[p1 + c]!;
          const x2 = p[p2 + c]!;
          const x3 = p[p3 + c]!;
          a00 += x0 * m0;
          a01 += x0 * m1;
          a02 += x0 * m2;
          a03 += x0 * m3;
          a10 += x1 * m0;
          a11 += x1 * m1;
          a12 += x1 * m2;
          a13 += x1 * m3;
          a20 += x2 * m0;
          a21 += x2 * m1;
          a22 += x2 * m2;
          a23 += x2 * m3;
          a30 += x3 * m0;
          a31 += x3 * m1;
          a32 += x3 * m2;
          a33 += x3 * m3;
        }
        if (phase === 0) {
          totals[0] = a00;
          totals[1] = a01;
          totals[2] = a02;
          totals[3] = a03;
          totals[4] = a10;
          totals[5] = a11;
          totals[6] = a12;
          totals[7] = a13;
          totals[8] = a20;
          totals[9] = a21;
          totals[10] = a22;
          totals[11] = a23;
          totals[12] = a30;
          totals[13] = a31;
          totals[14] = a32;
          totals[15] = a33;
        } else {
          totals[0]! += a00;
          totals[1]! += a01;
          totals[2]! += a02;
          totals[3]! += a03;
          totals[4]! += a10;
          totals[5]! += a11;
          totals[6]! += a12;
          totals[7]! += a13;
          totals[8]! += a20;
          totals[9]! += a21;
          totals[10]! += a22;
          totals[11]! += a23;
          totals[12]! += a30;
          totals[13]! += a31;
          totals[14]! += a32;
          totals[15]! += a33;
        }
      }
      for (let a = 0; a < 4; a++) {
        const o = (r + a) * dimensions + d;
        out[o] = totals[4 * a]!;
        out[o + 1] = totals[4 * a + 1]!;
        out[o + 2] = totals[4 * a + 2]!;
        out[o + 3] = totals[4 * a + 3]!;
      }
    }
    for (let a = 0; a < 4; a++) {
      for (let d = blockedDimensions; d < dimensions; d++) {
        out[(r + a) * dimensions + d] = interleavedDot(p, (r + a) * width, width, m, dimensions, d);
      }
    }
  }
  for (let r = blockedRows; r < rows; r++) {
    for (let d = 0; d < dimensions; d++)
      out[r * dimensions + d] = interleavedDot(p, r * width, width, m, dimensions, d);
  }
  return out;
}

/** One entry of `multiplyToFloat32`, in the same order. */
function interleavedDot(
  p: Float64Array,
  offset: number,
  width: number,
  m: Float64Array,
  dimensions: number,
  d: number,
) {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let c = 0;
  for (; c + 3 < width; c += 4) {
    s0 += p[offset + c]! * m[c * dimensions + d]!;
    s1 += p[offset + c + 1]! * m[(c + 1) * dimensions + d]!;
    s2 += p[offset + c + 2]! * m[(c + 2) * dimensions + d]!;
    s3 += p[offset + c + 3]! * m[(c + 3) * dimensions + d]!;
  }
  for (; c < width; c++) s0 += p[offset + c]! * m[c * dimensions + d]!;
  return s0 + s1 + s2 + s3;
}
