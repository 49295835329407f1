/**
 * Relevance: every card shows how well it matches the library and why (the words that weighed most), scored in
 * the background; the page can be sorted by relevance and put back. Nothing is shown while the library holds
 * nothing the researcher kept: a score against nothing would mean nothing.
 */
import type { Feature } from '../manager';
import type { Card, TriagePage } from '../page';
import { later, onAbort } from '../signals';

type Score = { score: number; reasons: string[] };
/** Rescoring after the researcher's judgements changed waits this long for more of them. */
const RESCORE_MS = 1000;
/** Rescoring after the watchlist or the steering changed: the researcher waits on it, so short (issue 17: ≤ 1 s). */
export const STEER_MS = 150;

export function relevance(): Feature {
  return {
    id: 'relevance',
    start({ page, signal, fail }) {
      const scores = new Map<Card, Score>();
      let hasScores = false;
      let sorted = false;
      const slots = new Map<Node, Comment[]>();

      const sort = (on: boolean) => {
        sorted = on;
        sortCards(page, slots, on ? (card) => scores.get(card)?.score ?? -1 : null);
        page.redrawToolbar();
      };
      // Scorings can overlap (a pin, then a ban while the pin's is on its way) and answer in any order: only the
      // last one asked for is shown, or an earlier answer, from the settings before, would undo the later change.
      let latest = 0;
      const score = async () => {
        const cards = page.uniqueCards();
        if (cards.length === 0) return;
        const run = ++latest;
        try {
          // A 2,000-entry listing's text is megabytes to serialise on the page's main thread: not sent for nothing.
          const found = (await page.ask('page/canScore', null))
            ? await page.ask('page/relevance', {
                papers: cards.map((c) => ({
                  id: c.record.id,
                  title: c.record.title,
                  abstract: c.record.abstract,
                  // The watchlist matches followed authors by them (features/watchlist.ts names the match).
                  authors: c.record.authors,
                })),
              })
            : [];
          if (signal.aborted || run !== latest) return;
          const byId = new Map(found.map((s) => [s.id, s]));
          for (const card of page.cards) {
            const next = byId.get(card.record.id);
            // Only the strips whose badge changes are drawn again: none, on a page scored against nothing.
            if (!next && !scores.has(card)) continue;
            if (next) scores.set(card, { score: next.score, reasons: next.reasons });
            else scores.delete(card);
            page.redraw(card);
          }
          hasScores = found.length > 0;
          if (sorted) sort(true);
          page.redrawToolbar();
        } catch (error) {
          if (run === latest) fail(error);
        }
      };

      let cancelRescore = () => {};
      page.events.on(
        'library',
        (change) => {
          if (change.ids.length === 0 && !change.tags) return;
          cancelRescore();
          cancelRescore = later(signal, RESCORE_MS, () => void score());
        },
        signal,
      );
      // A follow, a pin, a ban, a forgotten paper or a reset (settings) reaches the page's scores in well under
      // a second: a short wait gathers a burst of clicks into one scoring.
      // Compared from the first scoring on: the page's settings may arrive after the features start (page.applyOpened).
      let steering = '';
      page.events.on(
        'settings',
        (settings) => {
          if (!page.isReady) return; // the first scoring, once the page is ready, reads them then
          const next = JSON.stringify([settings.watchlist, settings.relevanceProfile]);
          if (next === steering) return;
          steering = next;
          cancelRescore();
          cancelRescore = later(signal, STEER_MS, () => void score());
        },
        signal,
      );
      page.afterReady(signal, () => {
        steering = JSON.stringify([page.settings.watchlist, page.settings.relevanceProfile]);
        void score();
      });
      // Cards go back to the page's order, and the slot markers go, when triage stops.
      onAbort(signal, () => {
        if (sorted) sortCards(page, slots, null);
        for (const markers of slots.values()) for (const marker of markers) marker.remove();
        slots.clear();
      });

      page.addStripPart((card) => ({ state: { relevance: scores.get(card) ?? null } }), signal);
      page.addToolbarPart(
        () => ({
          state: { relevance: hasScores ? (sorted ? 'sorted' : 'original') : null },
          actions: { toggleSortByRelevance: () => sort(!sorted) },
        }),
        signal,
      );
    },
  };
}

/**
 * Reorders the cards by `key` (highest first) inside their own containers, or puts them back (`key` null). Cards
 * move as whole units (a <dt> with its <dd>; a card's wrapper that holds nothing else), into the slots cards held
 * before, so headings and other content between them stay where they were.
 */
function sortCards(page: TriagePage, slots: Map<Node, Comment[]>, key: ((card: Card) => number) | null): void {
  const units = page.cards.map((card) => ({ card, nodes: unitOf(card.element, page.cards) }));
  const byParent = new Map<Node, typeof units>();
  for (const unit of units) {
    const parent = unit.nodes[0]?.parentNode;
    if (!parent) continue;
    const list = byParent.get(parent) ?? [];
    list.push(unit);
    byParent.set(parent, list);
  }
  for (const [parent, group] of byParent) {
    if (group.length < 2) continue;
    if (!slots.has(parent)) {
      // A marker before each unit's first node remembers the slots cards occupy in this container.
      slots.set(
        parent,
        group.map((unit) => {
          const marker = page.doc.createComment('paperlane-slot');
          parent.insertBefore(marker, unit.nodes[0] ?? null);
          return marker;
        }),
      );
    }
    const markers = slots.get(parent) ?? [];
    const ordered = [...group].sort((a, b) => (key ? key(b.card) - key(a.card) : a.card.seq - b.card.seq));
    ordered.forEach((unit, i) => {
      const marker = markers[i];
      if (!marker) return;
      let after: Node = marker;
      for (const node of unit.nodes) {
        parent.insertBefore(node, after.nextSibling);
        after = node;
      }
    });
  }
  // Keyboard order (j / k) follows what the reader sees.
  page.sortByDocumentOrder();
}

/**
 * What moves when a card moves: its parts (a <dt> with its <dd>), or the highest wrapper around the card that
 * holds no other card, so that layout wrappers travel with their card.
 */
function unitOf(element: Element, cards: readonly { element: Element }[]): Node[] {
  if (element.localName === 'dt' && element.nextElementSibling?.localName === 'dd') {
    return [element, element.nextElementSibling];
  }
  let unit: Element = element;
  while (unit.parentElement && unit.parentElement !== unit.ownerDocument.body) {
    const parent: Element = unit.parentElement;
    if (cards.some((c) => c.element !== element && parent.contains(c.element))) break;
    unit = parent;
  }
  return [unit];
}
