import { describe, expect, it } from 'vitest';
import { createRandom } from '../../lib/cluster/random';

describe('fillGaussian', () => {
  it('gives the numbers of repeated gaussian() calls and leaves the same state, whatever the spare', () => {
    for (const [before, length] of [
      [0, 10],
      [1, 10],
      [0, 7],
      [1, 7],
      [3, 1],
      [2, 0],
    ] as const) {
      const batched = createRandom(5);
      const single = createRandom(5);
      for (let i = 0; i < before; i++) expect(batched.gaussian()).toBe(single.gaussian());
      const out = new Float64Array(length);
      batched.fillGaussian(out);
      expect(Array.from(out)).toEqual(Array.from({ length }, () => single.gaussian()));
      // Same state after: the spare (if any) and the stream.
      expect([batched.gaussian(), batched.gaussian(), batched.next()]).toEqual([
        single.gaussian(),
        single.gaussian(),
        single.next(),
      ]);
    }
  });
});

// The generator before its state moved into an Int32Array (closure variables): the stream must not change.
function plainRandom(seed: number): () => number {
  let state = Math.floor(seed) | 0;
  const init = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

describe('createRandom', () => {
  it('draws the stream of the closure-state generator', () => {
    for (const seed of [0, 1, 7, -5, 2 ** 31 - 1, 123456789]) {
      const random = createRandom(seed);
      const plain = plainRandom(seed);
      const drawn = Array.from({ length: 5000 }, () => random.next());
      expect(drawn).toEqual(Array.from({ length: 5000 }, () => plain()));
    }
  });
});
