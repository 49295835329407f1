/**
 * Entries without a title come in under a title in brackets made of what they have (lib/export/import-result.ts
 * suppliedTitle), keep their identity through every export, and distinct untitled works never merge; an entry with
 * nothing in it is left out with its place and reason. Real files from ../shared/interop, the rest handmade.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportPapers, importFile } from '../../lib/export';

const INTEROP = resolve(import.meta.dirname, '../../../shared/interop');
const read = (file: string) => importFile(new Uint8Array(readFileSync(resolve(INTEROP, file))));
const ok = (outcome: ReturnType<typeof importFile>) => {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome;
};

describe('entries without a title', () => {
  test('a BibTeX entry is named by its container and citation key, else its key, in brackets', () => {
    const outcome = ok(
      importFile(
        '@article{Gross_1952, author = {Gross, E. F.}, journal = {Doklady}, year = 1952}\n@book{foo,}\n@misc{ok, title = {T}}',
      ),
    );
    expect(outcome.papers.map((p) => p.title)).toEqual(['[Doklady, Gross_1952]', '[foo]', 'T']);
    expect(outcome.skipped).toEqual([]);
  });

  test('without a key: container with volume and pages, an identifier, the first author and year, other values', () => {
    const ris =
      'TY  - JOUR\r\nJO  - J X\r\nAU  - Doe, Jane\r\nPY  - 2001\r\nVL  - 3\r\nSP  - 1\r\nEP  - 5\r\nER  - \r\n' +
      'TY  - JOUR\r\nJO  - J X\r\nAU  - Doe, Jane\r\nPY  - 2001\r\nVL  - 3\r\nSP  - 7\r\nER  - \r\n' +
      'TY  - JOUR\r\nDO  - 10.1000/abc\r\nER  - \r\n' +
      'TY  - BOOK\r\nAU  - Doe, Jane\r\nAU  - Roe, Rick\r\nPY  - 2014\r\nER  - \r\n' +
      'TY  - BOOK\r\nLA  - english\r\nER  - \r\n';
    const outcome = ok(importFile(ris));
    expect(outcome.papers.map((p) => p.title)).toEqual([
      '[J X, 3, 1–5]',
      '[J X, 3, 7]',
      '[10.1000/abc]',
      '[Jane Doe et al., 2014]',
      '[english]',
    ]);
  });

  test('a title with no words keeps what it has and gains a name', () => {
    const outcome = ok(read('citation-js/escaped_characters.bib'));
    expect(outcome.papers.map((p) => p.title)).toContain('— [ligature]');
  });

  test('distinct untitled works never merge: every entry of a file of untitled book references stays its own', () => {
    // Better BibTeX's APA examples: many entries with an author and a date only, several by the same author and year.
    const outcome = ok(read('bbt-import/Import_error_with_character_in_BibTeX_field_name_2660.bib'));
    const untitled = outcome.papers.filter((p) => /^\[[^\]]+\]$/.test(p.title));
    expect(untitled.length).toBeGreaterThan(60);
    expect(new Set(untitled.map((p) => p.id)).size).toBe(untitled.length);
    expect(outcome.skipped).toEqual([]);
    const twoInOneJournal = ok(
      importFile(
        'TY  - JOUR\nJO  - J\nAU  - A, B\nPY  - 2001\nSP  - 1\nER  - \nTY  - JOUR\nJO  - J\nAU  - A, B\nPY  - 2001\nSP  - 9\nER  - \n',
      ),
    );
    expect(twoInOneJournal.papers).toHaveLength(2);
  });

  test('the supplied title and the identity survive export to every format and back', () => {
    const outcome = ok(read('bbt-import/Import_error_with_character_in_BibTeX_field_name_2660.bib'));
    const untitled = outcome.papers.filter((p) => p.title.startsWith('['));
    for (const format of ['bibtex', 'biblatex', 'ris', 'csl-json'] as const) {
      const back = ok(importFile(exportPapers(untitled, format)));
      const byId = new Map(back.papers.map((p) => [p.id, p.title]));
      expect(untitled.filter((p) => byId.get(p.id) !== p.title).map((p) => p.title)).toEqual([]);
    }
  });

  test('an entry with nothing in it, in any format, is left out with its place and the same reason', () => {
    const reason = 'no title and nothing else to name it by: the entry holds no fields';
    const bib = ok(importFile('@misc{ok, title = {T}}\n@article{,\n}\n'));
    expect(bib.skipped).toEqual([{ where: 'entry 2', line: 2, message: reason }]);
    // JabRef's RIS test file: eight TY lines with no fields between them, then one record.
    const ris = ok(read('jabref/RisImporterTest1.ris'));
    expect(ris.skipped.map((s) => [s.line, s.message])).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((line) => [line, reason]));
    const csl = ok(importFile(JSON.stringify([{ id: 'a', title: 'A' }, { type: 'book' }])));
    expect(csl.skipped.map((s) => s.message)).toEqual([reason]);
  });

  test('an entry closed with ")" though opened with "{" is read whole', () => {
    const outcome = ok(read('citation-js/different_delimiters.bib'));
    expect(outcome.skipped).toEqual([]);
    expect(outcome.entries).toBe(2);
  });
});
