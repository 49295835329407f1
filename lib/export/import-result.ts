import { errorMessage } from '../errors';
import { normalizeTitle, parseIdentifier, referenceIdOf } from '../paper/identity';
import { arxivIdFromDoi, arxivIdFromUrl, normalizeDoi, parseArxivId } from '../paper/ids';
import { LibraryPaper } from '../paper/schema';
import { plainText, venueOf } from '../paper/text';
import type { z } from '../paper/zod';

/** One problem in an imported file: where (entry key, record, path) and the 1-based line when known. */
export interface ImportError {
  where: string;
  line: number | null;
  message: string;
}

export interface ImportResult {
  papers: LibraryPaper[];
  /** Entries that cannot be imported, each with its number, line and the reason in words. */
  errors: ImportError[];
  /** How many entries the file holds (read or not). */
  entries: number;
}

/** Told how far a reader is: the fraction of the text read and the entries read so far. */
export type ReadProgress = (fraction: number, entries: number) => void;

/** How often readers report progress, in entries: often enough for a bar, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 1000;

/** Where an entry is, in people's words: "entry 12" or "entry 12 (smith2020)". */
export function entryName(index: number, label?: string | null): string {
  return label ? `entry ${index} (${label})` : `entry ${index}`;
}

/** The reason an entry with nothing in it is left out, in the same words for every format. */
export const NOTHING_TO_READ = 'no title and nothing else to name it by: the entry holds no fields';

const SUPPLIED_MAX = 100;

/**
 * A title for an entry that has none (or one without a letter or digit, such as `---`), made of what the entry has,
 * in square brackets as cataloguers mark a title they supply: its container and citation key (`[Proceedings of
 * ICML, smith2020]`), else its container with volume and pages, else an identifier or link, else its first author
 * and year, else the other values it holds (a language, an abstract, pages). The brackets show in every view and export, and the title reads back the same, so the paper keeps its
 * identity; the citation key (unique in its file) or the volume and pages keep distinct untitled works apart. Null
 * when the entry holds nothing at all.
 */
export function suppliedTitle(fields: ImportedFields, identifier: string | null): string | null {
  const clean = (v: string | null | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();
  const venue = clean(fields.venue);
  const key = clean(fields.key);
  const details = fields.details.map(clean).filter(Boolean);
  let parts: string[] = [];
  if (venue || key) parts = [venue, ...(key ? [key] : details)].filter(Boolean);
  else if (identifier) parts = [identifier];
  else {
    const first = clean(fields.authors[0]);
    const more = fields.authors.length > 1 ? ' et al.' : '';
    parts = [first ? `${first}${more}` : '', clean(fields.published?.slice(0, 4))].filter(Boolean);
  }
  if (!parts.length) {
    const others = fields.others.map(clean).filter(Boolean).join(', ');
    if (others) parts = [others.length > SUPPLIED_MAX ? `${others.slice(0, SUPPLIED_MAX - 1).trimEnd()}…` : others];
  }
  return parts.length ? `[${parts.join(', ')}]` : null;
}

/** `papers[12].title` from a zod issue path. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

// A broken file can hold thousands of bad rows; the first ones are enough to see what is wrong.
export const MAX_ERRORS = 50;

export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
  line: number | null = null,
): ImportError[] {
  const errors = issues.slice(0, MAX_ERRORS).map((issue): ImportError => {
    const path = pathText(issue.path);
    // With a prefix (an entry of a BibTeX file) the path is part of the message: "entry x: title: must not be empty".
    if (prefix) return { where: prefix, line, message: path ? `${path}: ${issue.message}` : issue.message };
    return { where: path || 'file', line, message: issue.message };
  });
  if (issues.length > MAX_ERRORS) {
    errors.push({ where: prefix || 'file', line, message: `and ${issues.length - MAX_ERRORS} more problems` });
  }
  return errors;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line starts of a text, for many offset → line look-ups. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: ImportError };

/** JSON.parse with the error located: engines report a character position, people read lines. */
export function parseJson(text: string, where = 'file'): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = errorMessage(error);
    const position = /position (\d+)/.exec(message);
    const lineMatch = /line (\d+)/.exec(message);
    const line = lineMatch ? Number(lineMatch[1]) : position ? lineAt(text, Number(position[1])) : null;
    return { ok: false, error: { where, line, message: `not valid JSON: ${message}` } };
  }
}

/** Bibliographic fields read from any import format, before they become a stored paper. */
export interface ImportedFields {
  title: string | null;
  authors: string[];
  published: string | null;
  /** The journal or proceedings, as the reference names it. */
  venue: string | null;
  /** Every text that may hold the arXiv id (eprint, archive number, journal "arXiv preprint arXiv:…"). */
  arxivCandidates: string[];
  doi: string | null;
  urls: string[];
  pdfUrl: string | null;
  abstract: string | null;
  categories: string[];
  tags: string[];
  note: string;
  /** Other identifiers as the file writes them (`PMID: 123`, `isbn:…`, a dblp link); each is read by parseIdentifier. */
  aliases: string[];
  /**
   * A chapter, a paper in proceedings, an article in a collection: its URL or ISBN may be the container's, shared by
   * every part, so without a strong identifier it is keyed by its content (sixteen chapters stay sixteen papers).
   */
  partOfContainer: boolean;
  /** The entry's own name in its file: a BibTeX citation key, a RIS `ID`, a CSL item's `id`. */
  key: string | null;
  /** Volume, issue and pages as written, to tell apart untitled entries of one container. */
  details: string[];
  /** Every other value the entry holds, in file order: the last resort for a title when it has nothing better. */
  others: string[];
}

export function emptyFields(): ImportedFields {
  return {
    title: null,
    authors: [],
    published: null,
    venue: null,
    arxivCandidates: [],
    doi: null,
    urls: [],
    pdfUrl: null,
    abstract: null,
    categories: [],
    tags: [],
    note: '',
    aliases: [],
    partOfContainer: false,
    key: null,
    details: [],
    others: [],
  };
}

/** `PMID: 123` and `PMCID: PMC456` lines, as Zotero writes them into a note or an `extra` field. */
export function identifiersInText(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\b(PMID|PMCID)\s*:\s*(PMC\d+|\d+)/gi)) out.push(`${m[1]}:${m[2]}`);
  return out;
}

function findArxiv(fields: ImportedFields) {
  for (const candidate of fields.arxivCandidates) {
    const direct = parseArxivId(candidate);
    if (direct) return direct;
    const inText = /arxiv:\s*([a-z-]+(?:\.[A-Za-z-]+)?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/i.exec(candidate);
    if (inText) {
      const ref = parseArxivId(`${inText[1]}${inText[2] ?? ''}`);
      if (ref) return ref;
    }
  }
  const doi = fields.doi ? normalizeDoi(fields.doi) : null;
  const fromDoi = doi ? arxivIdFromDoi(doi) : null;
  if (fromDoi) return fromDoi;
  for (const url of fields.urls) {
    const ref = arxivIdFromUrl(url);
    if (ref) return ref;
  }
  return null;
}

// Keywords from a reference manager can be long phrases; a tag longer than the library allows is left out rather
// than refusing the whole file for it.
const MAX_TAG_LENGTH = 64;

export type BuiltPaper = { ok: true; paper: LibraryPaper } | { ok: false; errors: ImportError[] };

/**
 * A stored paper from imported fields: ids through canonicalIdOf, user state for a paper the user chose to import
 * (saved, unread), then the LibraryPaper schema as the last word.
 */
export function buildPaper(fields: ImportedFields, now: number, where: string, line: number | null): BuiltPaper {
  const arxiv = findArxiv(fields);
  const doi = fields.doi ? normalizeDoi(fields.doi) : null;
  const journalDoi = doi && !arxivIdFromDoi(doi) ? doi : null;
  // A URL holds no white space: a field with some lists several links (`http://a.html;\n  http://b.ps`).
  const links = fields.urls.flatMap((u) => u.split(/\s+/)).map((u) => u.replace(/[;,]+$/, ''));
  const url = links.find((u) => /^https?:\/\//i.test(u)) ?? null;
  const aliases = [...new Set(fields.aliases.map((a) => parseIdentifier(a)).filter((a): a is string => a !== null))];
  const authors = fields.authors.filter((a) => a.trim());
  const given = plainText(fields.title ?? '');
  let title = given;
  // An entry without a title (or with one of no words) still comes in, under a title made of what it has.
  if (!normalizeTitle(given)) {
    const supplied = suppliedTitle(
      { ...fields, authors },
      arxiv?.id ?? journalDoi ?? url ?? aliases.find((a) => !a.startsWith('key:')) ?? null,
    );
    if (!supplied) {
      const message = given
        ? `a title with no words (${JSON.stringify(given)}) and nothing else to name it by`
        : NOTHING_TO_READ;
      return { ok: false, errors: [{ where, line, message }] };
    }
    title = given ? `${given} ${supplied}` : supplied;
  }
  const id = referenceIdOf(
    { arxivId: arxiv ? arxiv.id : null, doi: journalDoi, url, aliases, title, authors, published: fields.published },
    { partOfContainer: fields.partOfContainer },
  );
  if (!id) {
    const message =
      'nothing to identify it by: no identifier (arXiv id, DOI, PMID, ISBN, URL…) and no words in its title';
    return { ok: false, errors: [{ where, line, message }] };
  }
  const tags = [...new Set(fields.tags.map((t) => t.replace(/\s+/g, ' ').trim()))].filter(
    (t) => t && t.length <= MAX_TAG_LENGTH,
  );
  const candidate = {
    id,
    arxivId: arxiv ? arxiv.id : null,
    version: arxiv ? arxiv.version : null,
    doi: journalDoi,
    title,
    authors,
    authorCount: authors.length,
    abstract: fields.abstract,
    published: fields.published,
    url,
    pdfUrl: fields.pdfUrl && /^https?:\/\//i.test(fields.pdfUrl) ? fields.pdfUrl : null,
    codeUrl: null,
    projectUrl: null,
    categories: fields.categories.filter(Boolean),
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    venue: venueOf(fields.venue),
    githubStars: null,
    keywords: [],
    aliases: id.startsWith('key:') && !aliases.includes(id) ? [...aliases, id] : aliases,
    saved: true,
    status: 'unread',
    tags,
    note: fields.note,
    addedAt: now,
    savedAt: now,
    updatedAt: now,
    sites: ['import'],
    lastSeenAt: null,
  };
  const parsed = LibraryPaper.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, where, line) };
  return { ok: true, paper: parsed.data };
}

/** A date from parts: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as far as the parts go; null without a year. */
export function isoDate(year: unknown, month?: unknown, day?: unknown): string | null {
  const part = (value: unknown, min: number, max: number): number | null => {
    if (value == null || (typeof value === 'string' && value.trim() === '')) return null;
    const n = Number(value);
    return Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const y = part(year, 1000, 9999);
  if (y === null) return null;
  // As precise as the source and no more: a year alone, a year and month, or the day; a part that is missing or
  // out of range ends the date there (`2021-13-02` is 2021), and a day is checked against its month.
  const m = part(month, 1, 12);
  if (m === null) return String(y);
  const yearMonth = `${y}-${String(m).padStart(2, '0')}`;
  const d = part(day, 1, 31);
  if (d === null || new Date(Date.UTC(y, m - 1, d)).getUTCMonth() !== m - 1) return yearMonth;
  return `${yearMonth}-${String(d).padStart(2, '0')}`;
}
