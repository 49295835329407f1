/**
 * Sync between two real Chromium profiles (issue 15), through PouchDB Server from npm on 127.0.0.1. The e2e build
 * lists the loopback origin as a required host permission (PAPERLANE_E2E=1, wxt.config.ts): headless Chromium
 * cannot answer the optional-permission prompt, and with the origin granted the side panel's own
 * `permissions.request` resolves at once. The prompt itself is unit-tested with a fake browser.
 *
 * Everything runs in the MV3 service worker: PouchDB (IndexedDB adapter, fetch), the key derivation and the
 * live replication both ways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, tagInfos } from '../../bench/sidepanel-data';
import { LibraryPaper } from '../../lib/paper/schema';
import { createDatabase, type Server, startServer } from '../sync/server';
import { type Harness, launch, openExtensionPage, openFixture, waitForStrips } from './harness';
import { routeToServer, send, startSyncing, storedPapers } from './sync-helpers';

const HF_DAILY = 'huggingface/hf-daily-papers-2024-08-01.html';

let server: Server;
const profiles: Harness[] = [];

/** A profile whose requests to the sync server reach it, counted. */
async function profile(): Promise<Harness & { bulkDocs: number[]; revsDiff: number[] }> {
  const h = await launch();
  profiles.push(h);
  return Object.assign(h, await routeToServer(h, server.origin));
}

const strip = (page: Page, id: string) => page.locator(`[data-paperlane-id="${id}"] > paperlane-strip`);

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const h of profiles) await h.close().catch(() => {});
  await server?.stop();
});

describe('sync between two Chromium profiles', () => {
  it('converges after edits on both, and an edit shows on the other open page and side panel within 5 s', async () => {
    const url = await createDatabase(server.origin, 'two-profiles');
    const a = await profile();
    const b = await profile();
    const pageA = await openFixture(a, HF_DAILY);
    const pageB = await openFixture(b, HF_DAILY);
    await waitForStrips(pageA, 5);
    await waitForStrips(pageB, 5);
    const ids = await pageA.evaluate(() =>
      [...document.querySelectorAll('[data-paperlane-id]')].map((e) => e.getAttribute('data-paperlane-id') ?? ''),
    );
    const [first, second] = ids as [string, string];

    // Edits on both before sync is on: A saves one paper, B tags another.
    await strip(pageA, first).getByRole('button', { name: /Save/ }).click();
    await strip(pageB, second).getByRole('button', { name: 'Add a tag' }).click();
    const input = strip(pageB, second).getByRole('combobox', { name: 'Add a tag' });
    await input.fill('offline-b');
    await input.press('Enter');
    await expect.poll(() => strip(pageB, second).getByText('offline-b').count()).toBe(1);

    const panelA = await openExtensionPage(a, 'sidepanel.html');
    const panelB = await openExtensionPage(b, 'sidepanel.html');
    await startSyncing(panelA, url);
    await startSyncing(panelB, url);

    // Both libraries converge to one.
    await expect
      .poll(async () => JSON.stringify(await storedPapers(panelB)), { timeout: 30_000 })
      .toBe(JSON.stringify(await storedPapers(panelA)));
    const converged = await storedPapers(panelA);
    expect(converged.find((p) => p.id === first)?.saved).toBe(true);
    expect(converged.find((p) => p.id === second)?.tags).toContain('offline-b');
    // A paper both have seen (the cards on screen are recorded as sightings) and nobody has saved yet.
    const third = converged.find((p) => p.id !== first && p.id !== second && !p.saved)?.id as string;
    expect(third).toBeDefined();
    await expect
      .poll(async () => JSON.stringify(await storedPapers(panelA)), { timeout: 30_000 })
      .toBe(JSON.stringify(await storedPapers(panelB)));

    // Live: an edit on A shows on B's open page strip and in B's side panel (its library list) within 5 s.
    await panelB.getByRole('tab', { name: 'Library' }).click();
    const rowB = panelB.locator(`.row[data-paperlane-id="${third}"]`);
    await rowB.waitFor({ timeout: 15_000 });
    const saveB = strip(pageB, third).getByRole('button', { name: /Save/ });
    expect(await saveB.getAttribute('aria-pressed')).toBe('false');
    await pageA.bringToFront();
    const started = Date.now();
    await strip(pageA, third).getByRole('button', { name: /Save/ }).click();
    await expect.poll(() => saveB.getAttribute('aria-pressed'), { timeout: 5000, interval: 50 }).toBe('true');
    await expect
      .poll(() => rowB.getByRole('img', { name: 'Saved' }).count(), { timeout: 5000 - (Date.now() - started) })
      .toBe(1);
    const across = Date.now() - started;
    console.log(`[sync e2e] one edit on A reached B's page strip and side panel in ${across} ms`);
    expect(across).toBeLessThan(5000);

    // And the other way: a tag added on B's page shows on A's strip.
    await pageB.bringToFront();
    await strip(pageB, first).getByRole('button', { name: 'Add a tag' }).click();
    const inputB = strip(pageB, first).getByRole('combobox', { name: 'Add a tag' });
    await inputB.fill('from-b');
    await inputB.press('Enter');
    await expect.poll(() => strip(pageA, first).getByText('from-b').count(), { timeout: 5000, interval: 50 }).toBe(1);
    await expect
      .poll(async () => JSON.stringify(await storedPapers(panelB)), { timeout: 15_000 })
      .toBe(JSON.stringify(await storedPapers(panelA)));
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('resumes from its checkpoint after the service worker is stopped in the middle of replication', async () => {
    const url = await createDatabase(server.origin, 'stopped-worker');
    const count = 3000;
    const c = await profile();
    const loader = await openExtensionPage(c, 'popup.html');
    const library = makeLibrary(count);
    const reply = await send(loader, 'library/replace', {
      papers: library.papers.map((p) => LibraryPaper.parse(p)),
      tags: tagInfos(),
      sightings: library.sightings,
      settings: {},
    });
    expect(reply).toEqual({ ok: true, value: null });
    await loader.close();

    const panel = await openExtensionPage(c, 'sidepanel.html');
    await startSyncing(panel, url, { wait: false });
    // Stopped once two batches have reached the server, long before the library has.
    const sum = (list: number[]) => list.reduce((s, n) => s + n, 0);
    await expect.poll(() => c.bulkDocs.length, { timeout: 90_000, interval: 10 }).toBeGreaterThanOrEqual(2);
    const cdp = await c.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const before = sum(c.bulkDocs);
    const onServer = async () =>
      ((await (await fetch(`${url}/_all_docs?limit=0`)).json()) as { total_rows: number }).total_rows;
    expect(await onServer()).toBeLessThan(count);

    // Any message wakes the worker again; sync resumes from its stored settings and checkpoints.
    await panel.reload();
    await panel.getByRole('tab', { name: 'Settings' }).click();
    // Papers and tags, and the key document.
    await expect.poll(onServer, { timeout: 90_000, interval: 250 }).toBe(count + tagInfos().length + 1);
    await expect
      .poll(() => panel.locator('.sync-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Synced \d+ s ago$/);
    const total = count + tagInfos().length + 1;
    const sent = sum(c.bulkDocs);
    const asked = sum(c.revsDiff);
    console.log(`[sync e2e] sent before the stop ${before}; in all sent ${sent}, asked about ${asked}, of ${total}`);
    // From its checkpoint: the documents confirmed before the stop are neither sent nor asked about again (the
    // batch in flight when the worker stopped may be, once).
    expect(sent).toBeGreaterThanOrEqual(count);
    expect(sent).toBeLessThan(total + before);
    expect(asked).toBeLessThan(total + before);
  });
});
