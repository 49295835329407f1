/** "New": a card whose paper the library has never seen anywhere (no sighting before this visit). */
import type { Feature } from '../manager';
import type { Card } from '../page';

export type NewSinceVisit = Feature & { isNew(card: Card): boolean };

export function newSinceVisit(): NewSinceVisit {
  const fresh = new WeakSet<Card>();
  return {
    id: 'new-since-visit',
    isNew: (card) => fresh.has(card),
    start({ page, signal }) {
      const mark = (card: Card, lastSeenAt: number | null | undefined) => {
        if (lastSeenAt) fresh.delete(card);
        else fresh.add(card);
      };
      // Cards of the first pass adopted once the page's states are read know theirs; the cards on screen, drawn
      // before (page.statesRead), and cards found later wait for theirs.
      page.events.on(
        'cards',
        (cards) => {
          if (page.isReady || !page.statesRead) return;
          for (const card of cards) mark(card, page.stateOf(card)?.lastSeenAt);
        },
        signal,
      );
      page.events.on(
        'states',
        ({ ids, states, first }) => {
          if (!first) return;
          for (const id of ids) for (const card of page.byId.get(id) ?? []) mark(card, states[id]?.lastSeenAt);
        },
        signal,
      );
      page.addStripPart((card) => ({ state: { isNew: fresh.has(card) } }), signal);
    },
  };
}
