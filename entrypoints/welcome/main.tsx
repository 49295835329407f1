import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { WelcomeView } from '@/components/WelcomeView';
import { LibraryReader } from '@/lib/db/reader';
import { SITES } from '@/lib/digest-pages';
import { t } from '@/lib/i18n';
import type { Settings } from '@/lib/settings';
import { backgroundActions } from '@/lib/views/actions';
import { backupFile, download } from '@/lib/views/files';
import { ImportClient } from '@/lib/views/import-client';
import { siteIsOn, switchSite } from '@/lib/views/site-switch';
import { applyTheme } from '@/lib/views/theme';
import './style.css';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const actions = backgroundActions();
// Reading and planning an import run in the side panel's import worker, here too.
const imports = new ImportClient();

async function grantedOrigins(): Promise<Set<string>> {
  const all = await browser.permissions.getAll();
  return new Set(all.origins ?? []);
}

function Welcome({ reader, initial }: { reader: LibraryReader; initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [granted, setGranted] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [backingUp, setBackingUp] = useState(false);

  useEffect(() => {
    void grantedOrigins().then(setGranted);
    // Settings changed elsewhere (the side panel) while this page was in the background: read again on return.
    // Not through the change port: this page is opened on install and often left open, and a port held open by
    // it would reconnect (and log) every time the service worker stops.
    const refresh = () => {
      if (document.visibilityState === 'visible') void reader.getSettings().then(setSettings);
    };
    document.addEventListener('visibilitychange', refresh);
    return () => document.removeEventListener('visibilitychange', refresh);
  }, []);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  return (
    <WelcomeView
      settings={settings}
      sites={SITES.map((site) => ({ site, on: siteIsOn(site, settings, granted) }))}
      notice={notice}
      onToggleSite={(site, on) => {
        setNotice(null);
        // switchSite asks for an optional site's origins first thing, inside this click.
        switchSite(site, on, settings, {
          requestOrigins: (origins) => browser.permissions.request({ origins }),
          updateSettings: (patch) => actions.updateSettings(patch),
          releaseOrigins: (origins) => browser.permissions.remove({ origins }),
        }).then(
          async (outcome) => {
            setSettings(outcome.settings);
            setGranted(await grantedOrigins());
            setNotice({
              text: outcome.refused
                ? t('siteRefused', site.name)
                : on
                  ? t('siteOn', site.name)
                  : t('siteOff', site.name),
              error: outcome.refused,
            });
          },
          (e: unknown) => setNotice({ text: t('actionFailed', messageOf(e)), error: true }),
        );
      }}
      imports={{
        // The bytes, not file.text(): the worker tells UTF-8, UTF-16 and Latin-1 apart from them.
        readImport: async (file) => imports.read(new Uint8Array(await file.arrayBuffer()), file.name, Date.now()),
        planImport: (read, mode) => imports.plan(read, mode),
        replace: (contents) => actions.replace(contents),
      }}
      backingUp={backingUp}
      onBackup={() => {
        setBackingUp(true);
        reader
          .exportContents()
          .then((contents) => {
            download(backupFile(contents));
            setNotice(null);
          })
          .catch((e: unknown) => setNotice({ text: t('actionFailed', messageOf(e)), error: true }))
          .finally(() => setBackingUp(false));
      }}
    />
  );
}

async function main(app: HTMLElement) {
  document.title = t('welcomeTitle');
  let reader: LibraryReader;
  let settings: Settings;
  try {
    reader = await LibraryReader.open();
    settings = await reader.getSettings();
  } catch (e) {
    applyTheme('system');
    app.textContent = t('loadFailed', messageOf(e));
    return;
  }
  render(<Welcome reader={reader} initial={settings} />, app);
}

const app = document.getElementById('app');
if (app) void main(app);
