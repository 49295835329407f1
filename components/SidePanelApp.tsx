/**
 * The side panel's shell: the tabs, the status line (progress, results, failures, undo) and the tab shown. Reads
 * come from the store (the database, read directly); every change goes through `actions` (the background), whose
 * broadcast brings the new state back through the store. Files, the clipboard, tag suggestions and clustering come
 * in through `hooks`. Each tab is a component of its own (LibraryTab, TopicsTab, TagsTab, SettingsTab); the state
 * they share is in list-state.ts, and the shell keeps each tab's state so that switching tabs loses nothing.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { LibraryActions } from '../lib/views/actions';
import type { LibraryStore } from '../lib/views/library-store';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';
import { applyTheme } from '../lib/views/theme';
import { LibraryTab, usePaperDetail } from './LibraryTab';
import { useListState, useStore } from './list-state';
import { StatusLine, usePanelWork } from './panel-work';
import { SettingsTab } from './SettingsTab';
import { SiteAccessSettings } from './SiteAccessSettings';
import { SyncSettings } from './SyncSettings';
import { TagsTab } from './TagsTab';
import { TopicsTab, useTopics } from './TopicsTab';
import { useImport } from './use-import';
import { WatchTab } from './WatchTab';

export type SidePanelProps = {
  store: LibraryStore;
  actions: LibraryActions;
  hooks: SidePanelHooks;
  now?: () => number;
};

type Tab = 'library' | 'topics' | 'tags' | 'watch' | 'settings';
const TABS: Tab[] = ['library', 'topics', 'tags', 'watch', 'settings'];

export function SidePanelApp(props: SidePanelProps) {
  const { store, actions, hooks } = props;
  const state = useStore(store);
  const [tab, setTab] = useState<Tab>('library');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const now = useMemo(() => (props.now ?? Date.now)(), [props.now, state.version]);
  const work = usePanelWork(actions, hooks);
  const list = useListState(store, state, hooks, work, now);
  const detail = usePaperDetail(store, state, hooks, work, list.openId);
  const topics = useTopics(state, list, hooks);
  const importFlow = useImport(actions, hooks, work);
  const toLibrary = () => setTab('library');

  useEffect(() => applyTheme(state.settings.theme), [state.settings.theme]);

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + TABS.length) % TABS.length;
    setTab(TABS[next] as Tab);
    tabRefs.current[next]?.focus();
  };
  const tabLabel = {
    library: t('tabLibrary'),
    topics: t('tabTopics'),
    tags: t('tabTags'),
    watch: t('tabWatch'),
    settings: t('tabSettings'),
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the panel closes the open paper
    <div
      class="panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && list.openId) {
          e.preventDefault();
          list.setOpenId(null);
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
      <StatusLine work={work} />
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        class="panel-body"
        data-search-ms={list.searchResult.ms.toFixed(2)}
      >
        {tab === 'library' && (
          <LibraryTab state={state} list={list} detail={detail} work={work} actions={actions} hooks={hooks} now={now} />
        )}
        {tab === 'topics' && (
          <TopicsTab store={store} state={state} list={list} topics={topics} work={work} toLibrary={toLibrary} />
        )}
        {tab === 'tags' && <TagsTab state={state} list={list} work={work} actions={actions} toLibrary={toLibrary} />}
        {tab === 'watch' && <WatchTab state={state} work={work} actions={actions} hooks={hooks} />}
        {tab === 'settings' && <SiteAccessSettings hooks={hooks.siteAccess} />}
        {tab === 'settings' && (
          <SettingsTab state={state} work={work} actions={actions} hooks={hooks} importFlow={importFlow} />
        )}
        {tab === 'settings' && hooks.sync && <SyncSettings hooks={hooks.sync} />}
      </div>
    </div>
  );
}
