/**
 * Turning a title or abstract into index terms: Unicode-normalised, TeX-aware tokens, stop words removed,
 * English words stemmed. Every feature in lib/cluster is built from `analyzeText`.
 */
import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stopwords';

/** One analysed text: stemmed terms in order, and where a phrase boundary (punctuation, stop word) cut the stream. */
export type AnalyzedText = {
  terms: string[];
  /** `phraseStart[i]` is true when terms[i-1] and terms[i] were not adjacent words, so no bigram joins them. */
  phraseStart: boolean[];
  /** The word each term was stemmed from, for readable labels and reasons. */
  surfaces: string[];
};

// Math spans carry symbols, not topic words: `$O(n \log n)$` must not add "log" or "n" to the vocabulary.
// Display math first so that `$$…$$` is not read as two empty inline spans.
const MATH_SPANS = /\$\$[\s\S]*?\$\$|\$[^$]*\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g;
// TeX accents as written in arXiv metadata (`Schr\"odinger`, `{\'e}`) become the accented letter, then get folded.
const TEX_ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  v: '\u030C',
  u: '\u0306',
  H: '\u030B',
};
const TEX_ACCENT = /\\([`'^"~=.]|[cvuH](?=[\s{]))\s*\{?\s*([A-Za-z])\}?/g;
// Formatting commands (`\emph`, `\textbf`, `\cite`) are dropped; their braced argument stays as ordinary text.
const TEX_COMMAND = /\\[A-Za-z]+\*?/g;
const COMBINING_MARKS = /\p{M}+/gu;
// A word is a run of letters and digits; the gap between two words decides whether they form a phrase.
const WORD = /[\p{L}\p{N}]+/gu;
// Scripts written without spaces: each character is a term, so that Chinese or Japanese text is not one huge token.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const UNSPACED_SPLIT = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}])/u;
const HAS_LETTER = /\p{L}/u;
const LATIN_WORD = /^[a-z]+$/;
const MAX_WORD_LENGTH = 40;

/** Whether every character of `text` is ASCII (then NFKD, NFC and mark removal leave it unchanged). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Text as a reader sees it: TeX math dropped, accents and commands resolved, compatibility forms unified, lower case. */
export function normalizeText(text: string): string {
  const withoutMath = text.replace(MATH_SPANS, ' . ');
  const accented = withoutMath.replace(TEX_ACCENT, (_m, accent: string, letter: string) => {
    const mark = TEX_ACCENTS[accent];
    return mark === undefined ? letter : letter + mark;
  });
  const plain = accented.replace(TEX_COMMAND, ' ').replace(/[{}]/g, '');
  // ASCII text (most abstracts) is unchanged by NFKD, mark removal and NFC: skip the three passes.
  if (isAscii(plain)) return plain.toLowerCase();
  // NFKD splits ligatures (ﬁ), full-width forms and accents; removing the marks folds "Schrödinger" to "schrodinger".
  return plain.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC').toLowerCase();
}

// Porter stemming is the slowest step and abstracts repeat their words, so stems are memoised per process.
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

export function stemWord(word: string): string {
  const cached = STEM_CACHE.get(word);
  if (cached !== undefined) return cached;
  // Porter rules are English rules: other alphabets keep their folded form.
  const stem = LATIN_WORD.test(word) ? stemmer(word) : word;
  if (STEM_CACHE.size >= STEM_CACHE_LIMIT) STEM_CACHE.clear();
  STEM_CACHE.set(word, stem);
  return stem;
}

// Characters that may separate the two words of a phrase ("real-time", "input/output"); anything else ends it.
function isPhraseJoiner(code: number): boolean {
  switch (code) {
    case 0x20:
    case 0x0a:
    case 0x0d:
    case 0x09:
    case 0x2d:
    case 0x2013:
    case 0x2014:
    case 0x27:
    case 0x2019:
    case 0x2f:
      return true;
    default:
      return false;
  }
}

function isPhraseGap(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isPhraseJoiner(text.charCodeAt(i))) return false;
  return true;
}

function mayBeUnspaced(word: string): boolean {
  // Thai starts at U+0E00 and CJK well above; a cheap range check saves the script regex on nearly every word.
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x0e00) return UNSPACED_SCRIPT.test(word);
  return false;
}

function hasLetter(word: string): boolean {
  const first = word.charCodeAt(0);
  return (first >= 0x61 && first <= 0x7a) || HAS_LETTER.test(word);
}

/**
 * Visits the words of a text that may become index terms (normalised, stop words and non-words dropped, unspaced
 * scripts split into characters), unstemmed, with whether a phrase boundary precedes each. `analyzeText` stems
 * them; `fitVectorizer` memoises per distinct word instead, which saves two hash lookups per word.
 */
export function scanWords(
  text: string,
  visit: (word: string, phraseStart: boolean, unspaced: boolean) => void,
  /** false: stop words are visited too, and `termOf` drops them (a caller memoising per word checks once). */
  dropStopWords = true,
): void {
  const normalized = normalizeText(text);
  let boundary = true;
  let previousEnd = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(normalized); match !== null; match = WORD.exec(normalized)) {
    const word = match[0];
    const start = match.index;
    if (!boundary && !isPhraseGap(normalized, previousEnd, start)) boundary = true;
    previousEnd = start + word.length;
    if (mayBeUnspaced(word)) {
      boundary = visitUnspaced(word, visit, boundary);
      continue;
    }
    if (
      word.length < 2 ||
      word.length > MAX_WORD_LENGTH ||
      (dropStopWords && STOP_WORDS.has(word)) ||
      !hasLetter(word)
    ) {
      boundary = true;
      continue;
    }
    visit(word, boundary, false);
    boundary = false;
  }
}

/**
 * `scanWords(text, …, false)` for a text whose normalised form is ASCII (most arXiv titles and abstracts), without
 * a regular expression or a string per word: each word is visited as the span [start, end) of `normalized`, so a
 * caller that keys words by their characters allocates nothing for a word it has seen. Same words, same order,
 * same phrase boundaries as `scanWords` (tests/cluster/terms.test.ts checks every set). Returns false, visiting
 * nothing, when the normalised text is not ASCII.
 */
export function scanAsciiSpans(
  text: string,
  visit: (normalized: string, start: number, end: number, phraseStart: boolean) => void,
): boolean {
  const normalized = normalizeText(text);
  if (!isAscii(normalized)) return false;
  const length = normalized.length;
  let boundary = true;
  let previousEnd = 0;
  let i = 0;
  while (i < length) {
    if (!isAsciiWordChar(normalized.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let letter = false;
    while (i < length) {
      const code = normalized.charCodeAt(i);
      if (!isAsciiWordChar(code)) break;
      if (code > 0x39) letter = true;
      i++;
    }
    if (!boundary && !isPhraseGap(normalized, previousEnd, start)) boundary = true;
    previousEnd = i;
    const wordLength = i - start;
    // The rules of `scanWords` for a word of Latin letters and digits: no stop-word test here (`termOf` does it).
    if (wordLength < 2 || wordLength > MAX_WORD_LENGTH || !letter) {
      boundary = true;
      continue;
    }
    visit(normalized, start, i, boundary);
    boundary = false;
  }
  return true;
}

/** [A-Za-z0-9]: the ASCII members of \p{L} and \p{N}. */
function isAsciiWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/** The index term of a word visited by `scanWords`, or null when its stem is too short or a stop word. */
export function termOf(word: string, unspaced: boolean): string | null {
  if (!unspaced && STOP_WORDS.has(word)) return null;
  const stem = stemWord(word);
  if (unspaced) return stem;
  return stem.length < 2 || STOP_WORDS.has(stem) ? null : stem;
}

/** Stemmed index terms of a text, with phrase boundaries for bigrams. */
export function analyzeText(text: string): AnalyzedText {
  const terms: string[] = [];
  const phraseStart: boolean[] = [];
  const surfaces: string[] = [];
  let cut = false;
  scanWords(text, (word, boundary, unspaced) => {
    const term = termOf(word, unspaced);
    if (term === null) {
      cut = true;
      return;
    }
    terms.push(term);
    phraseStart.push(boundary || cut);
    surfaces.push(word);
    cut = false;
  });
  return { terms, phraseStart, surfaces };
}

/** Mixed runs like "gpt中文模型" keep their Latin part as a word and split the unspaced part into characters. */
function visitUnspaced(
  word: string,
  visit: (word: string, phraseStart: boolean, unspaced: boolean) => void,
  boundaryBefore: boolean,
): boolean {
  let boundary = boundaryBefore;
  for (const piece of word.split(UNSPACED_SPLIT)) {
    if (piece.length === 0) continue;
    const unspaced = UNSPACED_SCRIPT.test(piece);
    if (!unspaced && (piece.length < 2 || !HAS_LETTER.test(piece) || STOP_WORDS.has(piece))) {
      boundary = true;
      continue;
    }
    visit(piece, boundary, true);
    boundary = false;
  }
  return boundary;
}

/** Plain token list (stems), for callers that need no phrase information. */
export function tokenize(text: string): string[] {
  return analyzeText(text).terms;
}
