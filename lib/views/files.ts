/**
 * Backup, import and export entry points for the views. The formats are lib/export's; this file only turns them
 * into files the user downloads or picks, and into the preview shown before an import changes anything.
 */
import type { LibraryContents } from '../db/library';
import { type Backup, backupJson, type ImportMode, type ImportPreview, planImport } from '../export/backup';
import { toBibtex } from '../export/bibtex';
import { exportFileName } from '../export/filename';
import { type ImportFormat, type ImportInput, importFile } from '../export/import-file';
import { describeProblem } from '../export/import-report';
import { type ImportError, MAX_ERRORS, type ReadProgress } from '../export/import-result';
import { type ExportFormat, exportPapers } from '../export/index';
import type { PaperGroup } from '../export/markdown';
import type { LibraryPaper } from '../paper/schema';

export type DownloadFile = { name: string; text: string; type: string };

/** The formats a selection of papers can be exported to, in the order the menus show them. */
export const PAPER_EXPORT_FORMATS = ['bibtex', 'biblatex', 'ris', 'csl-json', 'csv', 'markdown'] as const;
export type PaperExportFormat = (typeof PAPER_EXPORT_FORMATS)[number];

const MIME: Record<ExportFormat, string> = {
  bibtex: 'application/x-bibtex',
  biblatex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
  'csl-json': 'application/json',
  csv: 'text/csv',
  markdown: 'text/markdown',
  backup: 'application/json',
};

export function backupFile(contents: LibraryContents, now = new Date()): DownloadFile {
  return { name: exportFileName({ format: 'backup', date: now }), text: backupJson(contents, now), type: MIME.backup };
}

export type ExportOptions = {
  /** Names the file (`paperlane-<tag>-<date>.bib`): the tag, cluster or view the papers come from. */
  name?: string | null;
  /** Markdown only: headings per group (clusters); without them the list is grouped by tag. */
  groups?: readonly PaperGroup[];
  now?: Date;
};

export function exportFile(
  papers: readonly LibraryPaper[],
  format: ExportFormat,
  options: ExportOptions = {},
): DownloadFile {
  const date = options.now ?? new Date();
  const markdown = options.groups ? { groupBy: options.groups } : { groupBy: 'tag' as const };
  return {
    name: exportFileName({ tag: options.name ?? null, format, date }),
    text: exportPapers(papers, format, markdown),
    type: MIME[format],
  };
}

/** The BibTeX entry of one paper, for the clipboard. */
export function bibtexOf(paper: LibraryPaper): string {
  return toBibtex([paper]);
}

/** An import file read and checked, before it is compared with the library. */
export type ImportRead =
  | {
      ok: true;
      fileName: string;
      format: ImportFormat;
      papers: LibraryPaper[];
      backup: Backup | null;
      /** The first entries left out (at most MAX_ERRORS), with their number, line and reason. */
      skipped: ImportError[];
      skippedCount: number;
    }
  | { ok: false; fileName: string; errors: ImportError[] };

export function readImport(
  input: ImportInput,
  fileName: string,
  now = Date.now(),
  onProgress?: ReadProgress,
): ImportRead {
  const outcome = importFile(input, 'auto', now, onProgress);
  if (!outcome.ok) return { ok: false, fileName, errors: outcome.errors };
  return {
    ok: true,
    fileName,
    format: outcome.format,
    papers: outcome.papers,
    backup: outcome.backup,
    skipped: outcome.skipped.slice(0, MAX_ERRORS),
    skippedCount: outcome.skipped.length,
  };
}

/** What importing `read` would do to the library; `replace` makes the library exactly the file. */
export function previewImport(
  read: Extract<ImportRead, { ok: true }>,
  existing: LibraryContents,
  mode: ImportMode,
  now = Date.now(),
): ImportPreview {
  return planImport(existing, read.backup ?? { papers: read.papers }, mode, now);
}

/** "entry 12 (smith2020), line 240: no title", for people. */
export function describeImportError(error: ImportError): string {
  return describeProblem(error);
}

/** Saves a file through the browser's download prompt: a Blob URL on an `<a download>`, revoked after. */
export function download(file: DownloadFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
