import { browser } from 'wxt/browser';
import { Insights } from '@/lib/db/insights';
import { Library } from '@/lib/db/library';
import { keepStorage } from '@/lib/db/persist';
import { libraryHandlers } from '@/lib/db/service';
import { DIGEST_MATCHES, isDigestPage, optionalSiteOf, siteIdOf } from '@/lib/digest-pages';
import { t } from '@/lib/i18n';
import { ChangeBroadcaster } from '@/lib/messages/broadcast';
import { BackgroundProtocol } from '@/lib/messages/protocol';
import { EVENTS_PORT, listen } from '@/lib/messages/transport';
import { type SiteAccessApi, siteGranted, syncSites } from '@/lib/permissions/site-access';
import { browserPouch } from '@/lib/sync/pouch-browser';
import { SyncService } from '@/lib/sync/service';
import { extractFromTab } from '@/lib/views/extract-tab';
import { markMathSources } from '@/lib/views/math-sources';

const EXTRACT_MENU = 'paperlane-extract';

export default defineBackground(() => {
  const broadcaster = new ChangeBroadcaster();
  let opening: Promise<Library> | null = null;
  const library = () => {
    opening ??= Library.open({
      onChange: (change) => {
        if (change.settings) sitesOff = null;
        insights.invalidate();
        broadcaster.send(change);
        sync.noteLocalChange(change);
      },
    }).catch((error: unknown) => {
      opening = null; // let the next message try again
      throw error;
    });
    return opening;
  };

  // The sites switched off in the settings, read once and again after each change of the settings: a page/boot from
  // such a site injects nothing, so its page never shows a strip while the triage script waits for the settings.
  let sitesOff: Promise<readonly string[]> | null = null;
  const disabledSites = () =>
    (sitesOff ??= library()
      .then((lib) => lib.getSettings())
      .then((settings) => settings.disabledSites)
      .catch((error: unknown) => {
        sitesOff = null;
        throw error;
      }));

  const insights = new Insights(library);
  const sync = new SyncService(
    library,
    {
      get: async (key) => (await browser.storage.local.get(key))[key],
      set: (key, value) => browser.storage.local.set({ [key]: value }),
      remove: (key) => browser.storage.local.remove(key),
    },
    browserPouch,
  );
  void sync.resume();

  // On every start of the background (install, update, browser start): cheap once granted.
  keepStorage(globalThis.navigator?.storage)
    .then((state) => {
      if (state !== 'persisted') console.debug(`[paperlane] persistent storage: ${state}`);
    })
    .catch((error: unknown) => console.debug('[paperlane] could not ask for persistent storage', error));

  const extract = async (tabId: number) => {
    const { records } = await extractFromTab(tabId);
    const lib = await library();
    await lib.recordSightings(records);
    return { papers: records.length };
  };

  // On-page triage (digest-main.js) goes into a digest page once it has loaded: the loader declared as its content
  // script asks for it after the load event (page/boot), so that the page's load never waits for a script this size.
  // Once per document: the loader does not ask where triage already runs (it shares its world), and a tab annotated
  // from here (`probe`: an extension installed or enabled under open pages) is asked first by a probe of a few
  // bytes, so the script is never evaluated twice in one page. One executeScript between the loader's message and
  // the script on the usual path (bench/triage-trace.ts): MathJax 3's sources are copied when the script finds
  // them on the page and asks (page/markMath), not before every injection.
  const annotate = async (target: { tabId: number; frameIds: number[] }, probe = false) => {
    if (probe) {
      const [running] = await browser.scripting.executeScript({
        target,
        func: () => (globalThis as { __paperlaneTriage?: true }).__paperlaneTriage === true,
      });
      if (running?.result === true) return;
    }
    await browser.scripting.executeScript({ target, files: ['/digest-main.js'] });
  };

  /** Whether the sender is a digest page's frame that may run triage (a default site, or an optional one granted). */
  const triagePage = async (sender: { url: string | null; tabId: number | null; frameId: number | null }) => {
    const optional = sender.url === null ? null : optionalSiteOf(sender.url);
    const allowed =
      sender.url !== null &&
      (isDigestPage(sender.url) || (optional !== null && (await siteGranted(browser, optional))));
    if (sender.tabId === null || !allowed) throw new Error('Only a digest page may start Paperlane.');
    return { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] };
  };

  listen(BackgroundProtocol, {
    ...libraryHandlers(library, insights),
    'view/extractActiveTab': async ({ tabId }) => extract(tabId),
    'sync/status': async () => sync.status(),
    'sync/start': async (request) => sync.start(request),
    'sync/stop': async () => sync.stop(),
    'page/boot': async (_request, sender) => {
      const target = await triagePage(sender);
      // Unreadable settings: annotate, and let the page's own read of them decide (TriageController).
      const off: readonly string[] = await disabledSites().catch(() => []);
      const site = sender.url === null ? null : siteIdOf(sender.url);
      if (site !== null && off.includes(site)) return null;
      await annotate(target);
      return null;
    },
    'page/markMath': async (_request, sender) => markMathSources(await triagePage(sender)),
  });

  // Optional sites (issue 16): the loader follows the permissions the side panel asked for or gave back.
  const syncOptionalSites = () =>
    syncSites(browser as unknown as SiteAccessApi).catch((e: unknown) => console.warn('[paperlane] sites', e));
  void syncOptionalSites();
  browser.permissions.onAdded.addListener(() => void syncOptionalSites());
  browser.permissions.onRemoved.addListener(() => void syncOptionalSites());

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === EVENTS_PORT) broadcaster.add(port);
  });

  browser.runtime.onInstalled.addListener((details) => {
    // The welcome page, once: on the first install, not on updates or reloads (the popup's menu opens it later).
    if (details.reason === 'install') {
      browser.tabs
        .create({ url: browser.runtime.getURL('/welcome.html') })
        .catch((error: unknown) => console.debug('[paperlane] could not open the welcome page', error));
    }
    // Digest pages already open when Paperlane is installed, updated or enabled: browsers give them no content
    // script, so they are annotated from here.
    browser.tabs
      .query({ url: [...DIGEST_MATCHES], status: 'complete' })
      .then((tabs) => {
        for (const tab of tabs) {
          if (tab.id === undefined || !tab.url || !isDigestPage(tab.url)) continue;
          annotate({ tabId: tab.id, frameIds: [0] }, true).catch((error: unknown) =>
            console.debug('[paperlane] could not annotate a page', error),
          );
        }
      })
      .catch((error: unknown) => console.debug('[paperlane] could not list open pages', error));
    browser.contextMenus.create({ id: EXTRACT_MENU, title: t('extractFromPage'), contexts: ['page'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === EXTRACT_MENU && tab?.id !== undefined) {
      extract(tab.id).catch((error: unknown) => console.warn('[paperlane] extraction failed', error));
    }
  });
});
