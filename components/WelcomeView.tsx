/**
 * The welcome page, opened once on install and from the popup: what Paperlane does, the sites it reads (each with a
 * switch), bringing a library in (the side panel's import and preview), the slot for sync, the triage keys on
 * example cards, and where the data lives with a backup button. Pure view: everything that touches the browser or
 * the library comes in through props (entrypoints/welcome/main.tsx).
 */
import type { ComponentChildren } from 'preact';
import type { Settings } from '../lib/db/settings';
import { t } from '../lib/i18n';
import type { SiteInfo } from '../lib/sites';
import { DemoCards } from './DemoCards';
import { ImportFlow, type ImportFlowProps } from './ImportFlow';

export type WelcomeSite = { site: SiteInfo; on: boolean };

export type WelcomeProps = {
  settings: Settings;
  sites: WelcomeSite[];
  /** Called straight from the switch's change event: an optional site's permission request must be made in it. */
  onToggleSite(site: SiteInfo, on: boolean): void;
  /** The last thing a switch or the backup said (a refusal, an error). */
  notice: { text: string; error: boolean } | null;
  imports: ImportFlowProps;
  onBackup(): void;
  backingUp: boolean;
  /** Sync setup, once it exists (another view builds it); until then a note says it is coming. */
  sync?: ComponentChildren;
};

const SECTIONS = [
  ['welcome-sites', 'welcomeSitesHeading'],
  ['welcome-import', 'welcomeImportHeading'],
  ['welcome-sync', 'welcomeSyncHeading'],
  ['welcome-keys', 'welcomeKeysHeading'],
  ['welcome-data', 'welcomeDataHeading'],
] as const;

export function WelcomeView(props: WelcomeProps) {
  return (
    <div class="welcome">
      <a class="skip" href="#welcome-main">
        {t('skipToContent')}
      </a>
      <header class="welcome-header">
        <h1>{t('welcomeHeading')}</h1>
        <ul class="pitch" data-testid="pitch">
          <li>{t('welcomeLine1')}</li>
          <li>{t('welcomeLine2')}</li>
          <li>{t('welcomeLine3')}</li>
        </ul>
      </header>
      <nav aria-label={t('welcomeContents')}>
        <ul>
          {SECTIONS.map(([id, heading]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(heading)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="welcome-main" tabIndex={-1}>
        <section id="welcome-sites" aria-labelledby="welcome-sites-h">
          <h2 id="welcome-sites-h">{t('welcomeSitesHeading')}</h2>
          <p class="muted">{t('welcomeSitesHelp')}</p>
          <ul class="sites" data-testid="sites">
            {props.sites.map(({ site, on }) => (
              <li key={site.id}>
                <label class="switch">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={on}
                    aria-checked={on}
                    aria-describedby={`site-${site.id}-where`}
                    onChange={(e) => {
                      const input = e.currentTarget as HTMLInputElement;
                      const wanted = input.checked;
                      // Shown as it is until the settings (or the permission prompt) say otherwise.
                      input.checked = on;
                      props.onToggleSite(site, wanted);
                    }}
                  />
                  <span>{site.name}</span>
                </label>
                <span class="muted" id={`site-${site.id}-where`}>
                  {site.optional ? t('siteOptional', site.origins.join(', ')) : site.origins.join(', ')}
                </span>
              </li>
            ))}
          </ul>
          {props.notice && (
            <p class={props.notice.error ? 'error' : 'muted'} role={props.notice.error ? 'alert' : 'status'}>
              {props.notice.text}
            </p>
          )}
        </section>

        <section id="welcome-import" aria-labelledby="welcome-import-h">
          <h2 id="welcome-import-h">{t('welcomeImportHeading')}</h2>
          <p>{t('welcomeImportHelp')}</p>
          <ImportFlow {...props.imports} />
        </section>

        <section id="welcome-sync" aria-labelledby="welcome-sync-h" data-slot="sync">
          <h2 id="welcome-sync-h">{t('welcomeSyncHeading')}</h2>
          {props.sync ?? <p data-testid="sync-coming">{t('welcomeSyncComing')}</p>}
        </section>

        <section id="welcome-keys" aria-labelledby="welcome-keys-h">
          <h2 id="welcome-keys-h">{t('welcomeKeysHeading')}</h2>
          <p>{t('welcomeKeysHelp')}</p>
          <DemoCards keys={props.settings.keys} />
        </section>

        <section id="welcome-data" aria-labelledby="welcome-data-h">
          <h2 id="welcome-data-h">{t('welcomeDataHeading')}</h2>
          <p>{t('welcomeDataWhere')}</p>
          <p>{t('welcomeDataBackup')}</p>
          <button type="button" class="primary" disabled={props.backingUp} onClick={props.onBackup}>
            {t('backupDownload')}
          </button>
        </section>
      </main>
      <footer>
        <p class="muted">{t('welcomeFooter')}</p>
      </footer>
    </div>
  );
}
