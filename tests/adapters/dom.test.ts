/**
 * The shortcuts in lib/adapters/dom.ts and lib/paper (written out for speed: bench/extract.bench.ts) must give what
 * the plain forms they replace give: checked on random strings built from the characters that matter to each.
 */
import { describe, expect, it } from 'vitest';
import { absoluteUrl, collapse, hasClass } from '../../lib/adapters/dom';
import { arxivIdFromUrl } from '../../lib/paper/ids';
import { HttpUrl } from '../../lib/paper/schema';

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

function randomFrom(pieces: readonly string[], rng: () => number, maxLength: number): string {
  const length = Math.floor(rng() * maxLength);
  let out = '';
  for (let i = 0; i < length; i++) out += pieces[Math.floor(rng() * pieces.length)];
  return out;
}

// Every character JavaScript's `\s` matches, and neighbours that it does not (U+0085, U+180E, U+200B).
const SPACES = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029'];
const SPACE_PIECES = [
  ...SPACES,
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u180e',
  '\u200b',
  'a',
  'bc',
  '  ',
  '\n   ',
];

describe('collapse', () => {
  it("gives what text.replace(/\\s+/g, ' ').trim() gives, on 50,000 random strings", () => {
    const rng = prng(3);
    for (let i = 0; i < 50_000; i++) {
      const s = randomFrom(SPACE_PIECES, rng, 16);
      expect(collapse(s), JSON.stringify(s)).toBe(s.replace(/\s+/g, ' ').trim());
    }
  });

  it('treats every UTF-16 code unit between two letters as the regex does', () => {
    for (let code = 0; code < 0x10000; code++) {
      const s = `a${String.fromCharCode(code)}b`;
      if (collapse(s) !== s.replace(/\s+/g, ' ').trim()) expect.fail(`U+${code.toString(16)}`);
    }
  });
});

describe('hasClass', () => {
  it('finds a class among several, never a part of one', () => {
    const el = document.createElement('div');
    el.setAttribute('class', ' list-title  mathjax\tx');
    expect(hasClass(el, 'list-title')).toBe(true);
    expect(hasClass(el, 'mathjax')).toBe(true);
    expect(hasClass(el, 'list')).toBe(false);
    expect(hasClass(document.createElement('p'), 'list-title')).toBe(false);
  });
});

describe('absoluteUrl', () => {
  it('resolves against each base it is given, also when bases alternate', () => {
    const arxiv = new URL('https://arxiv.org/list/cs/new');
    const hf = new URL('http://huggingface.co/papers');
    expect(absoluteUrl('/abs/2609.22268', arxiv)).toBe('https://arxiv.org/abs/2609.22268');
    expect(absoluteUrl('/papers/2609.22268', hf)).toBe('http://huggingface.co/papers/2609.22268');
    expect(absoluteUrl('/abs/2609.22268', arxiv)).toBe('https://arxiv.org/abs/2609.22268');
    expect(absoluteUrl('/x/../abs/1', arxiv)).toBe('https://arxiv.org/abs/1');
    expect(absoluteUrl('/abs/1', new URL('file:///tmp/page.html'))).toBeNull();
  });
});

describe('arxivIdFromUrl on a path-absolute href', () => {
  const PATH_PIECES = [
    '/abs/',
    '/pdf/',
    '/html/',
    '/format/',
    '/list/',
    '2609.22268',
    '2609',
    '.',
    '..',
    '/',
    'v2',
    '.pdf',
    'hep-th',
    '9901001',
    'math.AG',
    '%2F',
    '?x=1',
    '#v',
    'A',
    '-',
  ];
  const BASES = [
    'https://arxiv.org/list/cs/new',
    'http://export.arxiv.org/abs/1',
    'https://www.arxiv.org',
    'https://arxiv.org.evil.example/',
    'https://ARXIV.org/x',
  ];

  it('reads the id as the URL parser would, on 20,000 random hrefs', () => {
    const rng = prng(11);
    for (let i = 0; i < 20_000; i++) {
      const href = `/${randomFrom(PATH_PIECES, rng, 6)}`;
      const base = BASES[i % BASES.length] as string;
      // The absolute form takes the parser's way (no base): the reference for the shortcut.
      let absolute: string | null = null;
      try {
        absolute = new URL(href, base).href;
      } catch {
        // `//…` names a host, which may not parse: no id then either.
      }
      const expected = absolute === null ? null : arxivIdFromUrl(absolute);
      expect(arxivIdFromUrl(href, base), `${href} on ${base}`).toEqual(expected);
    }
  });
});

describe('HttpUrl', () => {
  const URL_PIECES = [
    'http',
    's',
    '://',
    'a',
    'arxiv',
    '.',
    'org',
    '-',
    '0',
    '1',
    '9',
    ':',
    '8080',
    '99999',
    '/',
    'abs',
    '~',
    '_',
    '%',
    ' ',
    'x.y',
    '0x1',
    '[',
    '@',
    '?',
    '#',
  ];

  it('accepts exactly the http(s) URLs that the URL parser accepts, on 20,000 random strings', () => {
    const rng = prng(5);
    const parserSays = (v: string): boolean => {
      try {
        const url = new URL(v.trim());
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    };
    const HOST = ['a', 'arxiv', '.', 'org', '-', '0', '1', '9', '255', '999', '0x1', 'x.y', '_', '%41', '[::1]'];
    const PORT = ['', '', ':', ':0', ':80', ':8080', ':65535', ':65536', ':99999', ':x'];
    const PATH = ['', '/', '/abs', '/2609.22268', '/~u', '/a b', '/%zz', '?q', '#f', '/..', '\\'];
    for (let i = 0; i < 20_000; i++) {
      const pick = (pieces: readonly string[]) => pieces[Math.floor(rng() * pieces.length)] as string;
      const v =
        i % 3 === 0
          ? randomFrom(URL_PIECES, rng, 10)
          : `${pick(['http://', 'https://', 'HTTP://', 'ftp://', 'http:/'])}${randomFrom(HOST, rng, 5)}${pick(PORT)}${randomFrom(PATH, rng, 3)}`;
      expect(HttpUrl.safeParse(v).success, JSON.stringify(v)).toBe(parserSays(v));
    }
    for (const v of [
      'https://a:99999',
      'http://999.1.1.1',
      'http://1.2.3.4.5',
      'http://0x1/',
      'https://a.b-c.d/x~y_z',
      'http://a..b',
    ]) {
      expect(HttpUrl.safeParse(v).success, v).toBe(parserSays(v));
    }
  });
});
