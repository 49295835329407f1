import { browser } from 'wxt/browser';
import { Insights } from '@/lib/db/insights';
import { Library } from '@/lib/db/library';
import { libraryHandlers } from '@/lib/db/service';
import { t } from '@/lib/i18n';
import { ChangeBroadcaster } from '@/lib/messages/broadcast';
import { BackgroundProtocol } from '@/lib/messages/protocol';
import { EVENTS_PORT, listen } from '@/lib/messages/transport';
import { isDigestPage } from '@/lib/sites';
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
    // The loader on a digest page that has loaded: the triage script goes into that frame, and only on our pages.
    'page/boot': async (_request, sender) => {
      if (sender.tabId === null || sender.url === null || !isDigestPage(sender.url)) {
        throw new Error('Only a digest page may start Paperlane.');
      }
      await browser.scripting.executeScript({
        target: { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] },
        files: ['/digest-main.js'],
      });
      return null;
    },
  });

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
