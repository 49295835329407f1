import { browser } from 'wxt/browser';

/**
 * MathJax 3 replaces each formula of a page with an `mjx-container` and keeps its TeX only in the page's own memory
 * (`MathJax.startup.document.math`: each item's `math`, its delimiters in `start.delim` / `end.delim`, and the
 * container as `typesetRoot`). An extension's isolated world cannot see that object, so before a scan this runs in
 * the page's world and copies each formula's TeX, delimiters as written, onto its container as
 * `data-paperlane-tex`; the adapters' text reader (lib/adapters/dom.ts) reads it there and never the glyphs.
 *
 * Runs in the page: it must be self-contained (serialised by `executeScript`), read nothing but MathJax's list,
 * write nothing but that one attribute, and return only a count. A page that fakes `MathJax` gains nothing: the
 * attribute is page text like any other and is cleaned by the schemas.
 */
export function copyMathJaxSources(): number {
  if (!document.querySelector('mjx-container')) return 0;
  type Item = {
    math?: unknown;
    display?: unknown;
    typesetRoot?: unknown;
    start?: { delim?: unknown };
    end?: { delim?: unknown };
  };
  const doc = (globalThis as { MathJax?: { startup?: { document?: { math?: Iterable<Item> } } } }).MathJax?.startup
    ?.document;
  const list = doc?.math;
  if (!list || typeof (list as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return 0;
  let copied = 0;
  for (const item of list) {
    const root = item.typesetRoot;
    if (!(root instanceof Element) || typeof item.math !== 'string') continue;
    const fallback = item.display === true ? '$$' : '$';
    const open = typeof item.start?.delim === 'string' && item.start.delim ? item.start.delim : fallback;
    const close = typeof item.end?.delim === 'string' && item.end.delim ? item.end.delim : fallback;
    root.setAttribute('data-paperlane-tex', `${open}${item.math}${close}`);
    copied++;
  }
  return copied;
}

/**
 * Copies MathJax 3's formula sources in one frame of a tab before it is scanned. Best effort: a browser without
 * `world: 'MAIN'` (Firefox before 128) or a page that forbids it leaves the formulas out of the text, never their
 * glyphs in. On-page triage asks for it (page/markMath) only when it finds MathJax 3's containers on the page:
 * every other page is spared the round trip before its strips.
 */
export async function markMathSources(target: { tabId: number; frameIds?: number[] }): Promise<number> {
  try {
    const [done] = await browser.scripting.executeScript({ target, world: 'MAIN', func: copyMathJaxSources });
    return typeof done?.result === 'number' ? done.result : 0;
  } catch (error) {
    console.debug('[paperlane] could not read the page’s typeset formulas', error);
    return 0;
  }
}
