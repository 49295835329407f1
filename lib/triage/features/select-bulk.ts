/** Select mode: a checkbox on every card (shift-click selects a range), and save, dismiss or tag the selection. */
import { changeTags, toggleDismiss, toggleSave } from '../act';
import type { Feature } from '../manager';
import type { Card } from '../page';

export function selectBulk(): Feature {
  return {
    id: 'select-bulk',
    start({ page, signal }) {
      let selecting = false;
      const selected = new Set<Card>();
      let lastSelected: Card | null = null;

      const toggleSelect = (card: Card, shift: boolean) => {
        if (shift && lastSelected) {
          const from = page.cards.indexOf(lastSelected);
          const to = page.cards.indexOf(card);
          const [lo, hi] = from < to ? [from, to] : [to, from];
          for (const c of page.cards.slice(lo, hi + 1)) selected.add(c);
        } else if (selected.has(card)) selected.delete(card);
        else selected.add(card);
        lastSelected = card;
        page.redrawAll();
      };
      const setSelecting = (on: boolean) => {
        selecting = on;
        if (!on) selected.clear();
        page.redrawAll();
      };

      page.addStripPart(
        (card) => ({
          state: { selecting, selected: selected.has(card) },
          actions: { toggleSelect: (shift) => toggleSelect(card, shift) },
        }),
        signal,
      );
      page.addToolbarPart(
        () => ({
          state: { selecting, selected: selected.size },
          actions: {
            toggleSelecting: () => setSelecting(!selecting),
            saveSelected: () => void toggleSave(page, [...selected]),
            dismissSelected: () => void toggleDismiss(page, [...selected]),
            tagSelected: (tag) => void changeTags(page, [...selected], [tag], []),
          },
        }),
        signal,
      );
    },
  };
}
