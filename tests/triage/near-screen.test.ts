/**
 * Long listings (issue 19): the cards near the screen are found by bisection, and on a page that draws strips only
 * near the screen every other card is marked with a placeholder host that becomes its strip as it nears the screen.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_TAG, PLACEHOLDER, placesNearScreen } from '../../lib/triage/cards';
import { hideDismissed } from '../../lib/triage/features/hide-dismissed';
import { handmadeListing, handmadePage, idOf, state } from './handmade';

type Callback = (entries: Partial<IntersectionObserverEntry>[], observer: IntersectionObserver) => void;

class FakeObserver {
  readonly observed = new Set<Element>();
  constructor(
    readonly callback: Callback,
    readonly options: IntersectionObserverInit,
  ) {
    observers.push(this);
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  /** The browser says these elements came near the screen. */
  near(...elements: Element[]) {
    this.callback(
      elements.map((target) => ({ target, isIntersecting: true })),
      this as unknown as IntersectionObserver,
    );
  }
}
const observers: FakeObserver[] = [];

afterEach(() => {
  observers.length = 0;
  vi.unstubAllGlobals();
});

/** Cards 100 px tall, one under the other, the window `scroll` px down the page. */
function laidOut(count: number, scroll: number): Element[] {
  const cards = handmadeListing(document, count).map((c) => c.element);
  const reads: number[] = [];
  cards.forEach((card, i) => {
    card.getBoundingClientRect = () => {
      reads.push(i);
      const top = i * 100 - scroll;
      return { top, bottom: top + 100, height: 100, width: 500, left: 0, right: 500, x: 0, y: top } as DOMRect;
    };
  });
  return Object.assign(cards, { reads });
}

describe('placesNearScreen', () => {
  it('finds the cards on screen and half a screen around it by bisection, reading few boxes', () => {
    const cards = laidOut(2000, 50_010) as Element[] & { reads: number[] };
    // A window 800 px high at 50,010 px, stretched by 400 px above and below: 49,610 to 51,210, cards 496 to 512.
    expect(placesNearScreen(cards, { innerHeight: 800 })).toEqual(Array.from({ length: 17 }, (_, i) => 496 + i));
    expect(cards.reads.length).toBeLessThan(40);
  });

  it('takes the first cards by count where the boxes say nothing (no layout)', () => {
    const cards = handmadeListing(document, 30).map((c) => c.element);
    expect(placesNearScreen(cards, { innerHeight: 800 }, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});

describe('strips drawn near the screen (TriagePage.drawNearScreen)', () => {
  it('marks every card with a placeholder, draws it as it nears the screen, and hides or dims it all the same', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const dismissed = idOf(3);
    const h = handmadePage({
      cards: 6,
      states: { [dismissed]: state(dismissed, { status: 'dismissed' }) },
      settings: { hideDismissed: true },
    });
    h.page.drawNearScreen();
    h.start(hideDismissed());
    const observer = observers[0];
    if (!observer) throw new Error('no observer');
    expect(observer.options.rootMargin).toBe('50% 0px');
    // Every card is annotated: its id, and a hidden placeholder host with no shadow root yet.
    for (let i = 0; i < 6; i++) {
      const card = h.card(i);
      expect(card.element.getAttribute('data-paperlane-id')).toBe(idOf(i));
      const host = card.element.querySelector(HOST_TAG) as HTMLElement;
      expect(host.hasAttribute(PLACEHOLDER)).toBe(true);
      expect(host.style.display).toBe('none');
      expect(host.shadowRoot).toBeNull();
      expect(observer.observed.has(card.element)).toBe(true);
      expect(() => h.strip(i)).toThrow('has no strip');
    }
    // The dismissed card is hidden although its strip was never drawn.
    expect((h.card(3).element as HTMLElement).style.display).toBe('none');

    observer.near(h.card(1).element, h.card(2).element);
    for (const i of [1, 2]) {
      const host = h.card(i).host;
      expect(host.hasAttribute(PLACEHOLDER)).toBe(false);
      expect(host.style.display).toBe('');
      expect(host.shadowRoot?.firstChild).toBe(h.card(i).mount);
      expect(h.strip(i).title).toBe(`Paper ${i}`);
      expect(observer.observed.has(h.card(i).element)).toBe(false);
    }
    expect(() => h.strip(0)).toThrow('has no strip');
    // A card the reader acts on (the keyboard moves to it) is drawn at once.
    h.page.show(h.card(5));
    expect(h.strip(5).title).toBe('Paper 5');
    // Stopping removes placeholders and strips alike.
    h.life.abort();
    expect(document.querySelectorAll(`${HOST_TAG}, [data-paperlane-id]`)).toHaveLength(0);
  });

  it('draws every strip at once where the page does not ask for placeholders', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const h = handmadePage({ cards: 3 }).start();
    expect(observers).toHaveLength(0);
    for (let i = 0; i < 3; i++) expect(h.strip(i).title).toBe(`Paper ${i}`);
  });
});
