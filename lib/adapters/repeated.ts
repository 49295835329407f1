/**
 * The generic extractor's rule for listings that carry no arXiv or DOI link (issue 16): a listing of papers is a run
 * of sibling blocks of one shape (same tag, same classes), each holding one title — a link to the paper's page, or a
 * heading — and a line of people's names. Sites write this in many ways (PubMed's docsums, OpenReview's notes, the
 * ACL Anthology's paper rows, Scholar profiles' table rows, dblp's entries); the rule names none of them.
 *
 * What keeps junk out: at least three blocks; a line of names in most of them, with more than one name on average
 * (a news page's "By Jane Doe" bylines and a shop's product grid have none, or one); titles that differ. When a run
 * of blocks each holds a qualifying run of its own (tabs around lists), the inner run is the listing.
 */
import { absoluteUrl, textOf } from './dom';

export interface RepeatedCard {
  block: Element;
  title: string;
  authors: string[];
  url: string | null;
  year: string | null;
}

const MIN_BLOCKS = 3;
/** Share of a run's blocks that must show a line of names. */
const MIN_WITH_AUTHORS = 0.6;
/** Mean number of names per block with names: a byline of one person is not an author list. */
const MIN_MEAN_AUTHORS = 1.5;
const MAX_BLOCK_TEXT = 5000;

// Not `form`: result pages often sit in one (Scholar profiles, NCBI's Entrez).
const SKIP_CONTAINERS = 'nav, header, footer, aside, select, script, style, template';
const PARTICLES = new Set(
  'van von de der den da di del della la le du dos das y bin al el ten ter zu'.split(' ').map((p) => p.toLowerCase()),
);
// A name's word: capitalised (Unicode), an initial or initials ("J.", "AC", "M.-H."), or a particle.
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}\p{Lu}'’\-\u2010\u2011]*\.?|\p{Lu}(?:\.?[-\u2010\u2011]?\p{Lu})*\.?)$/u;
/** Markup that says "these are the authors": preferred over any other line of names in the block. */
const AUTHOR_MARK = /auth|creator|contrib/i;
const NOT_A_NAME = /\d|@|https?:|www\.|[()[\]{}<>|/\\=+*#$%]/;

/** One person's name as listings write it: "Yann LeCun", "Y. LeCun", "LeCun Y", "van den Berg, S." is two parts. */
function isName(part: string): boolean {
  const words = part.split(/\s+/).filter(Boolean);
  if (words.length < 1 || words.length > 5 || NOT_A_NAME.test(part)) return false;
  let capitalised = 0;
  for (const word of words) {
    if (PARTICLES.has(word.toLowerCase())) continue;
    if (!NAME_WORD.test(word)) return false;
    capitalised++;
  }
  // A lone word is a name only beside others ("Plato" alone is a title word as much as a name).
  return capitalised >= 1 && (words.length >= 2 || /^\p{Lu}\p{Ll}{2,}$/u.test(words[0] as string));
}

/** The names of a line of authors, or null when the line is something else. */
export function namesOf(text: string): string[] | null {
  const line = text
    .replace(/\s*(?:…|\.\.\.|et al\.?)\s*$/i, '')
    .replace(/^\s*(?:by|authors?:)\s+/i, '')
    .trim();
  if (line.length < 3 || line.length > 2000) return null;
  const parts = line
    .split(/\s*(?:,|;|\s&\s|\band\b)\s*/)
    .map((p) => p.replace(/[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u, '').trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 200) return null;
  if (!parts.every(isName)) return null;
  // Two lone words ("Deep, Learning") are too weak to be names: a list of one-word parts needs one full name.
  if (parts.length >= 2 && parts.every((p) => !/\s/.test(p))) return null;
  if (parts.length === 1 && !/\s/.test(parts[0] as string)) return null;
  return parts;
}

const TITLE_ID_LIKE =
  /^\s*(?:arxiv:?\s*\S+|doi:?\s*\S+|10\.\d{4,9}\/\S+|https?:\/\/\S+|\[?(?:pdf|abs|html|link|doi|arxiv|paper|ps|other|bibtex|cite|more|view all)\]?)\s*$/i;

function titleText(text: string | null): text is string {
  if (text === null || text.length < 12 || text.length > 500 || TITLE_ID_LIKE.test(text)) return false;
  if (/^this\s+(?:https?\s+)?(?:url|link)$/i.test(text)) return false;
  const words = text.split(/\s+/);
  return words.length >= 3 && namesOf(text) === null;
}

/** A field's label before its value ("Title: …") is not part of it. */
function withoutLabel(text: string | null): string | null {
  return text === null ? null : text.replace(/^title\s*:\s*/i, '');
}

/** Links with a title's text, in document order. */
function titleLinks(block: Element): { element: Element; text: string }[] {
  const found: { element: Element; text: string }[] = [];
  for (const a of block.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (/^(?:#|javascript:|mailto:)/i.test(href)) continue;
    const text = withoutLabel(textOf(a));
    if (titleText(text)) found.push({ element: a, text });
  }
  return found;
}

/**
 * The block's title element: its first link with a title's text, else a heading or an element called a title. A
 * text that several blocks of the run share ("electronic edition via DOI", "View all") is a label, not a title.
 */
function titleOf(block: Element, labels: ReadonlySet<string>): { element: Element; text: string } | null {
  const link = titleLinks(block).find((l) => !labels.has(l.text));
  if (link) return link;
  for (const el of block.querySelectorAll('h1, h2, h3, h4, h5, h6, [class*="title"], cite, strong')) {
    const text = withoutLabel(textOf(el));
    if (titleText(text) && !labels.has(text)) return { element: el, text };
  }
  return null;
}

/** Link texts that come back in more than one block of a run. */
function labelsOf(blocks: readonly Element[]): Set<string> {
  const seen = new Set<string>();
  const labels = new Set<string>();
  for (const block of blocks) {
    for (const text of new Set(titleLinks(block).map((l) => l.text))) {
      if (seen.has(text)) labels.add(text);
      seen.add(text);
    }
  }
  return labels;
}

/** The most names a block shows outside its title: one element's text, or a row of links each one name. */
function authorsOf(block: Element, title: Element): string[] | null {
  let best: string[] | null = null;
  let marked = false;
  const consider = (names: string[] | null, mark = false) => {
    if (!names || (marked && !mark)) return;
    if (!best || (mark && !marked) || names.length > best.length) best = names;
    if (mark) marked = true;
  };
  const linked: string[] = [];
  for (const el of block.querySelectorAll('*')) {
    if (el === title || el.contains(title) || title.contains(el)) continue;
    const text = textOf(el);
    if (!text || text.length > 2000) continue;
    const names = namesOf(text);
    consider(names, AUTHOR_MARK.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('itemprop') ?? ''}`));
    if (el.tagName === 'A' && names?.length === 1) linked.push(names[0] as string);
  }
  if (linked.length > 1) consider(linked);
  return best;
}

function signature(el: Element): string {
  return `${el.tagName}.${[...el.classList].sort().join('.')}`;
}

function skipped(el: Element): boolean {
  return el.closest(SKIP_CONTAINERS) !== null;
}

interface Run {
  blocks: Element[];
  cards: RepeatedCard[];
}

function cardOf(block: Element, base: URL, labels: ReadonlySet<string>): RepeatedCard | null {
  const text = block.textContent ?? '';
  if (text.length > MAX_BLOCK_TEXT) return null;
  const title = titleOf(block, labels);
  if (!title) return null;
  const authors = authorsOf(block, title.element) ?? [];
  const titleLink = title.element.closest('a[href]') ?? title.element.querySelector('a[href]');
  const firstLink = block.querySelector('a[href]');
  const href = (titleLink ?? firstLink)?.getAttribute('href') ?? null;
  const titleYears = new Set(title.text.match(/\b(?:19|20)\d{2}\b/g) ?? []);
  const year = (text.match(/\b(?:19[5-9]\d|20\d{2})\b/g) ?? []).find((y) => !titleYears.has(y)) ?? null;
  return { block, title: title.text, authors, url: absoluteUrl(href, base), year };
}

function runOf(blocks: Element[], base: URL): Run | null {
  if (blocks.length < MIN_BLOCKS) return null;
  const small = blocks.filter((b) => (b.textContent ?? '').length <= MAX_BLOCK_TEXT);
  if (small.length < MIN_BLOCKS) return null;
  const labels = labelsOf(small);
  const cards: RepeatedCard[] = [];
  for (const block of small) {
    const card = cardOf(block, base, labels);
    if (card) cards.push(card);
  }
  if (cards.length < MIN_BLOCKS || cards.length < blocks.length * MIN_WITH_AUTHORS) return null;
  const named = cards.filter((c) => c.authors.length > 0);
  if (named.length < cards.length * MIN_WITH_AUTHORS) return null;
  const mean = named.reduce((sum, c) => sum + c.authors.length, 0) / named.length;
  if (mean < MIN_MEAN_AUTHORS) return null;
  if (new Set(cards.map((c) => c.title.toLowerCase())).size < cards.length * 0.9) return null;
  return { blocks, cards: named };
}

/** Every listing of papers on the page by the rule above, in document order. */
export function repeatedCards(root: ParentNode, base: URL): RepeatedCard[] {
  const runs: Run[] = [];
  const parents = [root, ...(root as Element | Document).querySelectorAll('*')];
  for (const parent of parents) {
    if (!(parent as Element).children || (parent instanceof Element && skipped(parent))) continue;
    const groups = new Map<string, Element[]>();
    for (const child of (parent as Element).children) {
      const key = signature(child);
      const list = groups.get(key);
      if (list) list.push(child);
      else groups.set(key, [child]);
    }
    for (const blocks of groups.values()) {
      const run = runOf(blocks, base);
      if (run) runs.push(run);
    }
  }
  // A run whose blocks hold another run (tabs around lists, a page around its sections) gives way to the inner one.
  const kept = runs.filter(
    (outer) =>
      !runs.some((inner) => inner !== outer && inner.blocks.some((b) => outer.blocks.some((o) => o.contains(b)))),
  );
  const cards = kept.flatMap((run) => run.cards);
  cards.sort((a, b) => (a.block.compareDocumentPosition(b.block) & 4 ? -1 : 1));
  return cards;
}
