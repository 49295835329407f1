/**
 * The popup: this page at a glance (cards, saved, new since the last visit), save all, extract papers from a page
 * no adapter covers, quick search with copy BibTeX, and the way to the library. Everything outside comes in
 * through `hooks` (lib/views/popup-hooks.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors';
import { t } from '../lib/i18n';
import type { PageSummary } from '../lib/messages/protocol';
import type { PopupHooks } from '../lib/views/popup-hooks';
import type { QuickResult } from '../lib/views/quick-search';
import { applyTheme } from '../lib/views/theme';
import { PopupView } from './PopupView';

export function Popup({ hooks, close }: { hooks: PopupHooks; close(): void }) {
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
  const [scholarHost, setScholarHost] = useState<string | null>(null);
  const latestQuery = useRef('');
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const copyBibtex = async (id: string) => {
    setError(null);
    try {
      await hooks.copyBibtex(id);
      setCopiedId(id);
      setInfo(t('copiedBibtex'));
      clearTimeout(copiedTimer.current);
      copiedTimer.current = setTimeout(() => setCopiedId(null), 2000);
    } catch (e) {
      setError(t('copyFailed', errorMessage(e)));
    }
  };

  const refresh = async (id: number | null) => {
    hooks.count().then(setLibraryCount, (e: unknown) => setError(t('loadFailed', errorMessage(e))));
    if (id === null) return;
    try {
      setSummary(await hooks.summary(id));
    } catch {
      // No content script answered: not a digest page (or the site is switched off).
      setSummary(null);
      setSummaryNote(t('notAnnotated'));
      // A Scholar country host not added yet: offered here, where the person is (issue 16).
      hooks.scholarHostToOffer(id).then(setScholarHost, () => setScholarHost(null));
    }
  };

  useEffect(() => {
    hooks.theme().then(applyTheme, () => applyTheme('system'));
    void hooks.tabId().then((id) => {
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
      setError(t('actionFailed', errorMessage(e)));
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
      const found = await hooks.search(query);
      if (latestQuery.current === query) setResults(found);
    } catch (e) {
      setError(t('searchFailed', errorMessage(e)));
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
      onSaveAll={() => tabId !== null && void run(t('saving'), async () => t('savedCount', await hooks.saveAll(tabId)))}
      onOpenSidePanel={() =>
        void hooks.openLibrary().then(close, (e: unknown) => setError(t('actionFailed', errorMessage(e))))
      }
      onExtract={() =>
        tabId !== null && void run(t('extracting'), async () => t('extracted', await hooks.extract(tabId)))
      }
      onOpenWelcome={() =>
        void hooks.openWelcome().then(close, (e: unknown) => setError(t('actionFailed', errorMessage(e))))
      }
      onSearch={(query) => void search(query)}
      onCopyBibtex={(id) => void copyBibtex(id)}
      copiedId={copiedId}
      scholarHost={scholarHost}
      onReadScholarHost={() => {
        const host = scholarHost;
        if (tabId === null || host === null) return;
        // In the click's task: run() calls the action before its first await.
        void run(t('working'), async () => {
          if (!(await hooks.readScholarHost(tabId, host)))
            throw new Error(`the browser was not allowed to read ${host}`);
          setScholarHost(null);
          setSummaryNote(null);
          return `Paperlane now reads ${host}.`;
        });
      }}
    />
  );
}
