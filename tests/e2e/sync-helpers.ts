/**
 * What the sync checks share between Chromium (tests/e2e/sync.e2e.ts, Playwright) and Firefox
 * (tests/firefox/sync.smoke.ts, WebDriver BiDi): the library as a profile's IndexedDB holds it, read by an
 * expression evaluated in an extension page, and the message envelope of lib/messages. No vitest here: the Firefox
 * check runs under tsx alone.
 */
import type { Page } from 'playwright-core';
import type { Harness } from './harness';

export type StoredPaper = { id: string; saved: boolean; status: string; tags: string[]; note: string };

/** An expression (evaluated in an extension page) whose value is the library's papers as JSON, sorted by id. */
export const READ_LIBRARY = `(async () => {
  const open = indexedDB.open('paperlane');
  const db = await new Promise((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const all = db.transaction('papers').objectStore('papers').getAll();
  const papers = await new Promise((resolve) => { all.onsuccess = () => resolve(all.result); });
  db.close();
  return JSON.stringify(
    papers
      .map(({ id, saved, status, tags, note }) => ({ id, saved, status, tags: [...tags].sort(), note }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
})()`;

/** An expression that sends one request to the background and resolves to its reply ({ ok, value | error }). */
export function sendExpression(type: string, payload: unknown): string {
  const api = `(globalThis.browser ?? globalThis.chrome)`;
  return `${api}.runtime.sendMessage(${JSON.stringify({ paperlane: 1, type, payload })})`;
}

export async function storedPapers(page: Page): Promise<StoredPaper[]> {
  return JSON.parse(await page.evaluate(READ_LIBRARY)) as StoredPaper[];
}

export async function send(page: Page, type: string, payload: unknown): Promise<unknown> {
  return page.evaluate(sendExpression(type, payload));
}

/**
 * Lets a profile's requests to the sync server through (the harness answers every other request itself), and
 * counts, per request, the documents sent (_bulk_docs) and those the replicator asked the server about (_revs_diff).
 */
export async function routeToServer(h: Harness, origin: string): Promise<{ bulkDocs: number[]; revsDiff: number[] }> {
  const counts = { bulkDocs: [] as number[], revsDiff: [] as number[] };
  await h.context.route(`${origin}/**`, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.method() === 'POST' && path.endsWith('/_bulk_docs')) {
      counts.bulkDocs.push((JSON.parse(request.postData() ?? '{}') as { docs?: unknown[] }).docs?.length ?? 0);
    }
    if (request.method() === 'POST' && path.endsWith('/_revs_diff')) {
      counts.revsDiff.push(Object.keys(JSON.parse(request.postData() ?? '{}')).length);
    }
    await route.continue();
  });
  return counts;
}

export const PASSPHRASE = 'correct horse battery staple';

/** Turns sync on through the side panel's Sync section, as a person would, and waits for the first sync. */
export async function startSyncing(panel: Page, url: string, options: { wait?: boolean } = {}): Promise<void> {
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.getByLabel('Server address').fill(url);
  await panel.getByLabel('User name').fill('');
  await panel.getByLabel('Password', { exact: true }).fill('');
  await panel.getByLabel('Passphrase').fill(PASSPHRASE);
  await panel.getByRole('button', { name: 'Start syncing' }).click();
  if (options.wait === false) return;
  await panel.locator('.sync-status', { hasText: /^Synced \d+ s ago$/ }).waitFor({ timeout: 90_000 });
}
