/**
 * Forgiving JSON Lines for the command line (`export`, `cluster`, `rank`). A line may be:
 * - a full adapter record, as `extract` prints it: taken as it is;
 * - a partial record (`id`, `title`, `authors`, … with any field left out: missing means null or empty, and the id
 *   is computed from `arxivId`, `doi` or `url` as lib/paper/ids.ts does, or read from an `id` that is one of them);
 * - a line of arXiv's public metadata snapshot (`id`, `submitter`, `authors` as one string, `title`, `comments`,
 *   `journal-ref`, `doi`, `report-no`, `categories` as one space-separated string, `license`, `abstract`,
 *   `versions`, `update_date`, `authors_parsed`).
 * Anything else gets ONE message per bad line, naming the line and the field, not a page of schema errors.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fromLatex } from '../export/latex';
import { canonicalIdOf, normalizeDoi, parseArxivId } from '../paper/ids';
import { PaperRecord, type PaperRecordInput } from '../paper/schema';

export type LineResult<T> = { ok: true; value: T } | { ok: false; message: string };

type Json = Record<string, unknown>;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;

/** A field problem, stopped at the first one found in a line: the line is reported once. */
class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function text(record: Json, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new FieldError(field, `must be text, not ${describe(value)}`);
  // arXiv's metadata wraps long titles and abstracts with a newline and two spaces.
  return value.replace(/\s+/g, ' ').trim() || null;
}

function paragraphs(record: Json, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FieldError(field, `must be text, not ${describe(value)}`);
  return value.trim() || null;
}

function count(record: Json, field: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new FieldError(field, `must be a whole number, not ${JSON.stringify(value)}`);
  }
  return n;
}

/** A list of texts: a JSON list, or one string cut at `separator`. */
function list(record: Json, field: string, separator: RegExp): string[] {
  const value = record[field];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(separator).map(clean).filter(Boolean);
  if (!Array.isArray(value)) throw new FieldError(field, `must be a list or one string, not ${describe(value)}`);
  return value.map((item, i) => {
    if (typeof item !== 'string') throw new FieldError(`${field}[${i}]`, `must be text, not ${describe(item)}`);
    return clean(item);
  });
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Authors written as one string, as arXiv's metadata has them: "A. One, B. Two and C. Three", sometimes with
 * affiliations in parentheses ("A. One (MIT), B. Two (ETH Zurich)") and TeX accents ("G\\'erard").
 */
export function splitAuthorString(authors: string): string[] {
  let flat = authors;
  // Affiliations, innermost first: "(1) Dept. of X (Univ. Y)" nests.
  for (let before = ''; before !== flat; ) {
    before = flat;
    flat = flat.replace(/\([^()]*\)/g, ' ');
  }
  return flat
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/)
    .map((name) => clean(fromLatex(name)))
    .filter((name) => name !== '' && !/^(?:et al\.?|others)$/i.test(name));
}

/** `authors_parsed`: [[family, given, suffix], …]; a row that is not that shape is an error of that field. */
function parsedAuthors(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new FieldError('authors_parsed', `must be a list, not ${describe(value)}`);
  return value.flatMap((row, i) => {
    if (!Array.isArray(row) || row.some((part) => typeof part !== 'string')) {
      throw new FieldError(`authors_parsed[${i}]`, 'must be a list of texts [family, given, suffix]');
    }
    const [family = '', given = '', suffix = ''] = (row as string[]).map((part) => clean(fromLatex(part)));
    const name = [given, family, suffix].filter(Boolean).join(' ');
    return name ? [name] : [];
  });
}

/**
 * The authors of a line in either shape: `authors_parsed` (arXiv's), else `authors` as a list or one string; null
 * when the line names none.
 */
export function authorsOfLine(line: Json): LineResult<string[] | null> {
  try {
    const parsed = parsedAuthors(line.authors_parsed);
    if (parsed) return { ok: true, value: parsed };
    if (line.authors === undefined || line.authors === null) return { ok: true, value: null };
    return {
      ok: true,
      value: typeof line.authors === 'string' ? splitAuthorString(line.authors) : list(line, 'authors', /;/),
    };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, message: `${error.field}: ${error.message}` };
    throw error;
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Mon, 2 Apr 2007 19:18:42 GMT" (arXiv's version dates) → 2007-04-02; null when it is not that. */
export function rfc2822Date(value: string): string | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(value);
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] as string).toLowerCase()) + 1;
  if (month === 0) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
}

/** A date a person may write: ISO (kept to the day), a year as a number, or arXiv's version date. */
function date(record: Json, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) return String(value);
  if (typeof value === 'string') {
    const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
    if (iso) return [iso[1], iso[2], iso[3]].filter(Boolean).join('-');
    const mail = rfc2822Date(value);
    if (mail) return mail;
  }
  throw new FieldError(field, `must be a date such as 2024-05-31 (or a year), not ${JSON.stringify(value)}`);
}

/** Whether a line is in the format of arXiv's metadata snapshot rather than our own record shape. */
export function isArxivMetadata(record: Json): boolean {
  return (
    typeof record.id === 'string' &&
    ('authors_parsed' in record ||
      'update_date' in record ||
      'versions' in record ||
      'journal-ref' in record ||
      'report-no' in record ||
      typeof record.categories === 'string' ||
      typeof record.authors === 'string')
  );
}

function arxivMetadataRecord(line: Json): PaperRecordInput {
  const id = text(line, 'id');
  const ref = id ? parseArxivId(id) : null;
  if (!ref)
    throw new FieldError(
      'id',
      `must be an arXiv id such as 0704.0001 or hep-th/9901001, not ${JSON.stringify(line.id)}`,
    );
  const authors = parsedAuthors(line.authors_parsed) ?? splitAuthorString(text(line, 'authors') ?? '');
  const versions = line.versions;
  if (versions !== undefined && versions !== null && !Array.isArray(versions)) {
    throw new FieldError('versions', `must be a list, not ${describe(versions)}`);
  }
  const created = (versions ?? []).map((v, i) => {
    const value = v && typeof v === 'object' ? (v as Json).created : undefined;
    if (typeof value !== 'string') throw new FieldError(`versions[${i}].created`, 'must be a date text');
    return value;
  });
  // First submitted: the first version's date; the snapshot's update_date is when the record last changed.
  const published = (created[0] ? rfc2822Date(created[0]) : null) ?? date(line, 'update_date');
  const version = ref.version ?? (created.length || null);
  // Several DOIs are sometimes given, separated by spaces: the first names the journal version.
  const doiText = text(line, 'doi');
  const doi = doiText ? normalizeDoi(doiText.split(/\s+/)[0] as string) : null;
  return {
    ...emptyRecord(),
    id: ref.id,
    arxivId: ref.id,
    version,
    doi,
    title: text(line, 'title') ?? '',
    authors,
    authorCount: authors.length,
    abstract: paragraphs(line, 'abstract'),
    published,
    url: `https://arxiv.org/abs/${ref.id}`,
    pdfUrl: `https://arxiv.org/pdf/${ref.id}`,
    categories: list(line, 'categories', /\s+/),
    submitter: text(line, 'submitter'),
    venue: text(line, 'journal-ref'),
  };
}

function emptyRecord(): PaperRecordInput {
  return {
    id: '',
    arxivId: null,
    version: null,
    doi: null,
    title: '',
    authors: [],
    authorCount: 0,
    abstract: null,
    published: null,
    url: null,
    pdfUrl: null,
    codeUrl: null,
    projectUrl: null,
    categories: [],
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    venue: null,
    githubStars: null,
    keywords: [],
    source: { site: 'import', pageUrl: '', section: null, rank: null },
  };
}

/** An `id` field that is itself an arXiv id, a DOI or a link, as a partial record often gives it. */
function identifiersFromId(id: string | null): { arxivId: string | null; doi: string | null; url: string | null } {
  if (!id) return { arxivId: null, doi: null, url: null };
  const arxiv = parseArxivId(id);
  if (arxiv) return { arxivId: arxiv.id, doi: null, url: null };
  const doi = normalizeDoi(id);
  if (doi) return { arxivId: null, doi, url: null };
  return { arxivId: null, doi: null, url: /^https?:\/\//i.test(id) ? id : null };
}

function partialRecord(line: Json): PaperRecordInput {
  const given = identifiersFromId(text(line, 'id'));
  const arxivText = text(line, 'arxivId') ?? given.arxivId;
  const arxiv = arxivText ? parseArxivId(arxivText) : null;
  if (arxivText && !arxiv) throw new FieldError('arxivId', `is not an arXiv id: ${JSON.stringify(arxivText)}`);
  const doi = text(line, 'doi') ?? given.doi;
  const url = text(line, 'url') ?? given.url;
  const id = canonicalIdOf({ arxivId: arxiv?.id ?? null, doi, url });
  if (!id) {
    const field = 'id' in line ? 'id' : 'arxivId';
    throw new FieldError(field, 'no arXiv id, DOI or http(s) URL to identify the paper (give arxivId, doi or url)');
  }
  const authors = list(line, 'authors', /\s*;\s*|\s+and\s+|\s*,\s*/);
  const source = line.source === undefined || line.source === null ? emptyRecord().source : line.source;
  return {
    ...emptyRecord(),
    id,
    arxivId: arxiv?.id ?? null,
    version: count(line, 'version') || arxiv?.version || null,
    doi: doi ? normalizeDoi(doi) : null,
    title: text(line, 'title') ?? '',
    authors,
    authorCount: count(line, 'authorCount') ?? authors.length,
    abstract: paragraphs(line, 'abstract'),
    // `date` and `year` are what people's own files call it (../shared/data has `date`).
    published: date(line, 'published') ?? date(line, 'date') ?? date(line, 'year'),
    url,
    pdfUrl: text(line, 'pdfUrl'),
    codeUrl: text(line, 'codeUrl'),
    projectUrl: text(line, 'projectUrl'),
    categories: list(line, 'categories', /\s+|\s*,\s*/),
    upvotes: count(line, 'upvotes'),
    comments: count(line, 'comments'),
    organization: text(line, 'organization'),
    submitter: text(line, 'submitter'),
    venue: text(line, 'venue'),
    githubStars: count(line, 'githubStars'),
    keywords: list(line, 'keywords', /\s*[,;]\s*/),
    source: source as PaperRecordInput['source'],
  };
}

/** The record a JSON value stands for, or the one message that says what is wrong with it. */
export function recordFromJson(value: unknown): LineResult<PaperRecord> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: `must be a JSON object with at least a title and an id, not ${describe(value)}` };
  }
  const line = value as Json;
  const full = PaperRecord.safeParse(line);
  if (full.success) return { ok: true, value: full.data };
  let candidate: PaperRecordInput;
  try {
    candidate = isArxivMetadata(line) ? arxivMetadataRecord(line) : partialRecord(line);
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, message: `${error.field}: ${error.message}` };
    throw error;
  }
  if (!candidate.title) return { ok: false, message: 'title: missing' };
  const parsed = PaperRecord.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  // Only the first problem: the others are most often the same mistake again.
  const [issue] = parsed.error.issues;
  const field = issue ? issue.path.map(String).join('.') : '';
  return { ok: false, message: `${field || 'record'}: ${issue?.message ?? 'not a paper record'}` };
}

// A broken file can have thousands of bad lines: the first ones show what is wrong.
const LINES_REPORTED = 20;

/**
 * Every line of a JSON Lines text read by `readLine`. All or nothing: when any line is bad, throws one Error whose
 * message has one line per bad line (`papers.jsonl:4: authors: must be …`), the first 20 of them.
 */
export function parseJsonLines<T>(text: string, name: string, readLine: (value: unknown) => LineResult<T>): T[] {
  const values: T[] = [];
  const problems: string[] = [];
  let bad = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let result: LineResult<T>;
    try {
      result = readLine(JSON.parse(line));
    } catch (error) {
      result = { ok: false, message: error instanceof SyntaxError ? 'not valid JSON' : String(error) };
    }
    if (result.ok) values.push(result.value);
    else if (++bad <= LINES_REPORTED) problems.push(`${name}:${index + 1}: ${result.message}`);
  });
  if (bad > LINES_REPORTED) problems.push(`… and ${bad - LINES_REPORTED} more bad lines`);
  if (problems.length) {
    throw new Error(`${bad} of ${values.length + bad} lines are not papers:\n${problems.join('\n')}`);
  }
  return values;
}

/** A JSON Lines file (gzip when the name ends in .gz) as text; throws with the path when it cannot be read. */
export function readTextFile(path: string): string {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
}
