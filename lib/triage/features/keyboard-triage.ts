/**
 * Keyboard triage: j / k move between cards, s saves, x dismisses, t and n open the tag and note editors, o opens
 * the paper, ? shows the keys (each key can be changed in the side panel's settings). Keys the site uses while the
 * reader types, or with a modifier, stay the site's (lib/triage/keys.ts).
 */
import { toggleDismiss, toggleSave } from '../act';
import type { Card } from '../cards';
import { actionForKey } from '../keys';
import type { Feature } from '../manager';

export function keyboardTriage(): Feature {
  return {
    id: 'keyboard-triage',
    start({ page, signal }) {
      // The card itself, not its index: cards found later (off screen, or added by the site) are sorted in before it.
      let focused: Card | null = null;
      let helpOpen = false;

      const moveFocus = (index: number) => {
        const previous = focused;
        const card = page.cards[Math.max(0, Math.min(page.cards.length - 1, index))];
        focused = card ?? null;
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
        // A card the site removed is no longer one to act on.
        const at = focused ? page.cards.indexOf(focused) : -1;
        const card = at < 0 ? undefined : (focused ?? undefined);
        switch (action) {
          case 'next':
          case 'previous':
            moveFocus(at < 0 ? 0 : at + (action === 'next' ? 1 : -1));
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
      // Keys work from the first strip on: the reader may press j before the cards off screen are all found, and
      // j / k move between the cards found so far (a card is drawn as focus reaches it).
      page.doc.addEventListener('keydown', onKeyDown, { signal });

      page.addStripPart((card) => ({ state: { focused: focused === card } }), signal);
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
