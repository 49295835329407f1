/**
 * The side panel's library tools against a real library in fake-indexeddb: topics computed by the real clustering
 * code behind the worker protocol (an in-page stand-in for the Worker), topic actions, exports of the shown list
 * and of topics, tag suggestions, Copy BibTeX, and import with its preview (merge and replace) and located errors.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidePanelApp } from '../../components/SidePanelApp';
import { createClusterClient, type WorkerLike } from '../../lib/cluster/client';
import type { ClusterResult } from '../../lib/cluster/cluster';
import { handleClusterMessage } from '../../lib/cluster/protocol';
import { Library } from '../../lib/db/library';
import { LibraryReader } from '../../lib/db/reader';
import { toBibtex } from '../../lib/export';
import { previewImport, readImport } from '../../lib/views/files';
import { LibraryStore } from '../../lib/views/library-store';
import type { ExportRequest, SidePanelHooks } from '../../lib/views/side-panel-hooks';
import { TopicClusterer, type TopicRequest } from '../../lib/views/topics';
import { actionsFor } from '../helpers/actions';
import { freshDbName, makeLibraryPaper } from '../helpers/papers';

let library: Library;
let store: LibraryStore;
let reader: LibraryReader;

const SKY = ['galaxy', 'stellar', 'telescope', 'dark matter', 'redshift', 'cosmic', 'supernova', 'quasar'];
const CELL = ['protein', 'enzyme', 'folding', 'molecular', 'membrane', 'genome', 'ribosome', 'cellular'];

function abstractOf(words: string[], i: number): string {
  const pick = (n: number) => words[(i * 3 + n) % words.length];
  return `We study ${pick(0)} and ${pick(1)} with ${pick(2)} data; the ${pick(3)} ${pick(4)} shows ${pick(5)} ${pick(0)} structure.`;
}

/** The worker's own message handler, answered asynchronously as a real Worker would. */
function inPageWorker(): WorkerLike & { terminated: boolean } {
  const listeners = new Set<(event: MessageEvent) => void>();
  const worker = {
    terminated: false,
    postMessage(message: unknown) {
      setTimeout(() =>
        handleClusterMessage(message, (reply) => {
          for (const listener of listeners) listener({ data: reply } as MessageEvent);
        }),
      );
    },
    addEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
      listeners.add(listener);
    },
    terminate() {
      worker.terminated = true;
      listeners.clear();
    },
  };
  return worker;
}

function hooksFor(overrides: Partial<SidePanelHooks> = {}): SidePanelHooks {
  const topics = new TopicClusterer(
    (ids) => reader.getPapers(ids),
    () => createClusterClient(inPageWorker()),
  );
  return {
    backup: async () => {},
    readImport: async (file) => readImport(new Uint8Array(await file.arrayBuffer()), file.name),
    planImport: async (read, mode) => previewImport(read, await reader.exportContents(), mode),
    exportPapers: async () => {},
    copyBibtex: async () => {},
    suggestTags: async () => [],
    relevance: async () => new Map(),
    profile: async () => ({ terms: [], authors: [] }),
    cluster: (request) => topics.cluster(request),
    ...overrides,
  };
}

beforeEach(async () => {
  store = undefined as unknown as LibraryStore;
  const name = freshDbName();
  library = await Library.open({ name, onChange: (change) => void (store as LibraryStore | undefined)?.apply(change) });
  const papers = Array.from({ length: 40 }, (_, i) => {
    const sky = i % 2 === 0;
    return makeLibraryPaper(`2501.${String(i + 1).padStart(5, '0')}`, {
      title: sky
        ? `Observing the ${SKY[i % 8]} with a ${SKY[(i + 2) % 8]} survey`
        : `The ${CELL[i % 8]} ${CELL[(i + 3) % 8]} model`,
      abstract: abstractOf(sky ? SKY : CELL, i),
      addedAt: 1_700_000_000_000 + i * 1000,
      tags: i < 6 ? ['early'] : [],
    });
  });
  await library.replaceContents({
    papers,
    tags: [{ name: 'early', color: '#2563eb', createdAt: 1 }],
    sightings: [],
    settings: await library.getSettings(),
  });
  reader = await LibraryReader.open({ name });
  store = new LibraryStore(reader);
});
afterEach(() => {
  cleanup();
  library.close();
  reader.close();
});

const count = () => screen.getByTestId('result-count').textContent;

async function renderPanel(hooks: SidePanelHooks) {
  render(<SidePanelApp store={store} actions={actionsFor(library)} hooks={hooks} />);
  await store.load();
  await waitFor(() => expect(count()).toBe('40 of 40 papers'));
}

describe('Topics', () => {
  it('clusters the library with a given k, shows a topic in the list and tags it', async () => {
    await renderPanel(hooksFor());
    fireEvent.click(screen.getByRole('tab', { name: 'Topics' }));
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Number of topics' }), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find topics' }));
    // Progress shows at once, with a way to stop.
    expect(screen.getByTestId('topic-progress')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('topic-summary').textContent).toMatch(/^2 topics among 40 papers/));
    const topics = document.querySelectorAll('.topic');
    expect(topics).toHaveLength(2);
    const sizes = [...document.querySelectorAll('.topic-size')].map((el) => Number(el.textContent?.replace(/\D/g, '')));
    expect(sizes.sort()).toEqual([20, 20]);
    const labels = [...document.querySelectorAll('.topic-label')].map((el) => el.textContent ?? '');
    expect(labels.every((label) => label.length > 2)).toBe(true);

    // Show the first topic: the list holds its 20 members, each of one kind.
    fireEvent.click(screen.getByRole('button', { name: /^Show topic 1 / }));
    await waitFor(() => expect(count()).toBe('20 of 40 papers'));
    const titles = [...document.querySelectorAll('.vrow .title')].map((el) => el.textContent ?? '');
    const skyTitles = titles.filter((title) => title.startsWith('Observing'));
    expect(skyTitles.length === 0 || skyTitles.length === titles.length).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Show all papers' }));
    await waitFor(() => expect(count()).toBe('40 of 40 papers'));

    // Tag the second topic as a whole, then save the first.
    fireEvent.click(screen.getByRole('tab', { name: 'Topics' }));
    fireEvent.input(screen.getByLabelText(/^Tag for every paper of topic 2 /), { target: { value: 'cluster-b' } });
    fireEvent.click(screen.getByRole('button', { name: /^Tag all of topic 2 / }));
    await waitFor(async () => expect((await reader.listTags()).find((t) => t.name === 'cluster-b')?.count).toBe(20));
    const first = within(topics[0] as HTMLElement);
    fireEvent.click(first.getByRole('button', { name: 'Save all' }));
    await waitFor(() => expect(screen.getByText(/^Saved 20 papers of/)).toBeTruthy());
  });

  it('refuses a k out of range before anything runs, and reports a failure clearly', async () => {
    const cluster = vi.fn(async (_request: TopicRequest): Promise<ClusterResult> => {
      throw new Error('worker crashed');
    });
    await renderPanel(hooksFor({ cluster }));
    fireEvent.click(screen.getByRole('tab', { name: 'Topics' }));
    const k = screen.getByRole('spinbutton', { name: 'Number of topics' });
    fireEvent.input(k, { target: { value: '1' } });
    expect(screen.getByText('A whole number from 2 to 500, or empty for automatic.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Find topics' }) as HTMLButtonElement).disabled).toBe(true);
    expect(k.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(k, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find topics' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Could not find topics: worker crashed'));
    expect(cluster).toHaveBeenCalledWith(expect.objectContaining({ ids: expect.any(Array) }));
    expect(cluster.mock.calls[0]?.[0]).not.toHaveProperty('k');
  });

  it('clusters one tag, and exports all topics as Markdown grouped by topic', async () => {
    const exportPapers = vi.fn(async (_request: ExportRequest) => {});
    await renderPanel(hooksFor({ exportPapers }));
    fireEvent.click(screen.getByRole('tab', { name: 'Topics' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Papers' }), { target: { value: 'tag:early' } });
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Number of topics' }), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find topics' }));
    await waitFor(() =>
      expect(screen.getByTestId('topic-summary').textContent).toMatch(/^2 topics among 6 papers of early/),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export all topics' }));
    await waitFor(() => expect(exportPapers).toHaveBeenCalledTimes(1));
    const request = exportPapers.mock.calls[0]?.[0] as ExportRequest;
    expect(request.format).toBe('markdown');
    expect(request.name).toBe('topics');
    expect(request.groups).toHaveLength(2);
    expect(request.ids).toHaveLength(6);
  });
});

describe('Exports and Copy BibTeX', () => {
  it('exports the shown list named after its tag, and the bulk selection', async () => {
    const exportPapers = vi.fn(async (_request: ExportRequest) => {});
    await renderPanel(hooksFor({ exportPapers }));
    fireEvent.change(screen.getByRole('combobox', { name: 'View' }), { target: { value: 'tag:early' } });
    await waitFor(() => expect(count()).toBe('6 of 40 papers'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Format for exporting the papers shown' }), {
      target: { value: 'ris' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export 6 shown' }));
    await waitFor(() => expect(screen.getByText('Exported 6 papers.')).toBeTruthy());
    expect(exportPapers.mock.calls[0]?.[0]).toMatchObject({ format: 'ris', name: 'early' });
    expect(exportPapers.mock.calls[0]?.[0].ids).toHaveLength(6);

    fireEvent.click(screen.getByRole('checkbox', { name: /Select all 6 shown/ }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Export format' }), { target: { value: 'biblatex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(exportPapers).toHaveBeenCalledTimes(2));
    expect(exportPapers.mock.calls[1]?.[0]).toMatchObject({ format: 'biblatex', name: 'selection' });
  });

  it('says clearly when an export fails', async () => {
    await renderPanel(
      hooksFor({
        exportPapers: async () => {
          throw new Error('disk full');
        },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export 40 shown' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('disk full'));
  });

  it('copies the open paper’s BibTeX and offers suggested tags as one-click chips', async () => {
    const copyBibtex = vi.fn(async () => {});
    const suggestTags = vi.fn(async () => [
      { tag: 'early', score: 0.9 },
      { tag: 'astro', score: 0.8 },
    ]);
    await renderPanel(hooksFor({ copyBibtex, suggestTags }));
    fireEvent.click(document.querySelector('.vrow .title') as HTMLElement);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy BibTeX' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Copy BibTeX' }));
    await waitFor(() => expect(screen.getByText('Copied BibTeX to the clipboard.')).toBeTruthy());
    expect(copyBibtex).toHaveBeenCalledWith(expect.objectContaining({ id: '2501.00040' }));

    // Suggestions the paper already has are not offered.
    expect(suggestTags).toHaveBeenCalledWith(expect.objectContaining({ id: '2501.00040' }));
    const chip = await screen.findByRole('button', { name: 'Add suggested tag astro' });
    expect(screen.getByRole('button', { name: 'Add suggested tag early' })).toBeTruthy();
    fireEvent.click(chip);
    await waitFor(async () => expect((await reader.getPaper('2501.00040'))?.tags).toEqual(['astro']));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Add suggested tag astro' })).toBeNull());
  });

  it('shows why suggestions are missing', async () => {
    await renderPanel(
      hooksFor({
        suggestTags: async () => {
          throw new Error('background asleep');
        },
      }),
    );
    fireEvent.click(document.querySelector('.vrow .title') as HTMLElement);
    await waitFor(() => expect(screen.getByText('No suggestions: background asleep')).toBeTruthy());
  });
});

describe('Import', () => {
  const newPaper = (id: string, title: string) => makeLibraryPaper(id, { title, tags: ['imported'] });

  it('previews a BibTeX import (merge, then replace), writes nothing before confirming, then imports', async () => {
    await renderPanel(hooksFor());
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const text = toBibtex([
      newPaper('2602.00001', 'A new paper'),
      newPaper('2602.00002', 'Another new paper'),
      (await reader.getPaper('2501.00001')) as never,
    ]);
    const input = screen.getByLabelText('Import a file…') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([text], 'zotero.bib', { type: 'application/x-bibtex' })] } });
    await waitFor(() =>
      expect(screen.getByTestId('import-preview').textContent).toMatch(/^2 papers added, .* 0 removed/),
    );
    expect(screen.getByText('The file holds 3 papers (BibTeX).')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Merge into my library' }) as HTMLInputElement).checked).toBe(true);
    expect(await reader.count()).toBe(40);

    fireEvent.click(screen.getByRole('radio', { name: 'Replace my library' }));
    await waitFor(() => expect(screen.getByTestId('import-preview').textContent).toMatch(/39 removed/));
    expect(screen.getByText(/Replacing removes the 39 papers/)).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Merge into my library' }));
    await waitFor(() => expect(screen.getByTestId('import-preview').textContent).toMatch(/0 removed/));

    fireEvent.click(screen.getByRole('button', { name: 'Import into my library' }));
    await waitFor(() => expect(screen.getByText(/^Imported: 2 papers added/)).toBeTruthy());
    expect(await reader.count()).toBe(42);
    expect((await reader.getPaper('2602.00002'))?.tags).toEqual(['imported']);
    await waitFor(() => expect(store.state.total).toBe(42));
  });

  it('says "1 paper", not "1 papers", for a one-paper import', async () => {
    await renderPanel(hooksFor());
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const input = screen.getByLabelText('Import a file…') as HTMLInputElement;
    const text = toBibtex([newPaper('2602.00001', 'A lone paper')]);
    fireEvent.change(input, { target: { files: [new File([text], 'one.bib')] } });
    await waitFor(() =>
      expect(screen.getByTestId('import-preview').textContent).toMatch(
        /^1 paper added, 0 changed, 0 unchanged, 0 removed; 1 new tag, 0 new sightings\./,
      ),
    );
    expect(screen.getByText('The file holds 1 paper (BibTeX).')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Import into my library' }));
    await waitFor(() => expect(screen.getByText('Imported: 1 paper added, 0 changed, 0 removed.')).toBeTruthy());
    expect(screen.queryByText(/1 papers/)).toBeNull();
    expect(await reader.count()).toBe(41);
  });

  it('lists where a bad file is wrong, entry and line, and changes nothing', async () => {
    await renderPanel(hooksFor());
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const bad = `@misc{good2024,\n  title = {Fine},\n  eprint = {2401.00001}\n}\n\n@article{,\n}\n`;
    const input = screen.getByLabelText('Import a file…') as HTMLInputElement;
    // One bad entry does not refuse the file: the preview offers the good one and lists the bad one.
    fireEvent.change(input, { target: { files: [new File([bad], 'bad.bib')] } });
    const skipped = await screen.findByTestId('import-skipped');
    expect(skipped.textContent).toContain('1 entry cannot be imported and is left out');
    expect(skipped.textContent).toMatch(/entry 2, line 6: no title and nothing else to name it by/);
    expect(screen.getByText('The file holds 1 paper (BibTeX).')).toBeTruthy();
    expect(await reader.count()).toBe(40);
    // A file where nothing can be read is refused as a whole, with the same located words.
    const none = `@article{,\n}\n`;
    fireEvent.change(input, { target: { files: [new File([none], 'none.bib')] } });
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('none.bib cannot be imported; your library is unchanged');
    expect(errors.textContent).toMatch(/entry 1, line 1: no title and nothing else to name it by/);
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(await reader.count()).toBe(40);
  });

  it('lists at most 50 skipped entries, then "and N more"', async () => {
    await renderPanel(hooksFor());
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const many = `@misc{good2024,\n  title = {Fine},\n  eprint = {2401.00001}\n}\n${'@article{,\n}\n'.repeat(80)}`;
    const input = screen.getByLabelText('Import a file…') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([many], 'many.bib')] } });
    const skipped = await screen.findByTestId('import-skipped');
    expect(skipped.textContent).toContain('80 entries cannot be imported and are left out');
    const items = [...skipped.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(50);
    expect(items[0]).toMatch(/^entry 2, line 5: no title/);
    expect(items[49]).toMatch(/^entry 51, line 103: no title/);
    expect(skipped.textContent).toContain('… and 30 more.');
    expect(await reader.count()).toBe(40);
  });

  it('offers replace first for a backup, and says when the file is not one we read', async () => {
    await renderPanel(hooksFor());
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const input = screen.getByLabelText('Import a file…') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['hello'], 'notes.txt')] } });
    expect((await screen.findByTestId('import-errors')).textContent).toMatch(/file: not a file we can read/);

    const { backupJson } = await import('../../lib/export');
    const backup = backupJson(await reader.exportContents());
    fireEvent.change(input, { target: { files: [new File([backup], 'paperlane.backup.json')] } });
    await waitFor(() =>
      expect(screen.getByTestId('import-preview').textContent).toMatch(/^0 papers added, 0 changed, 40 unchanged/),
    );
    expect((screen.getByRole('radio', { name: 'Replace my library' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Replace my library with this file' })).toBeTruthy();
  });
});
