/**
 * What the popup asks of the browser and the library (components/Popup.tsx has no `browser.*`): the tab it is
 * for, the page's summary and "save all" from that tab's triage, extraction, quick search and BibTeX.
 */
import { browser } from 'wxt/browser';
import { LibraryReader } from '../db/reader';
import { t } from '../i18n';
import type { PageSummary } from '../messages/protocol';
import { ask, askTab } from '../messages/transport';
import { readScholarHost, type SiteAccessApi, scholarHostToOffer } from '../permissions/site-access';
import type { Settings } from '../settings';
import { bibtexOf } from './files';
import { openLibraryView } from './open';
import { QuickSearch } from './quick-search';

export type PopupHooks = {
  /** The tab the popup describes: `?tab=<id>` when it was opened as a page of its own, else the active tab. */
  tabId(): Promise<number | null>;
  count(): Promise<number>;
  theme(): Promise<Settings['theme']>;
  summary(tabId: number): Promise<PageSummary>;
  saveAll(tabId: number): Promise<number>;
  extract(tabId: number): Promise<number>;
  search: QuickSearch['search'];
  copyBibtex(id: string): Promise<void>;
  /** Must be called in the click's own task: opening the side panel needs the user gesture. */
  openLibrary(): Promise<void>;
  /** Opens the welcome page in a tab. */
  openWelcome(): Promise<void>;
  /** The tab's Scholar country host when it is not added yet (lib/permissions/site-access.ts), else null. */
  scholarHostToOffer(tabId: number): Promise<string | null>;
  /** "Read this Scholar site": must be called in the click's own task (the permission request needs the gesture). */
  readScholarHost(tabId: number, host: string): Promise<boolean>;
};

export function popupHooks(search: string): PopupHooks {
  const readerOpening = LibraryReader.open();
  const quick = readerOpening.then((reader) => new QuickSearch(reader));
  return {
    tabId: async () => {
      // `popup.html?tab=<id>` shows the popup for that tab: the popup opened as a page of its own (keyboard users'
      // "open in tab", and the end-to-end tests, where a real popup cannot be driven) would otherwise describe
      // itself.
      const asked = Number(new URLSearchParams(search).get('tab'));
      if (Number.isInteger(asked) && asked > 0) return asked;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
    count: async () => (await readerOpening).count(),
    theme: async () => (await (await readerOpening).getSettings()).theme,
    summary: (tabId) => askTab(tabId, 'tab/summary', null),
    saveAll: async (tabId) => (await askTab(tabId, 'tab/saveAll', null)).saved,
    extract: async (tabId) => (await ask('view/extractActiveTab', { tabId })).papers,
    search: async (query, limit) => (await quick).search(query, limit),
    copyBibtex: async (id) => {
      const paper = await (await readerOpening).getPaper(id);
      if (!paper) throw new Error(t('paperGone'));
      await navigator.clipboard.writeText(bibtexOf(paper));
    },
    openLibrary: () => openLibraryView(),
    openWelcome: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    },
    // The tab's address is there for the tab the popup was opened on (activeTab).
    scholarHostToOffer: async (tabId) => {
      const { url } = await browser.tabs.get(tabId);
      return url ? scholarHostToOffer(browser, url) : null;
    },
    readScholarHost: (tabId, host) =>
      readScholarHost(browser as unknown as SiteAccessApi, host, () =>
        browser.scripting.executeScript({ target: { tabId }, files: ['/loader.js'] }),
      ),
  };
}
