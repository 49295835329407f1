/**
 * A small seeded PRNG (sfc32 seeded through splitmix32), so that clustering is reproducible for a seed in every
 * browser and in Node; `Math.random` cannot be seeded.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
  /** `out[i] = gaussian()` for every i, in order (the same numbers and the same state after), without a call and a
   * boxed spare per number: the LSA start block is a quarter of a million of them. */
  fillGaussian(out: Float64Array): void;
};

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  const init = splitmix32(Math.floor(seed) | 0);
  // The four words of state in an Int32Array rather than closure variables: a closure variable holding an int32
  // outside V8's small-integer range (most of them) is a heap number, so every draw allocated up to four. Every
  // step below is modulo 2³², so storing the words as int32 changes no output.
  const state = Int32Array.of(init(), init(), init(), init());
  const nextUint = (): number => {
    const a = state[0]!;
    const b = state[1]!;
    const c = state[2]!;
    const d = state[3]!;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  let spareGaussian: number | null = null;
  const next = () => nextUint() / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    fillGaussian: (out) => {
      let i = 0;
      if (spareGaussian !== null && out.length > 0) {
        out[0] = spareGaussian;
        spareGaussian = null;
        i = 1;
      }
      for (; i + 1 < out.length; i += 2) {
        const radius = Math.sqrt(-2 * Math.log(1 - next()));
        const angle = 2 * Math.PI * next();
        out[i] = radius * Math.cos(angle);
        out[i + 1] = radius * Math.sin(angle);
      }
      if (i < out.length) {
        const radius = Math.sqrt(-2 * Math.log(1 - next()));
        const angle = 2 * Math.PI * next();
        spareGaussian = radius * Math.sin(angle);
        out[i] = radius * Math.cos(angle);
      }
    },
    gaussian: () => {
      if (spareGaussian !== null) {
        const value = spareGaussian;
        spareGaussian = null;
        return value;
      }
      // 1 - next() is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spareGaussian = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
