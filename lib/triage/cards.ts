/**
 * A card of the page model: the page's element for one paper, with the shadow-root host of its strip. Creating
 * one marks the page (`data-paperlane-id`, a `paperlane-strip` host); `unmarkCard` takes every mark away.
 */
import type { PaperRecord } from '../paper/schema';

export const HOST_TAG = 'paperlane-strip';

export type Card = {
  readonly element: Element;
  readonly record: PaperRecord;
  readonly host: HTMLElement;
  readonly mount: HTMLElement;
  /** Order of adoption: the page's own order, to put cards back after sorting. */
  readonly seq: number;
  /** The elements that show the card (with their own opacity, restored on stop): dimmed or hidden together. */
  readonly parts: readonly { element: HTMLElement; opacity: string }[];
  /** A library action on this card is running, or failed: every feature that acts on cards shows it here. */
  busy: boolean;
  error: string | null;
  /**
   * Whether its strip has been drawn. A card far from the screen on a long listing has only the empty host, a
   * placeholder marked `data-paperlane-placeholder`, until it nears the screen (issue 19).
   */
  drawn: boolean;
};

/** The attribute of a strip's host that is still a placeholder. */
export const PLACEHOLDER = 'data-paperlane-placeholder';

/**
 * Marks the element as a card and gives it the (empty) host of its strip. A `placeholder` host is hidden and has no
 * shadow root yet (`openHost` gives it one when its strip is first drawn): 2,000 of them cost the page a style
 * pass, not a layout and paint of 2,000 boxes (bench/triage.bench.ts, traced).
 */
export function createCard(
  element: Element,
  record: PaperRecord,
  seq: number,
  styles: StripStyles,
  placeholder = false,
): Card {
  const doc = element.ownerDocument;
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-paperlane-for', record.id);
  const mount = doc.createElement('div');
  if (placeholder) {
    host.setAttribute(PLACEHOLDER, '');
    host.style.display = 'none';
  } else openHost(host, mount, styles);
  element.setAttribute('data-paperlane-id', record.id);
  element.append(host);
  const parts = partsOf(element).map((part) => ({ element: part, opacity: part.style.opacity }));
  return { element, record, host, mount, seq, parts, busy: false, error: null, drawn: !placeholder };
}

/** Turns a placeholder host into the strip's: its shadow root, with the mount and the strips' style sheet. */
export function openHost(host: HTMLElement, mount: HTMLElement, styles: StripStyles): void {
  if (host.shadowRoot) return;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(mount);
  styles.apply(shadow);
  host.removeAttribute(PLACEHOLDER);
  host.style.removeProperty('display');
  if (host.getAttribute('style') === '') host.removeAttribute('style');
}

export function unmarkCard(card: Card): void {
  card.host.remove();
  card.element.removeAttribute('data-paperlane-id');
  for (const part of card.parts) {
    part.element.style.opacity = part.opacity;
    part.element.style.removeProperty('display');
  }
}

/**
 * One constructed stylesheet shared by every strip: parsing the CSS once instead of once per card is what
 * keeps 2,000 strips cheap. Where a browser will not adopt a sheet made in the content script's world
 * (older Firefox), each strip gets its own <style>.
 */
export class StripStyles {
  private sheet: CSSStyleSheet | null | false = null;
  constructor(private readonly css: string) {}

  apply(shadow: ShadowRoot): void {
    if (this.sheet !== false) {
      try {
        if (!this.sheet) {
          this.sheet = new CSSStyleSheet();
          this.sheet.replaceSync(this.css);
        }
        shadow.adoptedStyleSheets = [this.sheet];
        return;
      } catch {
        this.sheet = false;
      }
    }
    const style = shadow.ownerDocument.createElement('style');
    style.textContent = this.css;
    shadow.prepend(style);
  }
}

/**
 * The elements that make up a card on screen. In a description list (arXiv listings) the card is the <dt> and its
 * description, the <dd> after it, belongs to it: dimming one without the other would dim only the id line.
 */
export function partsOf(element: Element): HTMLElement[] {
  const parts = [element as HTMLElement];
  if (element.localName === 'dt') {
    const next = element.nextElementSibling;
    if (next?.localName === 'dd') parts.push(next as HTMLElement);
  }
  return parts;
}

const follows = (a: Card, b: Card) =>
  (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

/** True when the last `count` cards all follow, in order, every card before them. */
export function inPageOrder(cards: readonly Card[], count: number): boolean {
  for (let i = Math.max(1, cards.length - count); i < cards.length; i++) {
    const a = cards[i - 1];
    const b = cards[i];
    if (a && b && !follows(a, b)) return false;
  }
  return true;
}

export function sortByDocumentOrder(cards: Card[]): void {
  cards.sort((a, b) => (a.element === b.element ? 0 : follows(a, b) ? -1 : 1));
}

/** How far beyond the screen, above and below, a card counts as near it: its strip is drawn before it shows. */
export const NEAR_SCREEN = '50%';

/**
 * The places (indices into `elements`, which are in page order) of the cards on screen or about to be: those whose
 * box meets the window stretched by half its height above and below. Found by bisection on the boxes' tops, which
 * grow with page order in a listing, so that a 2,000-entry page reads a few dozen boxes, not 2,000; where the
 * boxes say nothing (no layout, cards hidden), the first screenful by count.
 */
export function placesNearScreen(
  elements: readonly Element[],
  win: Pick<Window, 'innerHeight'>,
  fallback = 12,
): number[] {
  const height = win.innerHeight;
  const margin = height / 2;
  const box = (i: number) => (elements[i] as Element).getBoundingClientRect();
  // The first card whose bottom is below the top of the stretched window.
  let lo = 0;
  let hi = elements.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (box(mid).bottom < -margin) lo = mid + 1;
    else hi = mid;
  }
  const places: number[] = [];
  // At most a few hundred boxes: a listing not laid out top to bottom, or not laid out at all, stops here too.
  for (let i = lo; i < elements.length && i < lo + 400; i++) {
    const rect = box(i);
    if (rect.top > height + margin) break;
    if (rect.height > 0 || rect.width > 0) places.push(i);
  }
  if (places.length > 0) return places;
  const from = Math.min(lo, Math.max(0, elements.length - fallback));
  return elements.slice(from, from + fallback).map((_, i) => from + i);
}
