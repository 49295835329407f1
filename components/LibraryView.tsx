/**
 * The side panel's library list: search, views, filters, sort, bulk selection and a windowed list that stays
 * smooth with tens of thousands of papers. Pure view: the rows, the search hits and every action come in props.
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { Status } from '../lib/paper/schema';
import type { SearchHits } from '../lib/search/library-search';
import type { PaperExportFormat } from '../lib/views/files';
import { type LibraryQuery, type ShownRows, type SortKey, selectShown, sitesOf } from '../lib/views/library-query';
import type { StoreSnapshot } from '../lib/views/library-store';
import { ExportPicker } from './ExportPicker';
import { Filters } from './LibraryFilters';
import { Progress, Row } from './LibraryRow';
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
  hits: SearchHits | null;
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

/** Whether every row shown is selected (stops at the first that is not: an empty selection costs nothing). */
function everyShownIn(shown: ShownRows, selection: ReadonlySet<string>): boolean {
  for (let i = 0; i < shown.length; i++) if (!selection.has(shown.at(i).id)) return false;
  return true;
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
      selectShown(
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
  const allShownSelected = shown.length > 0 && everyShownIn(shown, selection);
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
          onExport={(format) => props.onExportShown(shown.ids(), format)}
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
              onChange={() => props.onSelection(allShownSelected ? new Set() : new Set(shown.ids()))}
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
          keyOf={(i) => shown.at(i).id}
          renderRow={(i, isActive) => (
            <Row
              row={shown.at(i)}
              active={isActive}
              selected={selection.has(shown.at(i).id)}
              open={shown.at(i).id === props.openId}
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
