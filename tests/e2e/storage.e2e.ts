/**
 * Storage that stays (issue 19), in a real Chromium. Chrome's documentation: "unlimitedStorage ... exempts
 * extensions from both quota restrictions and eviction". What a page can observe of that exemption is the quota:
 * an unlimited origin is offered all the free disk, where any other origin (the digest page beside it, same run)
 * gets the per-origin share. That is checked here, in an extension page and in the background.
 *
 * `navigator.storage.persisted()` is also read and reported, but not required: Chromium 156 answers false for the
 * extension's origin with or without unlimitedStorage, and `persist()` (which the side panel asks, and which a
 * service worker does not have) is refused by its heuristics for an origin that is neither bookmarked nor much
 * visited (measured; see bench/results.md, "scale"). Firefox grants it to an extension holding unlimitedStorage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch, openExtensionPage, openFixture } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe("the extension's storage", () => {
  it('is exempt from the per-origin quota (unlimitedStorage), in an extension page and in the background', async () => {
    const permissions = await h.serviceWorker.evaluate(
      () =>
        (
          globalThis as unknown as { chrome: { runtime: { getManifest(): { permissions?: string[] } } } }
        ).chrome.runtime.getManifest().permissions ?? [],
    );
    expect(permissions).toContain('unlimitedStorage');
    const read = async () => ({
      persisted: await navigator.storage.persisted(),
      quota: (await navigator.storage.estimate()).quota ?? 0,
    });
    const panel = await openExtensionPage(h, 'sidepanel.html');
    const inPanel = await panel.evaluate(read);
    const inBackground = await h.serviceWorker.evaluate(read);
    // The baseline: an ordinary origin in the same browser, same run.
    const web = await openFixture(h, 'huggingface/hf-daily-papers-2024-08-01.html');
    const onWeb = await web.evaluate(read);
    console.info(
      `[storage] quota: extension ${(inPanel.quota / 1e9).toFixed(1)} GB, web origin ${(onWeb.quota / 1e9).toFixed(1)} GB;` +
        ` persisted(): panel ${inPanel.persisted}, background ${inBackground.persisted}`,
    );
    expect(inPanel.quota).toBeGreaterThan(onWeb.quota);
    expect(inBackground.quota).toBeGreaterThan(onWeb.quota);
    await web.close();
    await panel.close();
    expect(h.pageErrors).toEqual([]);
  });
});
