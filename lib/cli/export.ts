/**
 * `npm run -s cli -- export <file> --format <format>`: a backup or JSON Lines of papers (records as `extract` prints
 * them, partial records, or lines of arXiv's metadata snapshot: lib/cli/records.ts) written to stdout in any export
 * format, by the same code as the extension.
 */
import { readFile } from 'node:fs/promises';
import {
  backupJson,
  EMPTY_LIBRARY,
  EXPORT_FORMATS,
  type ExportFormat,
  exportPapers,
  importFile,
  mergeDuplicates,
} from '../export';
import { newLibraryPaper } from '../paper/merge';
import type { PaperRecord } from '../paper/schema';
import { parseJsonLines, recordFromJson } from './records';

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
    process.stderr.write(`export: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const detected =
    text.trimStart().startsWith('{"format"') || /"format"\s*:\s*"paperlane-backup"/.test(text.slice(0, 500));
  if (!detected) {
    // JSON Lines, forgiving (lib/cli/records.ts): partial records and arXiv's metadata lines are papers too.
    let records: PaperRecord[];
    try {
      records = parseJsonLines(text, file, recordFromJson);
    } catch (error) {
      process.stderr.write(`export: ${file} is not JSON Lines of papers: ${(error as Error).message}\n`);
      return 1;
    }
    if (records.length === 0) {
      process.stderr.write(`export: ${file} holds no papers\n`);
      return 1;
    }
    // Copies of one paper (the same canonical id) become one entry, as an import into the library would.
    const papers = [...mergeDuplicates(records.map((r) => newLibraryPaper(r, 0))).values()];
    process.stdout.write(
      format === 'backup' ? backupJson({ ...EMPTY_LIBRARY, papers }) : exportPapers(papers, format as ExportFormat),
    );
    return 0;
  }
  const outcome = importFile(text, 'backup');
  if (!outcome.ok) {
    process.stderr.write(`export: ${file} is not a valid backup:\n`);
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
