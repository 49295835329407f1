/** Reading lists out (BibTeX, BibLaTeX, RIS, CSL-JSON, CSV, Markdown, backup) and in (backup, BibTeX, RIS, CSL-JSON). */
import { DEFAULT_SETTINGS } from '../settings';
import { backupJson } from './backup';
import { toBiblatex, toBibtex } from './bibtex';
import { toCslJson } from './csl';
import { toCsv } from './csv';
import { type MarkdownOptions, toMarkdown } from './markdown';
import { asLibraryPapers, type ExportablePaper } from './paper-input';
import { toRis } from './ris';

export * from './backup';
export { bibtexName, toBiblatex, toBibtex } from './bibtex';
export { asciiFold, baseCitationKey, citationKeys } from './citekey';
export { CslItem, CslName, cslName, toCslItems, toCslJson } from './csl';
export { CSV_COLUMNS, csvCell, toCsv } from './csv';
export { exportFileName, extensionOf } from './filename';
export { importBibtex } from './import-bibtex';
export { importCslJson } from './import-csl';
export {
  detectFormat,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportOutcome,
  importFile,
  importJsonl,
} from './import-file';
export type { ImportError, ImportResult } from './import-result';
export { importRis } from './import-ris';
export { fromLatex, toLatex } from './latex';
export { type MarkdownOptions, type PaperGroup, toMarkdown } from './markdown';
export { displayName, type PersonName, splitName } from './names';
export { asLibraryPaper, asLibraryPapers, type ExportablePaper } from './paper-input';
export { toRis } from './ris';

export const EXPORT_FORMATS = ['bibtex', 'biblatex', 'ris', 'csl-json', 'csv', 'markdown', 'backup'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Papers in one export format. `backup` of a bare selection holds just those papers with default settings;
 * a full backup of the library is `backupJson(contents)`.
 */
export function exportPapers(
  papers: readonly ExportablePaper[],
  format: ExportFormat,
  markdown: MarkdownOptions = {},
): string {
  switch (format) {
    case 'bibtex':
      return toBibtex(papers);
    case 'biblatex':
      return toBiblatex(papers);
    case 'ris':
      return toRis(papers);
    case 'csl-json':
      return toCslJson(papers);
    case 'csv':
      return toCsv(papers);
    case 'markdown':
      return toMarkdown(papers, markdown);
    case 'backup':
      return backupJson({ papers: asLibraryPapers(papers), tags: [], sightings: [], settings: DEFAULT_SETTINGS });
  }
}
