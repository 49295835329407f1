/**
 * plainText / plainParagraphs: the quick path (strings that are already plain are returned as they are) must
 * give exactly what the full passes give, on random strings built from what matters to them: tags and pieces of
 * tags, controls, bidi marks, lone surrogates, every kind of white space.
 */
import { describe, expect, it } from 'vitest';
import { collapse, parseCount, plainLine, plainParagraphs, plainText } from '../../lib/paper/text';

// The full passes, written out as the specification (no quick path).
const MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the specification strips them
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function stripTags(raw: string): string {
  let text = raw;
  for (let next = text.replace(MARKUP, ' '); next !== text; next = text.replace(MARKUP, ' ')) text = next;
  return text;
}
const stripAll = (raw: string): string =>
  stripTags(stripTags(raw).replace(CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD'));
const referenceText = (raw: string): string => stripAll(raw).replace(/\s+/g, ' ').trim();
const referenceParagraphs = (raw: string): string =>
  stripAll(raw)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');

// The implementation before the quick path (markup first, one pass, then controls), for the comparison below.
const previousText = (raw: string): string =>
  raw.replace(MARKUP, ' ').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'b',
  'Z',
  'x',
  '1',
  'é',
  '数',
  '😀',
  '$a<b$',
  ' ',
  ' ',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '\r\n',
  '\u00A0',
  '\u2028',
  '\u3000',
  '\uFEFF',
  '\u200B',
  '<',
  '>',
  '/',
  '=',
  '"',
  '<b>',
  '</b>',
  '<br/>',
  '<a href="x">',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<scr',
  'ipt>',
  '<!DOCTYPE html>',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009B',
  '\u202E',
  '\u202C',
  '\u2066',
  '\u2069',
  '\uD800',
  '\uDC00',
  '\uD83D',
  '\uDE00',
  'x < y',
  'a>b',
];

function randomString(rng: () => number): string {
  const length = Math.floor(rng() * 24);
  let out = '';
  for (let i = 0; i < length; i++) out += PIECES[Math.floor(rng() * PIECES.length)];
  return out;
}

const HAS_MARKUP = /<!--|<\/?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>/;
const HAS_SURROGATE = /[\uD800-\uDFFF]/;

describe('plainText and plainParagraphs', () => {
  it('give what the full passes give, on 20,000 random strings', () => {
    const rng = prng(42);
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(rng);
      expect(plainText(s), JSON.stringify(s)).toBe(referenceText(s));
      expect(plainParagraphs(s), JSON.stringify(s)).toBe(referenceParagraphs(s));
    }
  });

  it('give what the full passes give on plain lines with white space around them (an abstract ending in a space)', () => {
    const rng = prng(11);
    const around = [' ', '  ', '\n', '\n\n', '\t', '\r\n', '\u00A0', '\u2028', '\u3000', '\uFEFF', '\u000B', '\u000C'];
    const space = () => {
      let out = '';
      for (let n = Math.floor(rng() * 4); n > 0; n--) out += around[Math.floor(rng() * around.length)];
      return out;
    };
    let trimmed = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = `${space()}${plainText(randomString(rng))}${space()}`;
      if (s !== s.trim()) trimmed++;
      expect(plainText(s), JSON.stringify(s)).toBe(referenceText(s));
      expect(plainParagraphs(s), JSON.stringify(s)).toBe(referenceParagraphs(s));
    }
    expect(trimmed).toBeGreaterThan(10_000);
  });

  it('are unchanged from the previous implementation wherever its one pass left no tag behind', () => {
    const rng = prng(7);
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(rng);
      const before = previousText(s);
      // Where the single pass left a tag (joined by removing another tag or a control) the new passes remove it too.
      if (HAS_MARKUP.test(before) || HAS_MARKUP.test(s.replace(MARKUP, ' ')) || HAS_SURROGATE.test(s)) continue;
      compared++;
      expect(plainText(s), JSON.stringify(s)).toBe(before);
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it('never leave markup, controls or lone surrogates, and are idempotent', () => {
    const rng = prng(99);
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(rng);
      const text = plainText(s);
      expect(text, JSON.stringify(s)).not.toMatch(/<\/?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
      expect(text, JSON.stringify(s)).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(text, JSON.stringify(s)).not.toMatch(LONE_SURROGATE);
      expect(plainText(text)).toBe(text);
      const paragraphs = plainParagraphs(s);
      expect(plainParagraphs(paragraphs)).toBe(paragraphs);
    }
  });

  it('return an already plain string as it is', () => {
    const title = 'Efficient spectral Galerkin framework for $a<b$ heat transfer';
    expect(plainText(title)).toBe(title);
    expect(plainParagraphs('One line.')).toBe('One line.');
    expect(plainText('')).toBe('');
  });

  it('close the holes of the single pass: tags joined by removing a tag or a control', () => {
    expect(plainText('<scr<b>ipt>alert(1)</scr</b>ipt>')).toBe('alert(1)');
    expect(plainText('<img\u0000 src=x onerror=alert(1)>x')).toBe('x');
    expect(plainText('<b\u0001>bold')).toBe('bold');
    // A slash after the name is a separator to HTML: these are tags, not text.
    expect(plainText('<svg/onload=alert(1)>caption')).toBe('caption');
    expect(plainText('<img/src=x/onerror=alert(1)>x <br/>y')).toBe('x y');
    expect(plainText('$a<b$ and $c>d$, 1 < 2 > 0')).toBe('$a<b$ and $c>d$, 1 < 2 > 0');
    expect(plainText('lone \uD800 half')).toBe('lone \uFFFD half');
    expect(plainText('pair 😀 kept')).toBe('pair 😀 kept');
  });

  it('keep paragraph breaks and collapse the rest', () => {
    expect(plainParagraphs('  First\nline.\n\n\n Second <i>para</i>.  ')).toBe('First line.\n\nSecond para .');
  });
});

describe('plainLine', () => {
  it('is plainText of the collapsed text, on 20,000 random strings', () => {
    const rng = prng(5);
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(rng);
      expect(plainLine(s), JSON.stringify(s)).toBe(referenceText(collapse(s)));
      // Indented the way markup indents text.
      const indented = `\n      ${s}\n    `;
      expect(plainLine(indented), JSON.stringify(indented)).toBe(referenceText(collapse(indented)));
    }
  });

  it('returns the trimmed line of an indented plain line', () => {
    expect(plainLine('\n          Efficient spectral Galerkin framework\n        ')).toBe(
      'Efficient spectral Galerkin framework',
    );
  });
});

describe('the memory of plain strings', () => {
  it('answers only for the very same text: a string of the same length is still cleaned', () => {
    const plain = 'A title that is plain enough';
    const hostile = 'A title <b>that</b> is plain';
    expect(hostile.length).toBe(plain.length);
    for (let round = 0; round < 3; round++) {
      expect(plainText(plain)).toBe(plain);
      expect(plainText(hostile)).toBe('A title that is plain');
      expect(plainParagraphs(hostile)).toBe('A title that is plain');
    }
  });

  it('gives the same answers however often and in whatever order strings come (random strings, repeated)', () => {
    const rng = prng(11);
    const pool = Array.from({ length: 64 }, () => randomString(rng));
    for (let i = 0; i < 20_000; i++) {
      const s = pool[Math.floor(rng() * pool.length)] as string;
      const line = plainLine(s);
      expect(plainText(line), JSON.stringify(s)).toBe(line);
      expect(plainText(s), JSON.stringify(s)).toBe(referenceText(s));
      expect(plainParagraphs(s), JSON.stringify(s)).toBe(referenceParagraphs(s));
    }
  });
});

describe('parseCount', () => {
  it('reads counts as printed', () => {
    expect(parseCount('1.2k')).toBe(1200);
    expect(parseCount('3,041')).toBe(3041);
    expect(parseCount(' 17 ')).toBe(17);
    expect(parseCount('n/a')).toBeNull();
  });
});
