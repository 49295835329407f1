import type { LibraryPaper } from '../paper/schema';
import { z } from '../paper/zod';
import { citationKeys } from './citekey';
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

/** A CSL name: split parts, or one literal for names that cannot be split. */
export const CslName = z
  .object({
    family: z.string(),
    given: z.string(),
    'non-dropping-particle': z.string(),
    suffix: z.string(),
    literal: z.string(),
  })
  .partial()
  .strict();
export type CslName = z.infer<typeof CslName>;

export const CslDate = z
  .object({
    'date-parts': z
      .array(
        z
          .array(z.union([z.number(), z.string()]))
          .min(1)
          .max(3),
      )
      .min(1)
      .max(2),
    raw: z.string(),
    literal: z.string(),
  })
  .partial()
  .strict();

/** The CSL-JSON item we write: a strict subset of the CSL data schema (which allows no extra properties). */
export const CslItem = z
  .object({
    id: z.string(),
    type: z.enum(['article', 'article-journal', 'webpage', 'book', 'chapter']),
    title: z.string(),
    author: z.array(CslName).optional(),
    issued: CslDate.optional(),
    DOI: z.string().optional(),
    URL: z.string().optional(),
    'container-title': z.string().optional(),
    number: z.string().optional(),
    publisher: z.string().optional(),
    genre: z.string().optional(),
    abstract: z.string().optional(),
    keyword: z.string().optional(),
    annote: z.string().optional(),
    PMID: z.string().optional(),
    PMCID: z.string().optional(),
    ISBN: z.string().optional(),
  })
  .strict();
export type CslItem = z.infer<typeof CslItem>;

export function cslName(raw: string): CslName {
  const name = splitName(fromLatex(raw));
  if (name.literal !== null) return { literal: name.literal };
  // A single name ("Diptarama") is a family name with nothing to abbreviate.
  const out: CslName = { family: name.family };
  if (name.given) out.given = name.given;
  if (name.particle) out['non-dropping-particle'] = name.particle;
  if (name.suffix) out.suffix = name.suffix;
  return out;
}

function itemFor(paper: LibraryPaper, key: string): CslItem {
  const arxiv = arxivIdOf(paper);
  const journalDoi = journalDoiOf(paper);
  // CSL 1.0.2 "article" is the preprint type (Zotero maps its preprints to it).
  const item: CslItem = {
    id: key,
    type: journalDoi
      ? 'article-journal'
      : arxiv
        ? 'article'
        : workKindOf(paper) === 'book'
          ? 'book'
          : workKindOf(paper) === 'part'
            ? 'chapter'
            : 'webpage',
    title: fromLatex(paper.title),
  };
  if (paper.authors.length) item.author = paper.authors.map(cslName);
  const date = dateOf(paper);
  if (date) {
    const parts: number[] = [date.year];
    if (date.month) parts.push(date.month);
    if (date.month && date.day) parts.push(date.day);
    item.issued = { 'date-parts': [parts] };
  }
  const doi = citeDoiOf(paper);
  if (doi) item.DOI = doi;
  const url = linkOf(paper);
  if (url) item.URL = url;
  if (paper.venue) item['container-title'] = fromLatex(paper.venue);
  if (arxiv) {
    item.number = `arXiv:${arxiv}`;
    item.publisher = 'arXiv';
    if (!journalDoi) item.genre = 'Preprint';
  }
  if (paper.abstract) item.abstract = paper.abstract;
  if (paper.tags.length) item.keyword = paper.tags.join(', ');
  if (paper.note.trim()) item.annote = paper.note;
  const other = otherIdsOf(paper);
  if (other.pmid) item.PMID = other.pmid;
  if (other.pmcid) item.PMCID = other.pmcid;
  if (other.isbn) item.ISBN = other.isbn;
  return item;
}

/** CSL-JSON items, ids are the same citation keys as in BibTeX. */
export function toCslItems(papers: readonly ExportablePaper[]): CslItem[] {
  const library = asLibraryPapers(papers);
  const keys = citationKeys(library);
  return library.map((p) => itemFor(p, keys.get(p.id) as string));
}

export function toCslJson(papers: readonly ExportablePaper[]): string {
  return `${JSON.stringify(toCslItems(papers), null, 2)}\n`;
}
