/**
 * Our own small BibTeX reader, for the extension bundle. @retorquere/bibtex-parser is the better parser, but it
 * pulls a full LaTeX grammar (unified-latex) into every page of the extension, and the files we need to read are
 * simple: Zotero, Better BibTeX, Google Scholar, arXiv and our own exports. It stays a dev dependency, as the
 * independent consumer our tests check our BibTeX against.
 *
 * Tolerant where BibTeX is: text between entries is a comment, `@comment` and `@preamble` are skipped, `@string`
 * macros and `#` concatenation work, keys and field names are case-insensitive. Strict where data would be lost:
 * an entry that never closes is an error with the line it starts on.
 */
import type { ImportError } from './import-result';
import { lineIndex } from './import-result';

export interface BibEntry {
  type: string;
  key: string;
  /** Field names lower-cased, values as written (TeX not decoded), macros expanded. */
  fields: Map<string, string>;
  line: number;
}

export interface BibParse {
  entries: BibEntry[];
  errors: ImportError[];
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

class Unclosed extends Error {}

export function parseBibtex(text: string): BibParse {
  const lineOf = lineIndex(text);
  const entries: BibEntry[] = [];
  const errors: ImportError[] = [];
  const macros = new Map<string, string>(Object.entries(MONTH_MACROS));
  let pos = 0;

  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  /** Index just after the brace that closes the one at `open`; throws Unclosed at the end of the text. */
  const closeBrace = (open: number): number => {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\') {
        // BibTeX counts escaped braces too, but `\{`…`\}` pairs balance, and a lone `\}` in a URL must not end it.
        i++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Unclosed();
  };
  const readIdentifier = (): string => {
    const m = /^[^\s"#%'(),={}]+/.exec(text.slice(pos, pos + 200));
    const id = m ? m[0] : '';
    pos += id.length;
    return id;
  };
  /** A value: parts joined by `#`, each `{…}`, `"…"`, a number or a macro name. */
  const readValue = (): string => {
    let value = '';
    for (;;) {
      skipSpace();
      const ch = text[pos];
      if (ch === '{') {
        const end = closeBrace(pos);
        value += text.slice(pos + 1, end - 1);
        pos = end;
      } else if (ch === '"') {
        let depth = 0;
        let i = pos + 1;
        for (; i < text.length; i++) {
          const c = text[i];
          if (c === '\\') i++;
          else if (c === '{') depth++;
          else if (c === '}') depth--;
          else if (c === '"' && depth <= 0) break;
        }
        if (i >= text.length) throw new Unclosed();
        value += text.slice(pos + 1, i);
        pos = i + 1;
      } else {
        const word = readIdentifier();
        if (!word) break;
        value += /^\d+$/.test(word) ? word : (macros.get(word.toLowerCase()) ?? word);
      }
      skipSpace();
      if (text[pos] !== '#') break;
      pos++;
    }
    return value;
  };

  while (pos < text.length) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    pos = at + 1;
    const startLine = lineOf(at);
    const type = readIdentifier().toLowerCase();
    skipSpace();
    const opener = text[pos];
    if (!type || (opener !== '{' && opener !== '(')) continue; // an @ in free text, e.g. an e-mail address
    const closer = opener === '{' ? '}' : ')';
    try {
      if (type === 'comment') {
        pos = opener === '{' ? closeBrace(pos) : text.indexOf('\n', pos) + 1 || text.length;
        continue;
      }
      pos++;
      skipSpace();
      if (type === 'preamble') {
        readValue();
      } else if (type === 'string') {
        const name = readIdentifier().toLowerCase();
        skipSpace();
        if (text[pos] === '=') {
          pos++;
          macros.set(name, readValue());
        }
      } else {
        const keyMatch = /^[^\s,]*/.exec(text.slice(pos, pos + 1000));
        const key = keyMatch ? keyMatch[0].replace(/[})]$/, '') : '';
        pos += key.length;
        const fields = new Map<string, string>();
        for (;;) {
          skipSpace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === closer || pos >= text.length) break;
          const fieldLine = lineOf(pos);
          const name = readIdentifier().toLowerCase();
          skipSpace();
          if (!name || text[pos] !== '=') {
            errors.push({
              where: `entry ${key || `at line ${startLine}`}`,
              line: fieldLine,
              message: `expected "field = value", found ${JSON.stringify(text.slice(pos, pos + 20))}`,
            });
            // Resynchronise at the next entry.
            const next = text.indexOf('\n@', pos);
            pos = next < 0 ? text.length : next + 1;
            break;
          }
          pos++;
          const value = readValue();
          // BibTeX keeps the first of two fields with one name; so do we.
          if (!fields.has(name)) fields.set(name, value);
        }
        if (pos >= text.length) throw new Unclosed();
        if (text[pos] === closer) pos++;
        if (!key) {
          errors.push({ where: `entry at line ${startLine}`, line: startLine, message: 'entry has no citation key' });
        }
        entries.push({ type, key, fields, line: startLine });
      }
    } catch (error) {
      if (!(error instanceof Unclosed)) throw error;
      errors.push({
        where: `@${type} at line ${startLine}`,
        line: startLine,
        message: 'the entry never closes: a brace or quote is missing, or the file was cut short',
      });
      break;
    }
  }
  return { entries, errors };
}
