import { browser } from 'wxt/browser';
import { Insights } from '@/lib/db/insights';
import { Library } from '@/lib/db/library';
import { libraryHandlers } from '@/lib/db/service';
import { t } from '@/lib/i18n';
import { ChangeBroadcaster } from '@/lib/messages/broadcast';
import { BackgroundProtocol } from '@/lib/messages/protocol';
import { EVENTS_PORT, listen } from '@/lib/messages/transport';
import { DIGEST_MATCHES, isDigestPage } from '@/lib/sites';
import { extractFromTab } from '@/lib/views/extract';

const EXTRACT_MENU = 'paperlane-extract';

export default defineBackground(() => {
  const broadcaster = new ChangeBroadcaster();
  let opening: Promise<Library> | null = null;
  const library = () => {
    opening ??= Library.open({
      onChange: (change) => {
        insights.invalidate();
        broadcaster.send(change);
      },
    }).catch((error: unknown) => {
      opening = null; // let the next message try again
      throw error;
    });
    return opening;
  };

  const insights = new Insights(library);

  const extract = async (tabId: number) => {
    const { records } = await extractFromTab(tabId);
    const lib = await library();
    await lib.recordSightings(records);
    return { papers: records.length };
  };

  listen(BackgroundProtocol, {
    ...libraryHandlers(library, insights),
    'view/extractActiveTab': async ({ tabId }) => extract(tabId),
  });

  // On-page triage goes into a digest page once it has loaded (tab status "complete" comes after the load event),
  // injected from here rather than declared as a content script: a declared script is compiled and run before
  // the page's load event on most pages, and would delay it (bench/triage.bench.ts). Only the top frame, only the
  // pages of lib/sites.ts, and once per document: a page that already runs it (a client-side navigation also
  // reports "complete") is asked first, with a probe of a few bytes, so the script is never evaluated twice.
  const annotate = async (tabId: number) => {
    const [probe] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => (globalThis as { __paperlaneTriage?: true }).__paperlaneTriage === true,
    });
    if (probe?.result === true) return;
    await browser.scripting.executeScript({ target: { tabId }, files: ['/digest-main.js'] });
  };
  const annotateQuietly = (tabId: number) =>
    annotate(tabId).catch((error: unknown) => console.debug('[paperlane] could not annotate the page', error));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && tab.url && isDigestPage(tab.url)) void annotateQuietly(tabId);
  });
  // Digest pages that finished loading while this worker was not running to hear it (browser start, extension
  // installed, updated or enabled, a page loaded while the worker was starting): annotated now.
  void browser.tabs
    .query({ url: [...DIGEST_MATCHES], status: 'complete' })
    .then((tabs) => {
      for (const tab of tabs)
        if (tab.id !== undefined && tab.url && isDigestPage(tab.url)) void annotateQuietly(tab.id);
    })
    .catch((error: unknown) => console.debug('[paperlane] could not list open pages', error));

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === EVENTS_PORT) broadcaster.add(port);
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: EXTRACT_MENU, title: t('extractFromPage'), contexts: ['page'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === EXTRACT_MENU && tab?.id !== undefined) {
      extract(tab.id).catch((error: unknown) => console.warn('[paperlane] extraction failed', error));
    }
  });
});
