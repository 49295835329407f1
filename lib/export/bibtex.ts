import type { LibraryPaper } from '../paper/schema';
import { citationKeys } from './citekey';
import { toLatex } from './latex';
import { fullFamily, type PersonName, splitName } from './names';
import {
  arxivIdOf,
  asLibraryPapers,
  citeDoiOf,
  dateOf,
  type ExportablePaper,
  journalDoiOf,
  linkOf,
  otherIdsOf,
  primaryClassOf,
  workKindOf,
} from './paper-input';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A name part that BibTeX must not split: a lone word "and" would start a new author, a comma a new part. */
function guardPart(part: string): string {
  const tex = toLatex(part);
  return /(^|\s)and(\s|$)|,/i.test(part) ? `{${tex}}` : tex;
}

/** One author in BibTeX's "von Last, Jr, First" form; names that must stay whole are braced. */
export function bibtexName(name: PersonName): string {
  if (name.literal !== null) return `{${toLatex(name.literal)}}`;
  // A family name of several capitalised words (Al Mansouri, Salem-Sugui) is all Last before the comma anyway.
  const family = [name.particle, name.family].filter(Boolean).map(guardPart).join(' ');
  if (!name.given && !name.suffix) return /\s/.test(fullFamily(name)) ? `{${toLatex(fullFamily(name))}}` : family;
  return [family, name.suffix ? guardPart(name.suffix) : null, guardPart(name.given)]
    .filter((p) => p !== null)
    .join(', ');
}

function authorField(paper: LibraryPaper): string | null {
  if (!paper.authors.length) return null;
  return paper.authors.map((a) => bibtexName(splitName(a))).join(' and ');
}

// Verbatim fields (url, doi, eprint) are read without TeX, but braces still delimit the value:
// a URL with an unbalanced brace is percent-encoded so the entry stays readable.
function verbatim(value: string): string {
  return value.replace(/[{}]/g, (c) => encodeURIComponent(c)).replace(/\s/g, '%20');
}

type Dialect = 'bibtex' | 'biblatex';

function entryFor(paper: LibraryPaper, key: string, dialect: Dialect): string {
  const arxiv = arxivIdOf(paper);
  const journalDoi = journalDoiOf(paper);
  const date = dateOf(paper);
  const fields: [string, string][] = [];
  const add = (name: string, value: string | null, raw = false) => {
    if (value) fields.push([name, raw ? value : `{${value}}`]);
  };
  const kind = workKindOf(paper);
  const type = journalDoi
    ? 'article'
    : kind === 'book'
      ? 'book'
      : kind === 'part'
        ? 'incollection'
        : dialect === 'biblatex'
          ? 'online'
          : 'misc';
  add('title', toLatex(paper.title, { protectCase: true }));
  add('author', authorField(paper));
  // The venue: the journal of an @article (BibTeX `journal`, BibLaTeX `journaltitle`); elsewhere `howpublished`,
  // the one field a @misc has for where a work appeared (a preprint published in proceedings, a reference imported
  // with a booktitle but no DOI). Our importer reads it back from either.
  if (paper.venue) {
    const field =
      type === 'article'
        ? dialect === 'biblatex'
          ? 'journaltitle'
          : 'journal'
        : type === 'incollection'
          ? 'booktitle'
          : 'howpublished';
    add(field, toLatex(paper.venue));
  }
  if (date) {
    add('year', String(date.year));
    if (date.month)
      add('month', dialect === 'bibtex' ? (MONTHS[date.month - 1] ?? null) : String(date.month), dialect === 'bibtex');
    // BibLaTeX reads a full date; BibTeX styles ignore the field, and our importer uses it to keep the day.
    if (paper.published) add('date', paper.published);
  }
  if (arxiv) {
    add('eprint', verbatim(arxiv));
    if (dialect === 'bibtex') {
      add('archivePrefix', 'arXiv');
      add('primaryClass', primaryClassOf(paper));
    } else {
      add('eprinttype', 'arxiv');
      add('eprintclass', primaryClassOf(paper));
    }
  }
  const doi = citeDoiOf(paper);
  if (doi) add('doi', verbatim(doi));
  // PubMed ids as Better BibTeX and JabRef write them; an ISBN (books only carry one); dblp's own record link.
  const other = otherIdsOf(paper);
  if (other.pmid) add('pmid', other.pmid);
  if (other.pmcid) add('pmcid', other.pmcid);
  if (other.isbn) add('isbn', other.isbn);
  if (other.dblp) add('biburl', verbatim(`https://dblp.org/rec/${other.dblp}.bib`));
  const url = linkOf(paper);
  if (url) add('url', verbatim(url));
  if (!arxiv && !journalDoi && !paper.venue && dialect === 'bibtex' && url)
    add('howpublished', `\\url{${verbatim(url)}}`);
  if (paper.abstract) add('abstract', toLatex(paper.abstract));
  if (paper.tags.length) add('keywords', paper.tags.map((t) => toLatex(t.replace(/,/g, ' '))).join(', '));
  // `annote`, not `note`: standard styles print `note` in the bibliography, and the user's note is private.
  if (paper.note.trim()) add('annote', toLatex(paper.note));
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join(',\n');
  return `@${type}{${key},\n${body}\n}\n`;
}

function render(input: readonly ExportablePaper[], dialect: Dialect): string {
  const papers = asLibraryPapers(input);
  const keys = citationKeys(papers);
  return papers.map((p) => entryFor(p, keys.get(p.id) as string, dialect)).join('\n');
}

/** BibTeX: arXiv preprints as @misc with eprint/archivePrefix/primaryClass, papers with a journal DOI as @article. */
export function toBibtex(papers: readonly ExportablePaper[]): string {
  return render(papers, 'bibtex');
}

/** BibLaTeX: arXiv preprints as @online with eprinttype = arxiv, papers with a journal DOI as @article. */
export function toBiblatex(papers: readonly ExportablePaper[]): string {
  return render(papers, 'biblatex');
}
