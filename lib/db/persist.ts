/**
 * Asks the browser to keep the library's storage under storage pressure (issue 19).
 *
 * The manifest's `unlimitedStorage` lifts the quota, and in Chromium it also makes the extension's origin report
 * as persisted; Firefox grants persistence to an extension that holds `unlimitedStorage` as well. `persist()` is
 * still asked for where the API exists, since it is the documented way to opt out of eviction and costs nothing
 * when already granted. It never prompts for an extension origin in either browser.
 */
export type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted'>;

export type Persistence = 'persisted' | 'refused' | 'unavailable';

export async function keepStorage(storage: StorageManagerLike | undefined): Promise<Persistence> {
  // Undefined where the context has no StorageManager (an old browser or a test without one).
  if (!storage || typeof storage.persist !== 'function') return 'unavailable';
  if (await storage.persisted()) return 'persisted';
  return (await storage.persist()) ? 'persisted' : 'refused';
}
