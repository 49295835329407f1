/**
 * The side panel: the library list, the paper detail, topics, the tag manager and the settings, with one line for
 * progress, results, failures and undo. Reads come from the store (the database, read directly); every change goes
 * through `actions` (the background), whose broadcast brings the new state back through the store. Files (export,
 * backup, import), the clipboard, tag suggestions and clustering come in through `hooks`.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClusterResult } from '../lib/cluster/cluster';
import type { Undo } from '../lib/db/library';
import type { Settings } from '../lib/db/settings';
import type { ImportMode, ImportPreview } from '../lib/export/backup';
import type { PaperGroup } from '../lib/export/markdown';
import { t } from '../lib/i18n';
import type { LibraryPaper, Sighting } from '../lib/paper/schema';
import type { LibraryActions, PaperChange } from '../lib/views/actions';
import type { ImportRead, PaperExportFormat } from '../lib/views/files';
import { DEFAULT_QUERY, type LibraryQuery, selectRows } from '../lib/views/library-query';
import type { LibraryStore, StoreSnapshot } from '../lib/views/library-store';
import { applyTheme } from '../lib/views/theme';
import { CancelledError, type TopicProgress, type TopicRequest } from '../lib/views/topics';
import { type BulkAction, LibraryView, type ListRestriction } from './LibraryView';
import { PaperDetail } from './PaperDetail';
import { SettingsView } from './SettingsView';
import { type SiteAccessHooks, SiteAccessSettings } from './SiteAccessSettings';
import { type SyncHooks, SyncSettings } from './SyncSettings';
import { TagManager } from './TagManager';
import { parseK, type TopicScope, type TopicsResult, TopicsView } from './TopicsView';

export type ExportRequest = {
  ids: readonly string[];
  format: PaperExportFormat;
  /** Names the file: a tag, a topic, a view. */
  name: string | null;
  /** Markdown headings per topic, when topics are exported. */
  groups?: PaperGroup[];
  onProgress?: (done: number, total: number) => void;
};

export type SuggestedTag = { tag: string; score: number };

export type SidePanelHooks = {
  /** The Sync section (components/SyncSettings.tsx); absent where sync cannot run. */
  sync?: SyncHooks;
  backup(): Promise<void>;
  /** Reads and checks an import file; nothing is compared or written yet. */
  readImport(file: File): Promise<ImportRead>;
  /** What importing would change in the library as it is now. */
  planImport(read: Extract<ImportRead, { ok: true }>, mode: ImportMode): Promise<ImportPreview>;
  exportPapers(request: ExportRequest): Promise<void>;
  copyBibtex(paper: LibraryPaper): Promise<void>;
  suggestTags(paper: { id: string; title: string; abstract: string | null }): Promise<SuggestedTag[]>;
  cluster(request: TopicRequest): Promise<ClusterResult>;
  /** Relevance of these papers to what the researcher kept (saved, tagged; dismissed counts against). */
  relevance(ids: readonly string[]): Promise<Map<string, number>>;
  /** The optional sites' switches (issue 16); absent where the browser cannot grant them. */
  siteAccess?: SiteAccessHooks;
};

export type SidePanelProps = {
  store: LibraryStore;
  actions: LibraryActions;
  hooks: SidePanelHooks;
  now?: () => number;
};

type Tab = 'library' | 'topics' | 'tags' | 'settings';
const TABS: Tab[] = ['library', 'topics', 'tags', 'settings'];
/** Papers scored when sorting by relevance: the most recently added, enough for any reading session. */
const RELEVANCE_LIMIT = 5_000;
/** Work that takes longer than this shows progress. */
const PROGRESS_AFTER_MS = 500;

type Notice = { text: string; undo: Undo | null };
type Busy = { label: string; done?: number; total?: number };
/** Names a stage of long work and lets the page paint it before the next (possibly synchronous) step. */
type Step = (label: string, done?: number, total?: number) => Promise<void>;

const nextPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

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
  const [busy, setBusy] = useState<Busy | null>(null);
  const [showBusy, setShowBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importRead, setImportRead] = useState<ImportRead | null>(null);
  const [importMode, setImportMode] = useState<ImportMode>('merge');
  const [importPreview, setImportPreview] = useState<ImportPreview | null>(null);
  const [restrict, setRestrict] = useState<ListRestriction | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestedTag[] | null>(null);
  const [suggestionsError, setSuggestionsError] = useState<string | null>(null);
  const [topicScope, setTopicScope] = useState<TopicScope>('library');
  const [topicK, setTopicK] = useState('');
  const [topicProgress, setTopicProgress] = useState<TopicProgress | null>(null);
  const [topicResult, setTopicResult] = useState<TopicsResult | null>(null);
  const [topicError, setTopicError] = useState<string | null>(null);
  const topicAbort = useRef<AbortController | null>(null);
  const suggestedFor = useRef<string | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const now = useMemo(() => (props.now ?? Date.now)(), [props.now, state.version]);

  useEffect(() => applyTheme(state.settings.theme), [state.settings.theme]);

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
      props.hooks.relevance(ids).then(
        (map) => {
          if (!current) return;
          setScores(map);
          if (map.size === 0) setNotice({ text: t('relevanceNeedsLibrary'), undo: null });
        },
        (e: unknown) => current && setError(t('relevanceFailed', e instanceof Error ? e.message : String(e))),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query.sort, state.version]);

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
      (e: unknown) => current && setSuggestionsError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [openPaper?.id, openTags, hooks]);

  // A clustering still running when the panel goes away stops with it.
  useEffect(() => () => topicAbort.current?.abort(), []);

  // Drop selected ids that are gone from the library.
  useEffect(() => {
    if (selection.size === 0) return;
    const kept = [...selection].filter((id) => store.row(id) !== undefined);
    if (kept.length !== selection.size) setSelection(new Set(kept));
  }, [state.version]);

  const run = async (label: string, work: (step: Step) => Promise<Notice | null>) => {
    setBusy({ label });
    setError(null);
    setNotice(null);
    const timer = setTimeout(() => setShowBusy(true), PROGRESS_AFTER_MS);
    // Named stages are shown at once: they only come from work that may take long (files, imports, exports).
    const step: Step = async (stepLabel, done, total) => {
      setBusy({ label: stepLabel, ...(done === undefined ? {} : { done }), ...(total === undefined ? {} : { total }) });
      setShowBusy(true);
      await nextPaint();
    };
    try {
      setNotice(await work(step));
    } catch (e) {
      setError(t('actionFailed', messageOf(e)));
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
        return exportPapers(ids, action.format, t('fileNameSelection'));
    }
  };

  const exportPapers = (
    ids: readonly string[],
    format: PaperExportFormat,
    name: string | null,
    groups?: PaperGroup[],
  ) =>
    run(t('exporting'), async (step) => {
      const total = ids.length;
      await step(t('exportingCount', total.toLocaleString()), 0, total);
      await hooks.exportPapers({
        ids,
        format,
        name,
        ...(groups ? { groups } : {}),
        onProgress: (done) => void step(t('exportingCount', total.toLocaleString()), done, total),
      });
      return { text: t('exported', total.toLocaleString()), undo: null };
    });

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

  const shownIds = () =>
    selectRows(
      restrict ? state.rows.filter((row) => restrict.ids.has(row.id)) : state.rows,
      searchResult.hits,
      query,
      now,
      scores,
    ).map((row) => row.id);

  // Only the Topics tab needs the count of the list as it is now; progress re-renders often, so it is kept.
  const shownForTopics = useMemo(
    () => (tab === 'topics' ? shownIds() : []),
    [tab, state.version, searchResult.hits, query, now, restrict],
  );

  const scopeIds = (scope: TopicScope): { ids: string[]; label: string } => {
    if (scope === 'library') return { ids: state.rows.map((row) => row.id), label: t('topicScopeLibraryName') };
    if (scope === 'shown') return { ids: shownIds(), label: t('topicScopeShownName') };
    const tag = scope.slice(4);
    return { ids: state.rows.filter((row) => row.tags.includes(tag)).map((row) => row.id), label: tag };
  };

  const runTopics = async () => {
    const k = parseK(topicK);
    if ('error' in k) return setTopicError(k.error);
    const { ids, label } = scopeIds(topicScope);
    topicAbort.current?.abort();
    const controller = new AbortController();
    topicAbort.current = controller;
    setTopicError(null);
    setTopicProgress({ stage: 'reading', done: 0, total: ids.length });
    const started = performance.now();
    try {
      const result = await hooks.cluster({
        ids,
        ...(k.k === null ? {} : { k: k.k }),
        signal: controller.signal,
        onProgress: (p) => !controller.signal.aborted && setTopicProgress(p),
      });
      if (controller.signal.aborted) return;
      setTopicResult({
        scopeLabel: label,
        papers: ids.length,
        k: result.k,
        automaticK: result.automaticK,
        clusters: result.clusters,
        ms: performance.now() - started,
      });
    } catch (e) {
      if (e instanceof CancelledError || controller.signal.aborted) setTopicError(t('topicCancelled'));
      else setTopicError(t('topicFailed', messageOf(e)));
    } finally {
      if (topicAbort.current === controller) {
        topicAbort.current = null;
        setTopicProgress(null);
      }
    }
  };

  const topic = (index: number) => topicResult?.clusters[index];
  const topicAction = (index: number, change: PaperChange, done: (n: string, label: string) => string) => {
    const cluster = topic(index);
    if (!cluster) return;
    const ids = cluster.members.filter((id) => store.row(id) !== undefined);
    void update(ids, change, done(ids.length.toLocaleString(), cluster.label));
  };
  const exportTopic = (index: number | 'all', format: PaperExportFormat) => {
    if (!topicResult) return;
    const clusters = index === 'all' ? topicResult.clusters : [topic(index)].filter((c) => c !== undefined);
    const groups = clusters.map((c) => ({
      name: c.label,
      paperIds: c.members.filter((id) => store.row(id) !== undefined),
    }));
    const ids = groups.flatMap((g) => g.paperIds);
    const name = index === 'all' ? t('fileNameTopics') : (clusters[0]?.label ?? null);
    void exportPapers(ids, format, name, groups);
  };

  const applyImport = (read: Extract<ImportRead, { ok: true }>, previewed: ImportPreview) =>
    run(t('importWriting'), async (step) => {
      // Planned again against the library as it is now: it may have changed since the preview was made.
      await step(t('importComparing', read.papers.length.toLocaleString()));
      const fresh = await hooks.planImport(read, previewed.mode);
      const same = (['added', 'updated', 'unchanged', 'removed'] as const).every(
        (key) => fresh[key] === previewed[key],
      );
      if (!same) {
        setImportPreview(fresh);
        return { text: t('importPreviewChanged'), undo: null };
      }
      await step(t('importWritingCount', fresh.result.papers.length.toLocaleString()));
      await actions.replace(fresh.result);
      setImportRead(null);
      setImportPreview(null);
      return {
        text: t(
          'importDone',
          fresh.added.toLocaleString(),
          fresh.updated.toLocaleString(),
          fresh.removed.toLocaleString(),
        ),
        undo: null,
      };
    });

  const planFor = (read: ImportRead, mode: ImportMode) =>
    run(t('importComparing', ''), async (step) => {
      if (!read.ok) return null;
      await step(t('importComparing', read.papers.length.toLocaleString()));
      setImportPreview(await hooks.planImport(read, mode));
      return null;
    });

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
  const tabLabel = { library: t('tabLibrary'), topics: t('tabTopics'), tags: t('tabTags'), settings: t('tabSettings') };

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
            <span class="spinner" aria-hidden="true" /> {busy.label}
            {busy.total !== undefined && busy.total > 0 && (
              <progress max={busy.total} value={busy.done ?? 0} aria-label={busy.label} />
            )}
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
              suggestions={suggestions}
              suggestionsError={suggestionsError}
              onCopyBibtex={() =>
                detail.paper &&
                void run(t('working'), async () => {
                  await hooks.copyBibtex(detail.paper as LibraryPaper);
                  return { text: t('copiedBibtex'), undo: null };
                })
              }
            />
          ) : (
            <LibraryView
              state={state}
              scores={query.sort === 'relevance' ? scores : null}
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
              onExportShown={(ids, format) => void exportPapers(ids, format, listName())}
              restrict={restrict}
              onClearRestrict={() => setRestrict(null)}
              busy={busy !== null}
              now={now}
            />
          ))}
        {tab === 'topics' && (
          <TopicsView
            tags={state.tags}
            total={state.total}
            shownCount={shownForTopics.length}
            scope={topicScope}
            onScope={setTopicScope}
            k={topicK}
            onK={setTopicK}
            progress={topicProgress}
            result={topicResult}
            error={topicError}
            busy={busy !== null}
            titleOf={(id) => store.row(id)?.title}
            onRun={() => void runTopics()}
            onCancel={() => topicAbort.current?.abort()}
            onShow={(index) => {
              const cluster = topic(index);
              if (!cluster) return;
              setRestrict({ label: cluster.label, ids: new Set(cluster.members) });
              setSearch('');
              setQuery(DEFAULT_QUERY);
              setSelection(new Set());
              setOpenId(null);
              setTab('library');
            }}
            onOpen={(id) => {
              setOpenId(id);
              setTab('library');
            }}
            onTag={(index, tag) => topicAction(index, { addTags: [tag] }, (n) => t('bulkTagged', n, tag))}
            onSave={(index) => topicAction(index, { saved: true }, (n, label) => t('topicSaved', n, label))}
            onDismiss={(index) =>
              topicAction(index, { status: 'dismissed' }, (n, label) => t('topicDismissed', n, label))
            }
            onExport={exportTopic}
          />
        )}
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
        {tab === 'settings' && <SiteAccessSettings hooks={hooks.siteAccess} />}
        {tab === 'settings' && (
          <SettingsView
            settings={state.settings}
            busy={busy !== null}
            importRead={importRead}
            importMode={importMode}
            importPreview={importPreview}
            onChange={(patch) => void changeSettings(patch)}
            onBackup={() =>
              void run(t('backingUp'), async () => {
                await hooks.backup();
                return { text: t('backupDone'), undo: null };
              })
            }
            onImportFile={(file) =>
              void run(t('readingFile'), async (step) => {
                setImportRead(null);
                setImportPreview(null);
                await step(t('importReadingFile', file.name));
                const read = await hooks.readImport(file);
                setImportRead(read);
                if (!read.ok) return null;
                // A backup is most often restored whole; any other file is most often added to the library.
                const mode: ImportMode = read.backup ? 'replace' : 'merge';
                setImportMode(mode);
                await step(t('importComparing', read.papers.length.toLocaleString()));
                setImportPreview(await hooks.planImport(read, mode));
                return null;
              })
            }
            onImportMode={(mode) => {
              setImportMode(mode);
              if (importRead) void planFor(importRead, mode);
            }}
            onImportCancel={() => {
              setImportRead(null);
              setImportPreview(null);
            }}
            onImportApply={() => {
              if (importRead?.ok && importPreview) void applyImport(importRead, importPreview);
            }}
          />
        )}
        {tab === 'settings' && hooks.sync && <SyncSettings hooks={hooks.sync} />}
      </div>
    </div>
  );
}
