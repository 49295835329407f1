/**
 * Text ↔ LaTeX for BibTeX fields. Stored titles come from arXiv and web pages: mostly plain text, sometimes with
 * TeX the authors typed (`$\ell_1$`, `Shr\"odinger`, `\L{}ojasiewicz`). Export keeps that TeX and escapes everything
 * else; import turns accents and escapes back into Unicode and keeps math as written.
 *
 * In stored text a brace means one thing, whatever the source: TeX grouping (arXiv's `{BERT}`, case protection),
 * written back as grouping, unless it pairs with no other (`a } b` from a page), when it can only be a character. A
 * literal brace character that pairs up is stored escaped, `\{` and `\}`, as a TeX author writes one:
 * BibTeX import keeps `\{` as it is (`fromLatex(…, { stored: true })`), RIS and CSL-JSON import escape the braces of
 * their plain text (`storedFromText`), BibTeX export writes `\{` again and the plain-text exports (`fromLatex`) a
 * bare `{`. So `\{112\}` and `{{GaN}}` from a Better BibTeX file, `{BERT}` from arXiv and `{112}` from a RIS file
 * each read back the same from every format.
 */

import { collapse } from '../paper/text';

// Commands that read files, write files or redefine things. A hostile page title must not reach a researcher's
// LaTeX run with one of these intact, so their backslash is escaped and they print as text.
const DANGEROUS_COMMANDS = new Set([
  'input',
  'include',
  'includeonly',
  'write',
  'immediate',
  'openout',
  'openin',
  'read',
  'def',
  'edef',
  'gdef',
  'xdef',
  'let',
  'futurelet',
  'catcode',
  'csname',
  'endcsname',
  'usepackage',
  'RequirePackage',
  'newcommand',
  'renewcommand',
  'providecommand',
  'DeclareRobustCommand',
  'makeatletter',
  'special',
  'directlua',
  'luaexec',
  'expandafter',
  'loop',
  'typeout',
  'message',
  'errmessage',
  'endinput',
  'begin',
  'end',
  'jobname',
  'outer',
  'afterassignment',
  'uppercase',
  'lowercase',
  'scantokens',
  'everypar',
  'output',
  'shipout',
]);

const ACCENT_SYMBOLS = new Set(['"', "'", '`', '^', '~', '=', '.']);
const ESCAPED_SPECIALS = new Set(['$', '%', '&', '#', '_', '{', '}']);

type Piece = { tex: string; kind: 'text' | 'tex' | 'open' | 'close'; depth: number };

/** Indices of braces that have a partner, matching unescaped and escaped (`\{`) braces separately. */
function matchedBraces(text: string, from: number, to: number, skip: (i: number) => number): Set<number> {
  const matched = new Set<number>();
  const plain: number[] = [];
  const escaped: number[] = [];
  for (let i = from; i < to; i++) {
    const jump = skip(i);
    if (jump > i) {
      i = jump - 1;
      continue;
    }
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '{') escaped.push(i);
      else if (next === '}') {
        const open = escaped.pop();
        if (open !== undefined) matched.add(open).add(i);
      }
      i++;
      continue;
    }
    if (ch === '{') plain.push(i);
    else if (ch === '}') {
      const open = plain.pop();
      if (open !== undefined) matched.add(open).add(i);
    }
  }
  return matched;
}

/** `$…$` spans whose braces balance and that name no dangerous command: these are kept verbatim. */
function mathSpans(text: string): Map<number, number> {
  const spans = new Map<number, number>();
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch !== '$') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== '$') j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) break;
    const body = text.slice(i + 1, j);
    // `$$` is paired as fromLatex pairs it, an empty span (written `\$\$`), so the `$` after it opens the next one.
    if (j === i + 1) {
      spans.set(i, j + 1);
      i = j + 1;
      continue;
    }
    const inner = matchedBraces(body, 0, body.length, (k) => k);
    const braceCount = [...body.matchAll(/[{}]/g)].length;
    const commands = [...body.matchAll(/\\([A-Za-z]+)/g)].map((m) => m[1] as string);
    if (body.trim() && inner.size === braceCount && !commands.some((c) => DANGEROUS_COMMANDS.has(c))) {
      spans.set(i, j + 1);
      i = j + 1;
    } else {
      i++;
    }
  }
  return spans;
}

function tokenize(text: string): Piece[] {
  const math = mathSpans(text);
  const skipMath = (i: number) => math.get(i) ?? i;
  const matched = matchedBraces(text, 0, text.length, skipMath);
  const pieces: Piece[] = [];
  let depth = 0;
  const push = (tex: string, kind: Piece['kind']) => pieces.push({ tex, kind, depth });
  let i = 0;
  while (i < text.length) {
    const mathEnd = math.get(i);
    if (mathEnd !== undefined) {
      push(mathEnd === i + 2 ? '\\$\\$' : text.slice(i, mathEnd), 'tex');
      i = mathEnd;
      continue;
    }
    const ch = text[i] as string;
    if (ch === '\\') {
      const rest = text.slice(i + 1);
      const command = /^[A-Za-z]+/.exec(rest);
      const next = rest[0];
      if (command) {
        const name = command[0];
        push(DANGEROUS_COMMANDS.has(name) ? `\\textbackslash{}${name}` : `\\${name}`, 'tex');
        i += 1 + name.length;
      } else if (next === '{' || next === '}') {
        push(matched.has(i) ? `\\${next}` : next === '{' ? '\\textbraceleft{}' : '\\textbraceright{}', 'tex');
        i += 2;
      } else if (next !== undefined && (ESCAPED_SPECIALS.has(next) || ACCENT_SYMBOLS.has(next))) {
        push(`\\${next}`, 'tex');
        i += 2;
      } else {
        push('\\textbackslash{}', 'tex');
        i += 1;
      }
      continue;
    }
    if (ch === '{' || ch === '}') {
      if (matched.has(i)) {
        if (ch === '{') {
          push('{', 'open');
          depth++;
        } else {
          depth--;
          push('}', 'close');
        }
      } else {
        push(ch === '{' ? '\\textbraceleft{}' : '\\textbraceright{}', 'tex');
      }
      i++;
      continue;
    }
    const special =
      ch === '$' || ch === '%' || ch === '&' || ch === '#' || ch === '_'
        ? `\\${ch}`
        : ch === '^'
          ? '\\textasciicircum{}'
          : ch === '~'
            ? '\\textasciitilde{}'
            : null;
    if (special) push(special, 'tex');
    else push(ch, 'text');
    i++;
  }
  return pieces;
}

// Words whose capitals must survive a style that lower-cases titles: any capital after the first letter
// (BERT, GraSP, ImageNet, 3D). In a sentence-case title a capitalised word is a proper noun (Gaussian), so it is
// protected too; in a title-case title every word is capitalised and nothing can be told from it.
const INNER_CAPITAL = /^.+\p{Lu}/u;

function isSentenceCase(text: string): boolean {
  const words = text
    .replace(/\$[^$]*\$/g, ' ')
    .split(/\s+/)
    .slice(1)
    .filter((w) => /^\p{L}{4,}$/u.test(w));
  if (words.length < 2) return false;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return lower > words.length / 2;
}

export interface LatexOptions {
  /** Wrap acronyms (and proper nouns in sentence-case text) in braces: for titles. */
  protectCase?: boolean;
}

/** A field value for BibTeX: TeX kept, specials escaped, braces balanced, non-ASCII left as UTF-8. */
export function toLatex(text: string, options: LatexOptions = {}): string {
  const pieces = tokenize(text);
  if (!options.protectCase) return pieces.map((p) => p.tex).join('');
  const sentenceCase = isSentenceCase(text);
  // Runs of plain text outside braces, split into words so each word can be protected on its own.
  let out = '';
  let run = '';
  let atStart = true;
  const flush = () => {
    out += run.replace(/[\p{L}\p{N}]+/gu, (word, offset: number) => {
      const before = (out + run.slice(0, offset)).trimEnd();
      const first = atStart && before === '';
      const afterColon = before.endsWith(':');
      const protect =
        INNER_CAPITAL.test(word) || (sentenceCase && !first && !afterColon && /^\p{Lu}/u.test(word) && word.length > 1);
      return protect ? `{${word}}` : word;
    });
    run = '';
  };
  for (const piece of pieces) {
    if (piece.kind === 'text' && piece.depth === 0) {
      run += piece.tex;
      continue;
    }
    flush();
    atStart = false;
    out += piece.tex;
  }
  flush();
  return out;
}

const COMBINING: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  d: '\u0323',
  r: '\u030A',
  b: '\u0331',
  t: '\u0361',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textbraceleft: '{',
  textbraceright: '}',
  textunderscore: '_',
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
  textregistered: '®',
  texttrademark: '™',
  textcopyright: '©',
  S: '§',
  P: '¶',
  dag: '†',
  ddag: '‡',
  pounds: '£',
  euro: '€',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  textquotesingle: "'",
  textquotedbl: '"',
  textquotedblleft: '“',
  textquotedblright: '”',
  textasciigrave: '`',
  textasciimacron: '¯',
  textdegree: '°',
  textmu: 'µ',
  texttimes: '×',
  textdiv: '÷',
  textpm: '±',
  textperiodcentered: '·',
  textbullet: '•',
  textellipsis: '…',
  dots: '…',
  ldots: '…',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  textdollar: '$',
  textsection: '§',
  textparagraph: '¶',
  textexclamdown: '¡',
  textquestiondown: '¿',
  guillemotleft: '«',
  guillemotright: '»',
  slash: '/',
  textslash: '/',
  textsterling: '£',
  textyen: '¥',
  textcent: '¢',
  ng: 'ŋ',
  NG: 'Ŋ',
  relax: '',
  em: '',
  it: '',
  bf: '',
  sc: '',
  rm: '',
  sf: '',
  tt: '',
  sl: '',
  normalfont: '',
  itshape: '',
  bfseries: '',
  scshape: '',
  upshape: '',
};

const NEEDS_DECODING = /[\\{}$~-]/;
const COMMAND_NAME = /[A-Za-z]+/y;

/** Index of the next character fromLatex must look at (`\\ { } $ ~ -`), or the end. */
function nextSpecial(tex: string, from: number): number {
  for (let k = from; k < tex.length; k++) {
    const c = tex.charCodeAt(k);
    if (c === 92 || c === 123 || c === 125 || c === 36 || c === 126 || c === 45) return k;
  }
  return tex.length;
}

const DROPPED = new Set(['vphantom', 'hphantom', 'phantom', 'noopsort', 'label', 'index', 'nocite']);

// Font and emphasis commands whose argument is plain text once the markup is dropped.
const TEXT_WRAPPERS = new Set([
  'emph',
  'textit',
  'textbf',
  'textsc',
  'texttt',
  'textrm',
  'textsf',
  'textup',
  'mbox',
  'text',
  'textsubscript',
  'textsuperscript',
  'textnormal',
  'textsl',
  'textmd',
  'url',
  'path',
  'mkbibemph',
  'mkbibitalic',
  'mkbibbold',
  'mkbibquote',
  'enquote',
  'NoCaseChange',
  'nocase',
  'ensuremath',
]);

export interface FromLatexOptions {
  /**
   * Decode to stored text rather than plain text: a literal brace (`\{`, `\textbraceleft`) stays `\{`, since in
   * stored text a bare brace is TeX grouping (see `storedFromText`). For fields that are exported as TeX again.
   */
  stored?: boolean;
}

const LITERAL: number[] = [];
const OPENS: number[] = [];

/**
 * A BibTeX field value as plain text: accents to Unicode (`Shr\"odinger` → Schrödinger, `{\c{c}}` → ç),
 * escapes to their characters, case-protecting braces dropped, `$…$` math kept as written.
 */
export function fromLatex(tex: string, options: FromLatexOptions = {}): string {
  // Most values (abstracts, names, keywords) hold no TeX at all: nothing to decode, only space to tidy.
  if (!NEEDS_DECODING.test(tex)) return collapse(tex);
  const stored = options.stored === true;
  // Where the literal braces went in `out`, to escape those that pair up (stored text only), and where the groups
  // still open began: grouping braces are dropped, unless they turn out to close nothing. Both reused across calls,
  // as this runs for every field of a large file.
  const literal = LITERAL;
  const opens = OPENS;
  literal.length = 0;
  opens.length = 0;
  let out = '';
  let i = 0;
  while (i < tex.length) {
    // Copy a run of plain characters at once: building the text one character at a time costs a string each.
    const plainEnd = nextSpecial(tex, i);
    if (plainEnd > i) {
      out += tex.slice(i, plainEnd);
      i = plainEnd;
      continue;
    }
    const ch = tex[i] as string;
    if (ch === '$') {
      let j = i + 1;
      while (j < tex.length && tex[j] !== '$') j += tex[j] === '\\' ? 2 : 1;
      out += tex.slice(i, Math.min(j + 1, tex.length));
      i = j + 1;
      continue;
    }
    if (ch === '{') {
      opens.push(out.length);
      i++;
      continue;
    }
    if (ch === '}') {
      // A brace that closes no group is a character (`a } b`, stored from a page), as toLatex writes it.
      if (opens.pop() === undefined) out += '}';
      i++;
      continue;
    }
    if (ch === '~') {
      out += '\u00a0';
      i++;
      continue;
    }
    if (ch === '-' && tex.startsWith('---', i)) {
      out += '—';
      i += 3;
      continue;
    }
    if (ch === '-' && tex.startsWith('--', i)) {
      out += '–';
      i += 2;
      continue;
    }
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = tex[i + 1];
    if (next === undefined) {
      out += '\\';
      break;
    }
    if (ESCAPED_SPECIALS.has(next)) {
      if (stored && (next === '{' || next === '}')) literal.push(out.length);
      out += next;
      i += 2;
      continue;
    }
    COMMAND_NAME.lastIndex = i + 1;
    const command = COMMAND_NAME.exec(tex);
    const name = command ? command[0] : next;
    const isAccent = ACCENT_SYMBOLS.has(next) || (command !== null && name in COMBINING && name.length === 1);
    let j = i + 1 + name.length;
    if (isAccent) {
      // The accented letter: `\"o`, `\"{o}`, `\c c`, `\c{c}`, `\'\i`, and with spaces TeX skips before an
      // argument: `\' i`, `{\' i}`, `\"{ o}`.
      while (tex[j] === ' ') j++;
      let base = '';
      if (tex[j] === '{') {
        const close = tex.indexOf('}', j);
        base = close < 0 ? '' : tex.slice(j + 1, close).trim();
        j = close < 0 ? tex.length : close + 1;
      } else if (tex[j] === '\\') {
        const inner = /^\\([A-Za-z]+)/.exec(tex.slice(j));
        // Before an escape (`\^\{`, as Better BibTeX writes a caret before a literal brace) there is no letter to
        // accent: the escape is read on its own below.
        base = inner ? (SYMBOLS[inner[1] as string] ?? '') : '';
        j += inner ? inner[0].length : 0;
      } else if (j < tex.length) {
        base = tex[j] as string;
        j++;
      }
      base = base.replace(/^\\([ij])$/, (_m, c: string) => c).replace(/[ıȷ]/, (c) => (c === 'ı' ? 'i' : 'j'));
      // An accent over nothing (`\^{}`, `\~{}`) is the accent mark itself, as TeX prints it.
      out += base ? `${base}${COMBINING[name] ?? ''}`.normalize('NFC') : ACCENT_SYMBOLS.has(name) ? name : '';
      i = j;
      continue;
    }
    if (command && name in SYMBOLS) {
      if (stored && (name === 'textbraceleft' || name === 'textbraceright')) literal.push(out.length);
      out += SYMBOLS[name];
      // `\L{}ojasiewicz`, `\ss ` : the empty group or one space only ends the command name.
      if (tex.startsWith('{}', j)) j += 2;
      else if (tex[j] === ' ') j++;
      // A literal backslash before letters (`1\textbackslash{}times1`) is text, not the command `\times`: a word
      // joiner (invisible) keeps the two apart, so toLatex escapes it again and every reader gets the same title.
      if (name === 'textbackslash' && /[A-Za-z]/.test(tex[j] ?? '')) out += '\u2060';
      i = j;
      continue;
    }
    if (command && TEXT_WRAPPERS.has(name)) {
      i = j;
      continue;
    }
    if (command && (name === 'begin' || name === 'end') && /^\s*\{[A-Za-z*]*\}/.test(tex.slice(j, j + 40))) {
      // An environment's markup (`a\begin{it}b\end{it}c`): the text inside is what it says. Kept, `\begin` would
      // be written back escaped (a dangerous command) and its name would join the text.
      i = tex.indexOf('}', j) + 1;
      continue;
    }
    if (command && DROPPED.has(name)) {
      // Invisible commands with an argument (Better BibTeX's `\vphantom{\{}` around braces, `\noopsort{a}`), which
      // TeX also takes as a single token: `\vphantom\{` hides one brace, `\vphantom\alpha` one command.
      while (tex[j] === ' ') j++;
      if (tex[j] === '\\') {
        COMMAND_NAME.lastIndex = j + 1;
        j += 1 + (COMMAND_NAME.exec(tex)?.[0].length ?? 1);
      } else if (tex[j] === '{') {
        let depth = 0;
        for (; j < tex.length; j++) {
          if (tex[j] === '\\') j++;
          else if (tex[j] === '{') depth++;
          else if (tex[j] === '}' && --depth === 0) break;
        }
        j++;
      }
      i = j;
      continue;
    }
    if (command && name === 'ElsevierGlyph') {
      // Elsevier's exports name a character by its code point: `\ElsevierGlyph{2014}` is an em dash.
      const code = /^\{([0-9A-Fa-f]{4,5})\}/.exec(tex.slice(j, j + 8));
      const point = code ? Number.parseInt(code[1] as string, 16) : 0;
      if (code && point >= 0x20 && (point < 0xd800 || point > 0xdfff) && point <= 0x10ffff) {
        out += String.fromCodePoint(point);
        i = j + code[0].length;
        continue;
      }
    }
    // Unknown command (\alpha outside math, \underline{P}): kept as written with its argument, which a reader
    // recognises; dropping only the braces would glue the argument to the name (`\underlinePR`).
    out += `\\${name}`;
    if (command && tex[j] === '{') {
      let depth = 0;
      let k = j;
      for (; k < tex.length; k++) {
        if (tex[k] === '{') depth++;
        else if (tex[k] === '}' && --depth === 0) break;
      }
      out += tex.slice(j, k + 1);
      j = k + 1;
    }
    i = j;
  }
  if (opens.length) {
    // Groups never closed: their braces are characters too, put back where they stood.
    let withOpens = '';
    let from = 0;
    for (const at of opens) {
      withOpens += `${out.slice(from, at)}{`;
      from = at;
    }
    out = withOpens + out.slice(from);
    for (const [k, at] of literal.entries()) literal[k] = at + opens.filter((o) => o <= at).length;
  }
  if (literal.length) out = escapePaired(out, literal);
  return collapse(out);
}

/**
 * The literal braces at `at` (ascending offsets in `text`) that pair up among themselves, escaped. One that pairs
 * with none is a character anyway (`toLatex` writes an unmatched brace as `\textbraceleft{}`), so it stays bare: a
 * title from a page such as `a } b` is stored that way, and reads back so from BibTeX.
 */
function escapePaired(text: string, at: readonly number[]): string {
  const paired = new Set<number>();
  const open: number[] = [];
  for (const i of at) {
    if (text[i] === '{') open.push(i);
    else {
      const o = open.pop();
      if (o !== undefined) paired.add(o).add(i);
    }
  }
  if (!paired.size) return text;
  let out = '';
  let from = 0;
  for (const i of at) {
    if (!paired.has(i)) continue;
    out += `${text.slice(from, i)}\\`;
    from = i;
  }
  return out + text.slice(from);
}

/**
 * Plain text from a format without TeX (RIS, CSL-JSON) as stored text, where a bare brace is TeX grouping: the
 * braces it holds are characters, so those that pair up are stored escaped (`{112}` → `\{112\}`; one that pairs
 * with none is a character as it is), and every export writes them back as the same characters. What our RIS and CSL exports leave of TeX (`fromLatex` of a stored title) is kept
 * as it was: `$…$` math, and a command with the group that follows it (`\underline{P}`), so the title reads back
 * as stored.
 */
export function storedFromText(text: string): string {
  if (!/[{}]/.test(text)) return text;
  const literal: number[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '$') {
      // Paired as fromLatex pairs them: up to the next unescaped `$`.
      let j = i + 1;
      while (j < text.length && text[j] !== '$') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '\\') {
      COMMAND_NAME.lastIndex = i + 1;
      const name = COMMAND_NAME.exec(text)?.[0];
      let j = i + 1 + (name?.length ?? 1);
      if (name && text[j] === '{') {
        let depth = 0;
        for (; j < text.length; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}' && --depth === 0) break;
        }
        j++;
      }
      out += text.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '{' || ch === '}') literal.push(out.length);
    out += ch;
    i++;
  }
  return literal.length ? escapePaired(out, literal) : out;
}
