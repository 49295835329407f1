/**
 * Identity for every reference: which identifier names a paper, in which written form, and which one wins.
 *
 * Every identifier is kept in one canonical form, and the kinds never look alike:
 * | kind         | form                                   | strength |
 * | ------------ | -------------------------------------- | -------- |
 * | `arxiv`      | `2502.12345`, `hep-th/9901001`         | strong   |
 * | `doi`        | `10.1038/nature14539`, `10/fqd6hj`     | strong   |
 * | `pmid`       | `pmid:31452104`                        | strong   |
 * | `pmcid`      | `pmcid:PMC6712345`                     | strong   |
 * | `isbn`       | `isbn:9780262035613` (ISBN-13)         | weak     |
 * | `acl`        | `acl:2023.acl-long.1`, `acl:P18-1001`  | strong   |
 * | `openreview` | `openreview:<forum id as written>`     | strong   |
 * | `dblp`       | `dblp:conf/iclr/SmithJ18`              | strong   |
 * | `url`        | `https://…` (lib/paper/ids.ts normalizeUrl) | weak |
 * | `key`        | `key:<year>:<family>:<title>` (contentKey) | weak  |
 *
 * The canonical id of a record is its best identifier in that order (RANK). A strong identifier names one work: two
 * records that share one are the same paper. A weak one does not: the sixteen chapters of a book share its URL and
 * ISBN, and two works can share a title, an author and a year ("Introduction"). So an ISBN is an identifier of a
 * book only (on a chapter it is the book's, and an importer leaves it out), and a record whose best identifier is
 * weak may be keyed by its content key instead (`isValidIdOf`); the library matches on a weak identifier only where
 * the content agrees (`sameWork`).
 */
import { arxivIdFromDoi, arxivIdFromUrl, normalizeDoi, normalizeUrl, parseArxivId } from './ids';

export type IdKind = 'arxiv' | 'doi' | 'pmid' | 'pmcid' | 'isbn' | 'acl' | 'openreview' | 'dblp' | 'url' | 'key';

/** Best first. */
export const RANK: readonly IdKind[] = [
  'arxiv',
  'doi',
  'pmid',
  'pmcid',
  'isbn',
  'acl',
  'openreview',
  'dblp',
  'url',
  'key',
];

const WEAK: ReadonlySet<IdKind> = new Set<IdKind>(['isbn', 'url', 'key']);

/** Whether two records that share an identifier of this kind are, by that alone, one work. */
export function isStrongKind(kind: IdKind): boolean {
  return !WEAK.has(kind);
}

const PREFIXED = /^(pmid|pmcid|isbn|acl|openreview|dblp|key):/;

/** Which kind a canonical identifier is. */
export function idKind(id: string): IdKind {
  const prefix = PREFIXED.exec(id);
  if (prefix) return prefix[1] as IdKind;
  if (id.startsWith('10.') || id.startsWith('10/')) return 'doi';
  if (/^https?:\/\//.test(id)) return 'url';
  return 'arxiv';
}

// ---- one parser per kind: each takes the identifier as sources write it, and gives its canonical form or null ----

/** `31452104`, `PMID: 31452104`, `pmid:31452104`, or a PubMed link. */
export function parsePmid(raw: string): string | null {
  const text = raw.trim();
  const link =
    /^https?:\/\/(?:pubmed\.ncbi\.nlm\.nih\.gov|(?:www\.)?ncbi\.nlm\.nih\.gov\/pubmed)\/(\d+)\/?(?:[?#].*)?$/i.exec(
      text,
    );
  const m = link ?? /^(?:pmid\s*:?\s*)?(\d{1,9})$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  // PubMed numbers from 1; leading zeros are not part of the number.
  return n > 0 ? `pmid:${n}` : null;
}

/** `PMC6712345`, `pmcid:PMC6712345`, `PMCID: PMC6712345`, or a PubMed Central link. */
export function parsePmcid(raw: string): string | null {
  const text = raw.trim();
  const link =
    /^https?:\/\/(?:www\.)?(?:pmc\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pmc)\/articles\/(PMC\d+)\/?(?:[?#].*)?$/i.exec(
      text,
    );
  const m = link ?? /^(?:pmcid\s*:?\s*)?(PMC\d+)$/i.exec(text);
  if (!m) return null;
  const n = Number((m[1] as string).slice(3));
  return n > 0 ? `pmcid:PMC${n}` : null;
}

function isbn13Checksum(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

function isbn10Checksum(chars: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = chars[i] as string;
    const v = c === 'X' ? 10 : Number(c);
    if (c === 'X' && i !== 9) return false;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

/**
 * An ISBN-10 or ISBN-13, with or without hyphens, spaces or an `ISBN` label, as `isbn:` and the ISBN-13 (an ISBN-10 is
 * converted: `978` and a new check digit); null when the check digit is wrong, which is how a typo shows.
 */
export function parseIsbn(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/^isbn(?:-1[03])?\s*:?\s*/i, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
    .toUpperCase();
  if (/^97[89]\d{10}$/.test(text)) return isbn13Checksum(text) ? `isbn:${text}` : null;
  if (/^\d{9}[\dX]$/.test(text) && isbn10Checksum(text)) {
    const body = `978${text.slice(0, 9)}`;
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
    return `isbn:${body}${(10 - (sum % 10)) % 10}`;
  }
  return null;
}

const ACL_NEW = /^(\d{4})\.([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.(\d+)$/i;
const ACL_OLD = /^([A-Z])(\d{2})-(\d{4})$/i;

/** An ACL Anthology id, new style `2023.acl-long.1` or old style `P18-1001`, bare, prefixed or as an Anthology link. */
export function parseAclId(raw: string): string | null {
  let text = raw.trim().replace(/^acl\s*:\s*/i, '');
  const link =
    /^https?:\/\/(?:www\.)?(?:aclanthology\.org|aclweb\.org\/anthology)\/([^/?#]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(
      text,
    );
  if (link) text = link[1] as string;
  const modern = ACL_NEW.exec(text);
  if (modern) return `acl:${text.toLowerCase()}`;
  const legacy = ACL_OLD.exec(text);
  if (legacy) return `acl:${(legacy[1] as string).toUpperCase()}${legacy[2]}-${legacy[3]}`;
  return null;
}

/** An OpenReview forum id, bare (after `openreview:`) or from a forum or PDF link; case is part of the id. */
export function parseOpenReviewId(raw: string): string | null {
  const text = raw.trim();
  let id: string | null = null;
  const prefixed = /^openreview\s*:\s*(\S+)$/i.exec(text);
  if (prefixed) id = prefixed[1] as string;
  else if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      if (!/(?:^|\.)openreview\.net$/i.test(url.hostname)) return null;
      if (!/^\/(?:forum|pdf|attachment)\/?$/.test(url.pathname)) return null;
      id = url.searchParams.get('id');
    } catch {
      return null;
    }
  }
  return id && /^[A-Za-z0-9_-]{5,40}$/.test(id) ? `openreview:${id}` : null;
}

// dblp keys of works (not `homepages/…`, which are people): `conf/iclr/SmithJ18`, `journals/corr/abs-1706-03762`.
const DBLP_KEY = /^(?:conf|journals|books|series|reference|phd|tr|ms|persons)\/[^\s/]+(?:\/[^\s/]+)+$/;

/** A dblp record key as written, bare, after `dblp:`, or from a dblp.org/rec link (`.html`, `.bib`, `.xml`). */
export function parseDblpKey(raw: string): string | null {
  let text = raw.trim().replace(/^dblp\s*:\s*/i, '');
  const link =
    /^https?:\/\/(?:www\.)?dblp\.(?:org|uni-trier\.de)\/rec\/(?:bibtex\/|xml\/)?(.+?)(?:\.(?:html|bib|xml|ris))?(?:[?#].*)?$/i.exec(
      text,
    );
  if (link) text = link[1] as string;
  return DBLP_KEY.test(text) ? `dblp:${text}` : null;
}

/**
 * Any written identifier in its canonical form: an arXiv id, a DOI (short DOIs too), a PMID (prefixed, or a
 * PubMed link: a bare number is too ambiguous to be taken for one), PMCID, ISBN (prefixed), ACL id, OpenReview id,
 * dblp key, an http(s) URL (links to arXiv, doi.org, PubMed, the Anthology, OpenReview and dblp give those
 * identifiers), or a content key as made by `contentKey`.
 */
export function parseIdentifier(raw: string): string | null {
  let id = parsed.get(raw);
  if (id === undefined) {
    id = parseUncached(raw);
    if (parsed.size >= MEMO_MAX) parsed.clear();
    parsed.set(raw, id);
  }
  return id;
}

// Pure functions of a string that one record asks for several times within a moment (its id, the schema's id check,
// its lookup keys) remember their last answers. Bounded: a 90,000-entry import moves on after each entry.
const MEMO_MAX = 4096;
const parsed = new Map<string, string | null>();

function parseUncached(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  if (/^key:/.test(text)) return text;
  if (/^pmid\s*:/i.test(text)) return parsePmid(text);
  if (/^pmcid\s*:/i.test(text) || /^PMC\d+$/i.test(text)) return parsePmcid(text);
  if (/^isbn/i.test(text)) return parseIsbn(text);
  if (/^acl\s*:/i.test(text)) return parseAclId(text);
  if (/^openreview\s*:/i.test(text)) return parseOpenReviewId(text);
  if (/^dblp\s*:/i.test(text)) return parseDblpKey(text);
  const arxiv = parseArxivId(text) ?? arxivIdFromUrl(text);
  if (arxiv) return arxiv.id;
  const doi = normalizeDoi(text);
  if (doi) return arxivIdFromDoi(doi)?.id ?? doi;
  if (/^https?:\/\//i.test(text)) {
    return (
      parsePmid(text) ??
      parsePmcid(text) ??
      parseAclId(text) ??
      parseOpenReviewId(text) ??
      parseDblpKey(text) ??
      normalizeUrl(text)
    );
  }
  return parseAclId(text) ?? parseDblpKey(text);
}

// ---- the content key ----

// TeX letters that are not an accent on a base letter.
const TEX_LETTERS: Record<string, string> = {
  ss: 'ss',
  ae: 'ae',
  AE: 'ae',
  oe: 'oe',
  OE: 'oe',
  aa: 'a',
  AA: 'a',
  o: 'o',
  O: 'o',
  l: 'l',
  L: 'l',
  i: 'i',
  j: 'j',
};
// Letters NFKD leaves whole.
const UNICODE_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Text reduced to what every source writes alike: TeX accent commands and braces removed (`Mart{\'i}nez`,
 * `{\"u}ber`, `\'{e}`, `\ss{}`), other TeX commands dropped (`\textit{x}` keeps x), Unicode NFKD with the
 * diacritics removed, lower case, every character that is not a letter or digit a space, spaces collapsed.
 */
export function normalizeText(raw: string): string {
  let text = normalized.get(raw);
  if (text === undefined) {
    text = normalizeUncached(raw);
    if (normalized.size >= MEMO_MAX) normalized.clear();
    normalized.set(raw, text);
  }
  return text;
}

// The texts normalised last: one record's title and first author are normalised for its id, for the schema's id
// check and for its lookup keys (lib/paper/resolve.ts), and family names recur across a whole library.
const normalized = new Map<string, string>();

function normalizeUncached(raw: string): string {
  // Most titles are plain ASCII: neither TeX nor Unicode decomposition can change them (the library files every
  // card of a listing by its content key, bench/db.bench.ts).
  if (!/[^\x20-\x7e]|[\\{}$]/.test(raw)) {
    return raw
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  let text = raw
    // accents written as symbols: \' \" \^ \` \~ \= \.
    .replace(/\\['"^`~=.]\s*/g, '')
    // accents written as letters, before their argument: \c{c}, \v s, \H{o}, \u{a}
    .replace(/\\[uvHcdbtrk](?=[\s{])\s*/g, '')
    // a letter (TeX swallows the space after a control word: `Stra\ss e` is "Straße")
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s*/g, (_m, letter: string) => TEX_LETTERS[letter] ?? '')
    .replace(/\\[A-Za-z]+/g, ' ')
    // braces and dollars, escaped or not: a literal brace is stored `\{` (lib/export/latex.ts), `\{S\}urface` is "Surface"
    .replace(/\\?[{}$]/g, '');
  text = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  text = text.replace(/[ßæœøłđðþı]/g, (c) => UNICODE_LETTERS[c] ?? c);
  return text
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/ {2,}/g, ' ');
}

/**
 * A title as the content key holds it: `normalizeText`, then a leading "the", "a" or "an" dropped (catalogues drop
 * it, publishers keep it). A subtitle is kept: "Deep Learning: Methods and Applications" and "Deep Learning: A
 * Review" by one author in one year are two works, and a merge that should not happen loses a paper from sight
 * while a duplicate that should have merged stays visible and costs one click.
 */
export function normalizeTitle(title: string): string {
  return normalizeText(title).replace(/^(?:the|a|an) (?=\S)/, '');
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'y',
  'al',
  'el',
  'bin',
  'ibn',
]);
const SUFFIX_WORDS = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * A family name as the content key holds it: normalised like a title, then only its last word. Sources disagree on
 * where a family name starts — "van den Berg" or "Berg" with a particle, "García Márquez" or "Márquez",
 * "Smith-Jones" —, but all of them end it the same way; suffixes ("Jr.", "III") are dropped.
 */
export function normalizeFamily(family: string): string {
  const words = normalizeText(family)
    .split(' ')
    .filter((w) => w && !SUFFIX_WORDS.has(w));
  const meaningful = words.filter((w) => !PARTICLES.has(w));
  return (meaningful.length ? meaningful : words).at(-1) ?? '';
}

/**
 * The content key of a reference with no identifier: `key:<year>:<family>:<title>`, e.g.
 * `key:2017:vaswani:attention is all you need`. The year is 4 digits or empty, the family name that of the first
 * author (empty without one), the title normalised (normalizeTitle). Null when the title has no letter or digit.
 */
export function contentKey(
  title: string,
  firstAuthorFamily: string | null,
  year: number | string | null,
): string | null {
  const t = normalizeTitle(title);
  if (!t) return null;
  const y = year == null ? '' : (/^\d{4}/.exec(String(year).trim())?.[0] ?? '');
  return `key:${y}:${normalizeFamily(firstAuthorFamily ?? '')}:${t}`;
}

/**
 * The family name in an author as records write it: "Vaswani, Ashish" (before the comma) or "Ashish Vaswani" (the
 * last word; normalizeFamily keeps only the last word anyway, so "Sarah van den Berg" and "van den Berg, Sarah" agree).
 */
export function familyOf(author: string): string {
  const comma = author.indexOf(',');
  return comma > 0 ? author.slice(0, comma) : author;
}

/** What a content key is made from. */
export interface ContentFields {
  title: string;
  authors?: readonly string[];
  published?: string | null;
}

/** The content key of a record (title, first author, year of `published`). */
export function contentKeyOf(record: ContentFields): string | null {
  const first = record.authors?.[0];
  const published = record.published ?? null;
  // One record's content key is asked for by its id, the schema's id check and its lookup keys, one after another.
  const last = lastContentKey;
  if (last && last.title === record.title && last.first === first && last.published === published) return last.key;
  const key = contentKey(record.title, first ? familyOf(first) : null, published);
  lastContentKey = { title: record.title, first, published, key };
  return key;
}

let lastContentKey: { title: string; first: string | undefined; published: string | null; key: string | null } | null =
  null;

// ---- every identifier of a record, and the best one ----

/** The identifier fields of a record: arXiv id, DOI and URL in their own fields, the rest in `aliases`. */
export interface IdentifierFields {
  arxivId?: string | null;
  doi?: string | null;
  url?: string | null;
  aliases?: readonly string[] | null;
}

/**
 * Every identifier a record carries, in canonical form, each once: its arXiv id, DOI, URL (as canonicalId reads
 * them: an arXiv DOI or link is the arXiv id), then its aliases as given. The content key is not among them.
 */
export function identifiersOf(record: IdentifierFields): string[] {
  const out = new Set<string>();
  if (record.arxivId) {
    const ref = parseArxivId(record.arxivId);
    if (ref) out.add(ref.id);
  }
  if (record.doi) {
    const doi = normalizeDoi(record.doi);
    if (doi) out.add(arxivIdFromDoi(doi)?.id ?? doi);
  }
  if (record.url) {
    const id = parseIdentifier(record.url);
    if (id) out.add(id);
  }
  for (const alias of record.aliases ?? []) if (alias) out.add(alias);
  return [...out];
}

/** The best of some canonical identifiers by RANK; the first given wins within a kind. */
export function bestIdentifier(ids: readonly string[]): string | null {
  let best: string | null = null;
  let bestRank = RANK.length;
  for (const id of ids) {
    const rank = RANK.indexOf(idKind(id));
    if (rank < bestRank) {
      best = id;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The id a record should be stored under: its best identifier (RANK), and with none its content key when it has a
 * title. A record's fields are read as `identifiersOf` reads them.
 */
export function canonicalIdOf(record: IdentifierFields & Partial<ContentFields>): string | null {
  const best = bestIdentifier(identifiersOf(record));
  if (best) return best;
  return record.title ? contentKeyOf(record as ContentFields) : null;
}

/**
 * The id of a reference whose weak identifiers may be its container's: for a chapter, a paper in proceedings or an
 * article in a collection, a URL (or ISBN) is often the book's, shared by every part of it. Such a part with no strong
 * identifier is keyed by its content key, so sixteen chapters stay sixteen papers; anything else by canonicalIdOf.
 */
export function referenceIdOf(
  record: IdentifierFields & ContentFields,
  options: { partOfContainer: boolean },
): string | null {
  const best = canonicalIdOf(record);
  if (!options.partOfContainer || (best && isStrongKind(idKind(best)))) return best;
  return contentKeyOf(record) ?? best;
}

/**
 * Whether `id` may be the id of this record (the schema's rule): its canonical id; or, when its best identifier is
 * weak, its content key or a content key it was known by (an alias: the title of a stored paper can be refined
 * later, the id does not move for it).
 */
export function isValidIdOf(record: IdentifierFields & ContentFields, id: string): boolean {
  const best = canonicalIdOf(record);
  if (best === id) return true;
  if (best && isStrongKind(idKind(best))) return false;
  if (idKind(id) !== 'key') return false;
  return contentKeyOf(record) === id || (record.aliases ?? []).includes(id);
}

// ---- when two records are one work ----

export interface WorkFields extends IdentifierFields, ContentFields {
  id: string;
}

/** Strong identifiers of a record, by kind. */
function strongByKind(record: WorkFields): Map<IdKind, Set<string>> {
  const byKind = new Map<IdKind, Set<string>>();
  for (const id of [record.id, ...identifiersOf(record)]) {
    const kind = idKind(id);
    if (!isStrongKind(kind)) continue;
    const set = byKind.get(kind);
    if (set) set.add(id);
    else byKind.set(kind, new Set([id]));
  }
  return byKind;
}

function yearOf(published: string | null | undefined): string | null {
  return published ? published.slice(0, 4) : null;
}

/**
 * Whether two records that share a weak identifier (a URL, an ISBN, a content key) are one work: the same normalised
 * title, no two different years (another edition, a reprint), no two different first authors, and no strong
 * identifier of one kind with different values (two DOIs: two works). Strong identifiers need no such check.
 */
export function sameWork(a: WorkFields, b: WorkFields): boolean {
  if (normalizeTitle(a.title) !== normalizeTitle(b.title)) return false;
  const ya = yearOf(a.published);
  const yb = yearOf(b.published);
  if (ya && yb && ya !== yb) return false;
  const fa = a.authors?.[0] ? normalizeFamily(familyOf(a.authors[0])) : '';
  const fb = b.authors?.[0] ? normalizeFamily(familyOf(b.authors[0])) : '';
  if (fa && fb && fa !== fb) return false;
  const strongA = strongByKind(a);
  for (const [kind, ids] of strongByKind(b)) {
    const other = strongA.get(kind);
    if (other && ![...ids].some((id) => other.has(id))) return false;
  }
  return true;
}

/**
 * Every key a record can be found by in the library: its id, its identifiers and its content key (a card from a
 * page with no identifier, such as a Scholar result, finds the paper saved from arXiv by it).
 */
export function lookupKeysOf(record: WorkFields): string[] {
  const keys = new Set([record.id, ...identifiersOf(record)]);
  const key = contentKeyOf(record);
  if (key) keys.add(key);
  return [...keys];
}

/**
 * What a page's cards are looked up by beyond their ids (issue 16): for each card with more, its other strong
 * identifiers and its content key (a URL or ISBN is left out: a book's, shared by its chapters, it names no card).
 * A card whose stored twin is known by a DOI alone is then shown saved at first paint, not once its sighting is
 * filed. Keyed by card id; cards with nothing more are left out.
 */
export function otherKeysOf(records: readonly WorkFields[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const record of records) {
    const keys = lookupKeysOf(record).filter((key) => {
      if (key === record.id) return false;
      const kind = idKind(key);
      return kind === 'key' || isStrongKind(kind);
    });
    if (keys.length) out[record.id] = keys;
  }
  return out;
}
