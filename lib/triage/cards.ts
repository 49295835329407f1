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
};

/** Marks the element as a card and gives it the (empty) host of its strip. */
export function createCard(element: Element, record: PaperRecord, seq: number, styles: StripStyles): Card {
  const doc = element.ownerDocument;
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-paperlane-for', record.id);
  const shadow = host.attachShadow({ mode: 'open' });
  const mount = doc.createElement('div');
  shadow.append(mount);
  styles.apply(shadow);
  element.setAttribute('data-paperlane-id', record.id);
  element.append(host);
  const parts = partsOf(element).map((part) => ({ element: part, opacity: part.style.opacity }));
  return { element, record, host, mount, seq, parts, busy: false, error: null };
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
