/**
 * Our own small BibTeX reader, for the extension bundle. @retorquere/bibtex-parser is the better parser, but it
 * pulls a full LaTeX grammar (unified-latex) into every page of the extension. It stays a dev dependency, as the
 * independent reader our tests and bench/import.bench.ts check this one against.
 *
 * Read as BibTeX reads: text between entries is a comment (and so is a line that starts with `%`, the way Biber,
 * JabRef and Zotero skip commented-out entries), `@comment` and `@preamble` are skipped, `@string` macros and `#`
 * concatenation work, types, macros and field names are case-insensitive, `crossref` fills what a child lacks.
 * Forgiving where real files are broken: an empty key (`@article{,` from Mendeley), no key at all (EndNote starts
 * with the first field), an entry that never closes ends at the next line that starts an entry, and an entry that
 * cannot be read is reported with its number and line while the rest of the file is read.
 *
 * One pass over the text by character code; values are the only strings cut from it, so a 50 MB file costs about
 * its own size again, not a copy per entry.
 */
import { type ImportError, PROGRESS_EVERY, type ReadProgress } from './import-result';

export interface BibEntry {
  type: string;
  key: string;
  /** Field names lower-cased, values as written (TeX not decoded), macros expanded, crossref parents merged in. */
  fields: Map<string, string>;
  line: number;
  /** 1-based position among the file's entries (not counting @string, @preamble and @comment). */
  index: number;
}

export interface BibParse {
  entries: BibEntry[];
  /** Entries that could not be read at all, each with its number and line. */
  errors: ImportError[];
  /** How many entries the file holds, read or not. */
  count: number;
}

const MONTH_MACROS: Record<string, string> = {
  jan: '1',
  feb: '2',
  mar: '3',
  apr: '4',
  may: '5',
  jun: '6',
  jul: '7',
  aug: '8',
  sep: '9',
  oct: '10',
  nov: '11',
  dec: '12',
};

const AT = 64;
const LF = 10;
const CR = 13;
const OPEN = 123; // {
const CLOSE = 125; // }
const LPAREN = 40;
const RPAREN = 41;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const PERCENT = 37;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Characters that end an identifier (type, key, field or macro name), as BibTeX's own `id_class`. */
function endsIdentifier(c: number): boolean {
  return (
    isSpace(c) ||
    c === QUOTE ||
    c === HASH ||
    c === PERCENT ||
    c === 39 ||
    c === LPAREN ||
    c === RPAREN ||
    c === COMMA ||
    c === EQUALS ||
    c === OPEN ||
    c === CLOSE
  );
}

/** Fields a child never takes from its crossref parent: they identify the parent, not the child. */
const NOT_INHERITED = new Set([
  'title',
  'doi',
  'url',
  'eprint',
  'isbn',
  'pmid',
  'pmcid',
  'biburl',
  'bibsource',
  'crossref',
  'ids',
  'key',
  'label',
  'shorthand',
  'abstract',
  'keywords',
  'annote',
  'annotation',
  'note',
  'file',
]);

const ENTRY_INSIDE = /\n[ \t]*@[A-Za-z]+[ \t]*\{[^\s,={}]*,/;

class Broken extends Error {
  constructor(
    readonly at: number,
    message: string,
    /** Reading ran into the end of the text: the file was cut short, or a brace or quote swallowed the rest. */
    readonly cut = false,
  ) {
    super(message);
  }
}

/** Forward line counter: the parser asks for lines in increasing offsets, so each character is counted once. */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
    }
    for (; at < offset && at < text.length; at++) if (text.charCodeAt(at) === LF) line++;
    return line;
  };
}

/** Every entry of a text, crossref parents merged in (see readBibtex). */
export function parseBibtex(text: string): BibParse {
  const entries: BibEntry[] = [];
  const { errors, count } = readBibtex(text, (entry) => entries.push(entry));
  return { entries, errors, count };
}

/**
 * Reads a text entry by entry and hands each to `onEntry` as soon as it is read, so that a large file is never held
 * twice (once as text, once as parsed entries). Entries with a `crossref` wait until the end, when every parent has
 * been seen (BibTeX wants parents after their children; BibLaTeX allows either order), and come in file order among
 * themselves; only the parents they name are kept until then.
 */
export function readBibtex(
  text: string,
  onEntry: (entry: BibEntry) => void,
  onProgress?: ReadProgress,
): Omit<BibParse, 'entries'> {
  const n = text.length;
  const parentKeys = crossrefTargets(text);
  const parents = new Map<string, BibEntry>();
  const children: BibEntry[] = [];
  const emit = (entry: BibEntry) => {
    if (parentKeys.size && entry.key && parentKeys.has(entry.key.toLowerCase())) {
      parents.set(entry.key.toLowerCase(), entry);
    }
    if (entry.fields.has('crossref')) children.push(entry);
    else onEntry(entry);
  };
  const lineOf = lineCounter(text);
  const errors: ImportError[] = [];
  const macros = new Map<string, string>(Object.entries(MONTH_MACROS));
  let count = 0;
  let pos = 0;
  // Where reading must stop: the end of the text, or, while an entry that never closed is read again, the next
  // line that starts an entry.
  let limit = n;

  const skipSpace = () => {
    while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
  };
  /** Spaces and `%` line comments, where a field name, `,` or the entry's end is expected. */
  const skipSpaceAndComments = () => {
    for (;;) {
      skipSpace();
      if (text.charCodeAt(pos) !== PERCENT) return;
      while (pos < n && text.charCodeAt(pos) !== LF) pos++;
    }
  };
  const readIdentifier = (): string => {
    const start = pos;
    while (pos < n && !endsIdentifier(text.charCodeAt(pos))) pos++;
    return text.slice(start, pos);
  };
  /** Index just after the brace that closes the one at `open`. */
  const closeBrace = (open: number): number => {
    let depth = 0;
    for (let i = open; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) {
        // `\{`…`\}` pairs balance in BibTeX's count too, and a lone `\}` (a URL) must not end the value.
        i++;
      } else if (c === OPEN) depth++;
      else if (c === CLOSE && --depth === 0) return i + 1;
    }
    throw new Broken(open, 'a brace is never closed, or the file was cut short', limit === n);
  };
  /** A value: parts joined by `#`, each `{…}`, `"…"`, a number or a macro name. */
  const readValue = (): string => {
    let value = '';
    for (;;) {
      skipSpace();
      const c = text.charCodeAt(pos);
      if (c === OPEN) {
        const end = closeBrace(pos);
        value += text.slice(pos + 1, end - 1);
        pos = end;
      } else if (c === QUOTE) {
        let depth = 0;
        let i = pos + 1;
        for (; i < limit; i++) {
          const d = text.charCodeAt(i);
          if (d === BACKSLASH) i++;
          else if (d === OPEN) depth++;
          else if (d === CLOSE) depth--;
          else if (d === QUOTE && depth <= 0) break;
        }
        if (i >= limit) throw new Broken(pos, 'a quote is never closed, or the file was cut short', limit === n);
        value += text.slice(pos + 1, i);
        pos = i + 1;
      } else {
        const word = readIdentifier();
        if (!word) break;
        value += /^\d+$/.test(word) ? word : (macros.get(word.toLowerCase()) ?? word);
      }
      skipSpace();
      if (text.charCodeAt(pos) !== HASH) break;
      pos++;
    }
    return value;
  };
  /** The next line after `from` that starts an entry (`@type{` or `@type(`), or the end of the text. */
  const nextEntryStart = (from: number): number => {
    const re = /^[ \t]*@[^\s"#%'(),={}]+[ \t]*[{(]/gm;
    re.lastIndex = from;
    for (;;) {
      const m = re.exec(text);
      if (!m) return n;
      if (m.index > from) return m.index;
      re.lastIndex = m.index + 1;
    }
  };
  /** At the start of a line: `@type{` follows (after spaces). */
  const entryStartsAt = (at: number): boolean => {
    let i = at;
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.charCodeAt(i) !== AT) return false;
    i++;
    const start = i;
    while (i < n && !endsIdentifier(text.charCodeAt(i))) i++;
    if (i === start) return false;
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    return c === OPEN || c === LPAREN;
  };

  /** The fields of an entry whose opener is just behind `pos`; stops at its closer, or where the next entry starts. */
  const readFields = (closer: number, fields: Map<string, string>) => {
    for (;;) {
      skipSpaceAndComments();
      const c = text.charCodeAt(pos);
      if (pos >= limit) {
        if (limit === n) {
          throw new Broken(pos, 'the entry never closes: a brace is missing, or the file was cut short', true);
        }
        return;
      }
      if (c === COMMA) {
        pos++;
        continue;
      }
      if (c === closer) {
        pos++;
        return;
      }
      // A field name where the entry should have closed and a new entry begins: the `}` was left out.
      if (c === AT && entryStartsAt(text.lastIndexOf('\n', pos) + 1)) return;
      const at = pos;
      const name = readIdentifier().toLowerCase();
      skipSpace();
      if (!name || text.charCodeAt(pos) !== EQUALS) {
        throw new Broken(at, `expected "field = value", found ${JSON.stringify(text.slice(at, at + 20))}`);
      }
      pos++;
      const value = readValue();
      // A value that runs over a line starting a new entry lost its closing brace and swallowed what follows.
      if (value.includes('@') && ENTRY_INSIDE.test(value)) throw new Broken(at, 'a brace is never closed');
      // BibTeX keeps the first of two fields with one name; so do we.
      if (!fields.has(name)) fields.set(name, value);
    }
  };

  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === PERCENT) {
      // A `%` comment outside an entry runs to the end of its line; an `@` inside it starts nothing.
      while (pos < n && text.charCodeAt(pos) !== LF && text.charCodeAt(pos) !== CR) pos++;
      continue;
    }
    if (c !== AT) {
      pos++;
      continue;
    }
    const start = pos;
    pos++;
    skipSpace();
    const type = readIdentifier().toLowerCase();
    skipSpace();
    const opener = text.charCodeAt(pos);
    if (!type || (opener !== OPEN && opener !== LPAREN)) {
      // `@Article,` at the start of a line is a broken entry, not free text (an @ in an e-mail address).
      // (`@comment` with no brace is BibTeX's own line comment.)
      const atLineStart = start === 0 || text.charCodeAt(start - 1) === LF;
      if (type && type !== 'comment' && atLineStart && /^[A-Za-z]+$/.test(type)) {
        count++;
        errors.push({
          where: `entry ${count}`,
          line: lineOf(start),
          message: `cannot be read: "@${type}" is not followed by "{" or "("`,
        });
      }
      continue;
    }
    const closer = opener === OPEN ? CLOSE : RPAREN;
    if (type === 'comment') {
      try {
        pos = opener === OPEN ? closeBrace(pos) : pos + 1;
      } catch {
        pos = nextEntryStart(start);
      }
      continue;
    }
    if (type === 'preamble' || type === 'string') {
      pos++;
      try {
        if (type === 'string') {
          skipSpace();
          const name = readIdentifier().toLowerCase();
          skipSpace();
          if (text.charCodeAt(pos) === EQUALS) {
            pos++;
            macros.set(name, readValue());
          }
        } else readValue();
        skipSpace();
        if (text.charCodeAt(pos) === closer) pos++;
      } catch {
        pos = nextEntryStart(start);
      }
      continue;
    }
    count++;
    const index = count;
    if (onProgress && count % PROGRESS_EVERY === 0) onProgress(pos / n, count);
    const line = lineOf(start);
    pos++;
    skipSpace();
    // The key runs to the first comma. No comma before a `=`: EndNote's layout, no key, the first field follows.
    const keyStart = pos;
    // A key is anything up to the comma (`Dobrovol'skii_1963`, `9.8:1`), but never a brace, space or `=`.
    while (pos < n) {
      const k = text.charCodeAt(pos);
      if (k === COMMA || k === EQUALS || k === OPEN || k === CLOSE || isSpace(k) || k === closer) break;
      pos++;
    }
    const key = text.slice(keyStart, pos);
    skipSpace();
    let fieldsFrom = pos;
    if (text.charCodeAt(pos) === EQUALS) fieldsFrom = keyStart;
    const fields = new Map<string, string>();
    try {
      pos = fieldsFrom;
      readFields(closer, fields);
      emit({ type, key: fieldsFrom === keyStart ? '' : key, fields, line, index });
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      // Start again from the next line that starts an entry: read what this entry holds up to there, and go on.
      const stop = nextEntryStart(start);
      fields.clear();
      pos = fieldsFrom;
      limit = stop;
      try {
        readFields(closer, fields);
      } catch {
        // What was read before the break is kept; the title check decides whether that is enough.
      }
      limit = n;
      // An entry cut off by the end of the file is left out: what is missing cannot be known (a cut DOI would give
      // the paper another identity). One cut off by the next entry lost only its closing brace or a field.
      // (A break with no closer anywhere after it is a cut too: `  epr` at the end reads as a bad field name.)
      // An entry opened with `{` and closed with `)` (or the other way round) is whole: it only closes wrongly.
      const wrongCloser =
        text.charCodeAt(error.at) === (closer === CLOSE ? RPAREN : CLOSE) && !/\S/.test(text.slice(error.at + 1, stop));
      const cutShort =
        stop === n && !wrongCloser && (error.cut || text.indexOf(closer === CLOSE ? '}' : ')', error.at) < 0);
      if (fields.size > 0 && !cutShort) {
        emit({ type, key: fieldsFrom === keyStart ? '' : key, fields, line, index });
      } else {
        const where = lineOf(error.at) === line ? '' : ` (line ${lineOf(error.at)})`;
        errors.push({
          where: `entry ${index}`,
          line,
          message: `cannot be read: ${error.message}${where}`,
        });
      }
      pos = stop;
    }
  }
  for (const child of children) {
    inheritCrossref(child, parents);
    onEntry(child);
  }
  return { errors, count };
}

/** The keys that some entry names in its crossref field, found by one scan of the text. */
function crossrefTargets(text: string): Set<string> {
  const keys = new Set<string>();
  if (!/crossref/i.test(text)) return keys;
  const re = /\bcrossref\s*=\s*[{"]?\s*([^\s"{},]+)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) keys.add((m[1] as string).toLowerCase());
  return keys;
}

/**
 * `crossref = {parent}`: the child takes every field it lacks from the parent (BibTeX's rule), except the fields
 * that identify the parent itself; the parent's title becomes the child's booktitle (BibLaTeX's rule), so sixteen
 * chapters of one book stay sixteen works with the book as their venue.
 */
function inheritCrossref(entry: BibEntry, byKey: Map<string, BibEntry>): void {
  let parentKey = entry.fields.get('crossref');
  const seen = new Set<string>();
  while (parentKey) {
    const id = parentKey.trim().toLowerCase();
    const parent = byKey.get(id);
    if (!parent || seen.has(id) || parent === entry) break;
    seen.add(id);
    for (const [name, value] of parent.fields) {
      if (NOT_INHERITED.has(name) || entry.fields.has(name)) continue;
      entry.fields.set(name, value);
    }
    const parentTitle = parent.fields.get('title');
    if (parentTitle && !entry.fields.has('booktitle')) entry.fields.set('booktitle', parentTitle);
    parentKey = parent.fields.get('crossref');
  }
}
