/** The side panel's tags tab: the tag manager (rename or merge, delete, colour, show a tag's papers). */
import { t } from '../lib/i18n';
import type { LibraryActions } from '../lib/views/actions';
import { DEFAULT_QUERY } from '../lib/views/library-query';
import type { StoreSnapshot } from '../lib/views/library-store';
import type { ListState } from './list-state';
import type { PanelWork } from './panel-work';
import { TagManager } from './TagManager';

export type TagsTabProps = {
  state: StoreSnapshot;
  list: ListState;
  work: PanelWork;
  actions: LibraryActions;
  toLibrary(): void;
};

export function TagsTab({ state, list, work, actions, toLibrary }: TagsTabProps) {
  return (
    <TagManager
      tags={state.tags}
      busy={work.isBusy}
      onRename={(from, to) =>
        void work.run(t('working'), async () => {
          const merging = state.tags.some((x) => x.name === to);
          await actions.renameTag(from, to);
          return { text: merging ? t('tagMerged', from, to) : t('tagRenamed', from, to), undo: null };
        })
      }
      onDelete={(name) =>
        void work.run(t('working'), async () => {
          await actions.deleteTag(name);
          return { text: t('tagDeleted', name), undo: null };
        })
      }
      onColor={(name, color) =>
        void work.run(t('working'), async () => {
          await actions.setTagColor(name, color);
          return null;
        })
      }
      onShow={(name) => {
        list.setQuery({ ...DEFAULT_QUERY, view: `tag:${name}` });
        toLibrary();
      }}
    />
  );
}
