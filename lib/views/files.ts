/**
 * Backup, restore and export entry points for the views. The formats are lib/export's; this file only turns them
 * into files the user downloads or picks.
 */
import type { LibraryContents } from '../db/library';
import { backupJson, type ImportPreview, parseBackup, planImport } from '../export/backup';
import { exportFileName } from '../export/filename';
import { type ExportFormat, exportPapers } from '../export/index';
import type { LibraryPaper } from '../paper/schema';

export type DownloadFile = { name: string; text: string; type: string };

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

export function exportFile(papers: readonly LibraryPaper[], format: ExportFormat, now = new Date()): DownloadFile {
  return { name: exportFileName({ format, date: now }), text: exportPapers(papers, format), type: MIME[format] };
}

export type RestorePlan = { ok: true; preview: ImportPreview } | { ok: false; errors: string[] };

/** What restoring `text` would do to the library (`replace`: the library becomes the backup). */
export function planRestore(text: string, existing: LibraryContents): RestorePlan {
  const parsed = parseBackup(text);
  if (!parsed.ok) {
    return { ok: false, errors: parsed.errors.map((e) => (e.where ? `${e.where}: ${e.message}` : e.message)) };
  }
  return { ok: true, preview: planImport(existing, parsed.backup, 'replace') };
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
