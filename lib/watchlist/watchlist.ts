/**
 * Watchlists: authors and keywords the researcher follows, and which of them a paper matches. Pure: the library
 * keeps the list in its settings (so a backup carries it), the triage and the side panel call `matchWatchlist`.
 *
 * Authors are compared by name parts, not by string: pages write "Yann LeCun", "Y. LeCun", "LeCun, Yann" and
 * "LeCun Y" for one person. Diacritics and case are ignored. Surnames must agree, and so must the given names as
 * far as both sides give them (a full name agrees with its own initial); a followed name with given names never
 * matches a surname alone, and "J. Smith" never matches "A. Smith".
 */
import { normalizeText, stemWord } from '../cluster/terms';
import { t } from '../i18n';
import { MAX_ENTRY_LENGTH, type Watchlist } from './schema';

export { MAX_WATCH_ENTRIES, type Watchlist, watchlistSchema } from './schema';
export const EMPTY_WATCHLIST: Readonly<Watchlist> = Object.freeze({
  authors: Object.freeze([]) as readonly string[] as string[],
  keywords: Object.freeze([]) as readonly string[] as string[],
});

/** A person's name in parts: folded surname (letters only) and folded given names in order. */
export type NameParts = { surname: string; given: string[] };

// Particles that belong to the surname when they precede it ("Laurens van der Maaten", "Ludwig van Beethoven").
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
  'du',
  'dos',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'al',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Letters only, so that "Le Cun", "LeCun" and "Le-Cun" compare equal. */
function surnameKey(words: readonly string[]): string {
  return words.join('').replace(/[^\p{L}]/gu, '');
}

/** "Jean-Pierre" → [jean, pierre]; "J.-P." → [j, p]; "JP" (capitals only) → [j, p]. */
function givenTokens(raw: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const word of raw) {
    const initialsOnly = /^\p{Lu}{2,3}$/u.test(word);
    for (const piece of word.split(/[.\-‐\s]+/)) {
      const letters = fold(piece).replace(/[^\p{L}]/gu, '');
      if (letters === '') continue;
      if (initialsOnly) tokens.push(...letters);
      else tokens.push(letters);
    }
  }
  return tokens;
}

/** Splits a name as pages write it; null when there is no surname to speak of. */
export function parseName(name: string): NameParts | null {
  const cleaned = name.replace(/\s+/g, ' ').trim();
  if (cleaned === '') return null;
  let surnameWords: string[];
  let givenWords: string[];
  const comma = cleaned.indexOf(',');
  if (comma >= 0) {
    surnameWords = cleaned.slice(0, comma).trim().split(' ');
    givenWords = cleaned
      .slice(comma + 1)
      .trim()
      .split(' ')
      .filter((w) => w !== '' && !SUFFIXES.has(fold(w).replace(/\./g, '')));
  } else {
    const words = cleaned.split(' ').filter((w) => !SUFFIXES.has(fold(w).replace(/\./g, '')));
    if (words.length === 0) return null;
    const last = words[words.length - 1]!;
    // "LeCun Y" / "LeCun YA": surname first, then capital initials.
    if (words.length >= 2 && /^(\p{Lu}\.?){1,3}$/u.test(last) && !/^(\p{Lu}\.?){1,3}$/u.test(words[0]!)) {
      const firstInitial = words.findIndex((w, i) => i > 0 && /^(\p{Lu}\.?){1,3}$/u.test(w));
      surnameWords = words.slice(0, firstInitial);
      givenWords = words
        .slice(firstInitial)
        .map((w) => w.replace(/\./g, ''))
        .flatMap((w) => [...w]);
    } else {
      let start = words.length - 1;
      while (start > 1 && PARTICLES.has(fold(words[start - 1]!))) start--;
      surnameWords = words.slice(start);
      givenWords = words.slice(0, start);
    }
  }
  const surname = surnameKey(surnameWords.map(fold));
  if (surname === '') return null;
  return { surname, given: givenTokens(givenWords) };
}

function givenAgree(a: readonly string[], b: readonly string[]): boolean {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.length === 1 || y.length === 1) {
      if (x[0] !== y[0]) return false;
    } else if (x !== y) {
      return false;
    }
  }
  return true;
}

/**
 * Whether `candidate` (a name on a page) is the followed person. A followed entry that is a surname alone
 * matches every bearer of that surname: that is what the researcher typed. Otherwise both must give given names,
 * and they must agree where both give them: the first name always, further names when both have them.
 */
export function sameAuthor(followed: string, candidate: string): boolean {
  const a = parseName(followed);
  const b = parseName(candidate);
  return a !== null && b !== null && partsMatch(a, b);
}

function partsMatch(followed: NameParts, candidate: NameParts): boolean {
  if (followed.surname !== candidate.surname) return false;
  if (followed.given.length === 0) return true;
  return candidate.given.length > 0 && givenAgree(followed.given, candidate.given);
}

/** A keyword as the researcher may enter it: a word or phrase, no TeX. Null when acceptable, else why not. */
export function keywordProblem(keyword: string): string | null {
  const trimmed = keyword.trim();
  if (trimmed === '') return t('keywordEmpty');
  if (trimmed.length > MAX_ENTRY_LENGTH) return t('keywordTooLong', MAX_ENTRY_LENGTH);
  if (/[$\\^_{}]/.test(trimmed)) return t('keywordTex');
  if (keywordStems(trimmed).length === 0) return t('keywordNoLetter');
  return null;
}

/** An author as the researcher may type one: null when it names someone, else why not. */
export function authorProblem(name: string): string | null {
  return parseName(name) === null ? t('authorNoName') : null;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Stemmed words in order, stop words kept ("learning to rank" is a phrase): the unit of keyword matching. */
function keywordStems(text: string): string[] {
  const words = normalizeText(text).match(WORD) ?? [];
  return words.map((word) => stemWord(word));
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export type WatchMatch = {
  /** Followed entry and the name as this paper gives it ("Y. LeCun"). */
  authors: { followed: string; name: string }[];
  /** Followed keywords found in the title or abstract (whole words, any inflection, TeX math ignored). */
  keywords: string[];
};

export type WatchedPaper = { title: string; abstract?: string | null; authors?: readonly string[] | null };

/** A watchlist prepared once for many papers: keywords stemmed, names parsed. */
export type CompiledWatchlist = {
  compiled: true;
  authors: { entry: string; parts: NameParts }[];
  keywords: { entry: string; stems: string[] }[];
};

export function compileWatchlist(watchlist: Readonly<Watchlist>): CompiledWatchlist {
  return {
    compiled: true,
    authors: watchlist.authors.flatMap((entry) => {
      const parts = parseName(entry);
      return parts === null ? [] : [{ entry, parts }];
    }),
    keywords: watchlist.keywords
      .map((entry) => ({ entry, stems: keywordStems(entry) }))
      .filter((k) => k.stems.length > 0),
  };
}

export function matchWatchlist(watchlist: CompiledWatchlist | Readonly<Watchlist>, paper: WatchedPaper): WatchMatch {
  const compiled = 'compiled' in watchlist ? watchlist : compileWatchlist(watchlist);
  const authors: WatchMatch['authors'] = [];
  for (const name of paper.authors ?? []) {
    if (typeof name !== 'string') continue;
    const parts = parseName(name);
    if (parts === null) continue;
    const followed = compiled.authors.find((a) => partsMatch(a.parts, parts));
    if (followed) authors.push({ followed: followed.entry, name });
  }
  const keywords: string[] = [];
  if (compiled.keywords.length > 0) {
    const stems = keywordStems(`${paper.title} . ${paper.abstract ?? ''}`);
    for (const { entry, stems: wanted } of compiled.keywords) if (containsSequence(stems, wanted)) keywords.push(entry);
  }
  return { authors, keywords };
}

/** Adds an entry unless an equivalent one is there (same person, or same keyword stems). */
export function follow(watchlist: Readonly<Watchlist>, kind: 'author' | 'keyword', entry: string): Watchlist {
  const trimmed = entry.replace(/\s+/g, ' ').trim();
  if (kind === 'author') {
    const parts = parseName(trimmed);
    if (parts === null) return { ...watchlist };
    const known = watchlist.authors.some((a) => {
      const other = parseName(a);
      return other !== null && other.surname === parts.surname && other.given.join(' ') === parts.given.join(' ');
    });
    return known ? { ...watchlist } : { ...watchlist, authors: [...watchlist.authors, trimmed] };
  }
  if (keywordProblem(trimmed) !== null) return { ...watchlist };
  const stems = keywordStems(trimmed).join(' ');
  const known = watchlist.keywords.some((k) => keywordStems(k).join(' ') === stems);
  return known ? { ...watchlist } : { ...watchlist, keywords: [...watchlist.keywords, trimmed] };
}

export function unfollow(watchlist: Readonly<Watchlist>, kind: 'author' | 'keyword', entry: string): Watchlist {
  return kind === 'author'
    ? { ...watchlist, authors: watchlist.authors.filter((a) => a !== entry) }
    : { ...watchlist, keywords: watchlist.keywords.filter((k) => k !== entry) };
}

/** Strip text for a match: "Follows: Y. LeCun", "Keyword: diffusion", joined by " · "; '' when nothing matched. */
export function describeMatch(match: WatchMatch): string {
  const parts: string[] = [];
  if (match.authors.length > 0) parts.push(t('watchFollows', match.authors.map((a) => a.name).join(', ')));
  if (match.keywords.length > 0) parts.push(t('watchKeyword', match.keywords.join(', ')));
  return parts.join(' · ');
}

export function hasMatch(match: WatchMatch): boolean {
  return match.authors.length > 0 || match.keywords.length > 0;
}
