import { idKind, parseArxivId } from '../paper/ids';
import { newLibraryPaper } from '../paper/merge';
import type { LibraryPaper, PaperRecord } from '../paper/schema';

/** What every exporter takes: stored papers, or adapter records straight from a page or a JSONL file. */
export type ExportablePaper = LibraryPaper | PaperRecord;

/**
 * A record as a stored paper with default user state, so exporters handle one shape. The timestamps are 0:
 * exporters never print them for records, and a fixed value keeps the output a function of the record alone.
 */
export function asLibraryPaper(paper: ExportablePaper): LibraryPaper {
  return 'source' in paper ? newLibraryPaper(paper, 0) : paper;
}

export function asLibraryPapers(papers: readonly ExportablePaper[]): LibraryPaper[] {
  return papers.map(asLibraryPaper);
}

/** The arXiv id of a paper, from its arxivId field or, failing that, its canonical id. */
export function arxivIdOf(paper: LibraryPaper): string | null {
  if (paper.arxivId) {
    const ref = parseArxivId(paper.arxivId);
    if (ref) return ref.id;
  }
  return idKind(paper.id) === 'arxiv' ? paper.id : null;
}

/** A DOI given by a publisher, not the one arXiv registers for every preprint. */
export function journalDoiOf(paper: LibraryPaper): string | null {
  if (!paper.doi) return null;
  return /^10\.48550\/arxiv\./i.test(paper.doi) ? null : paper.doi;
}

/** The DOI to cite: the journal's if known, else arXiv's DataCite DOI. */
export function citeDoiOf(paper: LibraryPaper): string | null {
  const journal = journalDoiOf(paper);
  if (journal) return journal;
  const arxiv = arxivIdOf(paper);
  return arxiv ? `10.48550/arXiv.${arxiv}` : null;
}

/** The link to print: the page the paper was found on, else its arXiv abstract page, else its DOI. */
export function linkOf(paper: LibraryPaper): string | null {
  if (paper.url) return paper.url;
  const arxiv = arxivIdOf(paper);
  if (arxiv) return `https://arxiv.org/abs/${arxiv}`;
  const doi = journalDoiOf(paper);
  return doi ? `https://doi.org/${doi}` : null;
}

/**
 * Year, month and day the paper came out. Without a published date, the arXiv id still tells the year and month of
 * first submission (`1706.03762` → June 2017, `hep-th/9901001` → January 1999).
 */
export function dateOf(paper: LibraryPaper): { year: number; month: number | null; day: number | null } | null {
  if (paper.published) {
    // `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a reference imported with no more than that.
    const [y, m, d] = paper.published.split('-');
    return { year: Number(y), month: m ? Number(m) : null, day: d ? Number(d) : null };
  }
  const arxiv = arxivIdOf(paper);
  const yymm = arxiv ? (/^(\d{2})(\d{2})\./.exec(arxiv) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxiv)) : null;
  if (!yymm) return null;
  const yy = Number(yymm[1]);
  // arXiv started in 1991: two-digit years from 91 are 19xx.
  return { year: yy >= 91 ? 1900 + yy : 2000 + yy, month: Number(yymm[2]), day: null };
}

/**
 * What kind of work a paper is, as far as its identity tells: a book (it has an ISBN, which only books carry), a
 * part of a container (keyed by its content though it has a URL: a chapter or a paper in proceedings, whose URL is
 * the book's), or anything else. Exports write the matching type so that the paper reads back under the same id.
 */
export function workKindOf(paper: LibraryPaper): 'book' | 'part' | 'other' {
  if ((paper.aliases ?? []).some((a) => a.startsWith('isbn:')) && !journalDoiOf(paper) && !arxivIdOf(paper))
    return 'book';
  if (paper.id.startsWith('key:') && paper.url) return 'part';
  return 'other';
}

/** The identifiers a paper has besides arXiv id, DOI and URL, by kind, bare (`31452104`, `PMC123`, `978…`). */
export function otherIdsOf(paper: LibraryPaper): {
  pmid: string | null;
  pmcid: string | null;
  isbn: string | null;
  dblp: string | null;
  acl: string | null;
  openreview: string | null;
} {
  const find = (prefix: string) => {
    const alias = (paper.aliases ?? []).find((a) => a.startsWith(`${prefix}:`));
    return alias ? alias.slice(prefix.length + 1) : null;
  };
  return {
    pmid: find('pmid'),
    pmcid: find('pmcid'),
    isbn: find('isbn'),
    dblp: find('dblp'),
    acl: find('acl'),
    openreview: find('openreview'),
  };
}

/** The arXiv primary category, when the paper has one. */
export function primaryClassOf(paper: LibraryPaper): string | null {
  const first = paper.categories[0];
  return first && /^[a-z-]+(\.[A-Za-z-]+)?$/.test(first) ? first : null;
}
