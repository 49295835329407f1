/**
 * One side-panel tab alone, for its own test: a small real library in fake-indexeddb behind the store, recording
 * actions, and the shell's shared state (list-state.ts, panel-work.tsx) built as the shell builds it.
 */
import { vi } from 'vitest';
import { useListState, useStore } from '../../components/list-state';
import { type PanelWork, StatusLine, usePanelWork } from '../../components/panel-work';
import { Library } from '../../lib/db/library';
import { LibraryReader } from '../../lib/db/reader';
import type { LibraryActions } from '../../lib/views/actions';
import type { LibraryStore, StoreSnapshot } from '../../lib/views/library-store';
import { LibraryStore as Store } from '../../lib/views/library-store';
import type { SidePanelHooks } from '../../lib/views/side-panel-hooks';
import { actionsFor } from '../helpers/actions';
import { freshDbName, makeLibraryPaper } from '../helpers/papers';

export const NOW = 1_700_000_100_000;

export async function smallLibrary(count = 6) {
  let store: LibraryStore | undefined;
  const name = freshDbName();
  const library = await Library.open({ name, onChange: (change) => void store?.apply(change) });
  const papers = Array.from({ length: count }, (_, i) =>
    makeLibraryPaper(`2501.${String(i + 1).padStart(5, '0')}`, {
      title: `Paper ${i + 1}`,
      addedAt: 1_700_000_000_000 + i * 1000,
    }),
  );
  await library.replaceContents({ papers, tags: [], sightings: [], settings: await library.getSettings() });
  await library.updatePapers(['2501.00001', '2501.00002'], { addTags: ['ml'] });
  const reader = await LibraryReader.open({ name });
  store = new Store(reader);
  await store.load();
  const through = actionsFor(library);
  const actions: LibraryActions = {
    update: vi.fn(through.update),
    remove: vi.fn(through.remove),
    restore: vi.fn(through.restore),
    renameTag: vi.fn((from, to) => library.renameTag(from, to)),
    deleteTag: vi.fn((tag) => library.deleteTag(tag)),
    setTagColor: vi.fn((tag, color) => library.setTagColor(tag, color)),
    updateSettings: vi.fn((patch) => library.updateSettings(patch)),
    replace: vi.fn((contents) => library.replaceContents(contents)),
  };
  return {
    store,
    actions,
    close() {
      library.close();
      reader.close();
    },
  };
}

export function fakeHooks(overrides: Partial<SidePanelHooks> = {}): SidePanelHooks {
  return {
    backup: vi.fn(async () => {}),
    readImport: vi.fn(async (file: File) => ({ ok: false as const, fileName: file.name, errors: [] })),
    planImport: vi.fn(async () => {
      throw new Error('not in this test');
    }),
    exportPapers: vi.fn(async () => {}),
    copyBibtex: vi.fn(async () => {}),
    suggestTags: vi.fn(async () => []),
    cluster: vi.fn(async () => {
      throw new Error('not in this test');
    }),
    relevance: vi.fn(async () => new Map()),
    ...overrides,
  };
}

type Shared = { state: StoreSnapshot; list: ReturnType<typeof useListState>; work: PanelWork };

/** Renders `tab` with the shared state of the shell, and the status line, as the shell does. */
export function Harness(props: {
  store: LibraryStore;
  actions: LibraryActions;
  hooks: SidePanelHooks;
  tab: (shared: Shared) => preact.JSX.Element;
  spy?: (shared: Shared) => void;
}) {
  const state = useStore(props.store);
  const work = usePanelWork(props.actions, props.hooks);
  const list = useListState(props.store, state, props.hooks, work, NOW);
  props.spy?.({ state, list, work });
  return (
    <div>
      <StatusLine work={work} />
      {props.tab({ state, list, work })}
    </div>
  );
}
