import type { LibraryPaper } from '../paper/schema';
import { fromLatex } from './latex';
import { splitName } from './names';
import {
  arxivIdOf,
  asLibraryPapers,
  citeDoiOf,
  dateOf,
  type ExportablePaper,
  journalDoiOf,
  linkOf,
  otherIdsOf,
  workKindOf,
} from './paper-input';

/** RIS holds one value per line: line breaks inside a value would start a bogus tag. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** RIS authors are "Last, First, Suffix"; names that cannot be split are written whole. */
function risAuthor(raw: string): string {
  const name = splitName(fromLatex(raw));
  if (name.literal !== null) return name.literal;
  const family = [name.particle, name.family].filter(Boolean).join(' ');
  return [family, name.given, name.suffix].filter(Boolean).join(', ');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function recordFor(paper: LibraryPaper): string {
  const lines: string[] = [];
  const add = (tag: string, value: string | null) => {
    if (value && oneLine(value)) lines.push(`${tag}  - ${oneLine(value)}`);
  };
  const arxiv = arxivIdOf(paper);
  const journalDoi = journalDoiOf(paper);
  // UNPB (unpublished work) is the RIS type reference managers map to a preprint; ELEC for a bare web page.
  const kind = workKindOf(paper);
  add('TY', journalDoi ? 'JOUR' : arxiv ? 'UNPB' : kind === 'book' ? 'BOOK' : kind === 'part' ? 'CHAP' : 'ELEC');
  add('TI', fromLatex(paper.title));
  for (const author of paper.authors) add('AU', risAuthor(author));
  const date = dateOf(paper);
  if (date) {
    add('PY', String(date.year));
    add('DA', `${date.year}/${date.month ? pad(date.month) : ''}/${date.day ? pad(date.day) : ''}/`);
  }
  // T2, the secondary title: a journal article's journal, as Zotero writes and reads it.
  if (paper.venue) add('T2', fromLatex(paper.venue));
  add('DO', citeDoiOf(paper));
  add('UR', linkOf(paper));
  if (arxiv) {
    // Archive number, as Zotero writes a preprint's "Archive ID"; our importer reads the arXiv id back from it.
    add('AN', `arXiv:${arxiv}`);
    add('PB', 'arXiv');
  }
  // PubMed's own RIS: the PMID as accession number, the PMCID in C2; SN holds a book's ISBN.
  const other = otherIdsOf(paper);
  if (other.pmid) add('AN', other.pmid);
  if (other.pmcid) add('C2', other.pmcid);
  if (other.isbn) add('SN', other.isbn);
  add('L1', paper.pdfUrl);
  add('AB', paper.abstract ? fromLatex(paper.abstract) : null);
  for (const tag of paper.tags) add('KW', tag);
  add('N1', paper.note);
  lines.push('ER  - ');
  return lines.join('\r\n');
}

/** RIS records, CRLF line ends as the format's specification writes them. */
export function toRis(papers: readonly ExportablePaper[]): string {
  const records = asLibraryPapers(papers).map(recordFor);
  return records.length ? `${records.join('\r\n\r\n')}\r\n` : '';
}
