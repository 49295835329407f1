/**
 * Keyboard triage: j / k move between cards, s saves, x dismisses, t and n open the tag and note editors, o opens
 * the paper, ? shows the keys (each key can be changed in the side panel's settings). Keys the site uses while the
 * reader types, or with a modifier, stay the site's (lib/triage/keys.ts).
 */
import { toggleDismiss, toggleSave } from '../act';
import { actionForKey } from '../keys';
import type { Feature } from '../manager';

export function keyboardTriage(): Feature {
  return {
    id: 'keyboard-triage',
    start({ page, signal }) {
      let focusIndex = -1;
      let helpOpen = false;

      const moveFocus = (index: number) => {
        const previous = page.cards[focusIndex];
        focusIndex = Math.max(0, Math.min(page.cards.length - 1, index));
        const card = page.cards[focusIndex];
        if (previous) page.redraw(previous);
        if (!card) return;
        // Drawn now, placeholder or not: the reader is moving to it (lib/triage/page.ts, drawNearScreen).
        page.show(card);
        card.element.scrollIntoView({ block: 'center', behavior: 'auto' });
      };
      const setHelp = (open: boolean) => {
        helpOpen = open;
        page.redrawToolbar();
      };

      const onKeyDown = (event: KeyboardEvent) => {
        const action = actionForKey(event, page.settings.keys);
        if (!action || page.cards.length === 0) return;
        const card = page.cards[focusIndex];
        switch (action) {
          case 'next':
          case 'previous':
            moveFocus(focusIndex < 0 ? 0 : focusIndex + (action === 'next' ? 1 : -1));
            break;
          case 'save':
            if (!card) return;
            void toggleSave(page, [card]);
            break;
          case 'dismiss':
            if (!card) return;
            void toggleDismiss(page, [card]);
            break;
          case 'tag':
          case 'note':
            if (!card) return;
            page.events.emit('edit', { card, editor: action });
            break;
          case 'open': {
            if (!card) return;
            const href = card.record.url ?? card.record.pdfUrl;
            if (href) window.open(href, '_blank', 'noopener');
            break;
          }
          case 'help':
            setHelp(!helpOpen);
            break;
        }
        event.preventDefault();
      };
      // Keys work once every card has its strip, as the cards they move between.
      page.afterReady(signal, () => page.doc.addEventListener('keydown', onKeyDown, { signal }));

      page.addStripPart((card) => ({ state: { focused: page.cards[focusIndex] === card } }), signal);
      page.addToolbarPart(
        () => ({
          state: { help: helpOpen ? page.settings.keys : null },
          actions: { closeHelp: () => setHelp(false) },
        }),
        signal,
      );
    },
  };
}
