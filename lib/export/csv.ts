import type { LibraryPaper } from '../paper/schema';
import { arxivIdOf, asLibraryPapers, type ExportablePaper, journalDoiOf, linkOf } from './paper-input';

export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'published',
  'venue',
  'arxiv_id',
  'doi',
  'url',
  'pdf_url',
  'categories',
  'tags',
  'status',
  'saved',
  'note',
  'added_at',
  'abstract',
] as const;

/**
 * One CSV cell. A spreadsheet runs a cell that starts with = + - or @ as a formula (and tab or CR can smuggle one
 * in), so a hostile title such as `=HYPERLINK("http://evil", "x")` would run when the file is opened: those cells
 * get a leading apostrophe, which spreadsheets show as text. Then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function rowFor(paper: LibraryPaper): string[] {
  return [
    paper.id,
    paper.title,
    paper.authors.join('; '),
    paper.published ?? '',
    paper.venue ?? '',
    arxivIdOf(paper) ?? '',
    journalDoiOf(paper) ?? '',
    linkOf(paper) ?? '',
    paper.pdfUrl ?? '',
    paper.categories.join('; '),
    paper.tags.join('; '),
    paper.status,
    paper.saved ? 'yes' : 'no',
    paper.note,
    paper.addedAt ? new Date(paper.addedAt).toISOString() : '',
    paper.abstract ?? '',
  ];
}

/** RFC 4180 CSV: a header row, then one row per paper, CRLF line ends, tags and authors joined with "; ". */
export function toCsv(papers: readonly ExportablePaper[]): string {
  const rows = [[...CSV_COLUMNS], ...asLibraryPapers(papers).map(rowFor)];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
