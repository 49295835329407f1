/**
 * What real reference files contain (issue 14), one handmade case each, read by the rules of each format: broken
 * layouts, names, TeX, encodings, and the words for what cannot be read. The files of ../shared/interop are
 * covered by tests/export/interop-roundtrip.test.ts and bench/import.bench.ts.
 */

import { Cite } from '@citation-js/core';
import { parse as parseBibtexRetorquere } from '@retorquere/bibtex-parser';
import '@citation-js/plugin-ris';
import { describe, expect, test } from 'vitest';
import { exportPapers, importFile, splitName, toBiblatex, toBibtex, toCslItems, toRis } from '../../lib/export';
import { describeProblems } from '../../lib/export/import-report';
import type { LibraryPaper } from '../../lib/paper/schema';

const encode = (text: string) => new TextEncoder().encode(text);

function papersOf(input: string | Uint8Array) {
  const outcome = importFile(input);
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('; '));
  return outcome;
}

describe('BibTeX layouts', () => {
  test('Mendeley empty keys, EndNote keyless entries, % comments, @string, @preamble', () => {
    const bib = [
      '% Encoding: UTF-8',
      '@preamble{"\\newcommand{\\noop}[1]{}"}',
      '@string{jmlr = "Journal of Machine Learning Research"}',
      '@article{,\n  title = {Empty key},\n  author = {Doe, Jane},\n  journal = jmlr,\n  year = 2020\n}',
      '@article{\n  author = {Roe, Richard},\n  title = {No key at all},\n  year = {2019}\n}',
      '%@article{hidden,\n%  title = {Commented out}\n%}',
    ].join('\n');
    const outcome = papersOf(bib);
    expect(outcome.papers.map((p) => [p.title, p.venue])).toEqual([
      ['Empty key', 'Journal of Machine Learning Research'],
      ['No key at all', null],
    ]);
    expect(outcome.entries).toBe(2);
    expect(outcome.skipped).toEqual([]);
  });

  test('an entry that never closes is recovered at the next entry, and the rest comes in', () => {
    const bib =
      '@article{a,\n  title = {First},\n  year = {2001}\n\n@article{b,\n  title = {Second {broken,\n  year = {2002}\n}\n\n@article{c,\n  title = {Third},\n  year = {2003}\n}\n';
    const outcome = papersOf(bib);
    expect(outcome.papers.map((p) => p.title)).toEqual(['First', 'Third']);
    expect(describeProblems(outcome.skipped)).toEqual([
      'entry 2, line 5: cannot be read: a brace is never closed, or the file was cut short (line 6)',
    ]);
  });

  test('crossref: the child takes the parent’s fields but not its identifiers; the parent’s title is the venue', () => {
    const bib =
      '@inproceedings{child,\n  title = {A Chapter},\n  author = {Doe, Jane},\n  crossref = {proc}\n}\n@proceedings{proc,\n  title = {Proceedings of Things},\n  year = {1999},\n  doi = {10.1000/proc}\n}\n';
    const [child, parent] = papersOf(bib).papers;
    expect(child).toMatchObject({ title: 'A Chapter', venue: 'Proceedings of Things', published: '1999', doi: null });
    expect(parent).toMatchObject({ title: 'Proceedings of Things', id: '10.1000/proc' });
  });

  test('names: BibLaTeX extended format, TeX accents in every spelling, corporate authors whole', () => {
    const bib =
      "@book{x,\n  title = {Names},\n  author = {family=Heuvel, given=Charles, prefix=van den, useprefix=false and Mart{\\' i}nez, Ana and D\\textquotesingle aspremont, Alexandre and {World Health Organization} and {Barnes and Noble} and van Den Berg, Sarah},\n  year = {2020}\n}\n";
    const [paper] = papersOf(bib).papers;
    expect(paper?.authors.map((a) => a.replace(/\u2060/g, ''))).toEqual([
      'Charles van den Heuvel',
      'Ana Martínez',
      "Alexandre D'aspremont",
      'World Health Organization',
      'Barnes and Noble',
      'Sarah van Den Berg',
    ]);
    // Every format keeps the organisations whole and the particle where it was.
    const library = parseBibtexRetorquere(toBibtex(papersOf(bib).papers), { sentenceCase: false });
    const creators = library.entries[0]?.fields.author ?? [];
    expect(creators[3]).toMatchObject({ name: 'World Health Organization' });
    expect(creators[4]).toMatchObject({ name: 'Barnes and Noble' });
    expect(creators[5]).toMatchObject({ lastName: 'Den Berg', prefix: 'van', firstName: 'Sarah' });
    expect(toBiblatex(papersOf(bib).papers)).toContain('{World Health Organization}');
    expect(toCslItems(papersOf(bib).papers)[0]?.author?.[4]).toEqual({ literal: 'Barnes and Noble' });
    expect(toRis(papersOf(bib).papers)).toContain('AU  - World Health Organization\r\n');
  });

  test('a literal backslash in a title is escaped on export and reads back the same', () => {
    const bib = '@article{t,\n  title = {Surface (1\\textbackslash{}times1) of GaN},\n  doi = {10.1000/t}\n}\n';
    const [paper] = papersOf(bib).papers;
    const again = papersOf(toBibtex([paper as never])).papers[0];
    expect(again?.title).toBe(paper?.title);
    const theirs = parseBibtexRetorquere(toBibtex([paper as never]), { sentenceCase: false }).entries[0];
    expect(String(theirs?.fields.title).replace(/\u2060/g, '')).toBe('Surface (1\\times1) of GaN');
  });

  test("Elsevier's \\ElsevierGlyph{code} is the character it names, and reads back the same from BibTeX", () => {
    const bib =
      '@article{g,\n  title = {Dose\\ElsevierGlyph{2014}response \\ElsevierGlyph{0000}curves},\n  doi = {10.1000/g}\n}\n';
    const [paper] = papersOf(bib).papers;
    // A code point that names no printable character is kept as written, never a control character.
    expect(paper?.title).toBe('Dose—response \\ElsevierGlyph{0000}curves');
    expect(papersOf(toBibtex([paper as never])).papers[0]?.title).toBe(paper?.title);
  });

  test('identifiers beyond arXiv, DOI and URL go into aliases and come back out', () => {
    const bib =
      '@book{b,\n  title = {A Book},\n  author = {Doe, Jane},\n  isbn = {978-0-262-03561-3},\n  year = {2016}\n}\n@incollection{c,\n  title = {A Chapter},\n  author = {Doe, Jane},\n  isbn = {978-0-262-03561-3},\n  year = {2016}\n}\n@article{p,\n  title = {A Trial},\n  pmid = {31452104},\n  pmcid = {PMC6712345},\n  doi = {10/fqd6hj}\n}\n';
    const [book, chapter, trial] = papersOf(bib).papers;
    expect(book?.id).toBe('isbn:9780262035613');
    // A chapter's ISBN is its book's: not the chapter's identity.
    expect(chapter?.id).toBe('key:2016:doe:chapter');
    expect(trial).toMatchObject({ id: '10/fqd6hj', doi: '10/fqd6hj' });
    expect(trial?.aliases).toEqual(expect.arrayContaining(['pmid:31452104', 'pmcid:PMC6712345']));
    const out = toBibtex([book, trial] as never);
    expect(out).toMatch(/isbn += \{9780262035613\}/);
    expect(out).toMatch(/pmid += \{31452104\}/);
    const back = papersOf(out).papers.map((p) => p.id);
    expect(back).toEqual(['isbn:9780262035613', '10/fqd6hj']);
    expect(papersOf(toRis([book, trial] as never)).papers.map((p) => p.id)).toEqual(back);
    // CSL-JSON carries PMID and PMCID in its own fields, and reads them back as aliases.
    const csl = toCslItems([trial] as never);
    expect(csl[0]).toMatchObject({ DOI: '10/fqd6hj', PMID: '31452104', PMCID: 'PMC6712345' });
    const [fromCsl] = papersOf(JSON.stringify(csl)).papers;
    expect(fromCsl?.id).toBe('10/fqd6hj');
    expect(fromCsl?.aliases).toEqual(expect.arrayContaining(['pmid:31452104', 'pmcid:PMC6712345']));
  });
});

describe('other formats', () => {
  test('RIS values holding U+2028, and records without ER before the next TY', () => {
    const ris =
      'TY  - JOUR\r\nTI  - Line\u2028separated title\r\nDO  - 10.1000/a\r\nTY  - BOOK\r\nTI  - Next\r\nER  - \r\n';
    expect(papersOf(ris).papers.map((p) => p.title)).toEqual(['Line separated title', 'Next']);
    const items = new Cite(toRis(papersOf(ris).papers), { forceType: '@ris/file' }).data as { title: string }[];
    expect(items.map((i) => i.title)).toEqual(['Line separated title', 'Next']);
  });

  test('CSL titles with HTML markup become text without stray spaces; an empty entry reads as in BibTeX and RIS', () => {
    const csl = JSON.stringify([
      { id: 'a', type: 'article', title: 'The <i>E. coli</i> genome of <span class="nocase">mRNA</span>s &amp; more' },
      { type: 'book' },
    ]);
    const outcome = papersOf(csl);
    expect(outcome.papers.map((p) => p.title)).toEqual(['The E. coli genome of mRNAs & more']);
    expect(describeProblems(outcome.skipped)).toEqual([
      'entry 2, line 1: no title and nothing else to name it by: the entry holds no fields',
    ]);
    expect(describeProblems(papersOf('@article{,}\n@misc{ok, title={T}}').skipped)).toEqual([
      'entry 1, line 1: no title and nothing else to name it by: the entry holds no fields',
    ]);
    expect(describeProblems(papersOf('TY  - BOOK\r\nTY  - JOUR\r\nTI  - T\r\nER  - \r\n').skipped)).toEqual([
      'entry 1, line 1: no title and nothing else to name it by: the entry holds no fields',
    ]);
  });
});

describe('encodings and what is not a reference file', () => {
  const bib = '@book{aedin,\n  title = {Aedín Ní Bhriain, Øre},\n  year = {2001}\n}\n';

  test('UTF-8 with and without BOM, UTF-16 LE and BE with and without BOM, Latin-1: the same title', () => {
    const utf16 = (le: boolean, bom: boolean) => {
      const units = [...(bom ? '\uFEFF' : ''), ...bib].map((c) => c.charCodeAt(0));
      const out = new Uint8Array(units.length * 2);
      units.forEach((u, i) => {
        out[i * 2 + (le ? 0 : 1)] = u & 0xff;
        out[i * 2 + (le ? 1 : 0)] = u >> 8;
      });
      return out;
    };
    const latin1 = Uint8Array.from([...bib].map((c) => c.charCodeAt(0)));
    const inputs = [
      encode(bib),
      Uint8Array.from([0xef, 0xbb, 0xbf, ...encode(bib)]),
      utf16(true, true),
      utf16(true, false),
      utf16(false, true),
      utf16(false, false),
      latin1,
    ];
    const read = inputs.map((bytes) => {
      const outcome = papersOf(bytes);
      return [outcome.encoding, outcome.papers[0]?.title];
    });
    expect(read.map(([, title]) => title)).toEqual(Array(7).fill('Aedín Ní Bhriain, Øre'));
    expect(read.map(([encoding]) => encoding)).toEqual([
      'utf-8',
      'utf-8',
      'utf-16le',
      'utf-16le',
      'utf-16be',
      'utf-16be',
      'windows-1252',
    ]);
  });

  test('RIS and CSL-JSON with a UTF-8 BOM, and in UTF-16 LE and BE with a BOM: the same title', () => {
    const withBom = (text: string, form: 'utf-8' | 'utf-16le' | 'utf-16be') => {
      if (form === 'utf-8') return Uint8Array.from([0xef, 0xbb, 0xbf, ...encode(text)]);
      const units = [...`\uFEFF${text}`].map((c) => c.charCodeAt(0));
      const out = new Uint8Array(units.length * 2);
      units.forEach((u, i) => {
        out[i * 2 + (form === 'utf-16le' ? 0 : 1)] = u & 0xff;
        out[i * 2 + (form === 'utf-16le' ? 1 : 0)] = u >> 8;
      });
      return out;
    };
    const title = 'Aedín Ní Bhriain, Øre';
    const files = {
      ris: `TY  - BOOK\r\nTI  - ${title}\r\nPY  - 2001\r\nER  - \r\n`,
      'csl-json': JSON.stringify([{ id: 'aedin', type: 'book', title, issued: { 'date-parts': [[2001]] } }]),
    };
    for (const [format, text] of Object.entries(files)) {
      const read = (['utf-8', 'utf-16le', 'utf-16be'] as const).map((form) => {
        const outcome = papersOf(withBom(text, form));
        return [outcome.format, outcome.encoding, outcome.papers.length, outcome.papers[0]?.title];
      });
      expect(read, format).toEqual([
        [format, 'utf-8', 1, title],
        [format, 'utf-16le', 1, title],
        [format, 'utf-16be', 1, title],
      ]);
    }
  });

  test('empty, compressed, binary and unknown-encoding files are each refused in their own words', () => {
    const message = (bytes: Uint8Array) => {
      const outcome = importFile(bytes);
      return outcome.ok ? 'imported' : outcome.errors[0]?.message;
    };
    expect(message(new Uint8Array())).toBe('the file is empty');
    expect(message(encode('  \n\n'))).toBe('the file holds only white space');
    expect(message(Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2]))).toMatch(/compressed gzip archive/);
    expect(message(Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2]))).toMatch(/compressed zip archive/);
    expect(message(Uint8Array.from([0, 1, 2, 3, 0, 0, 5, 6, 7, 0x40, 0x41]))).toMatch(/binary data/);
    expect(message(Uint8Array.from([...encode('@book{a, title = {x'), 0x81, 0x8d, ...encode('}}')]))).toMatch(
      /encoding we cannot tell/,
    );
  });

  test('at most 50 problems are listed, then how many more; "1 paper", not "1 papers"', async () => {
    const bad = Array.from({ length: 80 }, () => `@misc{,}`).join('\n');
    const outcome = importFile(`${bad}\n@misc{ok, title = {Fine}}`);
    expect(outcome.ok && describeProblems(outcome.skipped)).toHaveLength(51);
    expect(outcome.ok && describeProblems(outcome.skipped).at(-1)).toBe('and 30 more');
    const { plural } = await import('../../lib/export/import-report');
    expect([plural(1, 'paper'), plural(2, 'paper'), plural(1, 'entry', 'entries')]).toEqual([
      '1 paper',
      '2 papers',
      '1 entry',
    ]);
  });
});

describe('what used to be lost on the way round (../shared/interop)', () => {
  const formats = ['bibtex', 'biblatex', 'ris', 'csl-json'] as const;
  // An author compared by the parts of the name: "Salem Sugui, Jr., S." may read back as "S. Salem Sugui Jr.".
  const parts = (author: string) => Object.values(splitName(author)).join('|');
  const again = (paper: LibraryPaper, format: (typeof formats)[number]) => {
    const back = importFile(exportPapers([paper], format));
    return back.ok ? back.papers[0] : undefined;
  };

  test('authors listed with commas or semicolons in one name are each an author', () => {
    const outcome = papersOf(
      '@inproceedings{m, title = {T}, author = {Miller, D., Firby, J. and Dean, T.}}\n@article{s, title = {U}, author = {Sa, M. CM.; Kascheres, A.}}\n@article{j, title = {V}, author = {Salem Sugui, Jr., S.}}',
    );
    expect(outcome.papers.map((p) => p.authors.length)).toEqual([3, 2, 1]);
    for (const paper of outcome.papers)
      for (const format of formats) {
        const back = again(paper, format)?.authors ?? [];
        expect([format, back.length]).toEqual([format, paper.authors.length]);
        // BibTeX keeps the family name whole; RIS and CSL-JSON are read into "given family" (a known limit).
        if (format === 'bibtex' || format === 'biblatex') expect(back.map(parts)).toEqual(paper.authors.map(parts));
      }
  });

  test('a url field listing two links keeps the first, which reads back as the same id', () => {
    const outcome = papersOf('@misc{u, title = {T}, url = {http://a.example/1.html;\n     http://b.example/2.ps}}');
    const paper = outcome.papers[0] as LibraryPaper;
    expect(paper.url).toBe('http://a.example/1.html');
    for (const format of formats) expect(again(paper, format)?.id).toBe(paper.id);
  });
});

describe('literal braces and dollars in titles read back the same from every format', () => {
  const formats = ['bibtex', 'biblatex', 'ris', 'csl-json'] as const;
  const text = (out: string | Uint8Array) => (typeof out === 'string' ? out : new TextDecoder().decode(out));
  const back = (paper: LibraryPaper, format: (typeof formats)[number]) => {
    const outcome = importFile(exportPapers([paper], format));
    return outcome.ok ? outcome.papers[0]?.title : undefined;
  };
  const bibTitle = (title: string) =>
    papersOf(`@article{a,\n  title = {${title}},\n  doi = {10.1000/a}\n}\n`).papers[0];

  test.each([
    // Better BibTeX: a brace typed into Zotero's title is a character; \vphantom takes one token and hides it.
    [
      'Paired Twins and \\{112\\} Morphology in {{GaP}} Nanowires',
      'Paired Twins and \\{112\\} Morphology in GaP Nanowires',
    ],
    ['Study of \\{\\vphantom\\}{{GaN}}\\vphantom\\{\\} Epilayers', 'Study of \\{GaN\\} Epilayers'],
    [
      'Polytypism in \\{\\{\\vphantom{\\}\\}}{{GaAs}}\\vphantom\\{\\}\\vphantom\\{\\} Nanowires',
      'Polytypism in \\{\\{GaAs\\}\\} Nanowires',
    ],
    // A caret before a literal brace is the caret itself, not an accent on nothing.
    ['High-Quality (N\\^\\{-\\}-Type {{GaAs}})', 'High-Quality (N^\\{-\\}-Type GaAs)'],
    // Spelt as a command, a literal brace is the same character.
    ['Sets \\textbraceleft{}0,1\\textbraceright{} of Words', 'Sets \\{0,1\\} of Words'],
    // A brace pairing with no other is a character, whatever its spelling.
    ['Lambda$\\lbrace$3\\vphantom\\{\\}\\{x\\} and \\textbraceleft{}', 'Lambda$\\lbrace$3}\\{x\\} and {'],
    // Escaped dollars around a subscript: `$$` pairs as an empty span in both directions.
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TeX's escaped dollar before a group, not a template
      'Insertion of an Ultrathin \\$\\$-{{Fe}}\\$\\_\\{2\\}\\${{O}}\\$\\_\\{3\\}\\$ Layer',
      'Insertion of an Ultrathin $$-Fe$_\\{2\\}$O$_\\{3\\}$ Layer',
    ],
    // An environment is markup: the text inside is the title.
    ['a\\begin{it}b\\end{it}c', 'abc'],
  ])('BibTeX %s', (tex, stored) => {
    const paper = bibTitle(tex) as LibraryPaper;
    expect(paper.title).toBe(stored);
    for (const format of formats) expect([format, back(paper, format)]).toEqual([format, stored]);
  });

  test('BibTeX writes a literal brace as \\{, RIS and CSL-JSON as the character; independent readers agree', () => {
    const paper = bibTitle('Paired Twins and \\{112\\} Morphology') as LibraryPaper;
    expect(text(exportPapers([paper], 'bibtex'))).toContain('title = {Paired Twins and \\{112\\} Morphology},');
    expect(text(exportPapers([paper], 'ris'))).toContain('TI  - Paired Twins and {112} Morphology\r\n');
    expect(toCslItems([paper])[0]?.title).toBe('Paired Twins and {112} Morphology');
    const theirs = parseBibtexRetorquere(toBibtex([paper]), { sentenceCase: false }).entries[0];
    expect(String(theirs?.fields.title)).toBe('Paired Twins and {112} Morphology');
  });

  test('braces in a RIS or CSL-JSON title are characters: stored escaped, and the same from every format', () => {
    const ris = papersOf(
      'TY  - JOUR\r\nTI  - Domain Boundaries on {112¯0} Planes in $\\mathrm{GaN}$\r\nDO  - 10.1000/r\r\nER  - \r\n',
    );
    const csl = papersOf(
      JSON.stringify([
        { id: 'c', type: 'article', title: 'Facets {010} and <i>{110}</i> } of BiVO4', DOI: '10.1000/c' },
      ]),
    );
    const [fromRis] = ris.papers as LibraryPaper[];
    const [fromCsl] = csl.papers as LibraryPaper[];
    expect(fromRis?.title).toBe('Domain Boundaries on \\{112¯0\\} Planes in $\\mathrm{GaN}$');
    expect(fromCsl?.title).toBe('Facets \\{010\\} and \\{110\\} } of BiVO4');
    for (const paper of [fromRis, fromCsl] as LibraryPaper[])
      for (const format of formats) expect([format, back(paper, format)]).toEqual([format, paper.title]);
  });

  test('titles from pages keep their TeX: {BERT} stays case protection, math and commands stay as written', () => {
    const arxiv = {
      ...(bibTitle('x') as LibraryPaper),
      title: 'On {BERT} in $\\mathcal{O}(n)$ and \\underline{P} } time',
    };
    expect(text(exportPapers([arxiv], 'bibtex'))).toContain(
      'title = {On {BERT} in $\\mathcal{O}(n)$ and \\underline{P} \\textbraceright{} time},',
    );
    expect(text(exportPapers([arxiv], 'ris'))).toContain(
      'TI  - On BERT in $\\mathcal{O}(n)$ and \\underline{P} } time\r\n',
    );
    expect(back(arxiv, 'bibtex')).toBe('On BERT in $\\mathcal{O}(n)$ and \\underline{P} } time');
  });
});
