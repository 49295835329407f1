import { errorMessage } from '../errors';
import { newLibraryPaper } from '../paper/merge';
import type { LibraryPaper } from '../paper/schema';
import { PaperRecord } from '../paper/schema';
import { type Backup, fileDuplicates, parseBackup } from './backup';
import { decodeFile } from './decode';
import { importBibtex } from './import-bibtex';
import { importCslJson } from './import-csl';
import { type ImportError, type ImportResult, issuesToErrors, parseJson, type ReadProgress } from './import-result';
import { importRis } from './import-ris';

export const IMPORT_FORMATS = ['backup', 'bibtex', 'ris', 'csl-json', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The format of a file from its first characters; null when it looks like none we read. */
export function detectFormat(text: string): ImportFormat | null {
  const start = text
    .slice(0, 200_000)
    .replace(/^\uFEFF/, '')
    .trimStart();
  // RIS: the first line is a tag line. It should be TY; when it is not, the RIS reader says which line is stray.
  if (/^[A-Z][A-Z0-9] {1,2}-( |\r?\n|$)/.test(start)) return 'ris';
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
  if (/@\s*[A-Za-z]+\s*[{(,]/.test(start.slice(0, 100_000))) return 'bibtex';
  // Only `%` comments (a JabRef file with nothing but its encoding line): BibTeX without entries.
  if (/^(?:%[^\n]*(?:\n|$)|\s)+$/.test(start)) return 'bibtex';
  return null;
}

/**
 * JSON Lines of adapter records, as the `extract` command prints them: one PaperRecord per line, each validated,
 * errors naming the line. Blank lines are skipped.
 */
export function importJsonl(text: string, now: number): ImportResult {
  const result: ImportResult = { papers: [], errors: [], entries: 0 };
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    result.entries++;
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
  | {
      ok: true;
      format: ImportFormat;
      papers: LibraryPaper[];
      backup: Backup | null;
      /** Entries left out, each with its number, line and reason; the rest of the file comes in. */
      skipped: ImportError[];
      /** Entries the file holds, read or not. */
      entries: number;
      /** The text encoding the bytes were read in, when bytes were given. */
      encoding: string | null;
    }
  | { ok: false; format: ImportFormat | null; errors: ImportError[]; entries: number };

export type ImportInput = string | Uint8Array;

const NOT_OURS =
  'not a file we can read: expected a Paperlane backup, BibTeX, RIS, CSL-JSON or JSON Lines of paper records';

function refused(format: ImportFormat | null, message: string, entries = 0): ImportOutcome {
  return { ok: false, format, errors: [{ where: 'file', line: null, message }], entries };
}

/**
 * Reads a file in any format we import, from its bytes (the encoding told from them) or from text. Every entry
 * that can be read comes in; the others are listed in `skipped` with their number, line and reason. A file is
 * refused as a whole only when nothing in it can be imported (or a backup is invalid: a backup is restored whole).
 * Copies of one paper (same canonical id) are merged into one. Never throws.
 */
export function importFile(
  input: ImportInput,
  format: ImportFormat | 'auto' = 'auto',
  now: number = Date.now(),
  onProgress?: ReadProgress,
): ImportOutcome {
  let text: string;
  let encoding: string | null = null;
  if (typeof input === 'string') {
    text = input.replace(/^\uFEFF/, '');
    if (!/\S/.test(text)) return refused(null, text ? 'the file holds only white space' : 'the file is empty');
  } else {
    const decoded = decodeFile(input);
    if (!decoded.ok) return refused(null, decoded.message);
    text = decoded.text;
    encoding = decoded.encoding;
  }
  const chosen = format === 'auto' ? detectFormat(text) : format;
  if (!chosen) return refused(null, NOT_OURS);
  try {
    if (chosen === 'backup') {
      const parsed = parseBackup(text);
      if (!parsed.ok) return { ok: false, format: chosen, errors: parsed.errors, entries: 0 };
      const papers = parsed.backup.papers;
      return {
        ok: true,
        format: chosen,
        papers,
        backup: parsed.backup,
        skipped: [],
        entries: papers.length,
        encoding,
      };
    }
    const read = { bibtex: importBibtex, ris: importRis, 'csl-json': importCslJson, jsonl: importJsonl }[chosen];
    const result = read(text, now, onProgress);
    if (!result.papers.length) {
      const errors = result.errors.length
        ? result.errors
        : [{ where: 'file', line: null, message: 'the file holds no entries' }];
      return { ok: false, format: chosen, errors, entries: result.entries };
    }
    return {
      ok: true,
      format: chosen,
      papers: fileDuplicates(result.papers),
      backup: null,
      skipped: result.errors,
      entries: result.entries,
      encoding,
    };
  } catch (error) {
    // A bug of ours must not look like a crash to the user: report it as a refused file.
    return refused(chosen, `could not read the file: ${errorMessage(error)}`);
  }
}
