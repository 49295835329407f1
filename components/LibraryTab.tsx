/**
 * The side panel's library tab: the list (search, views, filters, bulk actions) and, when a paper is open, its
 * detail pane. `usePaperDetail` holds the open paper, read in full, and the tags suggested for it; the shell keeps
 * it, so the open paper is still there after a visit to another tab.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors';
import { t } from '../lib/i18n';
import type { LibraryPaper, Sighting } from '../lib/paper/schema';
import type { LibraryActions } from '../lib/views/actions';
import type { LibraryStore, StoreSnapshot } from '../lib/views/library-store';
import type { SidePanelHooks, SuggestedTag } from '../lib/views/side-panel-hooks';
import { type BulkAction, LibraryView } from './LibraryView';
import type { ListState } from './list-state';
import { PaperDetail } from './PaperDetail';
import type { PanelWork } from './panel-work';

export type PaperDetailState = ReturnType<typeof usePaperDetail>;

export function usePaperDetail(
  store: LibraryStore,
  state: StoreSnapshot,
  hooks: SidePanelHooks,
  work: PanelWork,
  openId: string | null,
) {
  const [detail, setDetail] = useState<{ paper: LibraryPaper | null; sightings: Sighting[]; loading: boolean }>({
    paper: null,
    sightings: [],
    loading: false,
  });
  const [suggestions, setSuggestions] = useState<SuggestedTag[] | null>(null);
  const [suggestionsError, setSuggestionsError] = useState<string | null>(null);
  const suggestedFor = useRef<string | null>(null);

  // The open paper is read in full from the database, again after every change.
  useEffect(() => {
    if (!openId) return;
    let current = true;
    setDetail((d) => ({ ...d, loading: true }));
    Promise.all([store.getPaper(openId), store.getSightings(openId)]).then(
      ([paper, sightings]) => current && setDetail({ paper: paper ?? null, sightings, loading: false }),
      (e: unknown) => {
        if (!current) return;
        setDetail({ paper: null, sightings: [], loading: false });
        work.setError(t('loadFailed', errorMessage(e)));
      },
    );
    return () => {
      current = false;
    };
  }, [openId, state.version, store]);

  // Suggested tags for the open paper, again when its tags change (a tag just added is no longer offered).
  const openPaper = detail.paper;
  const openTags = openPaper ? openPaper.tags.join('\n') : '';
  useEffect(() => {
    if (!openPaper) return;
    let current = true;
    // A new paper starts empty; the same paper after a tag change keeps its chips until the new ones arrive.
    if (suggestedFor.current !== openPaper.id) setSuggestions(null);
    suggestedFor.current = openPaper.id;
    setSuggestionsError(null);
    hooks.suggestTags({ id: openPaper.id, title: openPaper.title, abstract: openPaper.abstract }).then(
      (found) => current && setSuggestions(found),
      (e: unknown) => current && setSuggestionsError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [openPaper?.id, openTags, hooks]);

  return { ...detail, suggestions, suggestionsError };
}

export type LibraryTabProps = {
  state: StoreSnapshot;
  list: ListState;
  detail: PaperDetailState;
  work: PanelWork;
  actions: LibraryActions;
  hooks: SidePanelHooks;
  now: number;
};

export function LibraryTab({ state, list, detail, work, actions, hooks, now }: LibraryTabProps) {
  const { openId, setOpenId, selection, setSelection } = list;
  const busy = work.isBusy;

  const onBulk = (action: BulkAction) => {
    const ids = [...selection];
    const n = ids.length.toLocaleString();
    switch (action.kind) {
      case 'tag':
        return work.update(ids, { addTags: [action.tag] }, t('bulkTagged', n, action.tag));
      case 'untag':
        return work.update(ids, { removeTags: [action.tag] }, t('bulkUntagged', n, action.tag));
      case 'status':
        return work.update(ids, { status: action.status }, t('bulkStatusSet', n));
      case 'delete':
        return work.run(t('working'), async () => {
          const undo = await actions.remove(ids);
          setSelection(new Set());
          if (openId && ids.includes(openId)) setOpenId(null);
          return { text: t('bulkDeleted', n), undo };
        });
      case 'export':
        return work.exportPapers(ids, action.format, t('fileNameSelection'));
    }
  };

  if (openId) {
    const update = work.update;
    return (
      <PaperDetail
        paper={detail.paper}
        sightings={detail.sightings}
        loading={detail.loading}
        tags={state.tags}
        busy={busy}
        onClose={() => setOpenId(null)}
        onStatus={(status) => void update([openId], { status }, t('statusChanged'))}
        onSaved={(saved) => void update([openId], { saved }, saved ? t('savedOne') : t('unsavedOne'))}
        onAddTag={(tag) => void update([openId], { addTags: [tag] }, t('tagAdded', tag))}
        onRemoveTag={(tag) => void update([openId], { removeTags: [tag] }, t('tagRemoved', tag))}
        onNote={(note) => void update([openId], { note }, t('noteSaved'))}
        onDelete={() =>
          void work.run(t('working'), async () => {
            const u = await actions.remove([openId]);
            setOpenId(null);
            return { text: t('bulkDeleted', '1'), undo: u };
          })
        }
        followed={state.settings.watchlist.authors}
        onFollow={(name) =>
          void work.run(t('working'), async () => {
            await actions.editSettings({ op: 'follow', kind: 'author', entry: name });
            return { text: t('watchFollowed', name), undo: null };
          })
        }
        onUnfollow={(entry) =>
          void work.run(t('working'), async () => {
            await actions.editSettings({ op: 'unfollow', kind: 'author', entry });
            return { text: t('watchUnfollowed', entry), undo: null };
          })
        }
        suggestions={detail.suggestions}
        suggestionsError={detail.suggestionsError}
        onCopyBibtex={() =>
          detail.paper &&
          void work.run(t('working'), async () => {
            await hooks.copyBibtex(detail.paper as LibraryPaper);
            return { text: t('copiedBibtex'), undo: null };
          })
        }
      />
    );
  }
  return (
    <LibraryView
      state={state}
      scores={list.scores}
      hits={list.searchResult.hits}
      search={list.search}
      onSearch={list.changeSearch}
      query={list.query}
      onQuery={list.setQuery}
      selection={selection}
      onSelection={setSelection}
      openId={openId}
      onOpen={setOpenId}
      onBulk={onBulk}
      onExportShown={(ids, format) => void work.exportPapers(ids, format, list.listName())}
      restrict={list.restrict}
      onClearRestrict={() => list.setRestrict(null)}
      busy={busy}
      now={now}
    />
  );
}
