/**
 * DOM reading shared by the site adapters. Everything here works the same on a browser DOM, happy-dom and
 * linkedom (the command line), and only ever reads: page text is returned as strings, never written back.
 */
import { arxivIdFromUrl } from '../paper/ids';
import { collapse, plainLine } from '../paper/text';

export { collapse };

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

// Never page text a reader sees: code, styles, templates, icons.
// Lower-case `localName`s, not `tagName`s: tagName is upper-cased on every read in linkedom (the command line's
// DOM), where a 2,000-entry listing reads it a hundred thousand times (bench/extract.bench.ts).
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg']);

/**
 * Typeset mathematics. A record keeps a formula as the server wrote it, in TeX, whatever a typesetting library did
 * to the page after load (../shared/SITES.md, "arXiv pages after MathJax"); the rendered glyphs are never text.
 * - MathJax 2 (arXiv) moves the TeX into `<script type="math/tex">` (`; mode=display` for display math) and puts its
 *   rendering beside it in elements whose class names start with `MathJax` (`MathJax`, `MathJax_CHTML`,
 *   `MathJax_SVG`, `MathJax_Display`, `MathJax_Preview`, …) or `MJX_` (its assistive MathML). It keeps no trace of
 *   the delimiters: the TeX is written back between `$…$` (`$$…$$` for display), so a server's `\(x\)` reads `$x$`.
 * - MathJax 3 keeps the TeX only in the page's own memory: `mjx-container` is read from the `data-paperlane-tex`
 *   attribute that lib/views/math-sources.ts writes from it (delimiters as written), and left out without one.
 * - KaTeX keeps the TeX in `annotation[encoding="application/x-tex"]` inside `.katex`.
 */
const MATH_CLASS = /(?:^|\s)(?:MathJax|MJX_)/;
const TEX_ATTRIBUTE = 'data-paperlane-tex';

/** The TeX of a typeset formula in `el`, with delimiters; '' when `el` is a rendering to leave out; null otherwise. */
function mathSource(el: Element, tag: string): string | null {
  if (tag === 'mjx-container') return el.getAttribute(TEX_ATTRIBUTE) ?? '';
  if (tag !== 'span' && tag !== 'div' && tag !== 'nobr') return null;
  const names = el.getAttribute('class');
  if (!names) return null;
  if (MATH_CLASS.test(names)) return '';
  if (names === 'katex' || hasClass(el, 'katex')) {
    const annotation = el.querySelector('annotation[encoding="application/x-tex"]');
    if (!annotation) return '';
    const display = el.parentElement !== null && hasClass(el.parentElement, 'katex-display');
    const fence = display ? '$$' : '$';
    return `${fence}${annotation.textContent ?? ''}${fence}`;
  }
  return null;
}

/**
 * Whether an element carries `name` among its class names. `classList` where the DOM has one (browsers, happy-dom,
 * linkedom: a set lookup); the class attribute otherwise.
 */
export function hasClass(el: Element, name: string): boolean {
  const list = el.classList as DOMTokenList | undefined;
  if (list) return list.contains(name);
  const value = el.getAttribute('class');
  if (!value) return false;
  if (value === name) return true;
  return ` ${value.replace(/\s+/g, ' ')} `.includes(` ${name} `);
}

/**
 * The text a reader sees in `node`, as one raw string (not yet collapsed):
 * scripts, styles and buttons dropped, TeX kept as written, `skip` elements left out with everything inside.
 */
export function rawText(node: Node, skip?: (el: Element) => boolean): string {
  // An element holding only text (an abstract's <p>, an author's <a>): its textContent is that text, read by the
  // DOM itself instead of one call per node from here.
  if (node.nodeType === ELEMENT && (node as Element).firstElementChild === null) return node.textContent ?? '';
  let out = '';
  const walk = (parent: Node): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      const type = child.nodeType;
      if (type === TEXT || type === CDATA) {
        out += child.nodeValue ?? '';
      } else if (type === ELEMENT) {
        const el = child as Element;
        const tag = el.localName;
        if (tag === 'script') {
          const scriptType = el.getAttribute('type') ?? '';
          if (scriptType.startsWith('math/tex')) {
            const fence = scriptType.includes('mode=display') ? '$$' : '$';
            out += `${fence}${el.textContent ?? ''}${fence}`;
          }
          continue;
        }
        if (SKIPPED_TAGS.has(tag)) continue;
        const math = mathSource(el, tag);
        if (math !== null) {
          out += math;
          continue;
        }
        if (skip?.(el)) continue;
        const block = tag === 'p' || tag === 'div' || tag === 'li';
        if (block || tag === 'br') out += ' ';
        walk(el);
        if (block) out += ' ';
      }
    }
  };
  walk(node);
  return out;
}

/** The collapsed visible text of an element, or null when it has none. */
export function textOf(node: Node | null | undefined, skip?: (el: Element) => boolean): string | null {
  if (!node) return null;
  const text = collapse(rawText(node, skip));
  return text || null;
}

/**
 * The visible text of an element as a record keeps it (one plain line: `plainLine`), or null when it has none.
 * For the fields of busy pages (listing titles and abstracts): the same text the schema would make of `textOf`.
 */
export function lineOf(node: Node | null | undefined, skip?: (el: Element) => boolean): string | null {
  if (!node) return null;
  return plainLine(rawText(node, skip)) || null;
}

/** Leaves out arXiv's `span.descriptor` labels ("Title:", "Authors:", "Subjects:"). */
export const skipDescriptor = (el: Element): boolean => el.localName === 'span' && hasClass(el, 'descriptor');

/** The document a root belongs to (a Document is its own). */
export function documentOf(root: ParentNode): Document {
  const node = root as Node;
  return node.nodeType === 9 ? (node as Document) : (node.ownerDocument as Document);
}

/** `root.querySelectorAll` plus the root itself when it matches: findCards also runs on a subtree that is one card. */
export function selectWithRoot(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  const node = root as Node;
  if (node.nodeType === ELEMENT && (node as Element).matches(selector)) found.unshift(node as Element);
  return found;
}

// A path-absolute href that URL parsing leaves as written: no dot segments, nothing to percent-encode,
// no query or fragment (`/abs/2609.22268`, `/pdf/2609.22268v2`).
const PLAIN_PATH = /^\/[A-Za-z0-9_~-][A-Za-z0-9._~/-]*$/;

// The origin of the last http(s) base URL seen: `URL.origin` builds a new string on every read, and a listing asks
// for it twice per card.
let lastBase: URL | null = null;
let lastOrigin: string | null = null;

function httpOrigin(base: URL): string | null {
  if (base !== lastBase) {
    lastBase = base;
    lastOrigin = base.protocol === 'http:' || base.protocol === 'https:' ? base.origin : null;
  }
  return lastOrigin;
}

/** Resolves an href against the page URL; null for a link that is not http(s). */
export function absoluteUrl(href: string | null | undefined, base: URL | string): string | null {
  if (!href) return null;
  // Listings hold thousands of `/abs/…` and `/pdf/…` links: for those, origin + path is what `new URL` gives.
  if (typeof base !== 'string' && PLAIN_PATH.test(href) && !href.includes('/.')) {
    const origin = httpOrigin(base);
    if (origin) return origin + href;
  }
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Values of every `<meta>` by lower-cased name or property, in page order (`content`, or `value` as in the bioRxiv copy). */
export function readMeta(doc: Document): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const el of doc.querySelectorAll('meta')) {
    const key = (el.getAttribute('name') ?? el.getAttribute('property') ?? '').trim().toLowerCase();
    // The bioRxiv fixture was saved by a tool that renamed `content` to `value`.
    const value = el.getAttribute('content') ?? el.getAttribute('value');
    if (!key || value == null) continue;
    const list = meta.get(key);
    const clean = withoutScripts(value);
    if (list) list.push(clean);
    else meta.set(key, [clean]);
  }
  return meta;
}

export function firstMeta(meta: Map<string, string[]>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta.get(key)?.find((v) => v.trim() !== '');
    if (value != null) return value.trim();
  }
  return null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function isoParts(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(text: string): number {
  const n = Number(text);
  // Two-digit years only appear in old arXiv headings ("Tue, 22 Sep 26").
  return text.length === 2 ? 2000 + n : n;
}

/**
 * A calendar date `YYYY-MM-DD` from the ways pages write one: `2021/06/17`, `2024-07-31T17:54:27Z`,
 * `4 April 2022`, `2 December, 2025`, `December 2, 2025`, `Tuesday, 22 September 2026`, `22 Sep 26`.
 * Null for a year or a month alone: a date is never invented from less.
 */
export function isoDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(text);
  if (m) return isoParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4}|\d{2})\b/.exec(text);
  if (m) {
    const month = MONTHS[(m[2] as string).slice(0, 3).toLowerCase()];
    if (month) return isoParts(fullYear(m[3] as string), month, Number(m[1]));
  }
  m = /\b([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (m) {
    const month = MONTHS[(m[1] as string).slice(0, 3).toLowerCase()];
    if (month) return isoParts(Number(m[3]), month, Number(m[2]));
  }
  return null;
}

/** "Last, First" (Highwire, COinS and arXiv meta order) as the reader's "First Last"; other forms unchanged. */
export function readerName(raw: string): string {
  const text = collapse(raw);
  const parts = text.split(',');
  if (parts.length !== 2) return text;
  const [last, first] = parts.map((p) => p.trim()) as [string, string];
  // "Smith, Jr." is a suffix, not a given name.
  if (!first || !last || /^(jr|sr|ii|iii|iv)\.?$/i.test(first)) return text;
  return `${first} ${last}`;
}

/** Hrefs that name a paper on arXiv or Hugging Face, used to tell drift (links but no cards) from an empty page. */
const PAPER_LINK_SELECTOR =
  'a[href*="arxiv.org/abs/"], a[href*="arxiv.org/pdf/"], a[href^="/abs/"], a[href^="/pdf/"], a[href*="/papers/"]';

export function hasPaperLinks(scope: ParentNode, base: URL | string): boolean {
  for (const link of selectWithRoot(scope, PAPER_LINK_SELECTOR)) {
    if (arxivIdFromUrl(link.getAttribute('href') ?? '', String(base))) return true;
  }
  return false;
}

/** Elements in document order, each once. */
export function inDocumentOrder(elements: Iterable<Element>): Element[] {
  const unique = [...new Set(elements)];
  return unique.sort((a, b) => {
    if (a === b) return 0;
    // DOCUMENT_POSITION_FOLLOWING = 4: b comes after a.
    return a.compareDocumentPosition(b) & 4 ? -1 : 1;
  });
}

/**
 * Text from page JSON or attributes, where a tag is only characters: script and style blocks go whole
 * (the schema strips remaining tags but would keep a script's body as words).
 */
export function withoutScripts(text: string): string;
export function withoutScripts(text: string | null | undefined): string | null;
export function withoutScripts(text: string | null | undefined): string | null {
  if (text == null) return null;
  return text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
}
