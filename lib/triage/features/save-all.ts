/** "Save all": saves every card on the page, in batches so that progress shows; all or nothing. */
import { errorMessage } from '../../errors';
import { t } from '../../i18n';
import { isTransient } from '../../messages/transport';
import type { Feature } from '../manager';
import type { TriagePage } from '../page';

const BATCH = 100;

export type SaveAll = Feature & {
  /** Saves the page's unsaved cards; resolves with how many were saved (0 when it failed and was undone). */
  run(): Promise<number>;
};

export function saveAll(): SaveAll {
  let current: TriagePage | null = null;
  const run = async (): Promise<number> => (current ? saveEvery(current) : 0);
  return {
    id: 'save-all',
    run,
    start({ page, signal }) {
      current = page;
      page.addToolbarPart(() => ({ actions: { saveAll: () => void run() } }), signal);
      signal.addEventListener('abort', () => {
        current = null;
      });
    },
  };
}

async function saveEvery(page: TriagePage): Promise<number> {
  const unsaved = page.uniqueCards().filter((c) => !page.stateOf(c)?.saved);
  const ids: string[] = [];
  const tokens: string[] = [];
  let done = 0;
  page.setStatus({ progress: { done, total: unsaved.length }, message: null, error: null });
  for (let i = 0; i < unsaved.length; i += BATCH) {
    const part = unsaved.slice(i, i + BATCH);
    try {
      const undo = await withRetry(() => page.ask('library/save', { records: part.map((c) => c.record) }));
      ids.push(...undo.ids);
      tokens.push(...undo.tokens);
    } catch (error) {
      // Put back what the earlier batches saved, so a failed bulk save leaves the library as it was.
      if (tokens.length) await page.ask('library/restore', { tokens }).catch(() => {});
      page.status = { progress: null, message: null, error: t('saveAllFailed', errorMessage(error)) };
      await page.refreshStates(unsaved.map((c) => c.record.id));
      return 0;
    }
    done += part.length;
    page.setStatus({ progress: { done, total: unsaved.length } });
  }
  page.events.emit('undoable', { label: t('undoSaveAll'), undo: { ids, tokens } });
  page.status = { progress: null, message: t('savedCount', done), error: null };
  await page.refreshStates(unsaved.map((c) => c.record.id));
  return done;
}

/**
 * Sends a message again when it was lost rather than refused: an MV3 service worker can be stopped between two
 * batches of a bulk save, and the next message starts it again. Saving is idempotent, so a batch that was
 * written but not acknowledged is safe to send twice.
 */
async function withRetry<T>(send: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
