/** Broken, hostile and odd files: every one gives located errors or papers, never a throw. */
import { describe, expect, test } from 'vitest';
import { importFile, toBibtex, toCslJson, toRis } from '../../lib/export';
import { hardPapers, realPapers } from './fixtures';

const sample = [...realPapers().slice(0, 40), ...hardPapers()];

/**
 * importFile never throws: it turns an exception of its own into the error "could not read the file: …". So "no
 * throw" is checked as "no such error": every refusal must come from the reader's own checks, with a place.
 */
function noInternalError(outcome: ReturnType<typeof importFile>): void {
  if (outcome.ok) return;
  for (const e of outcome.errors) {
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).not.toMatch(/^could not read the file/);
  }
}

/** A deterministic pseudo-random sequence, so a failing cut can be reproduced. */
function* randoms(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

describe.each([
  ['bibtex', toBibtex(sample)],
  ['ris', toRis(sample)],
  ['csl-json', toCslJson(sample)],
] as const)('%s', (format, text) => {
  test('cut anywhere: refused with located errors or read as the entries before the cut, never a throw', () => {
    const random = randoms(7);
    for (let i = 0; i < 200; i++) {
      const cut = Math.floor((random.next().value as number) * text.length);
      const outcome = importFile(text.slice(0, cut), format);
      if (outcome.ok) expect(outcome.papers.length).toBeLessThanOrEqual(sample.length);
      noInternalError(outcome);
    }
  });

  test('random bytes flipped: never a throw', () => {
    const random = randoms(11);
    for (let i = 0; i < 100; i++) {
      const chars = [...text.slice(0, 5000)];
      for (let k = 0; k < 20; k++) {
        const at = Math.floor((random.next().value as number) * chars.length);
        chars[at] = String.fromCharCode(Math.floor((random.next().value as number) * 128));
      }
      noInternalError(importFile(chars.join(''), format));
      noInternalError(importFile(chars.join(''), 'auto'));
    }
  });
});

describe('located errors', () => {
  test('BibTeX: an entry without title or id names its key and line', () => {
    const bib = `@misc{good2020x,\n  title = {Fine},\n  eprint = {2001.00001}\n}\n\n@misc{noid2020,\n  title = {No identifier}\n}\n@article{notitle,\n  doi = {10.1000/xyz}\n}\n`;
    const outcome = importFile(bib);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.errors).toEqual([
        { where: 'entry noid2020', line: 6, message: 'no arXiv id, DOI or http(s) URL to identify the paper' },
        { where: 'entry notitle', line: 9, message: 'title: missing' },
      ]);
    }
  });

  test('BibTeX: a truncated file names the entry that never closes', () => {
    const outcome = importFile(
      '@misc{a,\n title = {A},\n eprint = {2001.00001}}\n@misc{b,\n  title = {Cut sho',
      'bibtex',
    );
    expect(outcome.ok ? [] : outcome.errors).toEqual([
      { where: '@misc at line 4', line: 4, message: expect.stringMatching(/never closes/) },
    ]);
  });

  test('RIS: a record without ER and a stray line are named with their lines', () => {
    const outcome = importFile(
      'TY  - JOUR\r\nTI  - A\r\nDO  - 10.1000/a\r\nER  - \r\nAU  - Stray, Line\r\nTY  - JOUR\r\nTI  - Cut',
      'ris',
    );
    expect(outcome.ok ? [] : outcome.errors.map((e) => [e.line, e.message])).toEqual([
      [5, 'AU line outside a record (a record starts with TY)'],
      [6, 'the record has no ER line: the file may be cut short'],
    ]);
  });

  test('CSL-JSON: wrong types are named with the item, its id and its line', () => {
    const json =
      '[\n  {"id": "a", "type": "article", "title": "Ok", "DOI": "10.1000/a"},\n  {"id": "b", "title": 42, "DOI": "10.1000/b"}\n]';
    const outcome = importFile(json);
    expect(outcome.ok ? [] : outcome.errors).toEqual([
      { where: 'item 2 (id "b")', line: 3, message: 'title: Invalid input: expected string, received number' },
    ]);
  });

  test('JSONL: each bad line is named', () => {
    const good = JSON.stringify({
      ...hardPapers()[0],
      source: { site: 'arxiv', pageUrl: 'https://arxiv.org/list/cs.CL/new', section: null, rank: 1 },
    });
    const outcome = importFile(`${good}\n{"id": 3}\nnot json\n`, 'jsonl');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(new Set(outcome.errors.map((e) => e.line))).toEqual(new Set([2, 3]));
      expect(outcome.errors.find((e) => e.line === 3)?.message).toMatch(/not valid JSON/);
    }
  });

  test('unknown format and empty files are refused with one clear message', () => {
    for (const text of ['', 'hello world', '   ']) {
      const outcome = importFile(text);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.errors).toHaveLength(1);
    }
  });

  test('duplicate ids merge into one paper; a huge file reads in time', () => {
    const papers = realPapers();
    const twice = toBibtex([...papers, ...papers.slice(0, 100)]);
    const outcome = importFile(twice);
    expect(outcome.ok && outcome.papers.length).toBe(papers.length);
    const huge = toRis(Array.from({ length: 4 }, () => papers).flat());
    const started = performance.now();
    const big = importFile(huge);
    expect(big.ok && big.papers.length).toBe(papers.length);
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 60_000);

  test('wrong JSON shapes in a CSL file give errors, not throws', () => {
    for (const text of [
      '[1, 2]',
      '[null]',
      '[{"title": ["x"]}]',
      '[{"title": "x", "author": "Smith"}]',
      '{"a": {"b": [}',
    ]) {
      const outcome = importFile(text, 'csl-json');
      expect(outcome.ok).toBe(false);
    }
  });
});
