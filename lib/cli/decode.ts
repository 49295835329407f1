/**
 * A saved page's bytes as text, decoded as a browser would once it knows the real encoding: UTF-8 when the bytes
 * are UTF-8 (the 2020 Scholar pages claim ISO-8859-1 in a meta tag and are UTF-8: read as Latin-1, every no-break
 * space becomes "Â "), else Windows-1252, what browsers make of a page labelled Latin-1 (the 2015 Scholar profile,
 * whose 0x92 is a right single quote). Node's own "windows-1252" decoder is plain Latin-1 (0x92 → U+0092, a control),
 * so the 0x80–0x9F row is mapped here.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodePage(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const chunk = bytes.subarray(i, i + 8192);
      text += Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join(
        '',
      );
    }
    return text;
  }
}
