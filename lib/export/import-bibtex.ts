import { parseIsbn } from '../paper/identity';
import { type BibEntry, readBibtex } from './bibtex-parse';
import {
  type BuiltPaper,
  buildPaper,
  emptyFields,
  entryName,
  type ImportError,
  type ImportResult,
  identifiersInText,
  isoDate,
  type ReadProgress,
} from './import-result';
import { fromLatex } from './latex';
import { displayName, fullFamily, splitName, wholeName } from './names';

/** Whether a UTF-16 code unit is white space as a regular expression's `\s` reads it. */
function isRegexSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

/** The length of `/^\s+and\s+/i` matched at `at` in `text`, or 0. */
function andAt(text: string, at: number): number {
  let i = at;
  while (i < text.length && isRegexSpace(text.charCodeAt(i))) i++;
  if (i === at || (text.charCodeAt(i) | 32) !== 97) return 0;
  if ((text.charCodeAt(i + 1) | 32) !== 110 || (text.charCodeAt(i + 2) | 32) !== 100) return 0;
  let j = i + 3;
  while (j < text.length && isRegexSpace(text.charCodeAt(j))) j++;
  return j > i + 3 ? j - at : 0;
}

/** Splits an author field on " and " outside braces: `{Barnes and Noble} and Smith, J.` is two authors. */
export function splitAuthors(field: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125) depth--;
    else if (depth === 0 && isRegexSpace(c)) {
      const length = andAt(field, i);
      if (length) {
        out.push(field.slice(start, i));
        i += length - 1;
        start = i + 1;
      }
    }
  }
  out.push(field.slice(start));
  return out.flatMap(listedNames).filter(Boolean);
}

/**
 * One part between " and " that lists several people as other tools write them: `Sa, M. CM.; Kascheres, A.`
 * (semicolons, which no name holds) or `Miller, D., Firby, J.` (family and given names by turns: BibTeX allows at
 * most two commas in one name, `von Last, Jr, First`). Each person becomes an author of their own.
 */
function listedNames(part: string): string[] {
  const name = part.trim();
  if (!/[;,]/.test(name)) return [name];
  // One person with at most two commas (`Family, Given`, `von Last, Jr, First`): fewer than four parts below.
  if (!name.includes(';') && commaCount(name) < 3) return [name];
  const people = topLevelSplit(name, ';')
    .map((p) => p.trim())
    .filter(Boolean);
  return people.flatMap((person) => {
    const parts = commaParts(person).map((p) => p.trim());
    if (parts.length < 4 || parts.length % 2 !== 0 || parts.some((p) => !p || EXTENDED_NAME.test(p))) return [person];
    const pairs: string[] = [];
    for (let i = 0; i < parts.length; i += 2) pairs.push(`${parts[i]}, ${parts[i + 1]}`);
    return pairs;
  });
}

function commaCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) count++;
  return count;
}

/** Parts of a text at a separator outside braces. */
function topLevelSplit(raw: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

/** Parts of a name at commas outside braces. */
function commaParts(raw: string): string[] {
  return topLevelSplit(raw, ',');
}

const EXTENDED_NAME = /^\s*(family|given|prefix|suffix|useprefix|juniorcomma|sortingnamekeytemplate)\s*=/i;

/** BibLaTeX's extended name format: `family=Heuvel, given=Charles, prefix=van den, useprefix=false`. */
function extendedName(raw: string): string | null {
  if (!EXTENDED_NAME.test(raw)) return null;
  const parts: Record<string, string> = {};
  for (const part of commaParts(raw)) {
    const m = /^\s*([A-Za-z-]+)\s*=\s*([\s\S]*?)\s*$/.exec(part);
    if (!m) return null;
    let value = m[2] as string;
    if (/^"[\s\S]*"$/.test(value)) value = value.slice(1, -1);
    parts[(m[1] as string).toLowerCase()] = fromLatex(value);
  }
  if (!parts.family && !parts.given) return null;
  const name = {
    family: parts.family ?? '',
    given: parts.given ?? '',
    particle: parts.prefix ?? '',
    suffix: parts.suffix ?? '',
    literal: null,
  };
  // A family name of several words cannot be told from given names once written in one line: keep the comma form.
  return /\s/.test(name.family)
    ? [fullFamily(name), name.suffix, name.given].filter(Boolean).join(', ')
    : displayName(name);
}

/**
 * One BibTeX author as the library writes names ("Ludwig van Beethoven"). A fully braced name (`{World Health
 * Organization}`) is one unit: its words are joined by no-break spaces, which look the same and tell every exporter
 * (names.ts) to keep it whole.
 */
export function bibtexAuthorToDisplay(raw: string): string {
  const whole = /^\{([\s\S]*)\}$/.exec(raw.trim());
  if (whole && closesAtEnd(raw.trim())) return wholeName(fromLatex(whole[1] as string));
  const extended = extendedName(raw);
  if (extended !== null) return extended;
  // Decode inside each comma part so "{\"O}zt{\"u}rk, Ali" keeps its comma structure; a tie (~) is a space here.
  const text = commaParts(raw)
    .map((part) => fromLatex(part).replace(/\u00a0/g, ' '))
    .join(', ');
  const name = splitName(text);
  // "Al Mansouri, Ahmed" written back as "Ahmed Al Mansouri" splits the same way again; a multi-word family name
  // without such a prefix ("Salem Sugui, Jr., S.") must keep its comma form to survive the next split.
  const display = displayName(name);
  const again = splitName(display);
  return again.family === name.family && again.given === name.given && again.particle === name.particle
    ? display
    : text.replace(/\s*,\s*$/, '');
}

/** `{a} and {b}` is not one braced name: the first brace must close at the very end. */
function closesAtEnd(braced: string): boolean {
  let depth = 0;
  for (let i = 0; i < braced.length; i++) {
    const ch = braced[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i === braced.length - 1;
  }
  return false;
}

/** Entries that are part of a larger work, whose URL or ISBN is often the container's. */
const PART_TYPES = new Set([
  'inbook',
  'incollection',
  'inproceedings',
  'conference',
  'inreference',
  'bookinbook',
  'suppbook',
  'suppcollection',
]);
/** Entries that are books: only their ISBN names them (a chapter's ISBN is its book's). */
const BOOK_TYPES = new Set([
  'book',
  'mvbook',
  'booklet',
  'collection',
  'mvcollection',
  'proceedings',
  'mvproceedings',
  'reference',
  'mvreference',
  'manual',
]);

/**
 * Identifiers beyond arXiv id, DOI and URL, where BibTeX files keep them: `pmid` and `pmcid` fields (Better
 * BibTeX, JabRef), BibLaTeX's `eprint` with `eprinttype = pubmed`, Zotero's `extra`/`note` lines ("PMID: 123"),
 * `isbn` on books, and dblp's `biburl` (`https://dblp.org/rec/conf/iclr/SmithJ18.bib`) or a dblp key written as the
 * `bibsource`. ACL Anthology and OpenReview ids come from the entry's URL.
 */
function bibtexIdentifiers(entry: BibEntry, eprintType: string, eprint: string | undefined): string[] {
  const f = entry.fields;
  const out: string[] = [];
  const pmid = f.get('pmid');
  if (pmid) out.push(`pmid:${pmid.trim()}`);
  const pmcid = f.get('pmcid');
  if (pmcid) out.push(`pmcid:${pmcid.trim()}`);
  if (eprint && eprintType === 'pubmed') out.push(`pmid:${eprint.trim()}`);
  if (eprint && eprintType === 'pmcid') out.push(`pmcid:${eprint.trim()}`);
  out.push(...identifiersInText(f.get('extra')), ...identifiersInText(f.get('note')));
  const isbn = f.get('isbn');
  // Files list print and electronic ISBNs together ("978… (Print)\\r978…"); the first that checks out is taken.
  if (isbn && BOOK_TYPES.has(entry.type)) {
    const first = isbn.split(/[\s,;]+|\\textbackslash\{\}r|\\r/).find((part) => parseIsbn(part) !== null);
    if (first) out.push(`isbn:${first}`);
  }
  const biburl = f.get('biburl');
  if (biburl && /dblp/i.test(biburl)) out.push(`dblp:${biburl.trim()}`.replace(/^dblp:(https?:)/, '$1'));
  return out;
}

const VOLUME_TYPES = new Set([
  'book',
  'mvbook',
  'proceedings',
  'mvproceedings',
  'collection',
  'mvcollection',
  'periodical',
]);

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(raw: string | undefined): number | null {
  if (!raw) return null;
  const text = raw.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const index = MONTH_NAMES.indexOf(text.slice(0, 3));
  return index >= 0 ? index + 1 : null;
}

/** Fields that say nothing of the work itself. */
const NOT_CONTENT = new Set(['crossref', 'xdata', 'entryset', 'file', 'owner', 'timestamp', 'jabref-meta']);

/** BibTeX or BibLaTeX text to stored papers; entries without an id or title are errors naming their key and line. */
export function importBibtex(text: string, now: number, onProgress?: ReadProgress): ImportResult {
  const result: ImportResult = { papers: [], errors: [], entries: 0 };
  const order: number[] = [];
  const problems: { index: number; errors: ImportError[] }[] = [];
  // A library names the same people again and again: each distinct author field part is split once.
  const names = new Map<string, string>();
  const author = (raw: string) => {
    let display = names.get(raw);
    if (display === undefined) {
      display = bibtexAuthorToDisplay(raw);
      names.set(raw, display);
    }
    return display;
  };
  const read = readBibtex(
    text,
    (entry) => {
      const built = paperOf(entry, now, author);
      if (built.ok) {
        result.papers.push(built.paper);
        order.push(entry.index);
      } else problems.push({ index: entry.index, errors: built.errors });
    },
    onProgress,
  );
  result.entries = read.count;
  // Entries with a crossref come last from the reader: put papers and problems back in file order.
  for (const e of read.errors) problems.push({ index: Number(/\d+/.exec(e.where)?.[0] ?? 0), errors: [e] });
  problems.sort((a, b) => a.index - b.index);
  result.errors = problems.flatMap((p) => p.errors);
  if (order.some((v, i) => i > 0 && v < (order[i - 1] as number))) {
    const byIndex = result.papers.map((paper, i) => ({ paper, index: order[i] as number }));
    byIndex.sort((a, b) => a.index - b.index);
    result.papers = byIndex.map((p) => p.paper);
  }
  return result;
}

const decodeValue = (value: string) => fromLatex(value);

/** Fields that may hold an arXiv id besides `eprint`. */
const ARXIV_FIELDS = ['arxivid', 'arxiv', 'journal', 'journaltitle', 'note', 'howpublished', 'number'];

function paperOf(entry: BibEntry, now: number, author: (raw: string) => string): BuiltPaper {
  const f = entry.fields;
  const fields = emptyFields();
  if (entry.type === 'set') {
    // A BibLaTeX entry set only groups the entries it names; those come in on their own.
    const members = (f.get('entryset') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const message = `an entry set (@set) is not a work: it groups ${members.length ? `the entries ${members.join(', ')}` : 'other entries'}, which come in on their own where the file holds them`;
    return { ok: false, errors: [{ where: entryName(entry.index, entry.key), line: entry.line, message }] };
  }
  // A volume may give its title as the main title or book title only (Zotero's and BibLaTeX's @mvbook).
  const title =
    f.get('title') ??
    f.get('shorttitle') ??
    (VOLUME_TYPES.has(entry.type) ? (f.get('maintitle') ?? f.get('booktitle')) : undefined);
  fields.title = title === undefined ? null : fromLatex(title, { stored: true });
  const authorField = f.get('author');
  fields.authors = authorField ? splitAuthors(authorField).map(author) : [];
  const date = f.get('date');
  const dateMatch = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)/.exec(date.trim()) : null;
  fields.published = dateMatch
    ? isoDate(dateMatch[1], dateMatch[2], dateMatch[3])
    : isoDate(f.get('year'), monthNumber(f.get('month')), f.get('day'));
  // `howpublished` as we write it for a venue outside an @article; not when it only holds a link (`\url{…}`).
  const howpublished = f.get('howpublished');
  const venue =
    f.get('journal') ??
    f.get('journaltitle') ??
    f.get('booktitle') ??
    (howpublished && !/\\url\b|^\s*https?:/i.test(howpublished) ? howpublished : undefined);
  fields.venue = venue === undefined ? null : fromLatex(venue, { stored: true });
  const prefix = (f.get('archiveprefix') ?? f.get('eprinttype') ?? '').toLowerCase();
  const eprint = f.get('eprint');
  if (eprint && (prefix === '' || prefix === 'arxiv')) fields.arxivCandidates.push(eprint.trim());
  for (const name of ARXIV_FIELDS) {
    const value = f.get(name);
    if (value) fields.arxivCandidates.push(value);
  }
  const doi = f.get('doi');
  fields.doi = doi ? doi.trim() : null;
  const url = f.get('url');
  if (url) fields.urls.push(url.trim());
  fields.aliases.push(...bibtexIdentifiers(entry, prefix, eprint));
  fields.partOfContainer = PART_TYPES.has(entry.type);
  fields.key = entry.key || null;
  // Calls, not closures, on every entry: an arrow function made per entry is an allocation (and a name under tsx).
  fields.details = [
    fromLatex(f.get('volume') ?? ''),
    fromLatex(f.get('number') ?? ''),
    fromLatex(f.get('pages') ?? ''),
  ];
  // Only read when nothing better names an untitled entry (suppliedTitle), so decoded only then.
  if (title === undefined)
    fields.others = [...f.entries()].filter(([name]) => !NOT_CONTENT.has(name)).map(([, v]) => fromLatex(v));
  const abstract = f.get('abstract');
  fields.abstract = abstract ? fromLatex(abstract) : null;
  const primary = f.get('primaryclass') ?? f.get('eprintclass');
  if (primary) fields.categories.push(primary.trim());
  const keywords = f.get('keywords');
  if (keywords) fields.tags = keywords.split(/[,;]/).map(decodeValue);
  const annote = f.get('annote') ?? f.get('annotation');
  fields.note = annote ? fromLatex(annote) : '';
  const where = entryName(entry.index, entry.key);
  const built = buildPaper(fields, now, where, entry.line);
  return built;
}
