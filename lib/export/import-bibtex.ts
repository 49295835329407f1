import { parseBibtex } from './bibtex-parse';
import { buildPaper, emptyFields, type ImportResult, isoDate } from './import-result';
import { fromLatex } from './latex';
import { displayName, splitName } from './names';

/** Splits an author field on " and " outside braces: `{Barnes and Noble} and Smith, J.` is two authors. */
export function splitAuthors(field: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && /\s/.test(ch as string)) {
      const m = /^\s+and\s+/i.exec(field.slice(i));
      if (m) {
        out.push(field.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  out.push(field.slice(start));
  return out.map((a) => a.trim()).filter(Boolean);
}

/** One BibTeX author as the library writes names ("Ludwig van Beethoven"); a fully braced name stays whole. */
export function bibtexAuthorToDisplay(raw: string): string {
  const whole = /^\{([^{}]*)\}$/.exec(raw);
  if (whole) return fromLatex(whole[1] as string);
  // Decode inside each comma part so "{\"O}zt{\"u}rk, Ali" keeps its comma structure.
  const text = raw
    .split(',')
    .map((part) => fromLatex(part))
    .join(', ');
  const name = splitName(text);
  // "Al Mansouri, Ahmed" written back as "Ahmed Al Mansouri" splits the same way again; a multi-word family name
  // without such a prefix ("Salem Sugui, Jr., S.") must keep its comma form to survive the next split.
  const display = displayName(name);
  const again = splitName(display);
  return again.family === name.family && again.given === name.given && again.particle === name.particle
    ? display
    : text;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(raw: string | undefined): number | null {
  if (!raw) return null;
  const text = raw.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const index = MONTH_NAMES.indexOf(text.slice(0, 3));
  return index >= 0 ? index + 1 : null;
}

/** BibTeX or BibLaTeX text to stored papers; entries without an id or title are errors naming their key and line. */
export function importBibtex(text: string, now: number): ImportResult {
  const parsed = parseBibtex(text);
  const result: ImportResult = { papers: [], errors: [...parsed.errors] };
  for (const entry of parsed.entries) {
    const f = entry.fields;
    const get = (name: string) => f.get(name);
    const fields = emptyFields();
    const title = get('title');
    fields.title = title === undefined ? null : fromLatex(title);
    const author = get('author');
    fields.authors = author ? splitAuthors(author).map(bibtexAuthorToDisplay) : [];
    const date = get('date');
    const dateMatch = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)/.exec(date.trim()) : null;
    fields.published = dateMatch
      ? isoDate(dateMatch[1], dateMatch[2], dateMatch[3])
      : isoDate(get('year'), monthNumber(get('month')), get('day'));
    // `howpublished` as we write it for a venue outside an @article; not when it only holds a link (`\url{…}`).
    const howpublished = get('howpublished');
    const venue =
      get('journal') ??
      get('journaltitle') ??
      get('booktitle') ??
      (howpublished && !/\\url\b|^\s*https?:/i.test(howpublished) ? howpublished : undefined);
    fields.venue = venue === undefined ? null : fromLatex(venue);
    const prefix = (get('archiveprefix') ?? get('eprinttype') ?? '').toLowerCase();
    const eprint = get('eprint');
    if (eprint && (prefix === '' || prefix === 'arxiv')) fields.arxivCandidates.push(eprint.trim());
    for (const name of ['arxivid', 'arxiv', 'journal', 'journaltitle', 'note', 'howpublished', 'number']) {
      const value = get(name);
      if (value) fields.arxivCandidates.push(value);
    }
    const doi = get('doi');
    fields.doi = doi ? doi.trim() : null;
    const url = get('url');
    if (url) fields.urls.push(url.trim());
    const abstract = get('abstract');
    fields.abstract = abstract ? fromLatex(abstract) : null;
    const primary = get('primaryclass') ?? get('eprintclass');
    if (primary) fields.categories.push(primary.trim());
    const keywords = get('keywords');
    if (keywords) fields.tags = keywords.split(/[,;]/).map((k) => fromLatex(k));
    const annote = get('annote') ?? get('annotation');
    fields.note = annote ? fromLatex(annote) : '';
    const where = `entry ${entry.key || `at line ${entry.line}`}`;
    const built = buildPaper(fields, now, where, entry.line);
    if (built.ok) result.papers.push(built.paper);
    else result.errors.push(...built.errors);
  }
  return result;
}
