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
