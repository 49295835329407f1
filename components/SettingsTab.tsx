/** The side panel's settings tab: the settings themselves, the backup, and the import flow (use-import.ts). */

import { t } from '../lib/i18n';
import type { Settings } from '../lib/settings';
import type { LibraryActions } from '../lib/views/actions';
import type { StoreSnapshot } from '../lib/views/library-store';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';
import type { PanelWork } from './panel-work';
import { SettingsView } from './SettingsView';
import type { ImportFlow } from './use-import';

export type SettingsTabProps = {
  state: StoreSnapshot;
  work: PanelWork;
  actions: LibraryActions;
  hooks: SidePanelHooks;
  importFlow: ImportFlow;
};

export function SettingsTab({ state, work, actions, hooks, importFlow }: SettingsTabProps) {
  const changeSettings = (patch: Partial<Settings>) =>
    work.run(t('working'), async () => {
      await actions.updateSettings(patch);
      return null;
    });
  return (
    <SettingsView
      settings={state.settings}
      busy={work.isBusy}
      importRead={importFlow.read}
      importMode={importFlow.mode}
      importPreview={importFlow.preview}
      onChange={(patch) => void changeSettings(patch)}
      onBackup={() =>
        void work.run(t('backingUp'), async () => {
          await hooks.backup();
          return { text: t('backupDone'), undo: null };
        })
      }
      onImportFile={(file) => void importFlow.readFile(file)}
      onImportMode={importFlow.changeMode}
      onImportCancel={importFlow.cancel}
      onImportApply={importFlow.apply}
    />
  );
}
