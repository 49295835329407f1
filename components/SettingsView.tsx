/**
 * Settings: theme, the triage keys, sites on or off, backup and restore. Pure view; the restore preview (counts
 * of what would change) comes from the parent, which reads and plans the file.
 */
import { useState } from 'preact/hooks';
import type { KeyBindings, Settings } from '../lib/db/settings';
import { t } from '../lib/i18n';
import type { RestorePlan } from '../lib/views/files';
import { ANNOTATED_SITES } from '../lib/views/sites';

export type SettingsViewProps = {
  settings: Settings;
  busy: boolean;
  restorePlan: RestorePlan | null;
  onChange(patch: Partial<Settings>): void;
  onBackup(): void;
  onRestoreFile(file: File): void;
  onRestoreApply(): void;
  onRestoreCancel(): void;
};

const KEY_LABELS: [keyof KeyBindings, Parameters<typeof t>[0]][] = [
  ['next', 'keyNext'],
  ['previous', 'keyPrevious'],
  ['save', 'keySave'],
  ['dismiss', 'keyDismiss'],
  ['tag', 'keyTag'],
  ['note', 'keyNote'],
  ['open', 'keyOpen'],
  ['help', 'keyHelp'],
];

export function SettingsView(props: SettingsViewProps) {
  const { settings } = props;
  const [keyError, setKeyError] = useState<string | null>(null);
  const setKey = (action: keyof KeyBindings, raw: string) => {
    const key = raw.trim();
    if (key.length !== 1) return setKeyError(t('keyMustBeOne'));
    const clash = KEY_LABELS.find(([other]) => other !== action && settings.keys[other] === key);
    if (clash) return setKeyError(t('keyInUse', key, t(clash[1])));
    setKeyError(null);
    props.onChange({ keys: { ...settings.keys, [action]: key } });
  };
  const plan = props.restorePlan;
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
          {KEY_LABELS.map(([action, label]) => (
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
        {ANNOTATED_SITES.map((site) => (
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
          <label class="file-button">
            {t('restoreChoose')}
            <input
              type="file"
              accept=".json,application/json"
              disabled={props.busy}
              onChange={(e) => {
                const input = e.currentTarget as HTMLInputElement;
                const file = input.files?.[0];
                if (file) props.onRestoreFile(file);
                input.value = '';
              }}
            />
          </label>
        </div>
        {plan && !plan.ok && (
          <div class="error" role="alert">
            <p>{t('restoreInvalid')}</p>
            <ul>
              {plan.errors.slice(0, 8).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        {plan?.ok && (
          <fieldset class="restore-preview">
            <legend>{t('restorePreview')}</legend>
            <p data-testid="restore-preview">
              {t(
                'restoreCounts',
                plan.preview.added,
                plan.preview.updated,
                plan.preview.unchanged,
                plan.preview.removed,
                plan.preview.tagsAdded,
                plan.preview.sightingsAdded,
              )}
            </p>
            <p class="warning">{t('restoreWarning')}</p>
            <div class="inline">
              <button type="button" class="danger" disabled={props.busy} onClick={props.onRestoreApply}>
                {t('restoreApply')}
              </button>
              <button type="button" onClick={props.onRestoreCancel}>
                {t('cancel')}
              </button>
            </div>
          </fieldset>
        )}
      </fieldset>
    </section>
  );
}
