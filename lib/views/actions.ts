/**
 * Every change a view makes, as functions. In the extension they ask the background (which owns the writes and
 * broadcasts the change to every view and tab); tests pass their own.
 */
import type { LibraryContents, UndoTicket } from '../db/library';
import { ask } from '../messages/transport';
import type { Status } from '../paper/schema';
import type { Settings } from '../settings';

export type PaperChange = {
  saved?: boolean;
  status?: Status;
  addTags?: string[];
  removeTags?: string[];
  note?: string;
};

export type LibraryActions = {
  update(ids: readonly string[], change: PaperChange): Promise<UndoTicket>;
  remove(ids: readonly string[]): Promise<UndoTicket>;
  restore(ticket: UndoTicket): Promise<void>;
  renameTag(from: string, to: string): Promise<void>;
  deleteTag(name: string): Promise<void>;
  setTagColor(name: string, color: string): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  replace(contents: LibraryContents): Promise<void>;
};

export function backgroundActions(): LibraryActions {
  return {
    update: (ids, change) => ask('library/update', { ids: [...ids], change }),
    remove: (ids) => ask('library/delete', { ids: [...ids] }),
    restore: async ({ tokens }) => {
      await ask('library/restore', { tokens });
    },
    renameTag: async (from, to) => {
      await ask('library/renameTag', { from, to });
    },
    deleteTag: async (name) => {
      await ask('library/deleteTag', { name });
    },
    setTagColor: async (name, color) => {
      await ask('library/setTagColor', { name, color });
    },
    updateSettings: (patch) => ask('settings/update', patch),
    replace: async (contents) => {
      await ask('library/replace', contents);
    },
  };
}
