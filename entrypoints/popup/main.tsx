import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupView, type QuickResult } from '@/components/PopupView';
import { t } from '@/lib/i18n';
import type { PageSummary } from '@/lib/messages/protocol';
import { ask, askTab } from '@/lib/messages/transport';
import { openLibraryView } from '@/lib/views/open';
import { quickSearch } from '@/lib/views/quick-search';
import './style.css';

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [summary, setSummary] = useState<PageSummary | null>(null);
  const [summaryNote, setSummaryNote] = useState<string | null>(null);
  const [libraryCount, setLibraryCount] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<QuickResult[] | null>(null);

  const refresh = async (id: number | null) => {
    ask('library/list', null)
      .then((papers) => setLibraryCount(papers.length))
      .catch((e: unknown) => setError(String(e)));
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
    browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      const id = tab?.id ?? null;
      setTabId(id);
      void refresh(id);
    });
  }, []);

  const run = async (label: string, action: () => Promise<string>) => {
    setBusy(label);
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (e) {
      setError(t('actionFailed', e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(null);
      void refresh(tabId);
    }
  };

  return (
    <PopupView
      summary={summary}
      summaryNote={summaryNote}
      libraryCount={libraryCount}
      busy={busy}
      message={message}
      error={error}
      results={results}
      onSaveAll={() =>
        tabId !== null &&
        void run(t('saving'), async () => t('savedCount', (await askTab(tabId, 'tab/saveAll', null)).saved))
      }
      onOpenSidePanel={() =>
        void openLibraryView().then(
          () => window.close(),
          (e: unknown) => setError(String(e)),
        )
      }
      onExtract={() =>
        tabId !== null &&
        void run(t('extracting'), async () => t('extracted', (await ask('view/extractActiveTab', { tabId })).papers))
      }
      onSearch={(query) => void quickSearch(query).then(setResults, (e: unknown) => setError(String(e)))}
    />
  );
}

const app = document.getElementById('app');
if (app) render(<Popup />, app);
