/**
 * The import flow of the side panel: read a file, preview what it would change (merge or replace), and apply it,
 * planned again against the library as it is then. Nothing is written before `apply`.
 */
import { useState } from 'preact/hooks';
import type { ImportMode, ImportPreview } from '../lib/export/backup';
import { t } from '../lib/i18n';
import type { LibraryActions } from '../lib/views/actions';
import type { ImportRead } from '../lib/views/files';
import { importProgressStep } from '../lib/views/import-progress';
import { importComparingText, importDoneText, importWritingText } from '../lib/views/import-text';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';
import type { PanelWork } from './panel-work';

export type ImportFlow = ReturnType<typeof useImport>;

export function useImport(actions: LibraryActions, hooks: SidePanelHooks, work: PanelWork) {
  const [read, setRead] = useState<ImportRead | null>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [preview, setPreview] = useState<ImportPreview | null>(null);

  const cancel = () => {
    setRead(null);
    setPreview(null);
  };

  const readFile = (file: File) =>
    work.run(t('readingFile'), async (step) => {
      cancel();
      await step(t('importReadingFile', file.name));
      const found = await hooks.readImport(file, (progress) => {
        const shown = importProgressStep(progress, file.name);
        void step(shown.label, shown.done, shown.total);
      });
      setRead(found);
      if (!found.ok) return null;
      // A backup is most often restored whole; any other file is most often added to the library.
      const chosen: ImportMode = found.backup ? 'replace' : 'merge';
      setMode(chosen);
      await step(importComparingText(found.papers.length));
      setPreview(await hooks.planImport(found, chosen));
      return null;
    });

  const changeMode = (next: ImportMode) => {
    setMode(next);
    if (!read) return;
    void work.run(t('importComparing', ''), async (step) => {
      if (!read.ok) return null;
      await step(importComparingText(read.papers.length));
      setPreview(await hooks.planImport(read, next));
      return null;
    });
  };

  const apply = () => {
    if (!read?.ok || !preview) return;
    const previewed = preview;
    void work.run(t('importWriting'), async (step) => {
      // Planned again against the library as it is now: it may have changed since the preview was made.
      await step(importComparingText(read.papers.length));
      const fresh = await hooks.planImport(read, previewed.mode);
      const same = (['added', 'updated', 'unchanged', 'removed'] as const).every(
        (key) => fresh[key] === previewed[key],
      );
      if (!same) {
        setPreview(fresh);
        return { text: t('importPreviewChanged'), undo: null };
      }
      await step(importWritingText(fresh.result.papers.length));
      await actions.replace(fresh.result);
      cancel();
      return {
        text: importDoneText(fresh),
        undo: null,
      };
    });
  };

  return { read, mode, preview, readFile, changeMode, apply, cancel };
}
