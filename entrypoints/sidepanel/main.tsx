import { render } from 'preact';
import { SidePanelApp, type SidePanelHooks } from '@/components/SidePanelApp';
import { LibraryReader } from '@/lib/db/reader';
import { t } from '@/lib/i18n';
import { followLibraryChanges } from '@/lib/messages/transport';
import { backgroundActions } from '@/lib/views/actions';
import { backupFile, download, exportFile, planRestore } from '@/lib/views/files';
import { LibraryStore } from '@/lib/views/library-store';
import './style.css';

async function main(app: HTMLElement) {
  let reader: LibraryReader;
  try {
    reader = await LibraryReader.open();
  } catch (e) {
    app.textContent = t('loadFailed', e instanceof Error ? e.message : String(e));
    return;
  }
  const store = new LibraryStore(reader);
  const hooks: SidePanelHooks = {
    backup: async () => download(backupFile(await reader.exportContents())),
    planRestore: async (file) => planRestore(await file.text(), await reader.exportContents()),
    exportSelection: async (ids, format) => download(exportFile(await reader.getPapers(ids), format)),
  };
  render(<SidePanelApp store={store} actions={backgroundActions()} hooks={hooks} />, app);
  followLibraryChanges((change) => void store.apply(change));
  await store.load();
}

const app = document.getElementById('app');
if (app) void main(app);
