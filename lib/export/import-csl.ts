import { parseIsbn } from '../paper/identity';
import { z } from '../paper/zod';
import {
  buildPaper,
  emptyFields,
  entryName,
  type ImportResult,
  identifiersInText,
  isoDate,
  issuesToErrors,
  lineIndex,
  PROGRESS_EVERY,
  parseJson,
  type ReadProgress,
} from './import-result';
import { storedFromText } from './latex';
import { displayName, splitName, wholeName } from './names';

const Name = z
  .object({
    family: z.string().optional(),
    given: z.string().optional(),
    'non-dropping-particle': z.string().optional(),
    'dropping-particle': z.string().optional(),
    suffix: z.string().optional(),
    literal: z.string().optional(),
  })
  .loose();

const DatePart = z.union([z.number(), z.string()]);
const CslDateIn = z.union([
  z.string(),
  z
    .object({
      'date-parts': z.array(z.array(DatePart)).optional(),
      raw: z.string().optional(),
      literal: z.string().optional(),
    })
    .loose(),
]);
const Stringish = z.union([z.string(), z.number()]).transform(String);

/** What we read from a CSL-JSON item; anything else in it is ignored, as other tools add their own fields. */
const CslItemIn = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    type: z.string().optional(),
    // Checked by buildPaper, so that a missing title reads the same in every format.
    title: z.string().optional(),
    author: z.array(Name).optional(),
    issued: CslDateIn.optional(),
    DOI: z.string().optional(),
    URL: z.string().optional(),
    number: Stringish.optional(),
    archive_location: z.string().optional(),
    'container-title': z.string().optional(),
    abstract: z.string().optional(),
    keyword: z.string().optional(),
    annote: z.string().optional(),
    note: z.string().optional(),
    PMID: Stringish.optional(),
    PMCID: Stringish.optional(),
    ISBN: Stringish.optional(),
    volume: Stringish.optional(),
    issue: Stringish.optional(),
    page: Stringish.optional(),
  })
  .loose();

function nameText(name: z.infer<typeof Name>): string {
  if (name.literal) return wholeName(richText(name.literal));
  // Zotero writes a one-field (institutional) name as a family name alone.
  if (name.family && !name.given && /\s/.test(name.family.trim())) return wholeName(richText(name.family));
  const particle = [name['dropping-particle'], name['non-dropping-particle']].filter(Boolean).join(' ');
  const family = [particle, name.family].filter(Boolean).join(' ');
  const comma = [family, name.suffix, name.given].filter(Boolean);
  return displayName(splitName(comma.length > 1 ? comma.join(', ') : (comma[0] ?? '')));
}

// `2021`, `2021-06`, `2021-06-17` (and a time after it): as much of the date as it gives.
const ISO_PREFIX = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)/;

function issuedDate(issued: z.infer<typeof CslDateIn> | undefined): string | null {
  if (issued === undefined) return null;
  if (typeof issued === 'string') {
    const m = ISO_PREFIX.exec(issued);
    return m ? isoDate(m[1], m[2], m[3]) : null;
  }
  const parts = issued['date-parts'];
  const first = parts ? parts[0] : undefined;
  if (first) return isoDate(first[0], first[1], first[2]);
  const raw = issued.raw ?? issued.literal;
  const m = raw ? ISO_PREFIX.exec(raw.trim()) : null;
  return m ? isoDate(m[1], m[2], m[3]) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * CSL's rich text (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`, as Zotero and citeproc write titles) to
 * plain text: tags dropped where they stand, so no space appears that the title did not have; entities decoded.
 */
export function richText(text: string): string {
  if (!/[<&]/.test(text)) return text;
  return text
    .replace(/<\/?(?:i|b|em|strong|sup|sub|sc|span|u)(?:\s[^<>]*)?>/gi, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return ENTITIES[(name as string).toLowerCase()] ?? whole;
    });
}

/** Start offsets of the elements of a top-level JSON array, to name the line of a bad item. */
function arrayItemOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === '{' || ch === '[') {
      if (depth === 1) offsets.push(i);
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return offsets;
}

/** CSL-JSON (an array of items, or one item) to stored papers. */
export function importCslJson(text: string, now: number, onProgress?: ReadProgress): ImportResult {
  const json = parseJson(text);
  if (!json.ok) return { papers: [], errors: [json.error], entries: 0 };
  const items = Array.isArray(json.value) ? json.value : [json.value];
  const offsets = Array.isArray(json.value) ? arrayItemOffsets(text) : [text.search(/\S/)];
  const lineOf = lineIndex(text);
  const result: ImportResult = { papers: [], errors: [], entries: items.length };
  for (const [index, raw] of items.entries()) {
    if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index / items.length, index);
    const offset = offsets[index];
    const line = offset === undefined ? null : lineOf(offset);
    const label =
      raw && typeof raw === 'object' && 'id' in raw ? `id ${JSON.stringify((raw as { id: unknown }).id)}` : null;
    const where = entryName(index + 1, label);
    const parsed = CslItemIn.safeParse(raw);
    if (!parsed.success) {
      result.errors.push(...issuesToErrors(parsed.error.issues, where, line));
      continue;
    }
    const item = parsed.data;
    const fields = emptyFields();
    // Plain text once the markup is gone: its braces are characters, stored escaped (storedFromText).
    fields.title = item.title === undefined ? null : storedFromText(richText(item.title).replace(/\s+/g, ' ').trim());
    fields.authors = (item.author ?? []).map(nameText).filter(Boolean);
    fields.published = issuedDate(item.issued);
    fields.venue = item['container-title'] ? storedFromText(richText(item['container-title'])) : null;
    fields.arxivCandidates = [item.number, item.archive_location, item['container-title'], item.note].filter(
      (v): v is string => typeof v === 'string',
    );
    fields.doi = item.DOI ?? null;
    fields.urls = item.URL ? [item.URL] : [];
    fields.abstract = item.abstract ?? null;
    fields.tags = item.keyword ? item.keyword.split(/[,;]/) : [];
    fields.note = item.annote ?? '';
    if (item.PMID) fields.aliases.push(`pmid:${item.PMID.trim()}`);
    if (item.PMCID) fields.aliases.push(`pmcid:${item.PMCID.trim()}`);
    // An ISBN names a book only; on a chapter it is the book's.
    const isbn = item.ISBN?.split(/[\s,;]+/).find((v) => parseIsbn(v) !== null);
    if (isbn && (item.type === 'book' || item.type === 'classic')) fields.aliases.push(`isbn:${isbn}`);
    fields.aliases.push(...identifiersInText(item.note));
    fields.partOfContainer =
      item.type === 'chapter' ||
      item.type === 'paper-conference' ||
      item.type === 'entry-encyclopedia' ||
      item.type === 'entry-dictionary' ||
      item.type === 'entry';
    fields.key = item.id === undefined ? null : String(item.id);
    fields.details = [item.volume ?? '', item.issue ?? '', item.page ?? ''];
    fields.others = Object.entries(item)
      .filter(
        ([name, value]) => name !== 'id' && name !== 'type' && (typeof value === 'string' || typeof value === 'number'),
      )
      .map(([, value]) => String(value));
    const built = buildPaper(fields, now, where, line);
    if (built.ok) result.papers.push(built.paper);
    else result.errors.push(...built.errors);
  }
  return result;
}
