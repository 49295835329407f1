/**
 * `npm run -s cli -- export <file> --format <format>`: a backup or JSON Lines of adapter records (as `extract`
 * prints them, one per line) written to stdout in any export format, by the same code as the extension.
 */
import { readFile } from 'node:fs/promises';
import { errorMessage } from '../errors';
import { backupJson, EXPORT_FORMATS, type ExportFormat, exportPapers, importFile } from '../export';

export const USAGE = `export <file> --format ${EXPORT_FORMATS.join('|')}`;

function formatError(where: string, line: number | null, message: string): string {
  return `  ${where}${line !== null && !where.includes(`line ${line}`) ? ` (line ${line})` : ''}: ${message}`;
}

export async function run(args: string[]): Promise<number> {
  const formatIndex = args.indexOf('--format');
  const format = formatIndex >= 0 ? args[formatIndex + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (formatIndex < 0 || i !== formatIndex + 1));
  if (!file || !format) {
    process.stderr.write(`usage: npm run -s cli -- ${USAGE}\n`);
    return 2;
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`export: unknown format "${format}"; one of ${EXPORT_FORMATS.join(', ')}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`export: cannot read ${file}: ${errorMessage(error)}\n`);
    return 1;
  }
  const detected =
    text.trimStart().startsWith('{"format"') || /"format"\s*:\s*"paperlane-backup"/.test(text.slice(0, 500));
  const outcome = importFile(text, detected ? 'backup' : 'jsonl');
  if (!outcome.ok) {
    process.stderr.write(
      `export: ${file} is not a valid ${detected ? 'backup' : 'JSON Lines file of paper records'}:\n`,
    );
    process.stderr.write(`${outcome.errors.map((e) => formatError(e.where, e.line, e.message)).join('\n')}\n`);
    return 1;
  }
  const chosen = format as ExportFormat;
  // A backup exported as a backup keeps its tags, sightings and settings, not just the papers.
  const output =
    chosen === 'backup' && outcome.backup ? backupJson(outcome.backup) : exportPapers(outcome.papers, chosen);
  process.stdout.write(output);
  return 0;
}
