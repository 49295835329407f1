/**
 * The side panel's library list: search, views, filters, sort, bulk selection and a windowed list that stays
 * smooth with tens of thousands of papers. Pure view: the rows, the search hits and every action come in props.
 */
import { useMemo, useState } from 'preact/hooks';
import type { TagWithCount } from '../lib/db/reader';
import { t } from '../lib/i18n';
import type { Status } from '../lib/paper/schema';
import type { PaperExportFormat } from '../lib/views/files';
import {
  DEFAULT_QUERY,
  hasFilters,
  type LibraryQuery,
  type PaperRow,
  type SortKey,
  selectRows,
  sitesOf,
} from '../lib/views/library-query';
import type { StoreSnapshot } from '../lib/views/library-store';
import { ExportPicker } from './ExportPicker';
import { VirtualList } from './VirtualList';

/** A topic shown in the list: only its members are listed until it is cleared. */
export type ListRestriction = { label: string; ids: ReadonlySet<string> };

export type BulkAction =
  | { kind: 'tag'; tag: string }
  | { kind: 'untag'; tag: string }
  | { kind: 'status'; status: Status }
  | { kind: 'delete' }
  | { kind: 'export'; format: PaperExportFormat };

export type LibraryViewProps = {
  state: StoreSnapshot;
  /** Ids matching the search, best first; null when the search box is empty. */
  hits: readonly string[] | null;
  search: string;
  onSearch(text: string): void;
  query: LibraryQuery;
  onQuery(query: LibraryQuery): void;
  selection: ReadonlySet<string>;
  onSelection(selection: Set<string>): void;
  openId: string | null;
  onOpen(id: string): void;
  onBulk(action: BulkAction): void;
  /** Exports the papers shown now (the search, view, filters and topic as they are). */
  onExportShown(ids: string[], format: PaperExportFormat): void;
  restrict: ListRestriction | null;
  onClearRestrict(): void;
  busy: boolean;
  now: number;
  /** Relevance to the library, once computed for `relevance` sorting. */
  scores: ReadonlyMap<string, number> | null;
};

const ROW_HEIGHT = 72;
export const STATUSES: readonly Status[] = ['unread', 'reading', 'read', 'dismissed'];

export function statusLabel(status: Status): string {
  switch (status) {
    case 'unread':
      return t('statusUnread');
    case 'reading':
      return t('statusReading');
    case 'read':
      return t('statusRead');
    case 'dismissed':
      return t('statusDismissed');
  }
}

const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function LibraryView(props: LibraryViewProps) {
  const { state, query, selection } = props;
  const [active, setActive] = useState(0);
  const [bulkTag, setBulkTag] = useState('');
  const [bulkStatus, setBulkStatus] = useState<Status>('read');
  const { restrict } = props;
  const shown = useMemo(
    () =>
      selectRows(
        restrict ? state.rows.filter((row) => restrict.ids.has(row.id)) : state.rows,
        props.hits,
        query,
        props.now,
        props.scores,
      ),
    [state.version, props.hits, query, props.now, restrict, props.scores],
  );
  const sites = useMemo(() => sitesOf(state.rows), [state.version]);
  const colours = useMemo(() => new Map(state.tags.map((tag) => [tag.name, tag.color])), [state.tags]);
  const set = (patch: Partial<LibraryQuery>) => {
    setActive(0);
    props.onQuery({ ...query, ...patch });
  };
  const sort: SortKey = query.sort;
  const allShownSelected = shown.length > 0 && shown.every((row) => selection.has(row.id));
  const toggle = (id: string) => {
    const next = new Set(selection);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onSelection(next);
  };

  return (
    <section class="library" aria-label={t('libraryHeading')}>
      <div class="controls">
        <input
          type="search"
          value={props.search}
          placeholder={t('searchLibrary')}
          aria-label={t('searchLibrary')}
          onInput={(e) => {
            setActive(0);
            props.onSearch(value(e));
          }}
        />
        <div class="filters">
          <label>
            {t('viewLabel')}
            <select value={query.view} onChange={(e) => set({ view: value(e) as LibraryQuery['view'] })}>
              <option value="all">{t('viewAll')}</option>
              <option value="today">{t('viewToday')}</option>
              <option value="reading">{t('viewReadingList')}</option>
              <option value="saved">{t('viewSaved')}</option>
              {state.tags.map((tag) => (
                <option key={tag.name} value={`tag:${tag.name}`}>
                  {t('viewTag', tag.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sortLabel')}
            <select value={sort} onChange={(e) => set({ sort: value(e) as SortKey })}>
              <option value="added">{t('sortAdded')}</option>
              <option value="published">{t('sortPublished')}</option>
              <option value="upvotes">{t('sortUpvotes')}</option>
              <option value="match" disabled={props.hits === null}>
                {t('sortMatch')}
              </option>
              <option value="relevance">{t('sortRelevance')}</option>
            </select>
          </label>
        </div>
        <Filters query={query} set={set} tags={state.tags} sites={sites} />
        {restrict && (
          <p class="restriction" data-testid="topic-restriction">
            <span>{t('topicRestriction', restrict.label, restrict.ids.size.toLocaleString())}</span>
            <button type="button" class="link" onClick={props.onClearRestrict}>
              {t('topicRestrictionClear')}
            </button>
          </p>
        )}
        <Progress state={state} shown={shown.length} />
        <ExportPicker
          class="export-shown"
          formatLabel={t('exportShownFormat')}
          buttonText={t('exportShown', shown.length.toLocaleString())}
          disabled={props.busy || shown.length === 0}
          onExport={(format) =>
            props.onExportShown(
              shown.map((row) => row.id),
              format,
            )
          }
        />
        {state.error && (
          <p class="error" role="alert">
            {t('loadFailed', state.error)}
          </p>
        )}
        <fieldset class="bulk">
          <legend class="visually-hidden">{t('bulkLabel')}</legend>
          <label class="inline">
            <input
              type="checkbox"
              checked={allShownSelected}
              disabled={shown.length === 0}
              onChange={() => props.onSelection(allShownSelected ? new Set() : new Set(shown.map((row) => row.id)))}
            />
            {t('selectAllShown', shown.length.toLocaleString())}
          </label>
          {selection.size > 0 && (
            <>
              <span data-testid="selected-count">{t('selectedCount', selection.size.toLocaleString())}</span>
              <form
                class="inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (bulkTag.trim()) props.onBulk({ kind: 'tag', tag: bulkTag.trim() });
                }}
              >
                <input
                  value={bulkTag}
                  list="paperlane-tags"
                  placeholder={t('addTagPlaceholder')}
                  aria-label={t('bulkTagName')}
                  onInput={(e) => setBulkTag(value(e))}
                />
                <datalist id="paperlane-tags">
                  {state.tags.map((tag) => (
                    <option key={tag.name} value={tag.name} />
                  ))}
                </datalist>
                <button type="submit" disabled={props.busy || !bulkTag.trim()}>
                  {t('bulkTag')}
                </button>
                <button
                  type="button"
                  disabled={props.busy || !bulkTag.trim()}
                  onClick={() => props.onBulk({ kind: 'untag', tag: bulkTag.trim() })}
                >
                  {t('bulkUntag')}
                </button>
              </form>
              <span class="inline">
                <select
                  value={bulkStatus}
                  aria-label={t('bulkStatusLabel')}
                  onChange={(e) => setBulkStatus(value(e) as Status)}
                >
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {statusLabel(s)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  disabled={props.busy}
                  onClick={() => props.onBulk({ kind: 'status', status: bulkStatus })}
                >
                  {t('bulkSetStatus')}
                </button>
              </span>
              <ExportPicker
                formatLabel={t('exportFormatLabel')}
                buttonText={t('bulkExport')}
                disabled={props.busy}
                onExport={(format) => props.onBulk({ kind: 'export', format })}
              />
              <button
                type="button"
                class="danger"
                disabled={props.busy}
                onClick={() => props.onBulk({ kind: 'delete' })}
              >
                {t('bulkDelete')}
              </button>
              <button type="button" onClick={() => props.onSelection(new Set())}>
                {t('clearSelection')}
              </button>
            </>
          )}
        </fieldset>
      </div>
      {shown.length === 0 && state.phase !== 'opening' ? (
        <p class="empty muted">{state.total === 0 ? t('emptyLibrary') : t('noResults')}</p>
      ) : (
        <VirtualList
          count={shown.length}
          rowHeight={ROW_HEIGHT}
          label={t('papers')}
          active={Math.min(active, Math.max(0, shown.length - 1))}
          onActive={setActive}
          keyOf={(i) => (shown[i] as PaperRow).id}
          renderRow={(i, isActive) => (
            <Row
              row={shown[i] as PaperRow}
              active={isActive}
              selected={selection.has((shown[i] as PaperRow).id)}
              open={(shown[i] as PaperRow).id === props.openId}
              colours={colours}
              onToggle={toggle}
              onOpen={(id) => {
                setActive(i);
                props.onOpen(id);
              }}
            />
          )}
        />
      )}
    </section>
  );
}

function Row(props: {
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

function Filters(props: {
  query: LibraryQuery;
  set(patch: Partial<LibraryQuery>): void;
  tags: readonly TagWithCount[];
  sites: string[];
}) {
  const { query, set } = props;
  const active = hasFilters(query);
  return (
    <details class="more-filters" open={active}>
      <summary>{active ? t('filtersActive') : t('filters')}</summary>
      <div class="filters">
        <label>
          {t('tagLabel')}
          <select value={query.tag} onChange={(e) => set({ tag: value(e) })}>
            <option value="">{t('any')}</option>
            {props.tags.map((tag) => (
              <option key={tag.name} value={tag.name}>
                {tag.name} ({tag.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('statusLabel')}
          <select value={query.status} onChange={(e) => set({ status: value(e) as Status | '' })}>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('siteLabel')}
          <select value={query.site} onChange={(e) => set({ site: value(e) })}>
            <option value="">{t('any')}</option>
            {props.sites.map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('noteFilterLabel')}
          <select value={query.note} onChange={(e) => set({ note: value(e) as LibraryQuery['note'] })}>
            <option value="">{t('any')}</option>
            <option value="with">{t('withNote')}</option>
            <option value="without">{t('withoutNote')}</option>
          </select>
        </label>
        <fieldset>
          <legend>{t('dateAdded')}</legend>
          <label>
            {t('from')}
            <input type="date" value={query.addedFrom} onChange={(e) => set({ addedFrom: value(e) })} />
          </label>
          <label>
            {t('to')}
            <input type="date" value={query.addedTo} onChange={(e) => set({ addedTo: value(e) })} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('datePublished')}</legend>
          <label>
            {t('from')}
            <input type="date" value={query.publishedFrom} onChange={(e) => set({ publishedFrom: value(e) })} />
          </label>
          <label>
            {t('to')}
            <input type="date" value={query.publishedTo} onChange={(e) => set({ publishedTo: value(e) })} />
          </label>
        </fieldset>
        {active && (
          <button type="button" onClick={() => set({ ...DEFAULT_QUERY, view: query.view, sort: query.sort })}>
            {t('clearFilters')}
          </button>
        )}
      </div>
    </details>
  );
}

function Progress(props: { state: StoreSnapshot; shown: number }) {
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
