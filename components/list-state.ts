/**
 * The state of the library list that every side-panel tab shares: the search, the query (view, filters, sort), the
 * selection, the open paper, a restriction to some papers (a topic shown as a list), and relevance scores while
 * sorting by relevance. Topics and tags tabs change it to show their papers in the library tab.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors';
import { t } from '../lib/i18n';
import { DEFAULT_QUERY, type LibraryQuery, selectShown } from '../lib/views/library-query';
import type { LibraryStore, StoreSnapshot } from '../lib/views/library-store';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';
import type { ListRestriction } from './LibraryView';
import type { PanelWork } from './panel-work';

/** Papers scored when sorting by relevance: the most recently added, enough for any reading session. */
const RELEVANCE_LIMIT = 5_000;

export type ListState = ReturnType<typeof useListState>;

export function useStore(store: LibraryStore): StoreSnapshot {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(setState);
  }, [store]);
  return state;
}

export function useListState(
  store: LibraryStore,
  state: StoreSnapshot,
  hooks: SidePanelHooks,
  work: PanelWork,
  now: number,
) {
  // The box shows each key at once; the list follows in the next task (issue 19), so a key never waits for a
  // search, and keys typed faster than the list updates are searched once, as the last of them left the text.
  const [search, setSearch] = useState('');
  const [searched, setSearched] = useState('');
  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [restrict, setRestrict] = useState<ListRestriction | null>(null);

  // Sorting by relevance scores the most recently added papers against what the researcher kept, in the
  // background; again when the library changes (a save or a dismissal changes what is relevant).
  const [scores, setScores] = useState<Map<string, number> | null>(null);
  useEffect(() => {
    if (query.sort !== 'relevance') return;
    let current = true;
    const timer = setTimeout(() => {
      const ids = [...state.rows]
        .sort((a, b) => b.addedAt - a.addedAt)
        .slice(0, RELEVANCE_LIMIT)
        .map((row) => row.id);
      hooks.relevance(ids).then(
        (map) => {
          if (!current) return;
          setScores(map);
          if (map.size === 0) work.setNotice({ text: t('relevanceNeedsLibrary'), undo: null });
        },
        (e: unknown) => current && work.setError(t('relevanceFailed', errorMessage(e))),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query.sort, state.version]);

  // Search runs on the in-memory index (milliseconds even at 50,000 papers), again whenever the library changes.
  const searchResult = useMemo(() => {
    if (!searched.trim()) return { hits: null, ms: 0 };
    const started = performance.now();
    const hits = store.search.hits(searched);
    return { hits, ms: performance.now() - started };
  }, [searched, state.version, store]);
  useEffect(() => () => void (searchTimer.current && clearTimeout(searchTimer.current)), []);

  // Drop selected ids that are gone from the library.
  useEffect(() => {
    if (selection.size === 0) return;
    const kept = [...selection].filter((id) => store.row(id) !== undefined);
    if (kept.length !== selection.size) setSelection(new Set(kept));
  }, [state.version]);

  /** The ids the list shows now, in its order. */
  const shownIds = () =>
    selectShown(
      restrict ? state.rows.filter((row) => restrict.ids.has(row.id)) : state.rows,
      searchResult.hits,
      query,
      now,
      scores,
    ).ids();

  /** What the list shows now is named for its file: the topic, the tag or the view. */
  const listName = (): string | null => {
    if (restrict) return restrict.label;
    if (query.view.startsWith('tag:')) return query.view.slice(4);
    if (query.tag) return query.tag;
    if (search.trim()) return t('fileNameSearch');
    if (query.view === 'today') return t('fileNameToday');
    if (query.view === 'reading') return t('fileNameReading');
    if (query.view === 'saved') return t('fileNameSaved');
    return null;
  };

  /** A new search text; the sort follows it (best match while searching, newest otherwise). */
  const changeSearch = (text: string) => {
    setSearch(text);
    if (searchTimer.current) clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => {
      searchTimer.current = null;
      setSearched(text);
      setQuery((q) => {
        if (text.trim() && q.sort === 'added') return { ...q, sort: 'match' };
        if (!text.trim() && q.sort === 'match') return { ...q, sort: 'added' };
        return q;
      });
    }, 0);
  };

  /** Shows only these papers (a topic) in the list, from a clean list. */
  const showOnly = (restriction: ListRestriction) => {
    setRestrict(restriction);
    if (searchTimer.current) clearTimeout(searchTimer.current);
    setSearch('');
    setSearched('');
    setQuery(DEFAULT_QUERY);
    setSelection(new Set());
    setOpenId(null);
  };

  return {
    search,
    changeSearch,
    query,
    setQuery,
    selection,
    setSelection,
    openId,
    setOpenId,
    restrict,
    setRestrict,
    showOnly,
    scores: query.sort === 'relevance' ? scores : null,
    searchResult,
    shownIds,
    listName,
  };
}
