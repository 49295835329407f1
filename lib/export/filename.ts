import { asciiFold } from './citekey';
import { fileDate } from './file-date';
import type { ExportFormat } from './index';

const EXTENSIONS: Record<ExportFormat, string> = {
  bibtex: 'bib',
  biblatex: 'bib',
  ris: 'ris',
  'csl-json': 'json',
  csv: 'csv',
  markdown: 'md',
  // Its own double extension, so a backup never looks like a CSL-JSON file of the same day.
  backup: 'backup.json',
};

export function extensionOf(format: ExportFormat): string {
  return EXTENSIONS[format];
}

/**
 * `paperlane-<tag or library>-<YYYY-MM-DD>.<ext>`: only a-z, 0-9 and hyphens in the tag part, so the name is
 * valid on every file system and in a download prompt. The date is the local calendar day (lib/export/file-date.ts).
 */
export function exportFileName(options: { tag?: string | null; format: ExportFormat; date: Date }): string {
  const tagText = options.tag
    ? options.tag
        .split(/[^\p{L}\p{N}]+/u)
        .map(asciiFold)
        .filter(Boolean)
        .join('-')
        .slice(0, 40)
        .replace(/-+$/, '')
    : '';
  return `paperlane-${tagText || 'library'}-${fileDate(options.date)}.${EXTENSIONS[options.format]}`;
}
