/**
 * End-to-end encryption of the replicated documents, with WebCrypto (the extension and Node 20 both have it); the
 * ids' HMAC-SHA-256 is computed in lib/sync/hmac.ts, synchronously, with the same result.
 *
 * - One passphrase per library. PBKDF2-SHA-256 with a random 16-byte salt and `iterations` derives 768 bits: an
 *   AES-256-GCM key for the documents, an HMAC-SHA-256 key for their ids, and a key-check value. Salt, iteration
 *   count and check value are the one plaintext document on the server (`paperlane-key`): a second device derives
 *   the same keys from the same passphrase, and a wrong passphrase gives another check value and is refused
 *   before anything is written.
 * - A document's id is the HMAC of its kind and key (the paper's id, the tag's name): the server sees no arXiv id,
 *   DOI, title or tag, and one paper always has the same id on every device.
 * - A document's body is AES-GCM with a fresh 96-bit IV, its id as additional data (a server that moves a
 *   ciphertext to another id makes it fail), and its plaintext padded to a multiple of 512 bytes so that sizes
 *   say little about what is inside.
 */
import { z } from '../paper/zod';
import { HmacSha256 } from './hmac';

export const KEY_DOC_ID = 'paperlane-key';
export const KEY_FORMAT = 'paperlane-sync-key';
/** OWASP's 2023 advice for PBKDF2-SHA-256. */
export const DEFAULT_ITERATIONS = 600_000;
const PAD = 512;

export const KeyDoc = z.object({
  _id: z.literal(KEY_DOC_ID),
  _rev: z.string().optional(),
  format: z.literal(KEY_FORMAT),
  version: z.literal(1),
  kdf: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(10_000).max(10_000_000),
  salt: z.string().min(16).max(64),
  check: z.string().min(16).max(128),
});
export type KeyDoc = z.infer<typeof KeyDoc>;

export const EncryptedDoc = z.object({
  _id: z.string().regex(/^[0-9a-f]{64}$/),
  _rev: z.string().optional(),
  e: z.literal(1),
  iv: z.string().min(16).max(16),
  ct: z.string().max(20_000_000),
});
export type EncryptedDoc = z.infer<typeof EncryptedDoc>;

/** `ids`: the HMAC key of document ids, held as its two compressed blocks (lib/sync/hmac.ts). */
export type SyncKeys = { enc: CryptoKey; ids: HmacSha256; check: string };

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The raw key material (enc ‖ mac ‖ check): what a device keeps instead of the passphrase. */
export async function deriveKeyMaterial(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const base = await subtle().importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 768);
  return new Uint8Array(bits);
}

export async function keysFromMaterial(material: Uint8Array<ArrayBuffer>): Promise<SyncKeys> {
  if (material.length !== 96) throw new Error('sync key material must be 96 bytes');
  const enc = await subtle().importKey('raw', material.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { enc, ids: new HmacSha256(material.slice(32, 64)), check: toBase64(material.slice(64, 96)) };
}

/** A new library's key document: random salt, the iteration count, and the check value of `passphrase`. */
export async function newKeyDoc(
  passphrase: string,
  iterations = DEFAULT_ITERATIONS,
): Promise<{ doc: KeyDoc; material: Uint8Array<ArrayBuffer> }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const material = await deriveKeyMaterial(passphrase, salt, iterations);
  const keys = await keysFromMaterial(material);
  return {
    doc: {
      _id: KEY_DOC_ID,
      format: KEY_FORMAT,
      version: 1,
      kdf: 'PBKDF2-SHA-256',
      iterations,
      salt: toBase64(salt),
      check: keys.check,
    },
    material,
  };
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('Wrong passphrase for this library');
    this.name = 'WrongPassphraseError';
  }
}

/** The key material for `passphrase` if it is this library's; throws WrongPassphraseError if not. */
export async function unlock(doc: KeyDoc, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const material = await deriveKeyMaterial(passphrase, fromBase64(doc.salt), doc.iterations);
  const keys = await keysFromMaterial(material);
  if (!constantTimeEqual(keys.check, doc.check)) throw new WrongPassphraseError();
  return material;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}

/** The server's id for a document: HMAC-SHA-256 of its kind and key, 64 hex digits. */
export async function documentId(keys: SyncKeys, kind: string, key: string): Promise<string> {
  return hex(keys.ids.sign(encoder.encode(`${kind}\u0000${key}`)));
}

export async function encryptDoc(keys: SyncKeys, id: string, plaintext: unknown): Promise<EncryptedDoc> {
  const json = JSON.stringify(plaintext);
  const padded = json + ' '.repeat((PAD - (json.length % PAD)) % PAD);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(id) },
    keys.enc,
    encoder.encode(padded),
  );
  return { _id: id, e: 1, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** The plaintext of an encrypted document (still to be checked with zod), or null when it does not decrypt. */
export async function decryptDoc(keys: SyncKeys, doc: unknown): Promise<unknown | null> {
  const parsed = EncryptedDoc.safeParse(doc);
  if (!parsed.success) return null;
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64(parsed.data.iv), additionalData: encoder.encode(parsed.data._id) },
      keys.enc,
      fromBase64(parsed.data.ct),
    );
    return JSON.parse(decoder.decode(plain));
  } catch {
    return null;
  }
}
