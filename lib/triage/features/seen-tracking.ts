/**
 * Seen tracking: a card counts as seen once half of it has been on screen; seen cards are recorded (a sighting
 * with the page, the date and the votes then) in batches. A batch that fails is tried again when next on screen.
 */
import type { Feature } from '../manager';
import type { Card } from '../page';
import { later, onAbort } from '../signals';

const FLUSH_MS = 250;

export function seenTracking(): Feature {
  return {
    id: 'seen-tracking',
    start({ page, signal, fail }) {
      const seen = new WeakSet<Card>();
      let queue: Card[] = [];
      let flushing = false;

      const flush = () => {
        flushing = false;
        const cards = queue.splice(0);
        if (cards.length === 0) return;
        page.ask('page/cardsSeen', { records: cards.map((c) => c.record) }).catch((error: unknown) => {
          for (const card of cards) seen.delete(card); // try again when next on screen
          fail(error);
        });
      };
      const onIntersect = (entries: IntersectionObserverEntry[], observer: IntersectionObserver) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const card = page.byElement.get(entry.target);
          if (!card || seen.has(card)) continue;
          seen.add(card);
          observer.unobserve(entry.target);
          queue.push(card);
        }
        if (queue.length && !flushing) {
          flushing = true;
          later(signal, FLUSH_MS, flush);
        }
      };

      // Starts once every strip is there: the browser checks each observed card in every frame, which on a
      // 2,000-entry listing costs as much as the strips themselves while they are being added.
      page.afterReady(signal, () => {
        const observer = new IntersectionObserver(onIntersect, { threshold: 0.5 });
        onAbort(signal, () => {
          observer.disconnect();
          queue = [];
        });
        for (const card of page.cards) if (!seen.has(card)) observer.observe(card.element);
        page.events.on(
          'cards',
          (added) => {
            for (const card of added) observer.observe(card.element);
          },
          signal,
        );
      });
    },
  };
}
