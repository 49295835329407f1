/** One row of the library list (every row is the same height, for the virtual list), and the list's reading progress. */
import { t } from '../lib/i18n';
import type { PaperRow } from '../lib/views/library-query';
import type { StoreSnapshot } from '../lib/views/library-store';

export function Row(props: {
  row: PaperRow;
  active: boolean;
  selected: boolean;
  open: boolean;
  colours: Map<string, string>;
  onToggle(id: string): void;
  onOpen(id: string): void;
}) {
  const { row } = props;
  const tab = props.active ? 0 : -1;
  return (
    <div
      class={`row${props.open ? ' open' : ''}${props.selected ? ' selected' : ''}${row.status === 'dismissed' ? ' dismissed' : ''}`}
      data-paperlane-id={row.id}
    >
      <input
        type="checkbox"
        tabIndex={tab}
        checked={props.selected}
        aria-label={t('selectPaper', row.title)}
        onChange={() => props.onToggle(row.id)}
      />
      <div class="row-body">
        <button type="button" class="title" tabIndex={tab} data-row-focus onClick={() => props.onOpen(row.id)}>
          {row.saved && (
            <span role="img" aria-label={t('saved')}>
              ★{' '}
            </span>
          )}
          {row.title}
        </button>
        <div class="meta">
          <span>
            {row.authors.join(', ')}
            {row.authorCount > row.authors.length ? ` +${row.authorCount - row.authors.length}` : ''}
          </span>
          {row.published && <span>{row.published}</span>}
          <span class={`status status-${row.status}`}>{statusLabel(row.status)}</span>
          {row.sites.length > 0 && <span>{t('seenOn', row.sites.join(', '))}</span>}
          {row.hasNote && <span>{t('hasNoteBadge')}</span>}
        </div>
        {row.tags.length > 0 && (
          <div class="meta">
            {row.tags.map((name) => (
              <span key={name} class="tag" style={{ '--tag': props.colours.get(name) ?? '#64748b' }}>
                {name}
              </span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
export function Progress(props: { state: StoreSnapshot; shown: number }) {
  const { state } = props;
  return (
    <div class="progress-line">
      <p class="muted" role="status" data-testid="result-count">
        {state.phase === 'opening'
          ? t('loading')
          : t('shownCount', props.shown.toLocaleString(), state.total.toLocaleString())}
      </p>
      {state.phase === 'reading' && (
        <label class="inline muted">
          {t('readingLibrary', state.loaded.toLocaleString(), state.total.toLocaleString())}
          <progress max={state.total} value={state.loaded} />
        </label>
      )}
    </div>
  );
}
