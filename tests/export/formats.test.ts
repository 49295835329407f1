import { describe, expect, test } from 'vitest';
import {
  asLibraryPaper,
  baseCitationKey,
  CSV_COLUMNS,
  citationKeys,
  exportFileName,
  splitName,
  toBibtex,
  toCsv,
  toLatex,
  toMarkdown,
} from '../../lib/export';
import type { PaperRecord } from '../../lib/paper/schema';
import { hardPapers, paper, realPapers } from './fixtures';

/** A small RFC 4180 reader, independent of our writer: quoted fields, doubled quotes, CRLF records. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error('last record not ended by CRLF');
  return rows;
}

describe('CSV', () => {
  const papers = [...realPapers().slice(0, 1000), ...hardPapers()];
  const rows = readCsv(toCsv(papers));

  const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

  test('a header and one row per paper, every row as wide as the header', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(papers.length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  test('fields come back exactly; tags and authors joined with "; "', () => {
    for (const [i, p] of papers.entries()) {
      const row = rows[i + 1] as string[];
      const unformula = (v: string) => v.replace(/^'(?=[=+\-@\t\r])/, '');
      expect(row[0]).toBe(p.id);
      expect(unformula(row[1] as string)).toBe(p.title);
      expect(unformula(row[2] as string)).toBe(p.authors.join('; '));
      expect(unformula(row[column('tags')] as string)).toBe(p.tags.join('; '));
      expect(unformula(row[column('note')] as string)).toBe(p.note);
      expect(row[column('venue')]).toBe(p.venue ?? '');
      expect(row[column('published')]).toBe(p.published ?? '');
    }
  });

  test('cells a spreadsheet would run as a formula start with a quote', () => {
    const hostile = rows.find((r) => r[0] === '2105.00005') as string[];
    expect(hostile[1]?.startsWith("'=HYPERLINK")).toBe(true);
    expect(hostile[2]).toBe("'=cmd|calc; @attacker");
    expect(hostile[column('tags')]).toBe("'+plus; -minus");
    expect(hostile[column('note')]).toBe('\'=1+1\n"quoted", and, commas\r\nline');
  });
});

describe('Markdown', () => {
  test('grouped by tag, with links, authors, date and note; untagged papers last', () => {
    const md = toMarkdown(realPapers().slice(0, 30));
    expect(md).toMatch(/^# Reading list\n/);
    expect(md).toMatch(/\n## to read\n/);
    expect(md.indexOf('## Untagged')).toBeGreaterThan(md.indexOf('## to read'));
    expect(md).toContain('- [Greedy Sparsity-Constrained Optimization](https://arxiv.org/abs/1203.5483)');
    expect(md).toContain('  Sohail Bahmani, Bhiksha Raj, Petros Boufounos · 2012-03-25 · arXiv:1203.5483');
    expect(md).toContain('  > Note on 1203.5483: compare with baseline');
  });

  test('grouped by supplied clusters; papers no cluster holds are listed under Other', () => {
    const papers = realPapers().slice(0, 5);
    const md = toMarkdown(papers, {
      groupBy: [{ name: 'Cluster 1: sparse [methods]', paperIds: [papers[0]?.id as string, papers[1]?.id as string] }],
    });
    expect(md).toContain('## Cluster 1: sparse \\[methods\\]');
    expect(md.match(/^- /gm)).toHaveLength(5);
    expect(md).toContain('## Other');
  });

  test('page text cannot inject links, HTML or break the link target', () => {
    const md = toMarkdown(hardPapers(), { groupBy: 'none' });
    expect(md).toContain('(https://example.org/papers/42)');
    expect(md).not.toMatch(/<script/);
    expect(md).toContain('- [Hostile } title \\\\ with % and \\# and @misc{x, and ~ ^ & \\_ $ { unbalanced]');
    expect(md).toContain('et al. (500 authors)');
  });
});

describe('citation keys', () => {
  test('familiar author + year + title word, ASCII', () => {
    const [attention] = hardPapers();
    expect(baseCitationKey(attention as never)).toBe('vaswani2017attention');
    const keys = citationKeys(hardPapers());
    expect(keys.get('2102.00002')).toBe('garciamarquez2021unicode');
    expect(keys.get('2101.00001')).toBe('beethoven2021regularised');
    for (const key of keys.values()) expect(key).toMatch(/^[a-z0-9]+$/);
  });

  test('unique within an export, suffixed a, b by id order, and the same in every export', () => {
    const twins = ['2301.00003', '2301.00001', '2301.00002'].map((id) =>
      paper({ id, arxivId: id, title: 'Scaling Laws', authors: ['Jared Kaplan'], published: '2023-01-01' }),
    );
    const keys = citationKeys(twins);
    expect([keys.get('2301.00001'), keys.get('2301.00002'), keys.get('2301.00003')]).toEqual([
      'kaplan2023scaling',
      'kaplan2023scalinga',
      'kaplan2023scalingb',
    ]);
    expect(citationKeys([...twins].reverse())).toEqual(keys);
    const all = citationKeys(realPapers());
    expect(new Set(all.values()).size).toBe(realPapers().length);
    expect(citationKeys(realPapers())).toEqual(all);
  });

  test('a paper record exports like a stored paper with default user state', () => {
    const record: PaperRecord = {
      ...hardPapers()[0],
      source: { site: 'arxiv', pageUrl: 'https://arxiv.org/list/cs.CL/new', section: 'new', rank: 1 },
    } as unknown as PaperRecord;
    const stored = asLibraryPaper(record);
    expect(stored.tags).toEqual([]);
    expect(stored.sites).toEqual(['arxiv']);
    expect(toBibtex([record])).toContain('@misc{vaswani2017attention,');
  });
});

describe('names', () => {
  test.each([
    ['Ashish Vaswani', { given: 'Ashish', particle: '', family: 'Vaswani', suffix: '', literal: null }],
    ['Vaswani, Ashish', { given: 'Ashish', particle: '', family: 'Vaswani', suffix: '', literal: null }],
    ['Ludwig van Beethoven', { given: 'Ludwig', particle: 'van', family: 'Beethoven', suffix: '', literal: null }],
    ['de la Cruz, Juan', { given: 'Juan', particle: 'de la', family: 'Cruz', suffix: '', literal: null }],
    ['Heath, Jr., Robert W.', { given: 'Robert W.', particle: '', family: 'Heath', suffix: 'Jr.', literal: null }],
    ['Martin Luther King, Jr.', { given: 'Martin Luther', particle: '', family: 'King', suffix: 'Jr.', literal: null }],
    ['Hal Daumé III', { given: 'Hal', particle: '', family: 'Daumé', suffix: 'III', literal: null }],
    ['Diptarama', { given: '', particle: '', family: 'Diptarama', suffix: '', literal: null }],
    ['张伟', { given: '', particle: '', family: '', suffix: '', literal: '张伟' }],
    ['محمد بن سلمان', { given: '', particle: '', family: '', suffix: '', literal: 'محمد بن سلمان' }],
    ['Ahmed Al Mansouri', { given: 'Ahmed', particle: '', family: 'Al Mansouri', suffix: '', literal: null }],
    [
      'The ATLAS Collaboration',
      { given: '', particle: '', family: '', suffix: '', literal: 'The ATLAS Collaboration' },
    ],
  ])('%s', (raw, expected) => {
    expect(splitName(raw)).toEqual(expected);
  });
});

describe('LaTeX', () => {
  test.each([
    ['Attention Is All You Need', 'Attention Is All You Need'],
    ['BERT and GPT-4 on ImageNet', '{BERT} and {GPT}-4 on {ImageNet}'],
    ['a study of Gaussian processes for regression', 'a study of {Gaussian} processes for regression'],
    ['$\\ell_1$ and \\alpha', '$\\ell_1$ and \\alpha'],
    ['Shr\\"odinger', 'Shr\\"odinger'],
    ['50% & #1 a_b ~ ^', '50\\% \\& \\#1 a\\_b \\textasciitilde{} \\textasciicircum{}'],
    ['} unbalanced {', '\\textbraceright{} unbalanced \\textbraceleft{}'],
    ['$ alone', '\\$ alone'],
    // `$$` is an empty span, as fromLatex pairs it: the `$` after it opens the math.
    ['$$-Fe$_{2}$', '\\$\\$-Fe$_{2}$'],
    ['back\\ slash', 'back\\textbackslash{} slash'],
    ['\\input{/etc/passwd}', '\\textbackslash{}input{/etc/passwd}'],
    ['$\\input{x}$', '\\$\\textbackslash{}input{x}\\$'],
    ['Ünïcödé 深度学习', 'Ünïcödé 深度学习'],
  ])('%s', (text, tex) => {
    expect(toLatex(text, { protectCase: true })).toBe(tex);
  });
});

describe('file names', () => {
  const date = new Date(2025, 2, 7);
  test.each([
    [{ format: 'bibtex' as const, date }, 'paperlane-library-2025-03-07.bib'],
    [{ tag: 'to read', format: 'ris' as const, date }, 'paperlane-to-read-2025-03-07.ris'],
    [{ tag: 'Ünï/../../etc: «x»', format: 'csv' as const, date }, 'paperlane-uni-etc-x-2025-03-07.csv'],
    [{ tag: '深度', format: 'markdown' as const, date }, 'paperlane-library-2025-03-07.md'],
    [{ format: 'csl-json' as const, date }, 'paperlane-library-2025-03-07.json'],
    [{ format: 'backup' as const, date }, 'paperlane-library-2025-03-07.backup.json'],
  ])('%j', (options, name) => {
    expect(exportFileName(options)).toBe(name);
  });
});
