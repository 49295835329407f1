/**
 * `npm run -s cli -- import <file> (--dry-run | --write <backup.json>) [--library <backup.json>] [--replace]`:
 * reads a backup, BibTeX, RIS, CSL-JSON or JSON Lines file by the extension's own code, prints
 * `<file>: <format>, <N> papers, <M> entries skipped`, the entries left out (number, line, reason) and what importing
 * would change in the starting library (empty, or the backup given with --library). `--write` saves the library the
 * import would leave as a backup, which `export` and `import --library` read in turn.
 * Exit codes: 0 when anything can be imported, 1 when nothing can (or a file cannot be read), 2 on a usage error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { errorMessage } from '../errors';
import {
  backupJson,
  EMPTY_LIBRARY,
  type ImportMode,
  type ImportOutcome,
  importFile,
  type LibraryContents,
  parseBackup,
  planImport,
} from '../export';
import { type Decoded, decodeFile } from '../export/decode';
import { describeProblems, plural } from '../export/import-report';

export const USAGE = 'import <file> (--dry-run | --write <backup.json>) [--library <backup.json>] [--replace]';

const VALUE_FLAGS = new Set(['--write', '--library', '--into']);
const SWITCHES = new Set(['--dry-run', '--replace']);

async function readBytes(path: string): Promise<Uint8Array | null> {
  try {
    // A Buffer is a Uint8Array already: no copy of a 50 MB file.
    return await readFile(path);
  } catch (error) {
    process.stderr.write(`import: cannot read ${path}: ${errorMessage(error)}\n`);
    return null;
  }
}

/**
 * A file read as importFile reads bytes (lib/export/decode.ts tells the encoding), decoded in a frame of its own so
 * that the bytes are gone before the entries are read: a 50 MB file is not held twice while it is imported.
 */
async function readText(path: string): Promise<Decoded | null> {
  const bytes = await readBytes(path);
  return bytes && decodeFile(bytes);
}

async function importPath(path: string): Promise<ImportOutcome | null> {
  const decoded = await readText(path);
  if (decoded === null) return null;
  if (decoded.ok) return importFile(decoded.text, 'auto');
  return { ok: false, format: null, errors: [{ where: 'file', line: null, message: decoded.message }], entries: 0 };
}

type Args = { file: string; write: string | null; library: string | null; dryRun: boolean; mode: ImportMode };

function parseArgs(args: string[]): Args | string {
  const values = new Map<string, string>();
  const files: string[] = [];
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (VALUE_FLAGS.has(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a file name`;
      values.set(arg === '--into' ? '--library' : arg, value);
      i++;
    } else if (SWITCHES.has(arg)) switches.add(arg);
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length ? 'one file at a time' : 'which file?';
  const write = values.get('--write') ?? null;
  if (!write && !switches.has('--dry-run')) return 'say --dry-run to see the plan, or --write <backup.json> to save it';
  return {
    file: files[0] as string,
    write,
    library: values.get('--library') ?? null,
    dryRun: switches.has('--dry-run'),
    mode: switches.has('--replace') ? 'replace' : 'merge',
  };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`import: ${parsed}\nusage: npm run -s cli -- ${USAGE}\n`);
    return 2;
  }
  const { file, write, library: libraryFile, mode } = parsed;
  let library: LibraryContents = EMPTY_LIBRARY;
  if (libraryFile) {
    const bytes = await readBytes(libraryFile);
    if (bytes === null) return 1;
    const decoded = decodeFile(bytes);
    const backup = decoded.ok ? parseBackup(decoded.text) : null;
    if (!backup?.ok) {
      const errors = backup
        ? backup.errors
        : decoded.ok
          ? []
          : [{ where: 'file', line: null, message: decoded.message }];
      process.stderr.write(
        `import: ${libraryFile} is not a valid backup:\n${describeProblems(errors)
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    library = backup.backup;
  }
  const outcome = await importPath(file);
  if (outcome === null) return 1;
  if (!outcome.ok) {
    const what = outcome.format ? `${outcome.format}, ` : '';
    process.stdout.write(
      `${file}: ${what}0 papers, ${plural(outcome.entries, 'entry', 'entries')} skipped; nothing can be imported:\n`,
    );
    process.stdout.write(
      `${describeProblems(outcome.errors)
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    );
    return 1;
  }
  const incoming = outcome.backup ?? { papers: outcome.papers };
  const plan = planImport(library, incoming, mode);
  const skipped = outcome.skipped.length;
  const lines = [
    `${file}: ${outcome.format}, ${plural(outcome.papers.length, 'paper')}, ${plural(skipped, 'entry', 'entries')} skipped`,
    ...describeProblems(outcome.skipped).map((l) => `  ${l}`),
    `${write ? 'plan' : 'dry run'} (${mode} into ${libraryFile ?? 'an empty library'})${write ? `, written to ${write}` : '; nothing was written'}:`,
    `  papers added      ${plan.added}`,
    `  papers updated    ${plan.updated}`,
    `  papers unchanged  ${plan.unchanged}`,
    ...(mode === 'replace' ? [`  papers removed    ${plan.removed}`] : []),
    `  tags added        ${plan.tagsAdded}`,
    `  sightings added   ${plan.sightingsAdded}`,
    `  library after     ${plural(plan.result.papers.length, 'paper')}`,
  ];
  if (write) {
    try {
      await writeFile(write, backupJson(plan.result));
    } catch (error) {
      process.stderr.write(
        `import: cannot write ${write}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
