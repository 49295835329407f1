/** `cli import`: the summary line, the skipped entries, exit codes 0/1/2, and --write read back by `cli export`. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { describe, expect, test, vi } from 'vitest';
import { run as runExport } from '../../lib/cli/export-command';
import { run } from '../../lib/cli/import-command';
import { parseBackup } from '../../lib/export';

const dir = mkdtempSync(join(tmpdir(), 'paperlane-cli-import-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(args: string[], command = run): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    out += String(c);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    err += String(c);
    return true;
  });
  try {
    return { code: await command(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('cli import', () => {
  const mixed = file('mixed.bib', '@misc{a, title = {A}, author = {Doe, J}}\n@misc{,}\n');

  test('prints "<file>: <format>, <N> papers, <M> entries skipped", the skipped entries, then the plan; exit 0', async () => {
    const { code, out } = await cli([mixed, '--dry-run']);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 3)).toEqual([
      `${mixed}: bibtex, 1 paper, 1 entry skipped`,
      '  entry 2, line 2: no title and nothing else to name it by: the entry holds no fields',
      'dry run (merge into an empty library); nothing was written:',
    ]);
  });

  test('lists at most 50 skipped entries, then "and N more"', async () => {
    const many = file('many.bib', `@misc{a, title = {A}}\n${'@misc{,}\n'.repeat(80)}`);
    const { code, out } = await cli([many, '--dry-run']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`${many}: bibtex, 1 paper, 80 entries skipped`);
    const listed = lines.slice(1, 52);
    expect(listed.slice(0, 50).every((l) => /^ {2}entry \d+, line \d+: no title/.test(l))).toBe(true);
    expect(listed[0]).toMatch(/^ {2}entry 2, line 2: /);
    expect(listed[49]).toMatch(/^ {2}entry 51, line 51: /);
    expect(listed[50]).toBe('  and 30 more');
    expect(lines[52]).toMatch(/^dry run /);
  });

  test('exit 1 when nothing can be imported, 2 on a usage error', async () => {
    expect((await cli([file('none.bib', '@misc{,}\n'), '--dry-run'])).code).toBe(1);
    expect((await cli([file('empty.bib', ''), '--dry-run'])).out).toMatch(/the file is empty/);
    expect((await cli([mixed])).code).toBe(2);
    expect((await cli([mixed, '--dry-run', '--nonsense'])).code).toBe(2);
    expect((await cli(['--dry-run'])).code).toBe(2);
  });

  test('--write saves the merged library as a backup, which --library starts from', async () => {
    const backup = join(dir, 'lib.backup.json');
    expect((await cli([mixed, '--write', backup])).code).toBe(0);
    const parsed = parseBackup(readFileSync(backup, 'utf8'));
    expect(parsed.ok && parsed.backup.papers.map((p) => p.title)).toEqual(['A']);
    const more = file('more.ris', 'TY  - JOUR\r\nTI  - B\r\nDO  - 10.1000/b\r\nER  - \r\n');
    const { out } = await cli([more, '--dry-run', '--library', backup]);
    expect(out).toMatch(/papers added {6}1/);
    expect(out).toMatch(/library after {5}2 papers/);
  });

  test('what --write gives, `export --format bibtex` reads: every entry comes out', async () => {
    const first = join(dir, 'first.backup.json');
    const both = join(dir, 'both.backup.json');
    expect((await cli([mixed, '--write', first])).code).toBe(0);
    const more = file('more2.ris', 'TY  - JOUR\r\nTI  - B\r\nAU  - Roe, Richard\r\nDO  - 10.1000/b\r\nER  - \r\n');
    expect((await cli([more, '--library', first, '--write', both])).code).toBe(0);
    const exported = await cli([both, '--format', 'bibtex'], runExport);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    // Read back by an independent BibTeX reader, not ours.
    const entries = parseBibtex(exported.out).entries.map((e) => ({
      title: e.fields.title,
      doi: e.fields.doi ?? null,
      authors: (e.fields.author as { lastName?: string }[] | undefined)?.map((a) => a.lastName),
    }));
    entries.sort((x, y) => String(x.title).localeCompare(String(y.title)));
    expect(entries).toEqual([
      { title: 'A', doi: null, authors: ['Doe'] },
      { title: 'B', doi: '10.1000/b', authors: ['Roe'] },
    ]);
  });
});
