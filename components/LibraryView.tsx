/**
 * The side panel's library: search, views, filters and a windowed list that stays smooth with tens of
 * thousands of papers (only the rows on screen are in the DOM). Pure view.
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { LibraryPaper, Status } from '../lib/paper/schema';

export type LibraryViewProps = {
  papers: LibraryPaper[];
  loading: boolean;
  error: string | null;
  /** Ids matching the search text, in rank order; null when the search box is empty. */
  searchHits: string[] | null;
  onSearch(query: string): void;
  onOpen(paper: LibraryPaper): void;
  selectedId: string | null;
};

type View = 'all' | 'reading' | 'today' | 'saved';
const ROW_HEIGHT = 64;
const OVERSCAN = 8;

export function LibraryView(props: LibraryViewProps) {
  const [view, setView] = useState<View>('all');
  const [status, setStatus] = useState<Status | ''>('');
  const [tag, setTag] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  const tags = useMemo(() => [...new Set(props.papers.flatMap((p) => p.tags))].sort(), [props.papers]);
  const shown = useMemo(() => {
    const startOfDay = new Date();
    startOfDay.setHours(0, 0, 0, 0);
    const byId = new Map(props.papers.map((p) => [p.id, p]));
    const base = props.searchHits
      ? props.searchHits.map((id) => byId.get(id)).filter((p): p is LibraryPaper => p !== undefined)
      : [...props.papers].sort((a, b) => (b.savedAt ?? b.addedAt) - (a.savedAt ?? a.addedAt));
    return base.filter(
      (p) =>
        (view !== 'saved' || p.saved) &&
        (view !== 'reading' || (p.saved && p.status === 'unread')) &&
        (view !== 'today' || (p.lastSeenAt ?? 0) >= startOfDay.getTime()) &&
        (!status || p.status === status) &&
        (!tag || p.tags.includes(tag)),
    );
  }, [props.papers, props.searchHits, view, status, tag]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  return (
    <main class="library">
      <header class="controls">
        <input
          type="search"
          placeholder={t('searchLibrary')}
          aria-label={t('searchLibrary')}
          onInput={(e) => props.onSearch((e.target as HTMLInputElement).value)}
        />
        <div class="filters">
          <label>
            {t('viewLabel')}
            <select value={view} onChange={(e) => setView((e.target as HTMLSelectElement).value as View)}>
              <option value="all">{t('viewAll')}</option>
              <option value="saved">{t('viewSaved')}</option>
              <option value="reading">{t('viewReadingList')}</option>
              <option value="today">{t('viewToday')}</option>
            </select>
          </label>
          <label>
            {t('statusLabel')}
            <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as Status | '')}>
              <option value="">{t('any')}</option>
              <option value="unread">{t('statusUnread')}</option>
              <option value="reading">{t('statusReading')}</option>
              <option value="read">{t('statusRead')}</option>
              <option value="dismissed">{t('statusDismissed')}</option>
            </select>
          </label>
          <label>
            {t('tagLabel')}
            <select value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
              <option value="">{t('any')}</option>
              {tags.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p class="muted" role="status" data-testid="result-count">
          {props.loading ? t('loading') : t('shownCount', shown.length, props.papers.length)}
        </p>
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
      </header>
      <section
        class="list"
        aria-label={t('papers')}
        ref={(el) => {
          if (el?.clientHeight && el.clientHeight !== height) setHeight(el.clientHeight);
        }}
        onScroll={(e) => setScrollTop((e.target as HTMLElement).scrollTop)}
      >
        <ul class="rows" style={{ height: `${shown.length * ROW_HEIGHT}px` }}>
          {shown.slice(first, last).map((paper, i) => (
            <li
              key={paper.id}
              class={`row${paper.id === props.selectedId ? ' selected' : ''}${paper.status === 'dismissed' ? ' dismissed' : ''}`}
              style={{ top: `${(first + i) * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
              data-paperlane-id={paper.id}
            >
              <button type="button" class="title" onClick={() => props.onOpen(paper)}>
                {paper.saved ? '★ ' : ''}
                {paper.title}
              </button>
              <div class="meta">
                <span>
                  {paper.authors.slice(0, 3).join(', ')}
                  {paper.authorCount > 3 ? ` +${paper.authorCount - 3}` : ''}
                </span>
                {paper.published && <span>{paper.published}</span>}
                <span>{t(`status${paper.status[0]?.toUpperCase()}${paper.status.slice(1)}` as 'statusUnread')}</span>
                {paper.sites.length > 0 && <span>{paper.sites.join(', ')}</span>}
                {paper.tags.map((name) => (
                  <span key={name} class="tag">
                    {name}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
