import { parseIsbn } from '../paper/identity';
import {
  buildPaper,
  emptyFields,
  entryName,
  type ImportError,
  type ImportResult,
  identifiersInText,
  isoDate,
  PROGRESS_EVERY,
  type ReadProgress,
} from './import-result';
import { storedFromText } from './latex';
import { displayName, splitName } from './names';

// `.` stops at U+2028 and U+2029, which RIS values from some publishers hold: `[\s\S]` takes the whole line.
const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?:[ \t]([\s\S]*))?$/;

interface RisRecord {
  line: number;
  tags: Map<string, string[]>;
}

/** RIS text to records; lines that belong to no record, and a last record without `ER`, are errors with their line. */
export function parseRis(text: string): { records: RisRecord[]; errors: ImportError[]; count: number } {
  const records: RisRecord[] = [];
  const errors: ImportError[] = [];
  let current: RisRecord | null = null;
  let lastTag: string | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    const m = TAG_LINE.exec(line);
    if (!m) {
      // A line without a tag continues the value above it (long abstracts and notes are wrapped this way).
      if (current && lastTag) {
        const values = current.tags.get(lastTag) as string[];
        values[values.length - 1] = `${values[values.length - 1]} ${line.replace(/[\u2028\u2029]+/g, ' ').trim()}`;
      } else {
        errors.push({
          where: `line ${lineNo}`,
          line: lineNo,
          message: `not a RIS line ("XX  - value"): ${JSON.stringify(line.slice(0, 40))}`,
        });
      }
      continue;
    }
    const tag = m[1] as string;
    const value = (m[2] ?? '').replace(/[\u2028\u2029]+/g, ' ').trim();
    if (tag === 'TY') {
      // A TY line starts the next record even when the one before has no ER (JabRef's test files have many).
      if (current) records.push(current);
      current = { line: lineNo, tags: new Map([['TY', [value]]]) };
      lastTag = 'TY';
      continue;
    }
    if (!current) {
      errors.push({
        where: `line ${lineNo}`,
        line: lineNo,
        message: `${tag} line outside a record (a record starts with TY)`,
      });
      continue;
    }
    if (tag === 'ER') {
      records.push(current);
      current = null;
      lastTag = null;
      continue;
    }
    const values = current.tags.get(tag) ?? [];
    values.push(value);
    current.tags.set(tag, values);
    lastTag = tag;
  }
  // The last record without ER: the file was cut short there, and what is missing cannot be known (a cut DOI would
  // give the paper another identity), so it is left out and said so.
  if (current) {
    errors.push({
      where: entryName(records.length + 1),
      line: current.line,
      message: 'the record has no ER line: the file may be cut short',
    });
  }
  return { records, errors, count: records.length + (current ? 1 : 0) };
}

const RIS_PARTS = new Set(['CHAP', 'ECHAP', 'CPAPER', 'CONF']);
const RIS_BOOKS = new Set(['BOOK', 'EBOOK', 'EDBOOK', 'ANCIENT', 'CLASSIC']);

function risDate(value: string | undefined): string | null {
  if (!value) return null;
  const [y, m, d] = value.split(/[/-]/);
  return isoDate(y, m, d);
}

/** RIS (Zotero, Mendeley, publishers) to stored papers. */
export function importRis(text: string, now: number, onProgress?: ReadProgress): ImportResult {
  const parsed = parseRis(text);
  const result: ImportResult = { papers: [], errors: [...parsed.errors], entries: parsed.count };
  for (const [index, record] of parsed.records.entries()) {
    if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index / parsed.records.length, index);
    const all = (...tags: string[]) => tags.flatMap((t) => record.tags.get(t) ?? []);
    const first = (...tags: string[]) => all(...tags).find((v) => v.trim()) ?? null;
    const fields = emptyFields();
    // Plain text: its braces are characters, stored escaped (storedFromText).
    const title = first('TI', 'T1', 'CT', 'BT');
    fields.title = title === null ? null : storedFromText(title);
    fields.authors = all('AU', 'A1').map((a) => displayName(splitName(a)));
    fields.published = risDate(first('DA') ?? undefined) ?? risDate(first('PY', 'Y1') ?? undefined);
    fields.arxivCandidates = all('AN', 'M1', 'M3', 'ID', 'JO', 'T2', 'N1');
    const venue = first('T2', 'JO', 'JF', 'JA', 'BT');
    fields.venue = venue === null ? null : storedFromText(venue);
    fields.doi = first('DO');
    fields.urls = all('UR');
    fields.pdfUrl = first('L1');
    fields.abstract = first('AB', 'N2');
    fields.tags = all('KW');
    fields.note = all('N1').join('\n\n');
    const type = (first('TY') ?? '').toUpperCase();
    fields.partOfContainer = RIS_PARTS.has(type);
    fields.key = first('ID');
    const pages = [first('SP'), first('EP')].filter(Boolean).join('–');
    fields.details = [first('VL') ?? '', first('IS') ?? '', pages];
    fields.others = [...record.tags].filter(([tag]) => tag !== 'TY').flatMap(([, values]) => values);
    // PubMed writes the PMID as the accession number (AN) and the PMCID in C2; SN is the ISBN of a book.
    for (const an of all('AN'))
      if (/^\s*(?:PMID\s*:?\s*)?\d{1,9}\s*$/i.test(an)) fields.aliases.push(`pmid:${an.replace(/\D/g, '')}`);
    for (const c2 of all('C2')) if (/PMC\d+/i.test(c2)) fields.aliases.push(`pmcid:${/PMC\d+/i.exec(c2)?.[0]}`);
    fields.aliases.push(...all('N1', 'M2', 'AN').flatMap(identifiersInText));
    if (RIS_BOOKS.has(type)) {
      const isbn = all('SN')
        .flatMap((v) => v.split(/[\s,;]+/))
        .find((v) => parseIsbn(v) !== null);
      if (isbn) fields.aliases.push(`isbn:${isbn}`);
    }
    const where = entryName(index + 1);
    const built = buildPaper(fields, now, where, record.line);
    if (built.ok) result.papers.push(built.paper);
    else result.errors.push(...built.errors);
  }
  return result;
}
