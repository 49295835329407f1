/**
 * Sync between Firefox and Chromium (issue 15): a firefox-esr profile (the MV2 build, its background page) and a
 * Chromium profile (the MV3 build, its service worker) replicate one library through PouchDB Server from npm on
 * 127.0.0.1, converge after edits on both, and pass a live edit each way. Run after both e2e builds:
 *   PAPERLANE_E2E=1 npx wxt build && PAPERLANE_E2E=1 npx wxt build -b firefox && npx tsx tests/firefox/sync.smoke.ts
 * (exit code 0 on PASS, 1 on FAIL). The e2e builds require the loopback origin (wxt.config.ts), so the origin
 * needs no prompt. Chromium is driven through its side panel's Sync section; Firefox through the same messages
 * that section sends (WebDriver BiDi cannot click a permission prompt either, and the section is one component).
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeLibrary, tagInfos } from '../../bench/sidepanel-data';
import { LibraryPaper } from '../../lib/paper/schema';
import { launch, openExtensionPage } from '../e2e/harness';
import {
  PASSPHRASE,
  READ_LIBRARY,
  routeToServer,
  type StoredPaper,
  send,
  sendExpression,
  startSyncing,
  storedPapers,
} from '../e2e/sync-helpers';
import { createDatabase, startServer } from '../sync/server';
import { type Firefox, launchFirefox } from './firefox';

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv2');
const ADDON_ID = 'paperlane@paperlane.local';
/** Fixed for this profile, so that the test can open the add-on's pages at a known address. */
const ADDON_UUID = '6d1c2f0e-5b7a-4c1e-9f3a-2a8e7b4d9c10';
const TIMEOUT_MS = 240_000;

type EvaluateResult =
  | { type: 'success'; result: { type: string; value?: unknown } }
  | { type: 'exception'; exceptionDetails: { text: string } };

/** The value of `expression` in the page, through JSON (BiDi's own serialisation is of remote values). */
async function evaluate(firefox: Firefox, context: string, expression: string): Promise<unknown> {
  const evaluated = await firefox.bidi.send<EvaluateResult>('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context },
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (evaluated.type === 'exception') throw new Error(`evaluate: ${evaluated.exceptionDetails.text}`);
  return JSON.parse(String(evaluated.result.value));
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(): Promise<string> {
  const server = await startServer();
  const chromium = await launch();
  let firefox: Firefox | undefined;
  try {
    const url = await createDatabase(server.origin, 'firefox-chromium');
    await routeToServer(chromium, server.origin);
    // Papers 0–199 on Chromium, 100–299 on Firefox: half of each library is the other's too.
    const all = makeLibrary(300).papers.map((p) => LibraryPaper.parse(p));
    const loader = await openExtensionPage(chromium, 'popup.html');
    const contents = (papers: LibraryPaper[]) => ({ papers, tags: tagInfos(), sightings: [], settings: {} });
    deepStrictEqual(await send(loader, 'library/replace', contents(all.slice(0, 200))), { ok: true, value: null });
    const panel = await openExtensionPage(chromium, 'sidepanel.html');
    await startSyncing(panel, url);

    firefox = await launchFirefox(30_000, {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    });
    const { bidi } = firefox;
    // Requests to the sync server go through; anything else is answered here with an empty 404.
    bidi.on('network.beforeRequestSent', (params) => {
      const request = params.request as { request: string; url: string };
      if (!params.isBlocked) return;
      const through = request.url.startsWith(`${server.origin}/`);
      const answer = through
        ? bidi.send('network.continueRequest', { request: request.request })
        : bidi.send('network.provideResponse', {
            request: request.request,
            statusCode: 404,
            reasonPhrase: 'Not Found',
          });
      answer.catch((error: Error) => console.error(`intercept ${request.url}: ${error.message}`));
    });
    await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
    await bidi.send('network.addIntercept', { phases: ['beforeRequestSent'] });
    await bidi.send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_BUILD } });
    // BiDi may not navigate to an add-on's page, but the add-on opens its welcome page on install: its tab is
    // an extension page, where the library's database and the messages are at hand.
    const tree = () =>
      bidi
        .send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {})
        .then((t) => t.contexts);
    const welcome = await until(
      tree,
      (list) => list.some((c) => c.url.startsWith(`moz-extension://${ADDON_UUID}/`)),
      30_000,
      'the welcome page',
    );
    const context = welcome.find((c) => c.url.startsWith(`moz-extension://${ADDON_UUID}/`))?.context as string;
    const ff = (type: string, payload: unknown) => evaluate(firefox as Firefox, context, sendExpression(type, payload));
    // Storage that stays (issue 19): Firefox grants persistence to an add-on holding unlimitedStorage, and the
    // background page asks for it at start (lib/db/persist.ts). Chromium's answer is read in tests/e2e/storage.e2e.ts.
    const persisted = await until(
      () => evaluate(firefox as Firefox, context, 'navigator.storage.persisted()'),
      (value) => value === true,
      10_000,
      "the extension's storage reported as persisted",
    );
    const firefoxPapers = async () =>
      JSON.parse(String(await evaluate(firefox as Firefox, context, READ_LIBRARY))) as StoredPaper[];
    deepStrictEqual(await ff('library/replace', contents(all.slice(100, 300))), { ok: true, value: null });
    const started = (await ff('sync/start', { url, username: '', password: '', passphrase: PASSPHRASE })) as {
      ok: boolean;
      value: { state: string; message: string };
    };
    if (!started.ok || started.value.state === 'error') throw new Error(`Firefox: ${JSON.stringify(started)}`);

    // One library of 300 papers on both.
    const same = async () => {
      const [c, f] = [await storedPapers(panel), await firefoxPapers()];
      return { c: c.length, f: f.length, equal: JSON.stringify(c) === JSON.stringify(f) };
    };
    await until(same, (s) => s.equal && s.c === 300, 120_000, 'the first sync');

    // Edits on both to the same paper (a different field each, a tag each) and one to another paper each.
    const [p, q, r] = [all[150], all[10], all[250]].map((x) => (x as LibraryPaper).id) as [string, string, string];
    ok(
      (
        (await send(panel, 'library/update', { ids: [p, q], change: { status: 'read', addTags: ['chromium'] } })) as {
          ok: boolean;
        }
      ).ok,
    );
    ok(
      ((await ff('library/update', { ids: [p, r], change: { saved: true, addTags: ['firefox'] } })) as { ok: boolean })
        .ok,
    );
    const edited = await until(same, (s) => s.equal, 30_000, 'the edits on both');
    const merged = await storedPapers(panel);
    const one = merged.find((x) => x.id === p);
    if (!(one?.saved && one.status === 'read' && one.tags.includes('chromium') && one.tags.includes('firefox')))
      throw new Error(`paper ${p} did not merge both edits: ${JSON.stringify(one)}`);

    // Live, Firefox to Chromium: one edit, timed until Chromium's library holds it.
    const t0 = Date.now();
    await ff('library/update', { ids: [q], change: { note: 'from Firefox' } });
    await until(
      () => storedPapers(panel),
      (list) => list.find((x) => x.id === q)?.note === 'from Firefox',
      10_000,
      'the live edit from Firefox',
    );
    const across = Date.now() - t0;
    await until(same, (s) => s.equal, 30_000, 'after the live edit');
    return `storage persisted: ${persisted}; ${edited.c} papers on both; one paper edited on both kept both edits; one edit Firefox → Chromium in ${across} ms`;
  } finally {
    await firefox?.close();
    await chromium.close();
    await server.stop();
  }
}

async function main(): Promise<number> {
  for (const build of [FIREFOX_BUILD, join(ROOT, '.output/chrome-mv3')]) {
    if (!existsSync(join(build, 'manifest.json'))) {
      console.error(`FAIL firefox sync: no build in ${build}; see the header of this file`);
      return 1;
    }
  }
  const t0 = Date.now();
  try {
    const summary = await Promise.race([
      run(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    console.log(`PASS firefox sync: ${summary}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`FAIL firefox sync: ${(error as Error).message} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return 1;
  }
}

process.exitCode = await main();
