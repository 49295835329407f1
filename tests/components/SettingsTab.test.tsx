import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsTab } from '../../components/SettingsTab';
import { useImport } from '../../components/use-import';
import type { ImportPreview } from '../../lib/export/backup';
import type { ImportRead } from '../../lib/views/files';
import type { ImportProgress } from '../../lib/views/import-protocol';
import { fakeHooks, Harness, smallLibrary } from './panel-harness';

afterEach(cleanup);

describe('SettingsTab (alone)', () => {
  it('downloads a backup and imports a file after its preview', async () => {
    const lib = await smallLibrary();
    const read = {
      ok: true,
      backup: false,
      fileName: 'refs.bib',
      papers: [{}],
      format: 'bibtex',
      skipped: [],
      skippedCount: 0,
    } as unknown as ImportRead;
    const preview = {
      mode: 'merge',
      added: 1,
      updated: 0,
      unchanged: 0,
      removed: 0,
      tagsAdded: 0,
      sightingsAdded: 0,
      result: { papers: [], tags: [], sightings: [], settings: lib.store.state.settings },
    } as unknown as ImportPreview;
    const hooks = fakeHooks({ readImport: vi.fn(async () => read), planImport: vi.fn(async () => preview) });
    function Tab(shared: Parameters<Parameters<typeof Harness>[0]['tab']>[0]) {
      const importFlow = useImport(lib.actions, hooks, shared.work);
      return <SettingsTab {...shared} actions={lib.actions} hooks={hooks} importFlow={importFlow} />;
    }
    render(<Harness store={lib.store} actions={lib.actions} hooks={hooks} tab={(shared) => <Tab {...shared} />} />);
    fireEvent.click(screen.getByRole('button', { name: 'Download a backup' }));
    await waitFor(() => expect(screen.getByText('Backup downloaded.')).toBeTruthy());
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['@article{a}'], 'refs.bib')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(hooks.planImport).toHaveBeenCalledWith(read, 'merge'));
    expect(lib.actions.replace).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByRole('button', { name: 'Import into my library' }));
    await waitFor(() => expect(lib.actions.replace).toHaveBeenCalledWith(preview.result));
    lib.close();
  });

  it('shows the import worker’s progress while a file is read, and the preview once it is', async () => {
    const lib = await smallLibrary();
    const read = {
      ok: true,
      backup: false,
      fileName: 'big.bib',
      papers: [{}],
      format: 'bibtex',
      skipped: [],
      skippedCount: 0,
    } as unknown as ImportRead;
    const preview = {
      mode: 'merge',
      added: 1,
      updated: 0,
      unchanged: 0,
      removed: 0,
      tagsAdded: 0,
      sightingsAdded: 0,
      result: { papers: [], tags: [], sightings: [], settings: lib.store.state.settings },
    } as unknown as ImportPreview;
    let finish: () => void = () => {};
    const readImport = vi.fn(async (_file: File, onProgress?: (p: ImportProgress) => void) => {
      onProgress?.({ stage: 'reading', fraction: 0.4, count: 36_000 });
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return read;
    });
    const hooks = fakeHooks({ readImport, planImport: vi.fn(async () => preview) });
    function Tab(shared: Parameters<Parameters<typeof Harness>[0]['tab']>[0]) {
      const importFlow = useImport(lib.actions, hooks, shared.work);
      return <SettingsTab {...shared} actions={lib.actions} hooks={hooks} importFlow={importFlow} />;
    }
    render(<Harness store={lib.store} actions={lib.actions} hooks={hooks} tab={(shared) => <Tab {...shared} />} />);
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['@article{a}'], 'big.bib')], configurable: true });
    fireEvent.change(input);
    const bar = (await screen.findByRole('progressbar')) as HTMLProgressElement;
    expect(screen.getByRole('status').textContent).toContain('Reading big.bib: 36,000 entries');
    expect([bar.value, bar.max]).toEqual([400, 1000]);
    finish();
    await waitFor(() => expect(hooks.planImport).toHaveBeenCalledWith(read, 'merge'));
    await screen.findByRole('button', { name: 'Import into my library' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    lib.close();
  });
});
