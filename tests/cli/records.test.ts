/**
 * The forgiving JSON Lines of the command line (lib/cli/records.ts): a 5-record file whose records leave fields out
 * and 100 lines in the format of arXiv's metadata snapshot (both handmade, in tests/cli/) are exported to BibTeX,
 * which @retorquere/bibtex-parser reads back with the titles, authors and years the input files say. The expected
 * values are read from the input lines themselves (arXiv's `authors_parsed`, the first version's date) or written
 * out by hand, never computed by the code under test. Bad lines get one message each, naming the line and field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as cluster } from '../../lib/cli/cluster';
import { run as exportCommand } from '../../lib/cli/export';
import { run as rank } from '../../lib/cli/rank';
import { nameKey, sameTitle } from '../helpers/bibtex-compare';

const HERE = import.meta.dirname;
const PARTIAL = join(HERE, 'partial-5-handmade.jsonl');
const ARXIV = join(HERE, 'arxiv-metadata-100-handmade.jsonl');

/** Runs a command's `run` with stdout and stderr captured. */
async function capture(command: (args: string[]) => Promise<number>, args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await command(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

function tempFile(name: string, text: string): string {
  const path = join(tmpdir(), `paperlane-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
}

type Entry = ReturnType<typeof parseBibtex>['entries'][number];
const families = (entry: Entry) =>
  (entry.fields.author ?? []).map((c) => nameKey(c.name ?? `${c.prefix ?? ''}${c.lastName ?? ''}`));

describe('cli export of partial JSON Lines records', () => {
  it('exports 5 records that omit fields to BibTeX that reads back with their titles, authors and years', async () => {
    const { code, stdout, stderr } = await capture(exportCommand, [PARTIAL, '--format', 'bibtex']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const library = parseBibtex(stdout, { sentenceCase: false, unsupported: 'ignore' });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(5);
    const byTitle = new Map(library.entries.map((e) => [String(e.fields.title), e]));
    // Written out by hand from the file.
    const expected: [string, string[], string | undefined][] = [
      [
        'Attention Is All You Need',
        ['vaswani', 'shazeer', 'parmar', 'uszkoreit', 'jones', 'gomez', 'kaiser', 'polosukhin'],
        '2017',
      ],
      ['Deep Residual Learning for Image Recognition', ['he', 'zhang', 'ren', 'sun'], '2016'],
      ['Auto-Encoding Variational Bayes', ['kingma', 'welling'], '2013'],
      [
        'Dropout: A Simple Way to Prevent Neural Networks from Overfitting',
        ['srivastava', 'hinton', 'krizhevsky', 'sutskever', 'salakhutdinov'],
        '2014',
      ],
      ['Deep learning', ['lecun', 'bengio', 'hinton'], '2015'],
    ];
    for (const [title, authors, year] of expected) {
      const entry = byTitle.get(title);
      expect(entry, title).toBeDefined();
      expect(families(entry as Entry), title).toEqual(authors);
      expect((entry as Entry).fields.year, title).toBe(year);
    }
    // Identified as the project identifies papers: the arXiv id, else the DOI, else the link.
    expect(byTitle.get('Auto-Encoding Variational Bayes')?.fields.eprint).toBe('1312.6114');
    expect(byTitle.get('Deep Residual Learning for Image Recognition')?.fields.doi).toBe('10.1109/cvpr.2016.90');
    expect(byTitle.get('Deep learning')?.fields.doi).toBe('10.1038/nature14539');
    expect(byTitle.get('Dropout: A Simple Way to Prevent Neural Networks from Overfitting')?.fields.url).toBe(
      'https://www.jmlr.org/papers/v15/srivastava14a.html',
    );
  });
});

type ArxivLine = {
  id: string;
  title: string;
  authors_parsed: string[][];
  versions: { created: string }[];
  doi: string | null;
};

describe('cli export of lines of arXiv’s metadata snapshot', () => {
  it('exports 100 lines to BibTeX that reads back with their titles, authors, years and arXiv ids', async () => {
    const lines: ArxivLine[] = readFileSync(ARXIV, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(100);
    const { code, stdout, stderr } = await capture(exportCommand, [ARXIV, '--format', 'bibtex']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const library = parseBibtex(stdout, { sentenceCase: false, unsupported: 'ignore' });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(100);
    const byEprint = new Map(library.entries.map((e) => [String(e.fields.eprint), e]));
    const wrong: string[] = [];
    for (const line of lines) {
      const entry = byEprint.get(line.id);
      if (!entry) {
        wrong.push(`${line.id}: no entry`);
        continue;
      }
      const title = line.title.replace(/\s+/g, ' ').trim();
      if (!sameTitle(title, String(entry.fields.title))) wrong.push(`${line.id}: title ${entry.fields.title}`);
      const expectedFamilies = line.authors_parsed.map(([family]) => nameKey(family as string));
      if (JSON.stringify(families(entry)) !== JSON.stringify(expectedFamilies)) {
        wrong.push(`${line.id}: authors ${families(entry)} vs ${expectedFamilies}`);
      }
      // The year of the first version ("Mon, 2 Apr 2007 19:18:42 GMT"), not of the last update.
      const year = /\d{4}/.exec(line.versions[0]?.created ?? '')?.[0];
      if (entry.fields.year !== year) wrong.push(`${line.id}: year ${entry.fields.year} vs ${year}`);
      const doi = line.doi?.split(' ')[0]?.toLowerCase();
      if (doi && entry.fields.doi !== doi) wrong.push(`${line.id}: doi ${entry.fields.doi} vs ${doi}`);
    }
    expect(wrong).toEqual([]);
  });

  it('clusters and ranks the same lines (authors as one string, categories as one string)', async () => {
    const clustered = await capture(cluster, [ARXIV, '--k', '4', '--seed', '1']);
    expect(clustered.stderr).toBe('');
    expect(clustered.code).toBe(0);
    const { assignments } = JSON.parse(clustered.stdout) as { assignments: Record<string, number> };
    expect(Object.keys(assignments)).toHaveLength(100);
    expect(assignments['hep-th/0402354']).toBeTypeOf('number');
    const ranked = await capture(rank, [ARXIV, PARTIAL]);
    expect(ranked.stderr).toBe('');
    expect(ranked.code).toBe(0);
    const ids = ranked.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids.sort()).toEqual(
      [
        // An id the line gives is kept as written (the caller's key); without one, the canonical id of doi.
        'https://doi.org/10.1038/nature14539',
        '10.1109/cvpr.2016.90',
        '1312.6114',
        '1706.03762',
        'https://www.jmlr.org/papers/v15/srivastava14a.html',
      ].sort(),
    );
  });
});

describe('bad lines', () => {
  const BAD = [
    '{"id": "1706.03762", "title": "Fine", "authors": ["A. One"]}',
    '{"id": "1706.03763", "authors": ["No Title"]}',
    '[1, 2, 3]',
    '{"id": "1706.03764", "title": "Authors as a number", "authors": 7}',
    '{"title": "Nothing to identify it", "authors": ["A. One"]}',
    '{"id": "1706.03765", "title": "Bad date", "published": "last Tuesday"}',
    '{"id": "1706.03766", "title": "Broken',
    '{"id": "2401.00001", "title": "An arXiv line with a bad parsed author", "authors": "A. One", "authors_parsed": [["One", 2, ""]], "update_date": "2024-01-02"}',
  ].join('\n');

  it('export names the line and field of each bad record, once per record', async () => {
    const path = tempFile('bad.jsonl', BAD);
    const { code, stdout, stderr } = await capture(exportCommand, [path, '--format', 'bibtex']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe(`export: ${path} is not JSON Lines of papers: 7 of 8 lines are not papers:`);
    expect(lines.slice(1)).toEqual([
      `${path}:2: title: missing`,
      `${path}:3: must be a JSON object with at least a title and an id, not a list`,
      `${path}:4: authors: must be a list or one string, not number`,
      `${path}:5: arxivId: no arXiv id, DOI or http(s) URL to identify the paper (give arxivId, doi or url)`,
      `${path}:6: published: must be a date such as 2024-05-31 (or a year), not "last Tuesday"`,
      `${path}:7: not valid JSON`,
      `${path}:8: authors_parsed[0]: must be a list of texts [family, given, suffix]`,
    ]);
  });

  it('cluster reports every bad line in one line each, not a schema dump', async () => {
    const path = tempFile('bad-cluster.jsonl', BAD);
    const { code, stderr } = await capture(cluster, [path]);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^cluster: \d+ of 8 lines are not papers:$/);
    expect(lines.slice(1).every((l) => l.startsWith(`${path}:`))).toBe(true);
    expect(lines.some((l) => l === `${path}:2: title: missing`)).toBe(true);
    expect(lines.some((l) => l.startsWith(`${path}:4: authors`))).toBe(true);
  });

  it('reports the first 20 of many bad lines and counts the rest', async () => {
    const path = tempFile('many-bad.jsonl', Array.from({ length: 91 }, (_, i) => `{"id": "x${i}"}`).join('\n'));
    const { stderr } = await capture(exportCommand, [path, '--format', 'bibtex']);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('… and 71 more bad lines');
  });
});
