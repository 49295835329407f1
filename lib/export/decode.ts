/**
 * The bytes of an import file to text, told by the bytes themselves: reference managers write UTF-8 (with or
 * without a BOM), Windows tools UTF-16 (LE or BE, with or without a BOM) or Windows-1252/Latin-1, and a header
 * such as JabRef's `% Encoding: windows-1252` is often wrong (JabRef's own test files show both directions).
 * A file that is not text at all (a gzip or zip archive, a PDF, any binary) is refused with words that say so.
 */

export type Decoded =
  | { ok: true; text: string; encoding: string }
  | { ok: false; message: string; reason: 'empty' | 'compressed' | 'binary' | 'encoding' };

const MAGIC: [string, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM: text in Latin script has a zero in every other byte. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Control characters no text file holds (NUL and the C0 controls other than tab, line ends and form feed). */
function looksBinary(text: string): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 26 && c !== 27) controls++;
  }
  return controls > Math.max(8, sample.length / 100);
}

// Bytes Windows-1252 leaves undefined: a file that holds them is in some other single-byte encoding.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function decodeWith(encoding: string, bytes: Uint8Array, fatal = false): string | null {
  try {
    return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** The encoding a file names for itself in its first lines (JabRef's `% Encoding: …`, an `@comment{jabref-meta…`). */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /^%\s*Encoding:\s*([\w.:-]+)/im.exec(head);
  return m ? (m[1] as string) : null;
}

export function decodeFile(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'the file is empty' };
  for (const [name, magic] of MAGIC) {
    if (startsWith(bytes, magic)) {
      return {
        ok: false,
        reason: 'compressed',
        message: `the file is a compressed ${name} archive, not a reference file: unpack it and import what is inside`,
      };
    }
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return { ok: false, reason: 'binary', message: 'the file is a PDF, not a reference file' };
  }
  let text: string | null = null;
  let encoding = 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    return {
      ok: false,
      reason: 'encoding',
      message: 'the file is in UTF-32, an encoding we cannot read: save it as UTF-8',
    };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = decodeWith('utf-8', bytes.subarray(3));
  else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = decodeWith(encoding, bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    text = decodeWith(encoding, bytes.subarray(2));
  } else {
    const order = utf16Order(bytes);
    if (order) {
      encoding = order;
      text = decodeWith(order, bytes);
    } else {
      text = decodeWith('utf-8', bytes, true);
      if (text === null) {
        // Not UTF-8: a single-byte encoding. The file's own header is believed only when it names one we know;
        // otherwise Windows-1252, which is what Latin-1 files are in practice, unless the bytes rule it out.
        const declared = declaredEncoding(bytes);
        const named = declared && !/^utf-?8$/i.test(declared) ? decodeWith(declared, bytes, true) : null;
        if (named !== null && declared) {
          encoding = declared.toLowerCase();
          text = named;
        } else if (bytes.some((b) => UNDEFINED_1252.has(b))) {
          return {
            ok: false,
            reason: 'encoding',
            message:
              'the file is in an encoding we cannot tell (neither UTF-8, UTF-16 nor Latin-1/Windows-1252): save it as UTF-8 and import it again',
          };
        } else {
          encoding = 'windows-1252';
          text = decodeWith(encoding, bytes);
        }
      }
    }
  }
  if (text === null) {
    return { ok: false, reason: 'encoding', message: `the file is not valid ${encoding.toUpperCase()} text` };
  }
  text = text.replace(/^\uFEFF/, '');
  if (looksBinary(text)) {
    return { ok: false, reason: 'binary', message: 'the file is binary data, not a text reference file' };
  }
  if (!/\S/.test(text)) return { ok: false, reason: 'empty', message: 'the file holds only white space' };
  return { ok: true, text, encoding };
}
