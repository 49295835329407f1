/**
 * Person names as pages give them ("Ashish Vaswani", "Vaswani, Ashish", "Ludwig van Beethoven", "Heath, Jr., Robert W.",
 * "张伟", "Diptarama") split into the parts BibTeX, RIS and CSL want.
 */

export interface PersonName {
  /** Family name without its particle: `Beethoven`. */
  family: string;
  given: string;
  /** Lower-case particle written before the family name: `van`, `de la`. */
  particle: string;
  suffix: string;
  /**
   * The whole name as one unit, when it cannot be split safely: names in scripts where a space-free name or the
   * order of parts cannot be told apart (Han, Kana, Hangul, Arabic, Hebrew, Thai), and organisations.
   */
  literal: string | null;
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'dela',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'y',
]);
// Arabic family-name prefixes are part of the family name whatever their case ("Ahmed Al Mansouri").
const ARABIC_PREFIXES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'abou']);
// No bare "V": "Smith, V" is an initial far more often than a fifth generation.
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv|2nd|3rd)$/i;
const UNSPLITTABLE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thai}]/u;
const ORGANISATION =
  /\b(collaboration|consortium|team|group|project|committee|institute|university|laboratory|inc\.?|ltd\.?)\b/i;

function literalName(text: string): PersonName {
  return { family: '', given: '', particle: '', suffix: '', literal: text };
}

function splitFamily(familyPart: string): { particle: string; family: string } {
  const words = familyPart.split(' ');
  let k = 0;
  while (k < words.length - 1 && PARTICLES.has(words[k] as string)) k++;
  return { particle: words.slice(0, k).join(' '), family: words.slice(k).join(' ') };
}

/**
 * A name that must stay one unit (an organisation, a name a BibTeX file braced, a CSL literal) as the library stores
 * it: a word joiner (U+2060, invisible) after each space between its words. It reads the same on screen, survives
 * the schema's text clean-up (which turns every other space-like character into a plain space), and splitName gives
 * it back as a literal.
 */
export function wholeName(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.includes(' ') ? clean.replace(/ /g, ` ${WORD_JOINER}`) : clean;
}

const WORD_JOINER = '\u2060';

/** Splits one author name. Empty text gives an empty literal. */
export function splitName(raw: string): PersonName {
  if (raw.includes(WORD_JOINER)) return literalName(raw.replaceAll(WORD_JOINER, '').replace(/\s+/g, ' ').trim());
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return literalName('');
  const parts = text.split(/\s*,\s*/);
  if (parts.length >= 2 && !(parts.length === 2 && SUFFIXES.test(parts[1] as string))) {
    // "Last, First" or "Last, Jr., First"
    const [familyPart, ...others] = parts as [string, ...string[]];
    // BibTeX puts the suffix in the middle ("Heath, Jr., Robert W."), RIS at the end ("Heath, Robert W., Jr.").
    const middle = others.length >= 2 && SUFFIXES.test(others[0] as string);
    const last = !middle && others.length >= 2 && SUFFIXES.test(others[others.length - 1] as string);
    const suffix = middle ? (others[0] as string) : last ? (others[others.length - 1] as string) : '';
    const given = (middle ? others.slice(1) : last ? others.slice(0, -1) : others).join(', ');
    return { ...splitFamily(familyPart), given, suffix, literal: null };
  }
  if (UNSPLITTABLE_SCRIPT.test(text) || ORGANISATION.test(text)) return literalName(text);
  let suffix = parts.length === 2 ? (parts[1] as string) : '';
  const words = (parts[0] as string).split(' ');
  if (!suffix && words.length > 2 && SUFFIXES.test(words[words.length - 1] as string)) suffix = words.pop() as string;
  if (words.length === 1) return { family: words[0] as string, given: '', particle: '', suffix, literal: null };
  // BibTeX's rule for "First von Last": the particle is the run of lower-case particles after the given names, and
  // everything after it is the family name, whatever its case ("Sarah van Den Berg", "Maria da Silva Santos").
  const firstParticle = words.findIndex((w, i) => i > 0 && i < words.length - 1 && PARTICLES.has(w));
  if (firstParticle > 0) {
    let end = firstParticle;
    while (end < words.length - 1 && PARTICLES.has(words[end] as string)) end++;
    return {
      family: words.slice(end).join(' '),
      particle: words.slice(firstParticle, end).join(' '),
      given: words.slice(0, firstParticle).join(' '),
      suffix,
      literal: null,
    };
  }
  // Otherwise the family name is the last word, with Arabic prefixes before it.
  let start = words.length - 1;
  while (start > 1 && ARABIC_PREFIXES.has((words[start - 1] as string).toLowerCase())) start--;
  const particleStart = start;
  return {
    family: words.slice(start).join(' '),
    particle: words.slice(particleStart, start).join(' '),
    given: words.slice(0, particleStart).join(' '),
    suffix,
    literal: null,
  };
}

/** The name as a reader writes it: "Ludwig van Beethoven Jr." */
export function displayName(name: PersonName): string {
  if (name.literal !== null) return name.literal;
  const base = [name.given, name.particle, name.family].filter(Boolean).join(' ');
  return name.suffix ? `${base} ${name.suffix}` : base;
}

/** The family name with its particle: "van Beethoven". */
export function fullFamily(name: PersonName): string {
  return [name.particle, name.family].filter(Boolean).join(' ');
}
