import { errorMessage } from '../errors';
import { newLibraryPaper } from '../paper/merge';
import type { LibraryPaper } from '../paper/schema';
import { PaperRecord } from '../paper/schema';
import { type Backup, mergeDuplicates, parseBackup } from './backup';
import { importBibtex } from './import-bibtex';
import { importCslJson } from './import-csl';
import { type ImportError, type ImportResult, issuesToErrors, parseJson } from './import-result';
import { importRis } from './import-ris';

export const IMPORT_FORMATS = ['backup', 'bibtex', 'ris', 'csl-json', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The format of a file from its first characters; null when it looks like none we read. */
export function detectFormat(text: string): ImportFormat | null {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^TY {1,2}-/m.test(start.slice(0, 2000)) && /^TY {1,2}-/.test(start)) return 'ris';
  if (start.startsWith('[')) return 'csl-json';
  if (start.startsWith('{')) {
    if (
      /^\{\s*"format"\s*:\s*"paperlane-backup"/.test(start) ||
      /"format"\s*:\s*"paperlane-backup"/.test(start.slice(0, 500))
    ) {
      return 'backup';
    }
    // One JSON object per line is JSONL; one object over many lines is a single CSL item.
    const firstLine = start.split('\n', 1)[0] as string;
    return parseJson(firstLine).ok ? 'jsonl' : 'csl-json';
  }
  if (/@\s*[A-Za-z]+\s*[{(]/.test(start.slice(0, 100_000))) return 'bibtex';
  return null;
}

/**
 * JSON Lines of adapter records, as the `extract` command prints them: one PaperRecord per line, each validated,
 * errors naming the line. Blank lines are skipped.
 */
export function importJsonl(text: string, now: number): ImportResult {
  const result: ImportResult = { papers: [], errors: [] };
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const where = `line ${index + 1}`;
    const json = parseJson(line, where);
    if (!json.ok) {
      result.errors.push({ ...json.error, line: index + 1 });
      continue;
    }
    const parsed = PaperRecord.safeParse(json.value);
    if (!parsed.success) result.errors.push(...issuesToErrors(parsed.error.issues, where, index + 1));
    else result.papers.push(newLibraryPaper(parsed.data, now));
  }
  return result;
}

export type ImportOutcome =
  | { ok: true; format: ImportFormat; papers: LibraryPaper[]; backup: Backup | null }
  | { ok: false; format: ImportFormat | null; errors: ImportError[] };

/**
 * Reads a file in any format we import. All or nothing: any error refuses the whole file and lists every problem;
 * otherwise the papers, copies of one paper (same canonical id) merged into one. Never throws.
 */
export function importFile(
  text: string,
  format: ImportFormat | 'auto' = 'auto',
  now: number = Date.now(),
): ImportOutcome {
  const chosen = format === 'auto' ? detectFormat(text) : format;
  if (!chosen) {
    const message =
      'not a file we can read: expected a Paperlane backup, BibTeX, RIS, CSL-JSON or JSON Lines of paper records';
    return { ok: false, format: null, errors: [{ where: 'file', line: null, message }] };
  }
  try {
    if (chosen === 'backup') {
      const parsed = parseBackup(text);
      if (!parsed.ok) return { ok: false, format: chosen, errors: parsed.errors };
      return { ok: true, format: chosen, papers: parsed.backup.papers, backup: parsed.backup };
    }
    const read = { bibtex: importBibtex, ris: importRis, 'csl-json': importCslJson, jsonl: importJsonl }[chosen];
    const result = read(text, now);
    if (result.errors.length) return { ok: false, format: chosen, errors: result.errors };
    if (!result.papers.length) {
      return {
        ok: false,
        format: chosen,
        errors: [{ where: 'file', line: null, message: 'the file holds no papers' }],
      };
    }
    return { ok: true, format: chosen, papers: [...mergeDuplicates(result.papers).values()], backup: null };
  } catch (error) {
    // A bug of ours must not look like a crash to the user: report it as a refused file.
    const message = `could not read the file: ${errorMessage(error)}`;
    return { ok: false, format: chosen, errors: [{ where: 'file', line: null, message }] };
  }
}
