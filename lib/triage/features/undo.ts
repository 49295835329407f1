/** Undo of the last action on the page (a save, a dismissal, tags, a note, save all), from the toolbar. */
import { t } from '../../i18n';
import type { Feature } from '../manager';
import type { Undoable } from '../page';

export function undo(): Feature {
  return {
    id: 'undo',
    start({ page, signal }) {
      let last: Undoable | null = null;
      page.events.on(
        'undoable',
        (done) => {
          last = done;
        },
        signal,
      );
      const run = async () => {
        const undoing = last;
        if (!undoing) return;
        last = null;
        try {
          await page.ask('library/restore', { tokens: undoing.undo.tokens });
          page.status = { progress: null, message: t('undone', undoing.label), error: null };
          await page.refreshStates(undoing.undo.ids);
        } catch (error) {
          page.setStatus({ progress: null, message: null, error: t('actionFailed', String(error)) });
        }
      };
      page.addToolbarPart(
        () => ({ state: { undoLabel: last?.label ?? null }, actions: { undo: () => void run() } }),
        signal,
      );
    },
  };
}
