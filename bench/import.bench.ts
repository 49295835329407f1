/**
 * Imports over ../shared/interop and a 50 MB library (issue 14's goals), each against a baseline measured in the
 * same run:
 * - per corpus folder: entries imported / entries the independent reader finds (index.json: @retorquere/bibtex-parser
 *   for BibTeX, `TY  -` lines for RIS, array items for CSL-JSON), internal errors, skipped entries without a place;
 * - round-trip losses: every imported paper exported to BibTeX, BibLaTeX, RIS and CSL-JSON and read back by our
 *   readers, compared on title, author count, year, DOI and arXiv id (tests/export/interop-roundtrip.test.ts does the
 *   same with the independent readers);
 * - a generated 90,000-entry BibTeX file (about 50 MB, bench/import-data.ts) previewed through the CLI's code path
 *   (`import <file> --dry-run`) in a fresh process, time and peak RSS, alternated with a naive baseline (decode,
 *   split at entry starts, fields by regex) and @retorquere/bibtex-parser on the first 1,000 entries (it reads about
 *   150 entries/s here, so the whole file would take minutes).
 *
 *   npx tsx bench/import.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportPapers, importFile } from '../lib/export';
import type { LibraryPaper } from '../lib/paper/schema';
import { largeBibtex } from './import-data';

const ROOT = resolve(import.meta.dirname, '..');
const INTEROP = resolve(ROOT, '../shared/interop');
const RUNS = 3;

type IndexEntry = { file: string; format: string; entries: number };
const index = JSON.parse(readFileSync(join(INTEROP, 'index.json'), 'utf8')) as IndexEntry[];

// ---- per folder ----
type Folder = { files: number; found: number; imported: number; ours: number; internal: number; unlocated: number };
const folders = new Map<string, Folder>();
const perFile: LibraryPaper[][] = [];
const worst: string[] = [];
for (const item of index) {
  const name = item.file.split('/')[0] as string;
  const folder = folders.get(name) ?? { files: 0, found: 0, imported: 0, ours: 0, internal: 0, unlocated: 0 };
  folders.set(name, folder);
  const outcome = importFile(new Uint8Array(readFileSync(join(INTEROP, item.file))));
  const problems = outcome.ok ? outcome.skipped : outcome.errors;
  const imported = outcome.ok ? outcome.entries - outcome.skipped.length : 0;
  folder.files++;
  folder.found += item.entries;
  folder.ours += outcome.entries;
  // A file where we read more entries than the independent reader counts no more than it finds.
  folder.imported += Math.min(imported, item.entries);
  folder.internal += problems.filter((p) => /^could not read the file/.test(p.message)).length;
  folder.unlocated += problems.filter((p) => p.where !== 'file' && p.line === null).length;
  if (imported < item.entries) worst.push(`${item.file}: ${imported}/${item.entries}`);
  if (outcome.ok) perFile.push(outcome.papers);
}

// ---- round trip through our own readers, file by file (files share papers, written differently) ----
const FORMATS = ['bibtex', 'biblatex', 'ris', 'csl-json'] as const;
const losses: Record<string, number> = {};
const year = (p: LibraryPaper) => p.published?.slice(0, 4) ?? null;
const paperCount = perFile.reduce((n, papers) => n + papers.length, 0);
for (const format of FORMATS) {
  let lost = 0;
  for (const papers of perFile) {
    const back = importFile(exportPapers(papers, format));
    const byId = new Map((back.ok ? back.papers : []).map((p) => [p.id, p]));
    for (const paper of papers) {
      const again = byId.get(paper.id);
      if (
        !again ||
        again.title !== paper.title ||
        again.authors.length !== paper.authors.length ||
        year(again) !== year(paper) ||
        (again.doi ?? null) !== (paper.doi ?? null) ||
        (again.arxivId ?? null) !== (paper.arxivId ?? null)
      ) {
        lost++;
      }
    }
  }
  losses[format] = lost;
}

// ---- the 50 MB file ----
const dir = join(tmpdir(), `paperlane-import-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
const big = join(dir, 'library.bib');
const text = largeBibtex(90_000);
writeFileSync(big, text);
const bytes = Buffer.byteLength(text);
type Run = { ms: number; cpuMs: number; maxRssMB: number; heapMB: number; entries: number };
function measure(mode: string, ...args: string[]): Run {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/import-measure.ts'), mode, big, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`${mode}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as Run;
}
const ours: Run[] = [];
const naive: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  ours.push(measure('cli'));
  naive.push(measure('naive'));
}
const retorquere = measure('retorquere', '1000');
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)}%` : '—');

const lines: string[] = [];
lines.push(
  'Entries imported per corpus folder of ../shared/interop (goal ≥ 99% each, 0 internal errors, every skip located)\n',
);
lines.push(
  '| folder | files | entries (independent reader) | imported | share | internal errors | skipped without a place | met |',
);
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const [name, f] of folders) {
  const met = f.imported >= 0.99 * f.found && f.internal === 0 && f.unlocated === 0;
  lines.push(
    `| ${name} | ${f.files} | ${f.found} | ${f.imported} | ${pct(f.imported, f.found)} | ${f.internal} | ${f.unlocated} | ${met ? 'yes' : 'NO'} |`,
  );
}
lines.push('');
lines.push(
  `Round trip of the ${paperCount} imported papers through our readers (goal 0 losses of title, author count, year, DOI, arXiv id)\n`,
);
lines.push('| format | losses |');
lines.push('| --- | ---: |');
for (const format of FORMATS) lines.push(`| ${format} | ${losses[format]} |`);
lines.push('');
const m = (runs: Run[], key: keyof Run) => median(runs.map((r) => r[key]));
lines.push(
  `Preview of a ${(bytes / 1e6).toFixed(1)} MB BibTeX file of 90,000 entries through the CLI's code path (fresh process each, ${RUNS} alternating runs, medians with ranges; goal ≤ 5 s and ≤ 400 MB)\n`,
);
lines.push('| reader | wall ms | CPU ms | peak RSS MB | heap after MB | entries | entries/s (CPU) |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const row = (name: string, runs: Run[]) =>
  `| ${name} | ${m(runs, 'ms').toFixed(0)} (${range(runs.map((r) => r.ms))}) | ${m(runs, 'cpuMs').toFixed(0)} (${range(runs.map((r) => r.cpuMs))}) | ${m(runs, 'maxRssMB').toFixed(0)} (${range(runs.map((r) => r.maxRssMB))}) | ${m(runs, 'heapMB').toFixed(0)} | ${m(runs, 'entries')} | ${Math.round(m(runs, 'entries') / (m(runs, 'cpuMs') / 1000)).toLocaleString('en-US')} |`;
lines.push(row('Paperlane `import --dry-run` (read, identify, plan)', ours));
lines.push(row('baseline: decode + split + regex fields (no TeX, no checks)', naive));
lines.push(row('@retorquere/bibtex-parser, first 1,000 entries', [retorquere]));
lines.push('');
lines.push(
  `Ratios: Paperlane / naive baseline ${(m(ours, 'ms') / m(naive, 'ms')).toFixed(2)}× wall, ${(m(ours, 'maxRssMB') / m(naive, 'maxRssMB')).toFixed(2)}× peak RSS; @retorquere/bibtex-parser reads ${Math.round(retorquere.entries / (retorquere.cpuMs / 1000))} entries/s against our ${Math.round(m(ours, 'entries') / (m(ours, 'cpuMs') / 1000)).toLocaleString('en-US')}. Goal time ${m(ours, 'ms') <= 5000 ? 'met' : 'NOT met'} (wall), memory ${m(ours, 'maxRssMB') <= 400 ? 'met' : 'NOT met'}. The machine is shared (load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} on 2 cores at the end): CPU time is the steadier figure.`,
);
if (worst.length)
  lines.push(
    `\nFiles below their independent count: ${worst.length} (${worst.slice(0, 12).join('; ')}${worst.length > 12 ? '; …' : ''})`,
  );
const output = lines.join('\n');
console.log(output);
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/out/import.json'),
  JSON.stringify({ folders: Object.fromEntries(folders), losses, ours, naive, retorquere, bytes }, null, 2),
);
