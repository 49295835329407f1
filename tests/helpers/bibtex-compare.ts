/** How our BibTeX is compared with what independent parsers read from it (tests/export/consumers, tests/cli). */
import { fromLatex } from '../../lib/export';

/**
 * Titles compared as the letters and digits they hold: parsers turn TeX into Unicode (`\"o` → ö, `\ell` → ℓ,
 * `_1` → ₁) and we keep TeX, so both sides drop accents, markup and punctuation before comparing.
 */
export function titleKey(text: string): string {
  return fromLatex(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\\[A-Za-z]+/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/**
 * Whether a parser's title says what ours says. Math and commands (`$\ell_1$`, `\Delta`, `\underline{P}`) are
 * rendered by each parser in its own way (ℓ₁, Δ, R̲), so for titles with TeX the text between must appear, in order.
 */
export function sameTitle(ours: string, theirs: string): boolean {
  const their = titleKey(theirs.replace(/<\/?[a-z]+[^>]*>/g, ''));
  const tex = /\$[^$]*\$|\\[A-Za-z]+(?:\{[^{}]*\})?/g;
  if (!tex.test(ours)) return titleKey(ours) === their;
  let from = 0;
  for (const segment of ours.split(tex).map(titleKey).filter(Boolean)) {
    const at = their.indexOf(segment, from);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
}

export function nameKey(text: string): string {
  return text
    .replace(/\\[A-Za-z]+/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}
