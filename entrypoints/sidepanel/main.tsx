import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanelApp, type SidePanelHooks } from '@/components/SidePanelApp';
import { LibraryReader } from '@/lib/db/reader';
import { t } from '@/lib/i18n';
import { ask, followLibraryChanges } from '@/lib/messages/transport';
import { enabledSites, releaseSite, requestSite } from '@/lib/permissions/site-access';
import { OPTIONAL_SITES } from '@/lib/sites';
import { backgroundActions } from '@/lib/views/actions';
import { backupFile, bibtexOf, download, exportFile } from '@/lib/views/files';
import { ImportClient } from '@/lib/views/import-client';
import { LibraryStore } from '@/lib/views/library-store';
import { TopicClusterer } from '@/lib/views/topics';
import './style.css';

const READ_BATCH = 2000;

async function main(app: HTMLElement) {
  let reader: LibraryReader;
  try {
    reader = await LibraryReader.open();
  } catch (e) {
    app.textContent = t('loadFailed', e instanceof Error ? e.message : String(e));
    return;
  }
  const store = new LibraryStore(reader);
  // The worker starts on the first request for topics, not with the panel.
  const topics = new TopicClusterer((ids) => reader.getPapers(ids));
  // Parsing and planning a large import take seconds: they run in a worker too.
  const imports = new ImportClient();
  const hooks: SidePanelHooks = {
    sync: {
      status: () => ask('sync/status', null),
      // The first unlock derives the key (PBKDF2, 600,000 rounds) and may wait for a slow server.
      start: (request) => ask('sync/start', request, { timeoutMs: 120_000 }),
      stop: () => ask('sync/stop', null),
      // Asked here, in the click's own task: the browser shows its prompt only for a user gesture.
      requestAccess: (origin) => browser.permissions.request({ origins: [`${origin}/*`] }),
    },
    backup: async () => download(backupFile(await reader.exportContents())),
    readImport: async (file) => imports.read(await file.text(), file.name),
    planImport: (read, mode) => imports.plan(read, mode),
    exportPapers: async ({ ids, format, name, groups, onProgress }) => {
      const papers = [];
      for (let start = 0; start < ids.length; start += READ_BATCH) {
        papers.push(...(await reader.getPapers(ids.slice(start, start + READ_BATCH))));
        onProgress?.(Math.min(ids.length, start + READ_BATCH), ids.length);
      }
      download(exportFile(papers, format, { name, ...(groups ? { groups } : {}) }));
    },
    copyBibtex: (paper) => navigator.clipboard.writeText(bibtexOf(paper)),
    suggestTags: (paper) => ask('library/suggestTags', { paper, count: 5 }),
    cluster: (request) => topics.cluster(request),
    relevance: async (ids) => {
      const papers = [];
      for (let start = 0; start < ids.length; start += READ_BATCH) {
        for (const p of await reader.getPapers(ids.slice(start, start + READ_BATCH))) {
          papers.push({ id: p.id, title: p.title, abstract: p.abstract });
        }
      }
      const scores = await ask('page/relevance', { papers });
      return new Map(scores.map((s) => [s.id, s.score]));
    },
    siteAccess: {
      sites: OPTIONAL_SITES,
      enabled: () => enabledSites(browser),
      set: async (id, on) => (on ? requestSite(browser, id) : releaseSite(browser, id).then(() => false)),
    },
  };
  render(<SidePanelApp store={store} actions={backgroundActions()} hooks={hooks} />, app);
  followLibraryChanges((change) => void store.apply(change));
  await store.load();
}

const app = document.getElementById('app');
if (app) void main(app);
