/**
 * The entries of an import file that cannot come in, under its preview: each with its number, line and reason
 * ("entry 12, line 240: no title"), the first MAX_ERRORS of them, then how many more. The rest of the file is
 * imported; this list says what is left out before the person confirms.
 */
import { MAX_ERRORS } from '../lib/export/import-result';
import { t } from '../lib/i18n';
import { describeImportError, type ImportRead } from '../lib/views/files';

export function ImportSkipped({ read }: { read: Extract<ImportRead, { ok: true }> }) {
  if (read.skippedCount === 0) return null;
  const shown = read.skipped.slice(0, MAX_ERRORS);
  return (
    <div class="warning import-skipped" data-testid="import-skipped">
      <p>{read.skippedCount === 1 ? t('importSkippedOne') : t('importSkipped', read.skippedCount.toLocaleString())}</p>
      <ul>
        {shown.map((e, i) => (
          <li key={i}>{describeImportError(e)}</li>
        ))}
      </ul>
      {read.skippedCount > shown.length && (
        <p>{t('importMoreSkipped', (read.skippedCount - shown.length).toLocaleString())}</p>
      )}
    </div>
  );
}
