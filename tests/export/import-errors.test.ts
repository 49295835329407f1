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

/** The ids of `papers` in order, each once (copies of one paper merge into one on import). */
function uniqueIds(papers: readonly { id: string }[]): string[] {
  return [...new Set(papers.map((p) => p.id))];
}

describe.each([
  ['bibtex', toBibtex],
  ['ris', toRis],
] as const)('%s', (format, write) => {
  const text = write(sample);

  test('cut anywhere: refused with located errors or read as the entries before the cut, never a throw', () => {
    const random = randoms(7);
    for (let i = 0; i < 200; i++) {
      const cut = Math.floor((random.next().value as number) * text.length);
      const outcome = importFile(text.slice(0, cut), format);
      noInternalError(outcome);
      if (outcome.ok) {
        const ids = outcome.papers.map((p) => p.id);
        expect(ids).toEqual(uniqueIds(sample).slice(0, ids.length));
      }
    }
    // Cut between entries: exactly the entries before the cut.
    for (const n of [1, 7, 23]) {
      const outcome = importFile(write(sample).slice(0, write(sample.slice(0, n)).length), format);
      expect(outcome.ok && outcome.papers.map((p) => p.id)).toEqual(uniqueIds(sample.slice(0, n)));
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

describe('csl-json', () => {
  const items = JSON.parse(toCslJson(sample)) as Record<string, unknown>[];

  test('cut between items: the items before the cut; cut anywhere: refused, never a throw', () => {
    for (const n of [1, 7, 23]) {
      const outcome = importFile(JSON.stringify(items.slice(0, n)), 'csl-json');
      expect(outcome.ok && outcome.papers.map((p) => p.id)).toEqual(uniqueIds(sample.slice(0, n)));
    }
    const text = JSON.stringify(items);
    const random = randoms(7);
    for (let i = 0; i < 100; i++) {
      noInternalError(importFile(text.slice(0, Math.floor((random.next().value as number) * text.length)), 'csl-json'));
    }
  });

  test('values scrambled inside valid JSON reach the item reader: errors per item or papers, never a throw', () => {
    const random = randoms(11);
    const next = () => random.next().value as number;
    const junk = [
      null,
      42,
      -1,
      true,
      '',
      ' ',
      '<b>x</b>',
      '\u0000',
      [],
      {},
      [{}],
      [{ family: 1 }],
      { 'date-parts': [['x']] },
    ];
    let reachedItems = 0;
    for (let i = 0; i < 200; i++) {
      const copy = structuredClone(items.slice(0, 12));
      for (let k = 0; k < 6; k++) {
        const item = copy[Math.floor(next() * copy.length)] as Record<string, unknown>;
        const keys = Object.keys(item);
        const key = keys[Math.floor(next() * keys.length)] as string;
        item[key] = junk[Math.floor(next() * junk.length)];
      }
      const outcome = importFile(JSON.stringify(copy), 'csl-json');
      noInternalError(outcome);
      if (outcome.ok || outcome.errors.some((e) => e.where !== 'file')) reachedItems++;
    }
    expect(reachedItems).toBe(200);
  });
});

/** What a file could not import: the skipped entries of a partial import, or the reasons a file is refused. */
function problems(outcome: ReturnType<typeof importFile>) {
  return outcome.ok ? outcome.skipped : outcome.errors;
}

describe('located errors', () => {
  test('BibTeX: an entry without title or id names its key and line', () => {
    const bib = `@misc{good2020x,\n  title = {Fine},\n  eprint = {2001.00001}\n}\n\n@misc{noid2020,\n  title = {No identifier}\n}\n@article{notitle,\n  doi = {10.1000/xyz}\n}\n@article{,\n}\n`;
    const outcome = importFile(bib);
    // One bad entry never refuses the rest: the good one comes in, the others are listed with number and line.
    // An entry with no identifier is identified by its content (identity.ts); one without a title comes in under a
    // title in brackets made of what it has; one with nothing in it is left out.
    expect(outcome.ok && outcome.papers.map((p) => [p.title, p.id])).toEqual([
      ['Fine', '2001.00001'],
      ['No identifier', 'key:::no identifier'],
      ['[notitle]', '10.1000/xyz'],
    ]);
    expect(problems(outcome)).toEqual([
      { where: 'entry 4', line: 12, message: 'no title and nothing else to name it by: the entry holds no fields' },
    ]);
  });

  test('BibTeX: a truncated file names the entry that never closes', () => {
    const outcome = importFile(
      '@misc{a,\n title = {A},\n eprint = {2001.00001}}\n@misc{b,\n  title = {Cut sho',
      'bibtex',
    );
    expect(outcome.ok && outcome.papers.map((p) => p.title)).toEqual(['A']);
    expect(problems(outcome)).toEqual([
      { where: 'entry 2', line: 4, message: expect.stringMatching(/never closed, or the file was cut short/) },
    ]);
  });

  test('RIS: a record without ER and a stray line are named with their lines', () => {
    const outcome = importFile(
      'TY  - JOUR\r\nTI  - A\r\nDO  - 10.1000/a\r\nER  - \r\nAU  - Stray, Line\r\nTY  - JOUR\r\nTI  - Cut',
      'ris',
    );
    expect(outcome.ok && outcome.papers.map((p) => p.title)).toEqual(['A']);
    expect(problems(outcome).map((e) => [e.line, e.message])).toEqual([
      [5, 'AU line outside a record (a record starts with TY)'],
      [6, 'the record has no ER line: the file may be cut short'],
    ]);
  });

  test('CSL-JSON: wrong types are named with the item, its id and its line', () => {
    const json =
      '[\n  {"id": "a", "type": "article", "title": "Ok", "DOI": "10.1000/a"},\n  {"id": "b", "title": 42, "DOI": "10.1000/b"}\n]';
    const outcome = importFile(json);
    expect(outcome.ok && outcome.papers.map((p) => p.title)).toEqual(['Ok']);
    expect(problems(outcome)).toEqual([
      { where: 'entry 2 (id "b")', line: 3, message: 'title: Invalid input: expected string, received number' },
    ]);
  });

  test('JSONL: each bad line is named', () => {
    const good = JSON.stringify({
      ...hardPapers()[0],
      source: { site: 'arxiv', pageUrl: 'https://arxiv.org/list/cs.CL/new', section: null, rank: 1 },
    });
    const outcome = importFile(`${good}\n{"id": 3}\nnot json\n`, 'jsonl');
    expect(outcome.ok && outcome.papers.length).toBe(1);
    expect(new Set(problems(outcome).map((e) => e.line))).toEqual(new Set([2, 3]));
    expect(problems(outcome).find((e) => e.line === 3)?.message).toMatch(/not valid JSON/);
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
      noInternalError(outcome);
    }
  });
});
