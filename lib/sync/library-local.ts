import type { Library } from '../db/library';
import type { LocalStore } from './reconcile';

/** The extension's IndexedDB library as sync's local store. */
export function libraryLocal(library: () => Promise<Library>): LocalStore {
  return {
    snapshot: async (ids) => (await library()).syncSnapshot(ids),
    apply: async (write) => (await library()).syncApply(write),
    papersByKeys: async (keys) => (await library()).syncPapersByKeys(keys),
    merge: async (merge) => (await (await library()).syncMerge(merge)) !== null,
  };
}
