/**
 * Text as Paperlane stores it: plain, one line, no markup, no controls that could reorder what a view shows.
 * Page text passes through here before it reaches a record, so no field ever carries markup.
 */

// Tags and comments, not a lone `<` as in `x < y` or TeX `$a<b$`.
const MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>/g;
// C0/C1 controls except tab/newline, and bidirectional embeddings/overrides/isolates (U+202A–E, U+2066–9)
// which let hostile text flip the reading order of everything after it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** One line of plain text: markup and controls removed, runs of white space collapsed. */
export function plainText(raw: string): string {
  return raw.replace(MARKUP, ' ').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** Plain text that keeps paragraph breaks (abstracts, notes). */
export function plainParagraphs(raw: string): string {
  return raw
    .replace(MARKUP, ' ')
    .replace(CONTROLS, '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** A number as printed on a page ("1.2k", "3,041", " 17 "), or null. */
export function parseCount(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const m = /^\s*([\d,.]+)\s*([kKmM])?\s*$/.exec(raw);
  if (!m?.[1]) return null;
  const scale = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  const value = m[2] ? Number(m[1].replace(/,/g, '')) : Number(m[1].replace(/[,.]/g, ''));
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}
