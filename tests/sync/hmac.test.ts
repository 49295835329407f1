// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { documentId, keysFromMaterial } from '../../lib/sync/crypto';
import { HmacSha256, sha256 } from '../../lib/sync/hmac';

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('HMAC-SHA-256 without WebCrypto gives the same bytes as WebCrypto', () => {
  it('SHA-256 of the standard examples', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('HMAC of messages of every length up to 300 bytes, and of keys of 32, 64 and 100 bytes', async () => {
    for (const keyLength of [32, 64, 100]) {
      const key = crypto.getRandomValues(new Uint8Array(keyLength));
      const ours = new HmacSha256(key);
      const theirs = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      for (let length = 0; length <= 300; length++) {
        const message = crypto.getRandomValues(new Uint8Array(length));
        expect(hex(ours.sign(message)), `key ${keyLength}, message ${length}`).toBe(
          hex(await crypto.subtle.sign('HMAC', theirs, message)),
        );
      }
    }
    // RFC 4231 test case 1.
    const key = new Uint8Array(20).fill(0x0b);
    expect(hex(new HmacSha256(key).sign(new TextEncoder().encode('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });

  it("a document's id is the one earlier versions made with WebCrypto, so servers' documents keep their ids", async () => {
    const material = crypto.getRandomValues(new Uint8Array(96));
    const mac = await crypto.subtle.importKey('raw', material.slice(32, 64), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    const keys = await keysFromMaterial(material);
    for (const [kind, key] of [
      ['paper', '2501.00001'],
      ['paper', '10.1000/ÿ-é'],
      ['tag', 'to-read'],
      ['settings', ''],
    ] as const) {
      const webCrypto = hex(await crypto.subtle.sign('HMAC', mac, new TextEncoder().encode(`${kind}\u0000${key}`)));
      expect(await documentId(keys, kind, key)).toBe(webCrypto);
    }
  });
});
