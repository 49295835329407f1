import { render } from 'preact';
import { SidePanelApp } from '@/components/SidePanelApp';
import { LibraryReader } from '@/lib/db/reader';
import { errorMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { followLibraryChanges } from '@/lib/messages/transport';
import { backgroundActions } from '@/lib/views/actions';
import { LibraryStore } from '@/lib/views/library-store';
import { sidePanelHooks } from '@/lib/views/side-panel-hooks';
import './style.css';

async function main(app: HTMLElement) {
  let reader: LibraryReader;
  try {
    reader = await LibraryReader.open();
  } catch (e) {
    app.textContent = t('loadFailed', errorMessage(e));
    return;
  }
  const store = new LibraryStore(reader);
  render(<SidePanelApp store={store} actions={backgroundActions()} hooks={sidePanelHooks(reader)} />, app);
  followLibraryChanges((change) => void store.apply(change));
  await store.load();
}

const app = document.getElementById('app');
if (app) void main(app);
