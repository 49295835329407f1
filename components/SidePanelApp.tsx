/**
 * The side panel: the library list, the paper detail, the tag manager and the settings, with one line for progress,
 * results, failures and undo. Reads come from the store (the database, read directly); every change goes through
 * `actions` (the background), whose broadcast brings the new state back through the store.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Undo } from '../lib/db/library';
import type { Settings } from '../lib/db/settings';
import { t } from '../lib/i18n';
import type { LibraryPaper, Sighting } from '../lib/paper/schema';
import type { LibraryActions, PaperChange } from '../lib/views/actions';
import type { RestorePlan } from '../lib/views/files';
import { DEFAULT_QUERY, type LibraryQuery } from '../lib/views/library-query';
import type { LibraryStore, StoreSnapshot } from '../lib/views/library-store';
import { applyTheme } from '../lib/views/theme';
import { type BulkAction, type ExportChoice, LibraryView } from './LibraryView';
import { PaperDetail } from './PaperDetail';
import { SettingsView } from './SettingsView';
import { TagManager } from './TagManager';

export type SidePanelHooks = {
  backup(): Promise<void>;
  planRestore(file: File): Promise<RestorePlan>;
  exportSelection(ids: readonly string[], format: ExportChoice): Promise<void>;
};

export type SidePanelProps = {
  store: LibraryStore;
  actions: LibraryActions;
  hooks: SidePanelHooks;
  now?: () => number;
};

type Tab = 'library' | 'tags' | 'settings';
const TABS: Tab[] = ['library', 'tags', 'settings'];
/** Work that takes longer than this shows progress. */
const PROGRESS_AFTER_MS = 500;

type Notice = { text: string; undo: Undo | null };

export function useStore(store: LibraryStore): StoreSnapshot {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(setState);
  }, [store]);
  return state;
}

export function SidePanelApp(props: SidePanelProps) {
  const { store, actions, hooks } = props;
  const state = useStore(store);
  const [tab, setTab] = useState<Tab>('library');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [detail, setDetail] = useState<{ paper: LibraryPaper | null; sightings: Sighting[]; loading: boolean }>({
    paper: null,
    sightings: [],
    loading: false,
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [showBusy, setShowBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restorePlan, setRestorePlan] = useState<RestorePlan | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const now = useMemo(() => (props.now ?? Date.now)(), [props.now, state.version]);

  useEffect(() => applyTheme(state.settings.theme), [state.settings.theme]);

  // Search runs on the in-memory index (milliseconds even at 50,000 papers), again whenever the library changes.
  const searchResult = useMemo(() => {
    if (!search.trim()) return { hits: null, ms: 0 };
    const started = performance.now();
    const hits = store.search.search(search);
    return { hits, ms: performance.now() - started };
  }, [search, state.version, store]);
  useEffect(() => {
    if (searchResult.hits && query.sort === 'added' && !search.trim()) setQuery({ ...query, sort: 'added' });
  }, [searchResult.hits, query, search]);

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
        setError(t('loadFailed', e instanceof Error ? e.message : String(e)));
      },
    );
    return () => {
      current = false;
    };
  }, [openId, state.version, store]);

  // Drop selected ids that are gone from the library.
  useEffect(() => {
    if (selection.size === 0) return;
    const kept = [...selection].filter((id) => store.row(id) !== undefined);
    if (kept.length !== selection.size) setSelection(new Set(kept));
  }, [state.version]);

  const run = async (label: string, work: () => Promise<Notice | null>) => {
    setBusy(label);
    setError(null);
    setNotice(null);
    const timer = setTimeout(() => setShowBusy(true), PROGRESS_AFTER_MS);
    try {
      setNotice(await work());
    } catch (e) {
      setError(t('actionFailed', e instanceof Error ? e.message : String(e)));
    } finally {
      clearTimeout(timer);
      setShowBusy(false);
      setBusy(null);
    }
  };

  const update = (ids: readonly string[], change: PaperChange, done: string) =>
    run(t('working'), async () => ({ text: done, undo: await actions.update(ids, change) }));

  const onBulk = (action: BulkAction) => {
    const ids = [...selection];
    const n = ids.length.toLocaleString();
    switch (action.kind) {
      case 'tag':
        return update(ids, { addTags: [action.tag] }, t('bulkTagged', n, action.tag));
      case 'untag':
        return update(ids, { removeTags: [action.tag] }, t('bulkUntagged', n, action.tag));
      case 'status':
        return update(ids, { status: action.status }, t('bulkStatusSet', n));
      case 'delete':
        return run(t('working'), async () => {
          const undo = await actions.remove(ids);
          setSelection(new Set());
          if (openId && ids.includes(openId)) setOpenId(null);
          return { text: t('bulkDeleted', n), undo };
        });
      case 'export':
        return run(t('exporting'), async () => {
          await hooks.exportSelection(ids, action.format);
          return { text: t('exported', n), undo: null };
        });
    }
  };

  const undo = (u: Undo) =>
    run(t('working'), async () => {
      await actions.restore(u);
      return { text: t('undoneChange'), undo: null };
    });

  const changeSettings = (patch: Partial<Settings>) =>
    run(t('working'), async () => {
      await actions.updateSettings(patch);
      return null;
    });

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + TABS.length) % TABS.length;
    setTab(TABS[next] as Tab);
    tabRefs.current[next]?.focus();
  };
  const tabLabel = { library: t('tabLibrary'), tags: t('tabTags'), settings: t('tabSettings') };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the panel closes the open paper
    <div
      class="panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && openId) {
          e.preventDefault();
          setOpenId(null);
        }
      }}
    >
      <header class="panel-head">
        <h1>{t('extName')}</h1>
        <div role="tablist" aria-label={t('sections')}>
          {TABS.map((name, i) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              onClick={() => setTab(name)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {tabLabel[name]}
            </button>
          ))}
        </div>
      </header>
      <div class="notices" aria-live="polite">
        {busy && showBusy && (
          <p class="busy" role="status">
            <span class="spinner" aria-hidden="true" /> {busy}
          </p>
        )}
        {notice && (
          <p class="notice" role="status">
            {notice.text}
            {notice.undo && (
              <button type="button" disabled={busy !== null} onClick={() => notice.undo && void undo(notice.undo)}>
                {t('undoAction')}
              </button>
            )}
            <button type="button" class="link" aria-label={t('dismissNotice')} onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
            <button type="button" class="link" aria-label={t('dismissNotice')} onClick={() => setError(null)}>
              ×
            </button>
          </p>
        )}
      </div>
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        class="panel-body"
        data-search-ms={searchResult.ms.toFixed(2)}
      >
        {tab === 'library' &&
          (openId ? (
            <PaperDetail
              paper={detail.paper}
              sightings={detail.sightings}
              loading={detail.loading}
              tags={state.tags}
              busy={busy !== null}
              onClose={() => setOpenId(null)}
              onStatus={(status) => void update([openId], { status }, t('statusChanged'))}
              onSaved={(saved) => void update([openId], { saved }, saved ? t('savedOne') : t('unsavedOne'))}
              onAddTag={(tag) => void update([openId], { addTags: [tag] }, t('tagAdded', tag))}
              onRemoveTag={(tag) => void update([openId], { removeTags: [tag] }, t('tagRemoved', tag))}
              onNote={(note) => void update([openId], { note }, t('noteSaved'))}
              onDelete={() =>
                void run(t('working'), async () => {
                  const u = await actions.remove([openId]);
                  setOpenId(null);
                  return { text: t('bulkDeleted', '1'), undo: u };
                })
              }
            />
          ) : (
            <LibraryView
              state={state}
              hits={searchResult.hits}
              search={search}
              onSearch={(text) => {
                setSearch(text);
                if (text.trim() && query.sort === 'added') setQuery({ ...query, sort: 'match' });
                if (!text.trim() && query.sort === 'match') setQuery({ ...query, sort: 'added' });
              }}
              query={query}
              onQuery={setQuery}
              selection={selection}
              onSelection={setSelection}
              openId={openId}
              onOpen={setOpenId}
              onBulk={onBulk}
              busy={busy !== null}
              now={now}
            />
          ))}
        {tab === 'tags' && (
          <TagManager
            tags={state.tags}
            busy={busy !== null}
            onRename={(from, to) =>
              void run(t('working'), async () => {
                const merging = state.tags.some((x) => x.name === to);
                await actions.renameTag(from, to);
                return { text: merging ? t('tagMerged', from, to) : t('tagRenamed', from, to), undo: null };
              })
            }
            onDelete={(name) =>
              void run(t('working'), async () => {
                await actions.deleteTag(name);
                return { text: t('tagDeleted', name), undo: null };
              })
            }
            onColor={(name, color) =>
              void run(t('working'), async () => {
                await actions.setTagColor(name, color);
                return null;
              })
            }
            onShow={(name) => {
              setQuery({ ...DEFAULT_QUERY, view: `tag:${name}` });
              setTab('library');
            }}
          />
        )}
        {tab === 'settings' && (
          <SettingsView
            settings={state.settings}
            busy={busy !== null}
            restorePlan={restorePlan}
            onChange={(patch) => void changeSettings(patch)}
            onBackup={() =>
              void run(t('backingUp'), async () => {
                await hooks.backup();
                return { text: t('backupDone'), undo: null };
              })
            }
            onRestoreFile={(file) =>
              void run(t('readingFile'), async () => {
                setRestorePlan(await hooks.planRestore(file));
                return null;
              })
            }
            onRestoreCancel={() => setRestorePlan(null)}
            onRestoreApply={() =>
              void run(t('restoring'), async () => {
                if (!restorePlan?.ok) return null;
                await actions.replace(restorePlan.preview.result);
                const count = restorePlan.preview.result.papers.length.toLocaleString();
                setRestorePlan(null);
                return { text: t('restoreDone', count), undo: null };
              })
            }
          />
        )}
      </div>
    </div>
  );
}
