/**
 * An import with its preview, on its own: choose a file, see what it would change (merge or replace), confirm.
 * The same steps as the side panel's settings (read and plan in the import worker, planned again against the
 * library as it is at the moment of writing) and the same preview (SettingsView's ImportSection), for views that
 * hold no side panel state: the welcome page. Pure view: reading, planning and writing come in as functions.
 */
import { useState } from 'preact/hooks';
import type { LibraryContents } from '../lib/db/library';
import type { ImportMode, ImportPreview } from '../lib/export/backup';
import { t } from '../lib/i18n';
import type { ImportRead } from '../lib/views/files';
import { importComparingText, importDoneText } from '../lib/views/import-text';
import { ImportFileButton, ImportSection } from './SettingsView';

export type ImportFlowProps = {
  readImport(file: File): Promise<ImportRead>;
  planImport(read: Extract<ImportRead, { ok: true }>, mode: ImportMode): Promise<ImportPreview>;
  replace(contents: LibraryContents): Promise<void>;
};

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function ImportFlow(props: ImportFlowProps) {
  const [read, setRead] = useState<ImportRead | null>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const step = async (label: string, work: () => Promise<string | null>) => {
    setBusy(label);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
    } catch (e) {
      setError(t('actionFailed', messageOf(e)));
    } finally {
      setBusy(null);
    }
  };

  const plan = (file: Extract<ImportRead, { ok: true }>, chosen: ImportMode) =>
    step(importComparingText(file.papers.length), async () => {
      setPreview(await props.planImport(file, chosen));
      return null;
    });

  return (
    <div class="import-flow">
      <ImportFileButton
        busy={busy !== null}
        onImportFile={(file) =>
          void step(t('importReadingFile', file.name), async () => {
            setRead(null);
            setPreview(null);
            const result = await props.readImport(file);
            setRead(result);
            if (!result.ok) return null;
            // A backup is most often restored whole; any other file is most often added to the library.
            const chosen: ImportMode = result.backup ? 'replace' : 'merge';
            setMode(chosen);
            setPreview(await props.planImport(result, chosen));
            return null;
          })
        }
      />
      <ImportSection
        busy={busy !== null}
        importRead={read}
        importMode={mode}
        importPreview={preview}
        onImportMode={(chosen) => {
          setMode(chosen);
          if (read?.ok) void plan(read, chosen);
        }}
        onImportCancel={() => {
          setRead(null);
          setPreview(null);
        }}
        onImportApply={() => {
          if (!read?.ok || !preview) return;
          void step(t('importWriting'), async () => {
            // Planned again: the library may have changed since the preview was made.
            const fresh = await props.planImport(read, preview.mode);
            const same = (['added', 'updated', 'unchanged', 'removed'] as const).every((k) => fresh[k] === preview[k]);
            if (!same) {
              setPreview(fresh);
              return t('importPreviewChanged');
            }
            await props.replace(fresh.result);
            setRead(null);
            setPreview(null);
            return importDoneText(fresh);
          });
        }}
      />
      <div aria-live="polite">
        {busy && (
          <p class="muted" role="status">
            {busy}
          </p>
        )}
        {done && (
          <p role="status" data-testid="import-done">
            {done}
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
