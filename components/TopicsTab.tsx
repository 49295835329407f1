/**
 * The side panel's topics tab: clusters the library, the list as shown or one tag, with progress and cancel; a
 * topic can be shown as a list, tagged, saved, dismissed or exported. `useTopics` holds the clustering and its
 * result; the shell keeps it, so a topic shown in the library tab is still there on the way back.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors';
import { t } from '../lib/i18n';
import type { PaperChange } from '../lib/views/actions';
import type { PaperExportFormat } from '../lib/views/files';
import type { LibraryStore, StoreSnapshot } from '../lib/views/library-store';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';
import { CancelledError, type TopicProgress } from '../lib/views/topics';
import type { ListState } from './list-state';
import type { PanelWork } from './panel-work';
import { parseK, type TopicScope, type TopicsResult, TopicsView } from './TopicsView';

export type TopicsState = ReturnType<typeof useTopics>;

export function useTopics(state: StoreSnapshot, list: ListState, hooks: SidePanelHooks) {
  const [scope, setScope] = useState<TopicScope>('library');
  const [k, setK] = useState('');
  const [progress, setProgress] = useState<TopicProgress | null>(null);
  const [result, setResult] = useState<TopicsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);

  // A clustering still running when the panel goes away stops with it.
  useEffect(() => () => running.current?.abort(), []);

  const scopeIds = (which: TopicScope): { ids: string[]; label: string } => {
    if (which === 'library') return { ids: state.rows.map((row) => row.id), label: t('topicScopeLibraryName') };
    if (which === 'shown') return { ids: list.shownIds(), label: t('topicScopeShownName') };
    const tag = which.slice(4);
    return { ids: state.rows.filter((row) => row.tags.includes(tag)).map((row) => row.id), label: tag };
  };

  const run = async () => {
    const parsed = parseK(k);
    if ('error' in parsed) return setError(parsed.error);
    const { ids, label } = scopeIds(scope);
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setProgress({ stage: 'reading', done: 0, total: ids.length });
    const started = performance.now();
    try {
      const found = await hooks.cluster({
        ids,
        ...(parsed.k === null ? {} : { k: parsed.k }),
        signal: controller.signal,
        onProgress: (p) => !controller.signal.aborted && setProgress(p),
      });
      if (controller.signal.aborted) return;
      setResult({
        scopeLabel: label,
        papers: ids.length,
        k: found.k,
        automaticK: found.automaticK,
        clusters: found.clusters,
        ms: performance.now() - started,
      });
    } catch (e) {
      if (e instanceof CancelledError || controller.signal.aborted) setError(t('topicCancelled'));
      else setError(t('topicFailed', errorMessage(e)));
    } finally {
      if (running.current === controller) {
        running.current = null;
        setProgress(null);
      }
    }
  };

  return { scope, setScope, k, setK, progress, result, error, run, cancel: () => running.current?.abort() };
}

export type TopicsTabProps = {
  store: LibraryStore;
  state: StoreSnapshot;
  list: ListState;
  topics: TopicsState;
  work: PanelWork;
  /** Shows the library tab (with a topic as its list, or a paper open). */
  toLibrary(): void;
};

export function TopicsTab({ store, state, list, topics, work, toLibrary }: TopicsTabProps) {
  const { result } = topics;
  // The count of the list as it is now; progress re-renders often, so it is kept.
  const shownCount = useMemo(
    () => list.shownIds().length,
    [state.version, list.searchResult.hits, list.query, list.restrict],
  );
  const topic = (index: number) => result?.clusters[index];
  const inLibrary = (ids: readonly string[]) => ids.filter((id) => store.row(id) !== undefined);
  const topicAction = (index: number, change: PaperChange, done: (n: string, label: string) => string) => {
    const cluster = topic(index);
    if (!cluster) return;
    const ids = inLibrary(cluster.members);
    void work.update(ids, change, done(ids.length.toLocaleString(), cluster.label));
  };
  const exportTopic = (index: number | 'all', format: PaperExportFormat) => {
    if (!result) return;
    const clusters = index === 'all' ? result.clusters : [topic(index)].filter((c) => c !== undefined);
    const groups = clusters.map((c) => ({ name: c.label, paperIds: inLibrary(c.members) }));
    const ids = groups.flatMap((g) => g.paperIds);
    const name = index === 'all' ? t('fileNameTopics') : (clusters[0]?.label ?? null);
    void work.exportPapers(ids, format, name, groups);
  };

  return (
    <TopicsView
      tags={state.tags}
      total={state.total}
      shownCount={shownCount}
      scope={topics.scope}
      onScope={topics.setScope}
      k={topics.k}
      onK={topics.setK}
      progress={topics.progress}
      result={result}
      error={topics.error}
      busy={work.isBusy}
      titleOf={(id) => store.row(id)?.title}
      onRun={() => void topics.run()}
      onCancel={topics.cancel}
      onShow={(index) => {
        const cluster = topic(index);
        if (!cluster) return;
        list.showOnly({ label: cluster.label, ids: new Set(cluster.members) });
        toLibrary();
      }}
      onOpen={(id) => {
        list.setOpenId(id);
        toLibrary();
      }}
      onTag={(index, tag) => topicAction(index, { addTags: [tag] }, (n) => t('bulkTagged', n, tag))}
      onSave={(index) => topicAction(index, { saved: true }, (n, label) => t('topicSaved', n, label))}
      onDismiss={(index) => topicAction(index, { status: 'dismissed' }, (n, label) => t('topicDismissed', n, label))}
      onExport={exportTopic}
    />
  );
}
