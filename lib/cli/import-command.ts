/**
 * `npm run -s cli -- import <file> --dry-run [--into <backup.json>] [--replace]`: validates a backup, BibTeX, RIS,
 * CSL-JSON or JSON Lines file and prints what importing it would change, against an empty library or a backup.
 * The command line never writes a library, so --dry-run is required: it says what the command does.
 */
import { readFile } from 'node:fs/promises';
import { errorMessage } from '../errors';
import { EMPTY_LIBRARY, type ImportMode, importFile, type LibraryContents, parseBackup, planImport } from '../export';

export const USAGE = 'import <file> --dry-run [--into <backup.json>] [--replace]';

function located(e: { where: string; line: number | null; message: string }): string {
  return `  ${e.where}${e.line !== null && !e.where.includes(`line ${e.line}`) ? ` (line ${e.line})` : ''}: ${e.message}`;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    process.stderr.write(`import: cannot read ${path}: ${errorMessage(error)}\n`);
    return null;
  }
}

export async function run(args: string[]): Promise<number> {
  const intoIndex = args.indexOf('--into');
  const into = intoIndex >= 0 ? args[intoIndex + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (intoIndex < 0 || i !== intoIndex + 1));
  if (!file || !args.includes('--dry-run') || (intoIndex >= 0 && !into)) {
    process.stderr.write(`usage: npm run -s cli -- ${USAGE}\n`);
    return 2;
  }
  const mode: ImportMode = args.includes('--replace') ? 'replace' : 'merge';
  let library: LibraryContents = EMPTY_LIBRARY;
  if (into) {
    const text = await readText(into);
    if (text === null) return 1;
    const parsed = parseBackup(text);
    if (!parsed.ok) {
      process.stderr.write(`import: ${into} is not a valid backup:\n${parsed.errors.map(located).join('\n')}\n`);
      return 1;
    }
    library = parsed.backup;
  }
  const text = await readText(file);
  if (text === null) return 1;
  const outcome = importFile(text, 'auto');
  if (!outcome.ok) {
    const what = outcome.format ? `${outcome.format} file` : 'file';
    process.stderr.write(`import: ${file} would be refused as a whole (${what}, ${outcome.errors.length} problems):\n`);
    process.stderr.write(`${outcome.errors.map(located).join('\n')}\n`);
    return 1;
  }
  const incoming = outcome.backup ?? { papers: outcome.papers };
  const plan = planImport(library, incoming, mode);
  const lines = [
    `${file}: ${outcome.format}, ${outcome.papers.length} papers, valid`,
    `dry run (${mode} into ${into ?? 'an empty library'}); nothing was written:`,
    `  papers added      ${plan.added}`,
    `  papers updated    ${plan.updated}`,
    `  papers unchanged  ${plan.unchanged}`,
    ...(mode === 'replace' ? [`  papers removed    ${plan.removed}`] : []),
    `  tags added        ${plan.tagsAdded}`,
    `  sightings added   ${plan.sightingsAdded}`,
    `  library after     ${plan.result.papers.length} papers`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
