import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanelApp } from '@/components/SidePanelApp';
import { keepStorage } from '@/lib/db/persist';
import { LibraryReader } from '@/lib/db/reader';
import { OPTIONAL_SITES } from '@/lib/digest-pages';
import { errorMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { ask, followLibraryChanges } from '@/lib/messages/transport';
import {
  addScholarHost,
  removeScholarHost,
  type SiteSettings,
  scholarHosts,
  sitesOn,
  switchSite,
} from '@/lib/permissions/site-access';
import { backgroundActions } from '@/lib/views/actions';
import { LibraryStore } from '@/lib/views/library-store';
import { sidePanelHooks } from '@/lib/views/side-panel-hooks';
import './style.css';

async function main(app: HTMLElement) {
  performance.mark('paperlane:panel-main');
  // persist() exists in windows only, not in Chrome's service worker: asked here too (issue 19).
  keepStorage(navigator.storage).catch(() => {});
  let reader: LibraryReader;
  try {
    reader = await LibraryReader.open();
  } catch (e) {
    app.textContent = t('loadFailed', errorMessage(e));
    return;
  }
  performance.mark('paperlane:reader-open');
  const store = new LibraryStore(reader);
  const sync = {
    status: () => ask('sync/status', null),
    // The first unlock derives the key (PBKDF2, 600,000 rounds) and may wait for a slow server.
    start: (request: Parameters<typeof ask<'sync/start'>>[1]) => ask('sync/start', request, { timeoutMs: 120_000 }),
    stop: () => ask('sync/stop', null),
    // Asked here, in the click's own task: the browser shows its prompt only for a user gesture.
    requestAccess: (origin: string) => browser.permissions.request({ origins: [`${origin}/*`] }),
  };
  // The optional sites' switches (issue 16): the origin is asked for in the click's own task.
  const siteSettings: SiteSettings = {
    disabledSites: async () => (await ask('settings/get', null)).disabledSites,
    setDisabledSites: async (ids) => void (await ask('settings/update', { disabledSites: ids })),
  };
  const siteAccess = {
    sites: OPTIONAL_SITES,
    enabled: () => sitesOn(browser, siteSettings),
    set: (id: string, on: boolean) => switchSite(browser, siteSettings, id, on),
    // Scholar at a country host: that host's origin alone, asked for when the person adds it.
    scholarHosts: {
      list: () => scholarHosts(browser),
      add: (input: string) => addScholarHost(browser, input),
      remove: (host: string) => removeScholarHost(browser, host),
    },
  };
  render(
    <SidePanelApp
      store={store}
      actions={backgroundActions()}
      hooks={{ ...sidePanelHooks(reader), sync, siteAccess }}
    />,
    app,
  );
  followLibraryChanges((change) => void store.apply(change));
  await store.load();
}

const app = document.getElementById('app');
if (app) void main(app);
