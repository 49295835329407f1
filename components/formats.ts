/** How export formats are named in menus. */
import { t } from '../lib/i18n';
import type { PaperExportFormat } from '../lib/views/files';

export function formatLabel(format: PaperExportFormat): string {
  switch (format) {
    case 'bibtex':
      return t('formatBibtex');
    case 'biblatex':
      return t('formatBiblatex');
    case 'ris':
      return t('formatRis');
    case 'csl-json':
      return t('formatCslJson');
    case 'csv':
      return t('formatCsv');
    case 'markdown':
      return t('formatMarkdown');
  }
}
