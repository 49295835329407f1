/**
 * Text as Paperlane stores it: plain, one line, no markup, no controls that could reorder what a view shows.
 * Page text passes through here before it reaches a record, so no field ever carries markup.
 *
 * Every record field goes through here (the schema's transforms), most of them already clean: adapters hand over
 * collapsed text. One quick test finds the strings that need no work, which are returned as they are — the result
 * is the same as the full passes (tests/paper/text.test.ts checks this on random strings).
 */

// Tags and comments, not a lone `<` as in `x < y` or TeX `$a<b$`. After a tag's name a slash separates as a space
// does, as HTML parses it: `<svg/onload=alert(1)>` is a tag.
const MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>/g;
const HAS_MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>/;
// C0/C1 controls except tab/newline, and bidirectional embeddings/overrides/isolates (U+202A–E, U+2066–9)
// which let hostile text flip the reading order of everything after it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// Half of a UTF-16 surrogate pair on its own (cut strings, hostile pages): not a character, and it makes
// encodeURIComponent throw. Replaced by U+FFFD, as TextEncoder would.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Whatever the passes below could change, bar a single space between words: a `<`, a control (tab and newline
// included), a surrogate, or white space other than U+0020 (the JS `\s` set spelled out: one character class is
// a fast scan, where an alternation is tried at every position). Two spaces in a row are checked apart.
const NEEDS_WORK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[<\u0000-\u001F\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000\uFEFF\uD800-\uDFFF]/;

// The last strings found plain. An adapter cleans a card's title, authors and abstract (`plainLine`, `plainText`)
// and the schema checks them again a moment later (its `plainText` overwrite): that second check of a 1,500-character
// abstract is two full scans, where finding the same string here is, for the very same string object, a pointer
// comparison. Only the answer of `isPlain` itself is remembered, for equal text: nothing makes a string plain by
// saying so.
const RECENT = 16;
const recentPlain: string[] = [];
let recentNext = 0;

/** Whether `text` is already plain: one line, no markup, no controls, single spaces, nothing to trim. */
function isPlain(text: string): boolean {
  if (text === '') return true;
  for (let i = 0; i < recentPlain.length; i++) if (recentPlain[i] === text) return true;
  const plain =
    text.charCodeAt(0) !== 32 &&
    text.charCodeAt(text.length - 1) !== 32 &&
    !NEEDS_WORK.test(text) &&
    !text.includes('  ');
  if (plain) {
    recentPlain[recentNext] = text;
    recentNext = (recentNext + 1) % RECENT;
  }
  return plain;
}

// White space other than a plain space or a newline (the JavaScript `\s` set, spelled out as one character class:
// a single-class test is a fast scan, where an alternation is tried at every position).
const ODD_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * One line of text: white space collapsed, exactly as `text.replace(/\s+/g, ' ').trim()` (tests/adapters/dom.test.ts
 * compares the two on random strings). That regex "replaces" every single space between words, hundreds per
 * abstract, and was the costliest step of reading a listing (bench/extract.bench.ts). Page text is mostly lines
 * of single-spaced words with indentation: lines are trimmed and joined, and only text with other white space
 * left in it goes through the regex.
 */
export function collapse(text: string): string {
  let line = text;
  if (text.includes('\n')) {
    line = '';
    for (const part of text.split('\n')) {
      const trimmed = part.trim();
      if (trimmed) line = line ? `${line} ${trimmed}` : trimmed;
    }
  } else line = text.trim();
  return ODD_SPACE.test(line) || line.includes('  ') ? line.replace(/\s+/g, ' ') : line;
}

/**
 * Page text as a record keeps a line of it: `plainText(collapse(raw))`, what the schema makes of an adapter's
 * collapsed text, computed once. Text that is plain once trimmed (nearly every title and abstract: one line between
 * the indentation of the markup) is returned after one check, and that check is remembered for the schema.
 */
export function plainLine(raw: string): string {
  const line = raw.trim();
  return isPlain(line) ? line : plainText(collapse(raw));
}

/** Tags removed until none is left: removing one must not join the pieces of another (`<scr<b>ipt>`). */
function withoutTags(raw: string): string {
  let text = raw;
  // Each pass removes at least one tag of three or more characters for one space: it ends.
  while (HAS_MARKUP.test(text)) text = text.replace(MARKUP, ' ');
  return text;
}

/**
 * Tags, then controls, then tags again: removing a control must not join a tag either
 * (`<img\u0000 src=x onerror=…>`), which the earlier single pass of each let through.
 */
function withoutMarkup(raw: string): string {
  return withoutTags(withoutTags(raw).replace(CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD'));
}

/**
 * `raw` trimmed, where that is all it needs: white space around a plain line (an abstract that ends in a space)
 * leaves nothing for the full passes to do but drop it, in plainText and plainParagraphs alike (the passes remove no
 * character of a plain line, and the white space around it collapses to nothing; tests/paper/text.test.ts compares
 * them on random strings with white space around). Null when the text needs the full passes.
 */
function trimmedIfPlain(raw: string): string | null {
  const trimmed = raw.trim();
  return trimmed !== raw && isPlain(trimmed) ? trimmed : null;
}

/** One line of plain text: markup and controls removed, runs of white space collapsed. */
export function plainText(raw: string): string {
  if (isPlain(raw)) return raw;
  return trimmedIfPlain(raw) ?? withoutMarkup(raw).replace(/\s+/g, ' ').trim();
}

/** Plain text that keeps paragraph breaks (abstracts, notes). */
export function plainParagraphs(raw: string): string {
  // A plain line is one paragraph, already clean.
  if (isPlain(raw)) return raw;
  const trimmed = trimmedIfPlain(raw);
  if (trimmed !== null) return trimmed;
  return withoutMarkup(raw)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Where a paper appeared, as one line of plain text, unless it only says "arXiv" in some form (`arXiv preprint
 * arXiv:1706.03762`, `ArXiv`, DBLP's `CoRR`): an arXiv paper is told by its arXiv id, and such a string is a
 * citation of it, not a place it appeared in. Null when nothing is left.
 */
export function venueOf(raw: string | null | undefined): string | null {
  const venue = raw == null ? '' : plainText(raw);
  if (!venue || /^(?:arxiv\b|corr$|corr\b.*abs\/)/i.test(venue)) return null;
  return venue;
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
