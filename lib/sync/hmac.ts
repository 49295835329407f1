/**
 * HMAC-SHA-256 (FIPS 180-4, RFC 2104) computed synchronously, for document ids only: WebCrypto's `sign` is one
 * asynchronous job per call, and a first pull of 50,000 papers asks for 50,000 ids (measured in Node: about 80 µs
 * a call under load, most of it the job's round trip, against a few µs here). The result is the same bytes as
 * WebCrypto's (tests/sync/hmac.test.ts compares them); encryption stays with WebCrypto.
 */

function primes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}

/** The first 32 bits of the fractional parts of the primes' square roots (H0) and cube roots (K), as the standard defines them. */
const fraction = (x: number) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
const P = primes(64);
const H0 = Uint32Array.from(P.slice(0, 8), (p) => fraction(Math.sqrt(p)));
const K = Uint32Array.from(P, (p) => fraction(Math.cbrt(p)));

const w = new Uint32Array(64);

/** One compression of the 64-byte block at `offset` into `state`. */
function compress(state: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] =
      ((block[j] as number) << 24) |
      ((block[j + 1] as number) << 16) |
      ((block[j + 2] as number) << 8) |
      (block[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] as number;
    const b = w[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** SHA-256 of `data`, continuing from `state` after `before` bytes already compressed. */
function finish(state: Uint32Array, data: Uint8Array, before: number): Uint8Array {
  const s = Uint32Array.from(state);
  const blocks = Math.floor(data.length / 64);
  for (let i = 0; i < blocks; i++) compress(s, data, i * 64);
  const rest = data.length - blocks * 64;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(blocks * 64));
  tail[rest] = 0x80;
  const bits = (before + data.length) * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let i = 0; i < tail.length; i += 64) compress(s, tail, i);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, s[i] as number);
  return out;
}

export function sha256(data: Uint8Array): Uint8Array {
  return finish(H0, data, 0);
}

/** HMAC-SHA-256 under one key, with the key's inner and outer blocks compressed once. */
export class HmacSha256 {
  private readonly inner = Uint32Array.from(H0);
  private readonly outer = Uint32Array.from(H0);

  constructor(key: Uint8Array) {
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? sha256(key) : key);
    const ipad = block.map((b) => b ^ 0x36);
    const opad = block.map((b) => b ^ 0x5c);
    compress(this.inner, ipad, 0);
    compress(this.outer, opad, 0);
  }

  sign(message: Uint8Array): Uint8Array {
    return finish(this.outer, finish(this.inner, message, 64), 64);
  }
}
