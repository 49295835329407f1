/**
 * The popup: what this page holds, the page's bulk action, a quick search of the library. Pure view.
 */
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { PageSummary } from '../lib/messages/protocol';
import { safeHref } from '../lib/views/note-markdown';
import type { QuickResult } from '../lib/views/quick-search';

export type PopupProps = {
  summary: PageSummary | null;
  /** Why there is no summary: the page is not a digest page, or the content script is not there. */
  summaryNote: string | null;
  libraryCount: number | null;
  /** What is running; shown once it has taken more than half a second. */
  busy: string | null;
  message: string | null;
  error: string | null;
  results: QuickResult[] | null;
  searching: boolean;
  onSaveAll(): void;
  onOpenSidePanel(): void;
  onExtract(): void;
  onSearch(query: string): void;
  /** Copies one result's BibTeX; `copiedId` is the result copied last, marked "Copied" for a moment. */
  onCopyBibtex(id: string): void;
  copiedId: string | null;
  /** The welcome page: sites, import, keys, backup. */
  onOpenWelcome(): void;
  /** A Scholar country host this tab is on and Paperlane does not read yet, offered as "Read this Scholar site". */
  scholarHost?: string | null;
  onReadScholarHost?(): void;
};

export function PopupView(props: PopupProps) {
  const { summary } = props;
  const [query, setQuery] = useState('');
  return (
    <main class="popup">
      <header>
        <h1>{t('extName')}</h1>
        {props.libraryCount !== null && (
          <span class="muted" data-testid="library-count">
            {t('libraryCount', props.libraryCount.toLocaleString())}
          </span>
        )}
      </header>
      <section aria-labelledby="this-page">
        <h2 id="this-page">{t('thisPage')}</h2>
        {summary ? (
          <>
            <dl class="summary" data-testid="page-summary">
              <div>
                <dt>{t('summaryCards')}</dt>
                <dd>{t('summaryCardsValue', summary.cards, summary.adapter ?? t('noAdapter'))}</dd>
              </div>
              <div>
                <dt>{t('summarySaved')}</dt>
                <dd>{summary.saved}</dd>
              </div>
              <div>
                <dt>{t('summaryNew')}</dt>
                <dd>{summary.newSinceLastVisit}</dd>
              </div>
            </dl>
            {summary.blocked && (
              <p class="warning" role="status">
                {summary.blocked}
              </p>
            )}
            {summary.drift && (
              <p class="warning" role="alert">
                {t('driftWarning')}
              </p>
            )}
            {summary.failures > 0 && <p class="muted">{t('cardFailures', summary.failures)}</p>}
            <div class="actions">
              <button
                type="button"
                class="primary"
                onClick={props.onSaveAll}
                disabled={props.busy !== null || summary.cards === 0}
              >
                {t('saveAll')}
              </button>
              <button type="button" onClick={props.onOpenSidePanel}>
                {t('openSidePanel')}
              </button>
            </div>
          </>
        ) : (
          <>
            <p class="muted">{props.summaryNote ?? t('noDigestHere')}</p>
            {props.scholarHost && (
              <div class="actions">
                <button
                  type="button"
                  class="primary"
                  aria-describedby="scholar-host-where"
                  onClick={props.onReadScholarHost}
                  disabled={props.busy !== null}
                >
                  Read this Scholar site
                </button>
                <span class="muted" id="scholar-host-where">
                  {props.scholarHost}
                </span>
              </div>
            )}
            <div class="actions">
              <button type="button" class="primary" onClick={props.onExtract} disabled={props.busy !== null}>
                {t('extractFromPage')}
              </button>
              <button type="button" onClick={props.onOpenSidePanel}>
                {t('openSidePanel')}
              </button>
            </div>
          </>
        )}
      </section>
      <div aria-live="polite">
        {props.busy && (
          <p role="status" class="muted">
            <span class="spinner" aria-hidden="true" /> {props.busy}
          </p>
        )}
        {props.message && <p role="status">{props.message}</p>}
        {props.error && (
          <p role="alert" class="error">
            {props.error}
          </p>
        )}
      </div>
      <section aria-labelledby="quick-search">
        <h2 id="quick-search">{t('quickSearch')}</h2>
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
        {props.searching && (
          <p class="muted" role="status">
            {t('searching')}
          </p>
        )}
        {props.results && (
          <ul class="results">
            {props.results.length === 0 && <li class="muted">{t('noResults')}</li>}
            {props.results.map((r) => {
              const href = r.url ? safeHref(r.url) : null;
              return (
                <li key={r.id}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {r.title}
                    </a>
                  ) : (
                    <span>{r.title}</span>
                  )}
                  {r.saved && (
                    <span class="badge" role="img" aria-label={t('saved')}>
                      ★
                    </span>
                  )}
                  <div class="result-foot">
                    <span class="muted">{r.authors}</span>
                    <button
                      type="button"
                      class="copy"
                      aria-label={t('copyBibtexOf', r.title)}
                      onClick={() => props.onCopyBibtex(r.id)}
                    >
                      {props.copiedId === r.id ? t('copied') : t('copyBibtexButton')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <nav class="popup-menu" aria-label={t('popupMenu')}>
        <button type="button" class="link" onClick={props.onOpenWelcome}>
          {t('openWelcome')}
        </button>
      </nav>
    </main>
  );
}
