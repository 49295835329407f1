/** The library list's filters: tag, status, dates and the rest, folded away until used. */
import type { TagWithCount } from '../lib/db/reader';
import { t } from '../lib/i18n';
import type { Status } from '../lib/paper/schema';
import { DEFAULT_QUERY, hasFilters, type LibraryQuery } from '../lib/views/library-query';

const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function Filters(props: {
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
