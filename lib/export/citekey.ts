import type { LibraryPaper } from '../paper/schema';
import { fromLatex } from './latex';
import { splitName } from './names';
import { dateOf } from './paper-input';

const FOLDED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};

/** Lower-case ASCII letters and digits only: accents dropped, ligatures spelled out, other scripts removed. */
export function asciiFold(text: string): string {
  return fromLatex(text)
    .replace(/[ßæÆœŒøØłŁđĐðþÞı]/g, (c) => FOLDED[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// Words that never make a memorable key: "On the…", "Towards a…", "A survey of…" keep looking for the next word.
const FUNCTION_WORDS = new Set(
  'a an the on of in for to and or with without via from at by as is are be do does can what how why when which who towards toward into onto over under about beyond through using we our your its this that these those not no'.split(
    ' ',
  ),
);

function familyWord(paper: LibraryPaper): string {
  for (const author of paper.authors) {
    const name = splitName(author);
    const word = asciiFold(name.literal ?? name.family);
    if (word) return word;
  }
  return 'anon';
}

function titleWord(title: string): string {
  const words = fromLatex(title.replace(/\$[^$]*\$/g, ' '))
    .split(/[\s\-–—:;,./!?()[\]"'’]+/)
    .map(asciiFold)
    .filter(Boolean);
  return words.find((w) => !FUNCTION_WORDS.has(w) && /[a-z]/.test(w)) ?? words[0] ?? '';
}

/** The key before disambiguation: first author's family name, first content word of the title, year. */
export function baseCitationKey(paper: LibraryPaper): string {
  const date = dateOf(paper);
  return `${familyWord(paper)}${date ? date.year : ''}${titleWord(paper.title)}`;
}

function letterSuffix(n: number): string {
  // 1 → a, 26 → z, 27 → aa
  let out = '';
  let k = n;
  while (k > 0) {
    k--;
    out = String.fromCharCode(97 + (k % 26)) + out;
    k = Math.floor(k / 26);
  }
  return out;
}

/**
 * One key per paper id, unique within the export. Papers sharing a base key are ordered by id: the first keeps the
 * bare key, the next get a, b, …; so the same selection always gets the same keys, and a paper's key depends only
 * on its own fields unless another paper in the export shares it.
 */
export function citationKeys(papers: readonly LibraryPaper[]): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const paper of papers) {
    const base = baseCitationKey(paper);
    const ids = byBase.get(base) ?? [];
    if (!ids.includes(paper.id)) ids.push(paper.id);
    byBase.set(base, ids);
  }
  const keys = new Map<string, string>();
  const taken = new Set(byBase.keys());
  for (const [base, ids] of [...byBase.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    ids.sort();
    let n = 0;
    for (const [index, id] of ids.entries()) {
      let key = base;
      if (index > 0) {
        do key = `${base}${letterSuffix(++n)}`;
        while (taken.has(key));
        taken.add(key);
      }
      keys.set(id, key);
    }
  }
  return keys;
}
