/**
 * The popup: what this page holds, the page's bulk action, a quick search of the library. Pure view.
 */
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { PageSummary } from '../lib/messages/protocol';

export type QuickResult = { id: string; title: string; authors: string; saved: boolean; url: string | null };

export type PopupProps = {
  summary: PageSummary | null;
  /** Why there is no summary: the page is not a digest page, or the content script is not there. */
  summaryNote: string | null;
  libraryCount: number | null;
  busy: string | null;
  message: string | null;
  error: string | null;
  results: QuickResult[] | null;
  onSaveAll(): void;
  onOpenSidePanel(): void;
  onExtract(): void;
  onSearch(query: string): void;
};

export function PopupView(props: PopupProps) {
  const { summary } = props;
  const [query, setQuery] = useState('');
  return (
    <main class="popup">
      <header>
        <h1>Paperlane</h1>
        {props.libraryCount !== null && <span class="muted">{t('libraryCount', props.libraryCount)}</span>}
      </header>
      <section aria-label={t('thisPage')}>
        {summary ? (
          <>
            <p data-testid="page-summary">
              {t('pageSummary', summary.cards, summary.adapter ?? '—', summary.saved, summary.newSinceLastVisit)}
            </p>
            {summary.drift && (
              <p class="warning" role="alert">
                {t('driftWarning')}
              </p>
            )}
            {summary.failures > 0 && <p class="muted">{t('cardFailures', summary.failures)}</p>}
            <button type="button" onClick={props.onSaveAll} disabled={props.busy !== null || summary.cards === 0}>
              {t('saveAll')}
            </button>
          </>
        ) : (
          <>
            <p class="muted">{props.summaryNote ?? t('noDigestHere')}</p>
            <button type="button" onClick={props.onExtract} disabled={props.busy !== null}>
              {t('extractFromPage')}
            </button>
          </>
        )}
        <button type="button" onClick={props.onOpenSidePanel}>
          {t('openSidePanel')}
        </button>
      </section>
      {props.busy && (
        <p role="status" class="muted">
          {props.busy}
        </p>
      )}
      {props.message && <p role="status">{props.message}</p>}
      {props.error && (
        <p role="alert" class="error">
          {props.error}
        </p>
      )}
      <section aria-label={t('quickSearch')}>
        <input
          type="search"
          value={query}
          placeholder={t('searchLibrary')}
          aria-label={t('searchLibrary')}
          onInput={(e) => {
            const value = (e.target as HTMLInputElement).value;
            setQuery(value);
            props.onSearch(value);
          }}
        />
        {props.results && (
          <ul class="results">
            {props.results.length === 0 && <li class="muted">{t('noResults')}</li>}
            {props.results.map((r) => (
              <li key={r.id}>
                {r.url ? (
                  <a href={r.url} target="_blank" rel="noopener noreferrer">
                    {r.title}
                  </a>
                ) : (
                  <span>{r.title}</span>
                )}
                {r.saved && <span class="badge">★</span>}
                <div class="muted">{r.authors}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
