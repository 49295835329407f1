/**
 * The side panel's actions bound to a test's own Library through the background's handlers (lib/db/service.ts),
 * so that tests take the path the extension takes: each change's undo kept under a token, undone by the token.
 */
import type { Library } from '../../lib/db/library';
import { type LibraryHandlers, libraryHandlers } from '../../lib/db/service';
import type { LibraryActions } from '../../lib/views/actions';

function handler<K extends keyof LibraryHandlers>(handlers: LibraryHandlers, name: K): NonNullable<LibraryHandlers[K]> {
  const found = handlers[name];
  if (!found) throw new Error(`no handler for ${name}`);
  return found as NonNullable<LibraryHandlers[K]>;
}

export function actionsFor(lib: Library): LibraryActions {
  const handlers = libraryHandlers(async () => lib);
  return {
    update: (ids, change) => handler(handlers, 'library/update')({ ids: [...ids], change }),
    remove: (ids) => handler(handlers, 'library/delete')({ ids: [...ids] }),
    restore: async ({ tokens }) => {
      await handler(handlers, 'library/restore')({ tokens });
    },
    renameTag: (from, to) => lib.renameTag(from, to),
    deleteTag: (name) => lib.deleteTag(name),
    setTagColor: (name, color) => lib.setTagColor(name, color),
    updateSettings: (patch) => lib.updateSettings(patch),
    replace: (contents) => lib.replaceContents(contents),
  };
}
