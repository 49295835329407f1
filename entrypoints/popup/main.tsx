import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupView, type QuickResult } from '@/components/PopupView';
import { LibraryReader } from '@/lib/db/reader';
import { t } from '@/lib/i18n';
import type { PageSummary } from '@/lib/messages/protocol';
import { ask, askTab } from '@/lib/messages/transport';
import { bibtexOf } from '@/lib/views/files';
import { openLibraryView } from '@/lib/views/open';
import { QuickSearch } from '@/lib/views/quick-search';
import { applyTheme } from '@/lib/views/theme';
import './style.css';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const readerOpening = LibraryReader.open();
const quick = readerOpening.then((reader) => new QuickSearch(reader));

async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [summary, setSummary] = useState<PageSummary | null>(null);
  const [summaryNote, setSummaryNote] = useState<string | null>(null);
  const [libraryCount, setLibraryCount] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<QuickResult[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const latestQuery = useRef('');
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const copyBibtex = async (id: string) => {
    setError(null);
    try {
      const paper = await (await readerOpening).getPaper(id);
      if (!paper) throw new Error(t('paperGone'));
      await navigator.clipboard.writeText(bibtexOf(paper));
      setCopiedId(id);
      setInfo(t('copiedBibtex'));
      clearTimeout(copiedTimer.current);
      copiedTimer.current = setTimeout(() => setCopiedId(null), 2000);
    } catch (e) {
      setError(t('copyFailed', message(e)));
    }
  };

  const refresh = async (id: number | null) => {
    readerOpening
      .then((reader) => reader.count())
      .then(setLibraryCount, (e: unknown) => setError(t('loadFailed', message(e))));
    if (id === null) return;
    try {
      setSummary(await askTab(id, 'tab/summary', null));
    } catch {
      // No content script answered: not a digest page (or the site is switched off).
      setSummary(null);
      setSummaryNote(t('notAnnotated'));
    }
  };

  useEffect(() => {
    readerOpening.then(
      (reader) => reader.getSettings().then((settings) => applyTheme(settings.theme)),
      () => applyTheme('system'),
    );
    // `popup.html?tab=<id>` shows the popup for that tab: the popup opened as a page of its own (keyboard users'
    // "open in tab", and the end-to-end tests, where a real popup cannot be driven) would otherwise describe itself.
    const asked = Number(new URLSearchParams(location.search).get('tab'));
    const target = Number.isInteger(asked) && asked > 0 ? Promise.resolve(asked) : activeTabId();
    void target.then((id) => {
      setTabId(id);
      void refresh(id);
    });
  }, []);

  const run = async (label: string, action: () => Promise<string>) => {
    const timer = setTimeout(() => setBusy(label), 500);
    setBusy(null);
    setError(null);
    setInfo(null);
    try {
      setInfo(await action());
    } catch (e) {
      setError(t('actionFailed', message(e)));
    } finally {
      clearTimeout(timer);
      setBusy(null);
      void refresh(tabId);
    }
  };

  const search = async (query: string) => {
    latestQuery.current = query;
    const timer = setTimeout(() => setSearching(true), 500);
    try {
      const found = await (await quick).search(query);
      if (latestQuery.current === query) setResults(found);
    } catch (e) {
      setError(t('searchFailed', message(e)));
    } finally {
      clearTimeout(timer);
      setSearching(false);
    }
  };

  return (
    <PopupView
      summary={summary}
      summaryNote={summaryNote}
      libraryCount={libraryCount}
      busy={busy}
      message={info}
      error={error}
      results={results}
      searching={searching}
      onSaveAll={() =>
        tabId !== null &&
        void run(t('saving'), async () => t('savedCount', (await askTab(tabId, 'tab/saveAll', null)).saved))
      }
      onOpenSidePanel={() =>
        void openLibraryView().then(
          () => window.close(),
          (e: unknown) => setError(t('actionFailed', message(e))),
        )
      }
      onExtract={() =>
        tabId !== null &&
        void run(t('extracting'), async () => t('extracted', (await ask('view/extractActiveTab', { tabId })).papers))
      }
      onSearch={(query) => void search(query)}
      onCopyBibtex={(id) => void copyBibtex(id)}
      copiedId={copiedId}
      onOpenWelcome={() =>
        void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).then(
          () => window.close(),
          (e: unknown) => setError(t('actionFailed', message(e))),
        )
      }
    />
  );
}

const app = document.getElementById('app');
if (app) render(<Popup />, app);
