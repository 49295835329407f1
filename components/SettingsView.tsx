/**
 * Settings: theme, the triage keys, sites on or off, backup, and import (a backup, BibTeX, RIS or CSL-JSON file)
 * with a preview of what would change, merge or replace, before anything is written. Pure view; the parent reads
 * the file and plans the import.
 */
import { useState } from 'preact/hooks';
import type { ImportMode, ImportPreview } from '../lib/export/backup';
import type { ImportFormat } from '../lib/export/import-file';
import { t } from '../lib/i18n';
import type { KeyBindings, Settings } from '../lib/settings';
import { TRIAGE_KEYS } from '../lib/triage/keys';
import { DIGEST_SITES } from '../lib/views/annotated-sites';
import { describeImportError, type ImportRead } from '../lib/views/files';
import { importCountsText } from '../lib/views/import-text';
import { ImportSkipped } from './ImportSkipped';

export type SettingsViewProps = {
  settings: Settings;
  busy: boolean;
  importRead: ImportRead | null;
  importMode: ImportMode;
  importPreview: ImportPreview | null;
  onChange(patch: Partial<Settings>): void;
  onBackup(): void;
  onImportFile(file: File): void;
  onImportMode(mode: ImportMode): void;
  onImportApply(): void;
  onImportCancel(): void;
};

const ERRORS_SHOWN = 20;
function importFormatName(format: ImportFormat): string {
  switch (format) {
    case 'backup':
      return t('formatBackup');
    case 'bibtex':
      return t('formatBibtex');
    case 'ris':
      return t('formatRis');
    case 'csl-json':
      return t('formatCslJson');
    case 'jsonl':
      return t('formatJsonl');
  }
}

export function SettingsView(props: SettingsViewProps) {
  const { settings } = props;
  const [keyError, setKeyError] = useState<string | null>(null);
  const setKey = (action: keyof KeyBindings, raw: string) => {
    const key = raw.trim();
    if (key.length !== 1) return setKeyError(t('keyMustBeOne'));
    const clash = TRIAGE_KEYS.find(([other]) => other !== action && settings.keys[other] === key);
    if (clash) return setKeyError(t('keyInUse', key, t(clash[1])));
    setKeyError(null);
    props.onChange({ keys: { ...settings.keys, [action]: key } });
  };
  return (
    <section class="settings" aria-label={t('settings')}>
      <h2>{t('settings')}</h2>
      <fieldset>
        <legend>{t('theme')}</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme} class="inline">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.theme === theme}
              onChange={() => props.onChange({ theme })}
            />
            {theme === 'system' ? t('themeSystem') : theme === 'light' ? t('themeLight') : t('themeDark')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('keyboardShortcuts')}</legend>
        <div class="keys">
          {TRIAGE_KEYS.map(([action, label]) => (
            <label key={action}>
              <span>{t(label)}</span>
              <input
                class="key-input"
                value={settings.keys[action]}
                maxLength={1}
                aria-label={t(label)}
                onChange={(e) => setKey(action, (e.currentTarget as HTMLInputElement).value)}
              />
            </label>
          ))}
        </div>
        {keyError && (
          <p class="error" role="alert">
            {keyError}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('sitesHeading')}</legend>
        {DIGEST_SITES.map((site) => (
          <label key={site.id} class="inline">
            <input
              type="checkbox"
              checked={!settings.disabledSites.includes(site.id)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                const others = settings.disabledSites.filter((id) => id !== site.id);
                props.onChange({ disabledSites: on ? others : [...others, site.id] });
              }}
            />
            {t('annotateSite', site.name)}
          </label>
        ))}
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.hideDismissed}
            onChange={(e) => props.onChange({ hideDismissed: (e.currentTarget as HTMLInputElement).checked })}
          />
          {t('hideDismissed')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('backupHeading')}</legend>
        <p class="muted">{t('backupHelp')}</p>
        <div class="inline">
          <button type="button" disabled={props.busy} onClick={props.onBackup}>
            {t('backupDownload')}
          </button>
          <ImportFileButton busy={props.busy} onImportFile={props.onImportFile} />
        </div>
        <ImportSection {...props} />
      </fieldset>
    </section>
  );
}

/** What the import preview needs; the welcome page's import (components/ImportFlow.tsx) shows the same preview. */
export type ImportSectionProps = Pick<
  SettingsViewProps,
  'busy' | 'importRead' | 'importMode' | 'importPreview' | 'onImportMode' | 'onImportApply' | 'onImportCancel'
>;

/** The file chooser of an import: a backup, BibTeX, RIS, CSL-JSON or JSON Lines file. */
export function ImportFileButton(props: { busy: boolean; onImportFile(file: File): void }) {
  return (
    <label class="file-button">
      {t('importChoose')}
      <input
        type="file"
        accept=".json,.bib,.bibtex,.ris,.txt,.jsonl,application/json,application/x-bibtex,application/x-research-info-systems"
        disabled={props.busy}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          if (file) props.onImportFile(file);
          input.value = '';
        }}
      />
    </label>
  );
}

export function ImportSection(props: ImportSectionProps) {
  const read = props.importRead;
  if (!read) return null;
  if (!read.ok) {
    return (
      <div class="error import-errors" role="alert" data-testid="import-errors">
        <p>{t('importInvalid', read.fileName)}</p>
        <ul>
          {read.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
            <li key={i}>{describeImportError(e)}</li>
          ))}
        </ul>
        {read.errors.length > ERRORS_SHOWN && <p>{t('importMoreErrors', read.errors.length - ERRORS_SHOWN)}</p>}
        <button type="button" onClick={props.onImportCancel}>
          {t('dismissNotice')}
        </button>
      </div>
    );
  }
  const preview = props.importPreview;
  return (
    <fieldset class="restore-preview">
      <legend>{t('importPreviewHeading', read.fileName)}</legend>
      <p>
        {read.papers.length === 1
          ? t('importFileHoldsOne', importFormatName(read.format))
          : t('importFileHolds', read.papers.length.toLocaleString(), importFormatName(read.format))}
      </p>
      <ImportSkipped read={read} />
      <fieldset class="import-mode">
        <legend>{t('importModeLabel')}</legend>
        {(['merge', 'replace'] as const).map((mode) => (
          <label key={mode} class="inline">
            <input
              type="radio"
              name="import-mode"
              value={mode}
              checked={props.importMode === mode}
              disabled={props.busy}
              onChange={() => props.onImportMode(mode)}
            />
            {mode === 'merge' ? t('importModeMerge') : t('importModeReplace')}
          </label>
        ))}
      </fieldset>
      {preview && preview.mode === props.importMode ? (
        <>
          <p data-testid="import-preview">{importCountsText(preview)}</p>
          {preview.mode === 'replace' && <p class="warning">{t('importReplaceWarning', preview.removed)}</p>}
          <div class="inline">
            <button
              type="button"
              class={preview.mode === 'replace' ? 'danger' : 'primary'}
              disabled={props.busy}
              onClick={props.onImportApply}
            >
              {preview.mode === 'replace' ? t('importApplyReplace') : t('importApplyMerge')}
            </button>
            <button type="button" onClick={props.onImportCancel}>
              {t('cancel')}
            </button>
          </div>
        </>
      ) : (
        <p class="muted" role="status">
          {t('importPlanning')}
        </p>
      )}
    </fieldset>
  );
}
