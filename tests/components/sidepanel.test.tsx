/**
 * The side panel against a real library in fake-indexeddb: reads through LibraryReader and the store, writes
 * through a Library standing in for the background, whose change events feed the store as the broadcast would.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidePanelApp } from '../../components/SidePanelApp';
import { Library } from '../../lib/db/library';
import { LibraryReader } from '../../lib/db/reader';
import { OPTIONAL_SITES } from '../../lib/digest-pages';
import { type SiteAccessApi, scriptIdOf, sitesOn, switchSite, syncSites } from '../../lib/permissions/site-access';
import { LibraryStore } from '../../lib/views/library-store';
import type { SidePanelHooks } from '../../lib/views/side-panel-hooks';
import { actionsFor } from '../helpers/actions';
import { freshDbName, makeLibraryPaper } from '../helpers/papers';

let library: Library;
let store: LibraryStore;
let reader: LibraryReader;

const hooks: SidePanelHooks = {
  backup: async () => {},
  readImport: async (file) => ({ ok: false, fileName: file.name, errors: [] }),
  planImport: async () => {
    throw new Error('not in this test');
  },
  exportPapers: async () => {},
  copyBibtex: async () => {},
  suggestTags: async () => [],
  cluster: async () => {
    throw new Error('not in this test');
  },
  profile: async () => ({ terms: [], authors: [] }),
  // Quantum papers (every tenth) are what this researcher cares about.
  relevance: async (ids) =>
    new Map(ids.map((id) => [id, (Number(id.slice(-5)) - 1) % 10 === 0 ? 0.9 : 0.1 + Number(id.slice(-5)) / 1e4])),
};

beforeEach(async () => {
  store = undefined as unknown as LibraryStore;
  const name = freshDbName();
  library = await Library.open({ name, onChange: (change) => void (store as LibraryStore | undefined)?.apply(change) });
  const papers = Array.from({ length: 120 }, (_, i) =>
    makeLibraryPaper(`2501.${String(i + 1).padStart(5, '0')}`, {
      title: i % 10 === 0 ? `Quantum paper ${i}` : `Classical paper ${i}`,
      addedAt: 1_700_000_000_000 + i * 1000,
      note: i === 0 ? '**Key** idea <script>alert(1)</script>' : '',
    }),
  );
  await library.replaceContents({ papers, tags: [], sightings: [], settings: await library.getSettings() });
  reader = await LibraryReader.open({ name });
  store = new LibraryStore(reader);
});
afterEach(() => {
  cleanup();
  library.close();
  reader.close();
  delete document.documentElement.dataset.theme;
});

const count = () => screen.getByTestId('result-count').textContent;

describe('SidePanelApp', () => {
  it('lists a window of the library, searches, bulk-tags and undoes', async () => {
    render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={hooks} />);
    await store.load();
    await waitFor(() => expect(count()).toBe('120 of 120 papers'));
    expect(document.querySelectorAll('.vrow').length).toBeLessThan(40);

    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'quantum' } });
    await waitFor(() => expect(count()).toBe('12 of 120 papers'));

    fireEvent.click(screen.getByRole('checkbox', { name: /Select all 12 shown/ }));
    expect(screen.getByTestId('selected-count').textContent).toBe('12 selected');
    fireEvent.input(screen.getByLabelText('Tag for the selected papers'), { target: { value: 'qm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(screen.getByText(/Tagged 12 papers/)).toBeTruthy());
    await waitFor(async () => expect((await reader.listTags()).find((t) => t.name === 'qm')?.count).toBe(12));
    await waitFor(() => expect(store.state.tags.find((t) => t.name === 'qm')?.count).toBe(12));

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByText('Undone.')).toBeTruthy());
    await waitFor(async () => expect((await reader.listTags()).find((t) => t.name === 'qm')?.count).toBe(0));
  });

  it('opens a paper with its note rendered safely and changes its status', async () => {
    render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={hooks} />);
    await store.load();
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'quantum paper 0 ' } });
    await waitFor(() => expect(count()).toBe('1 of 120 papers'));
    fireEvent.click(screen.getByRole('button', { name: 'Quantum paper 0' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Quantum paper 0' })).toBeTruthy());
    const note = document.querySelector('.markdown') as HTMLElement;
    expect(note.querySelector('strong')?.textContent).toBe('Key');
    expect(note.querySelector('script')).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'read' } });
    await waitFor(async () => expect((await reader.getPaper('2501.00001'))?.status).toBe('read'));
    fireEvent.keyDown(document.querySelector('.panel') as HTMLElement, { key: 'Escape' });
    await waitFor(() => expect(screen.getByRole('searchbox')).toBeTruthy());
  });

  it('sorts by relevance to the library once scores arrive', async () => {
    render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={hooks} />);
    await store.load();
    await waitFor(() => expect(count()).toBe('120 of 120 papers'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort' }), { target: { value: 'relevance' } });
    await waitFor(() => {
      const titles = [...document.querySelectorAll('.vrow')].slice(0, 12).map((row) => row.textContent ?? '');
      expect(titles.slice(0, 12).every((title) => title.includes('Quantum paper'))).toBe(true);
    });
  });

  it('applies the theme setting as data-theme', async () => {
    render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={hooks} />);
    await store.load();
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });

  it('renames and deletes tags with counts in the tag manager', async () => {
    await library.updatePapers(['2501.00001', '2501.00002'], { addTags: ['ml'] });
    render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={hooks} />);
    await store.load();
    fireEvent.click(screen.getByRole('tab', { name: 'Tags' }));
    expect(screen.getByText('2 papers')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('New name for tag ml'), { target: { value: 'learning' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(screen.getByText(/Renamed/)).toBeTruthy());
    await waitFor(() => expect(store.state.tags.map((t) => t.name)).toEqual(['learning']));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete tag learning' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(store.state.tags).toEqual([]));
  });
});

describe('SidePanelApp settings: one switch per optional site (issue 16)', () => {
  /** A browser with nothing optional granted, as on a fresh install; the background's part run after each change. */
  function freshBrowser() {
    const granted = new Set<string>();
    const scripts = new Set<string>();
    const api: SiteAccessApi = {
      permissions: {
        request: vi.fn(async ({ origins }: { origins: string[] }) => {
          for (const o of origins) granted.add(o);
          return true;
        }),
        remove: vi.fn(async ({ origins }: { origins: string[] }) => {
          for (const o of origins) granted.delete(o);
          return true;
        }),
        contains: async ({ origins }) => origins.every((o) => granted.has(o)),
        getAll: async () => ({ origins: [...granted] }),
      },
      scripting: {
        registerContentScripts: async (list) => {
          for (const s of list) scripts.add(s.id);
        },
        unregisterContentScripts: async ({ ids }) => {
          for (const id of ids) scripts.delete(id);
        },
        getRegisteredContentScripts: async (filter) =>
          [...scripts].filter((id) => !filter || filter.ids.includes(id)).map((id) => ({ id })),
      },
    };
    return { api, scripts };
  }

  it('a fresh install shows each optional site once, off; on asks for its origin, off gives it and the loader back', async () => {
    const { api, scripts } = freshBrowser();
    const siteSettings = {
      disabledSites: async () => (await library.getSettings()).disabledSites,
      setDisabledSites: async (ids: string[]) => void (await library.updateSettings({ disabledSites: ids })),
    };
    const siteAccess = {
      sites: OPTIONAL_SITES,
      enabled: () => sitesOn(api, siteSettings),
      set: async (id: string, on: boolean) => {
        const now = await switchSite(api, siteSettings, id, on);
        await syncSites(api);
        return now;
      },
    };
    render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={{ ...hooks, siteAccess }} />);
    await store.load();
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    for (const site of OPTIONAL_SITES) {
      const boxes = screen.getAllByRole('checkbox', { name: new RegExp(site.name) });
      expect(boxes.map((box) => (box as HTMLInputElement).checked)).toEqual([false]);
    }
    // The digest sites keep their plain on/off.
    expect((screen.getByRole('checkbox', { name: 'Annotate arXiv' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Annotate Hugging Face Papers' }) as HTMLInputElement).checked).toBe(
      true,
    );

    const dblp = OPTIONAL_SITES.find((site) => site.id === 'dblp') as (typeof OPTIONAL_SITES)[number];
    const box = () => screen.getByRole('checkbox', { name: /dblp/ }) as HTMLInputElement;
    fireEvent.click(box());
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: dblp.origins });
    // (The click itself ticks the box; what counts is what the browser and the settings hold afterwards.)
    await waitFor(() => expect(scripts.has(scriptIdOf(dblp))).toBe(true));
    expect(await sitesOn(api, siteSettings)).toEqual(['dblp']);
    expect(box().checked).toBe(true);
    fireEvent.click(box());
    await waitFor(() => expect(scripts.has(scriptIdOf(dblp))).toBe(false));
    expect(api.permissions.remove).toHaveBeenCalledWith({ origins: dblp.origins });
    expect(await sitesOn(api, siteSettings)).toEqual([]);
    expect(box().checked).toBe(false);
  });
});
