/**
 * The side panel's work and its status line: every change runs through `run`, which shows progress when it takes
 * long, then a notice (with its undo when it has one) or the failure. Shared by every tab; the shell shows it.
 */
import { useState } from 'preact/hooks';
import type { UndoTicket } from '../lib/db/library';
import { errorMessage } from '../lib/errors';
import type { PaperGroup } from '../lib/export/markdown';
import { t } from '../lib/i18n';
import type { LibraryActions, PaperChange } from '../lib/views/actions';
import type { PaperExportFormat } from '../lib/views/files';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';

/** Work that takes longer than this shows progress. */
const PROGRESS_AFTER_MS = 500;

export type Notice = { text: string; undo: UndoTicket | null };
type Busy = { label: string; done?: number; total?: number };
/** Names a stage of long work and lets the page paint it before the next (possibly synchronous) step. */
export type Step = (label: string, done?: number, total?: number) => Promise<void>;

const nextPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export type PanelWork = ReturnType<typeof usePanelWork>;

export function usePanelWork(actions: LibraryActions, hooks: SidePanelHooks) {
  const [busy, setBusy] = useState<Busy | null>(null);
  const [showBusy, setShowBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (label: string, work: (step: Step) => Promise<Notice | null>) => {
    setBusy({ label });
    setError(null);
    setNotice(null);
    const timer = setTimeout(() => setShowBusy(true), PROGRESS_AFTER_MS);
    // Named stages are shown at once: they only come from work that may take long (files, imports, exports).
    const step: Step = async (stepLabel, done, total) => {
      setBusy({ label: stepLabel, ...(done === undefined ? {} : { done }), ...(total === undefined ? {} : { total }) });
      setShowBusy(true);
      await nextPaint();
    };
    try {
      setNotice(await work(step));
    } catch (e) {
      setError(t('actionFailed', errorMessage(e)));
    } finally {
      clearTimeout(timer);
      setShowBusy(false);
      setBusy(null);
    }
  };

  const update = (ids: readonly string[], change: PaperChange, done: string) =>
    run(t('working'), async () => ({ text: done, undo: await actions.update(ids, change) }));

  const exportPapers = (
    ids: readonly string[],
    format: PaperExportFormat,
    name: string | null,
    groups?: PaperGroup[],
  ) =>
    run(t('exporting'), async (step) => {
      const total = ids.length;
      await step(t('exportingCount', total.toLocaleString()), 0, total);
      await hooks.exportPapers({
        ids,
        format,
        name,
        ...(groups ? { groups } : {}),
        onProgress: (done) => void step(t('exportingCount', total.toLocaleString()), done, total),
      });
      return { text: t('exported', total.toLocaleString()), undo: null };
    });

  const undo = (u: UndoTicket) =>
    run(t('working'), async () => {
      await actions.restore(u);
      return { text: t('undoneChange'), undo: null };
    });

  return { busy, showBusy, notice, error, setNotice, setError, run, update, exportPapers, undo, isBusy: busy !== null };
}

/** The status line: progress of long work, the last notice with its undo, the last failure. */
export function StatusLine({ work }: { work: PanelWork }) {
  const { busy, showBusy, notice, error } = work;
  return (
    <div class="notices" aria-live="polite">
      {busy && showBusy && (
        <p class="busy" role="status">
          <span class="spinner" aria-hidden="true" /> {busy.label}
          {busy.total !== undefined && busy.total > 0 && (
            <progress max={busy.total} value={busy.done ?? 0} aria-label={busy.label} />
          )}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice.text}
          {notice.undo && (
            <button type="button" disabled={busy !== null} onClick={() => notice.undo && void work.undo(notice.undo)}>
              {t('undoAction')}
            </button>
          )}
          <button type="button" class="link" aria-label={t('dismissNotice')} onClick={() => work.setNotice(null)}>
            ×
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
          <button type="button" class="link" aria-label={t('dismissNotice')} onClick={() => work.setError(null)}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
