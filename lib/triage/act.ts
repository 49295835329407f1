/**
 * Library actions on cards, shared by the features that offer them (a card's own buttons, the selection, a page
 * topic, the keyboard): each shows on its cards while it runs, reports its failure on them and in the toolbar,
 * and announces its undo.
 */
import { errorMessage } from '../errors';
import { t } from '../i18n';
import type { Card, TriagePage, Undoable } from './page';

/** Runs one library action for some cards, showing it on them and announcing its undo. */
export async function act(
  page: TriagePage,
  cards: Card[],
  label: string,
  run: () => Promise<Undoable['undo']>,
): Promise<boolean> {
  for (const card of cards) {
    card.busy = true;
    card.error = null;
    page.redraw(card);
  }
  try {
    const undo = await run();
    page.events.emit('undoable', { label, undo });
    await page.refreshStates(cards.map((c) => c.record.id));
    return true;
  } catch (error) {
    const message = t('actionFailed', errorMessage(error));
    for (const card of cards) card.error = message;
    page.status = { ...page.status, error: message, progress: null };
    return false;
  } finally {
    for (const card of cards) {
      card.busy = false;
      page.redraw(card);
    }
    page.redrawToolbar();
  }
}

/** Saves the cards, or unsaves them when every one is saved already. */
export async function toggleSave(page: TriagePage, cards: Card[]): Promise<void> {
  if (cards.every((c) => page.stateOf(c)?.saved)) {
    await act(page, cards, t('undoUnsave'), () =>
      page.ask('library/update', { ids: cards.map((c) => c.record.id), change: { saved: false } }),
    );
  } else {
    await act(page, cards, t('undoSave'), () => page.ask('library/save', { records: cards.map((c) => c.record) }));
  }
}

/** Dismisses the cards, or brings them back when every one is dismissed already. */
export async function toggleDismiss(page: TriagePage, cards: Card[]): Promise<void> {
  const allDismissed = cards.every((c) => page.stateOf(c)?.status === 'dismissed');
  await act(page, cards, t('undoDismiss'), () =>
    page.ask('library/updateFromRecords', {
      records: cards.map((c) => c.record),
      change: { status: allDismissed ? 'unread' : 'dismissed' },
    }),
  );
}

export async function changeTags(page: TriagePage, cards: Card[], add: string[], remove: string[]): Promise<void> {
  const ok = await act(page, cards, t('undoTag'), () =>
    page.ask('library/updateFromRecords', {
      records: cards.map((c) => c.record),
      change: { addTags: add, removeTags: remove },
    }),
  );
  if (ok && add.length) page.refreshTags();
}
