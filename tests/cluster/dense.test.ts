import { describe, expect, it } from 'vitest';
import { multiplyByUpperInPlace, multiplyToFloat32, symmetricGram } from '../../lib/cluster/dense';
import { createRandom } from '../../lib/cluster/random';

// The plain loops the kernels replaced (lib/cluster/lsa.ts before the blocking): the kernels must give the same
// bits, or the clustering's partitions could change.
function plainGram(x: Float64Array, y: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(width * width);
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    for (let i = 0; i < width; i++) {
      const xi = x[offset + i]!;
      if (xi === 0) continue;
      for (let j = i; j < width; j++) out[i * width + j]! += xi * y[offset + j]!;
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) out[i * width + j] = out[j * width + i]!;
  return out;
}

function plainMultiplyByUpper(x: Float64Array, rows: number, width: number, upper: Float64Array): void {
  const row = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    row.fill(0);
    for (let i = 0; i < width; i++) {
      const xi = x[r * width + i]!;
      for (let j = i; j < width; j++) row[j]! += xi * upper[i * width + j]!;
    }
    x.set(row, r * width);
  }
}

function gaussianMatrix(length: number, seed: number, zeroRowsEvery = 0, width = 1): Float64Array {
  const random = createRandom(seed);
  const m = Float64Array.from({ length }, () => random.gaussian());
  if (zeroRowsEvery > 0) for (let r = 0; r * width < length; r += zeroRowsEvery) m.fill(0, r * width, (r + 1) * width);
  return m;
}

function expectSameBits(actual: Float64Array, expected: Float64Array) {
  expect(actual.length).toBe(expected.length);
  let differing = 0;
  for (let i = 0; i < actual.length; i++) if (!Object.is(actual[i], expected[i])) differing++;
  expect(differing).toBe(0);
}

// Shapes around the blocking: widths and row counts below, at and off multiples of 4 and of the row chunk (32).
const SHAPES: [number, number][] = [
  [1, 1],
  [3, 2],
  [5, 4],
  [7, 5],
  [33, 8],
  [64, 13],
  [130, 112],
  [97, 37],
];

describe('dense kernels', () => {
  it.each(SHAPES)('symmetricGram of %i × %i rows gives the plain loop’s bits', (rows, width) => {
    const x = gaussianMatrix(rows * width, rows + width, 5, width);
    const y = gaussianMatrix(rows * width, rows * width);
    expectSameBits(symmetricGram(x, y, rows, width), plainGram(x, y, rows, width));
    expectSameBits(symmetricGram(x, x, rows, width), plainGram(x, x, rows, width));
  });

  it.each(SHAPES)('multiplyByUpperInPlace of %i × %i rows gives the plain loop’s bits', (rows, width) => {
    const x = gaussianMatrix(rows * width, 7 * rows + width, 3, width);
    const upper = gaussianMatrix(width * width, width);
    for (let i = 0; i < width; i++) upper.fill(0, i * width, i * width + i);
    const expected = Float64Array.from(x);
    plainMultiplyByUpper(expected, rows, width, upper);
    multiplyByUpperInPlace(x, rows, width, upper);
    expectSameBits(x, expected);
  });
});

// lib/cluster/lsa.ts's mixRows before the blocking: four interleaved partial sums over the mixing matrix transposed.
function plainMultiplyToFloat32(p: Float64Array, rows: number, width: number, m: Float64Array, dimensions: number) {
  const mT = new Float64Array(dimensions * width);
  for (let c = 0; c < width; c++) for (let d = 0; d < dimensions; d++) mT[d * width + c] = m[c * dimensions + d]!;
  const out = new Float32Array(rows * dimensions);
  for (let row = 0; row < rows; row++) {
    for (let d = 0; d < dimensions; d++) {
      const s = [0, 0, 0, 0];
      let c = 0;
      for (; c + 3 < width; c += 4)
        for (let i = 0; i < 4; i++) s[i]! += p[row * width + c + i]! * mT[d * width + c + i]!;
      for (; c < width; c++) s[0]! += p[row * width + c]! * mT[d * width + c]!;
      out[row * dimensions + d] = s[0]! + s[1]! + s[2]! + s[3]!;
    }
  }
  return out;
}

describe('multiplyToFloat32', () => {
  it.each([
    [1, 1, 1],
    [3, 5, 2],
    [4, 7, 6],
    [9, 112, 100],
    [13, 30, 17],
    [40, 13, 8],
  ])('%i rows × width %i → %i dimensions gives the plain loop’s bits', (rows, width, dimensions) => {
    const p = gaussianMatrix(rows * width, rows * 31 + width);
    const m = gaussianMatrix(width * dimensions, dimensions + 5);
    const actual = multiplyToFloat32(p, rows, width, m, dimensions);
    const expected = plainMultiplyToFloat32(p, rows, width, m, dimensions);
    expect(actual.length).toBe(expected.length);
    expect(actual.filter((v, i) => !Object.is(v, expected[i])).length).toBe(0);
  });
});
