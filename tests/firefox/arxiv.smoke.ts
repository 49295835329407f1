/**
 * Firefox smoke check: the Firefox build (.output/firefox-mv2) installs in headless firefox-esr and annotates the
 * saved arXiv /new listing served at its real URL, every card once. Run after `npm run build:firefox`:
 *   npx tsx tests/firefox/arxiv.smoke.ts     (exit code 0 on PASS, 1 on FAIL)
 * Requests other than the listing itself are answered locally with an empty 404, so nothing reaches the network.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Firefox, launchFirefox } from './firefox';

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION_DIR = join(ROOT, '.output/firefox-mv2');
const FIXTURE = resolve(ROOT, '../shared/fixtures/arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');
const PAGE_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const EXPECTED_CARDS = 14;
const SCREENSHOT = join(ROOT, 'test-output/firefox-arxiv-new.png');
const TIMEOUT_MS = 90_000;

type EvaluateResult =
  | { type: 'success'; result: { type: string; value?: unknown } }
  | { type: 'exception'; exceptionDetails: { text: string } };

/** What the content script has done to the page: cards marked, and strips per card. */
const ANNOTATION_STATE = `JSON.stringify({
  cards: document.querySelectorAll('[data-paperlane-id]').length,
  strips: [...document.querySelectorAll('[data-paperlane-id]')].map((c) => c.querySelectorAll(':scope > paperlane-strip').length),
  allStrips: document.querySelectorAll('paperlane-strip').length,
})`;
type AnnotationState = { cards: number; strips: number[]; allStrips: number };

async function smoke(firefox: Firefox, requests: string[]): Promise<string> {
  const { bidi } = firefox;
  const html = readFileSync(FIXTURE, 'utf8');

  bidi.on('network.beforeRequestSent', (params) => {
    const request = params.request as { request: string; url: string };
    requests.push(request.url.length > 120 ? `${request.url.slice(0, 120)}…` : request.url);
    if (!params.isBlocked) return;
    const page = request.url === PAGE_URL;
    bidi
      .send('network.provideResponse', {
        request: request.request,
        statusCode: page ? 200 : 404,
        reasonPhrase: page ? 'OK' : 'Not Found',
        headers: [
          {
            name: 'Content-Type',
            value: { type: 'string', value: page ? 'text/html; charset=utf-8' : 'text/plain' },
          },
        ],
        body: { type: 'string', value: page ? html : '' },
      })
      .catch((error: Error) => console.error(`provideResponse ${request.url}: ${error.message}`));
  });
  await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  await bidi.send('network.addIntercept', { phases: ['beforeRequestSent'] });

  const { extension } = await bidi.send<{ extension: string }>('webExtension.install', {
    extensionData: { type: 'path', path: EXTENSION_DIR },
  });

  const { contexts } = await bidi.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
  const context = contexts[0]?.context;
  if (!context) throw new Error('no browsing context');
  await bidi.send('browsingContext.setViewport', { context, viewport: { width: 1280, height: 900 } });
  await bidi.send('browsingContext.navigate', { context, url: PAGE_URL, wait: 'complete' });

  let state: AnnotationState = { cards: 0, strips: [], allStrips: 0 };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const evaluated = await bidi.send<EvaluateResult>('script.evaluate', {
      expression: ANNOTATION_STATE,
      target: { context },
      awaitPromise: false,
    });
    if (evaluated.type === 'exception') throw new Error(`evaluate: ${evaluated.exceptionDetails.text}`);
    state = JSON.parse(String(evaluated.result.value));
    const done = state.cards === EXPECTED_CARDS && state.strips.every((n) => n === 1);
    if (done || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Content arriving later must not produce a second strip on any card: read again after a while (the state read
  // above was the one the wait ended on, so a strip added after it would have gone unseen).
  await new Promise((r) => setTimeout(r, 500));
  const again = await bidi.send<EvaluateResult>('script.evaluate', {
    expression: ANNOTATION_STATE,
    target: { context },
    awaitPromise: false,
  });
  if (again.type === 'exception') throw new Error(`evaluate: ${again.exceptionDetails.text}`);
  state = JSON.parse(String(again.result.value));

  // The saved page's stylesheets were not saved, so its icons render huge at the top: show the first cards instead.
  await bidi.send('script.evaluate', {
    expression: `document.querySelector('[data-paperlane-id]')?.scrollIntoView()`,
    target: { context },
    awaitPromise: false,
  });
  const { data } = await bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context });
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(SCREENSHOT, Buffer.from(data, 'base64'));

  const ok =
    state.cards === EXPECTED_CARDS &&
    state.strips.length === EXPECTED_CARDS &&
    state.strips.every((n) => n === 1) &&
    state.allStrips === EXPECTED_CARDS;
  const summary = `${state.cards} cards marked, strips per card [${state.strips.join(',')}], ${state.allStrips} strips in all (extension ${extension})`;
  if (!ok) throw new Error(`expected ${EXPECTED_CARDS} cards with one strip each; got ${summary}`);
  return summary;
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.error(`FAIL firefox smoke: no build in ${EXTENSION_DIR}; run "npm run build:firefox" first`);
    return 1;
  }
  let firefox: Firefox | undefined;
  const requests: string[] = [];
  try {
    firefox = await launchFirefox();
    const running = firefox;
    const summary = await Promise.race([
      smoke(running, requests),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`requests intercepted (all answered locally): ${requests.length}\n  ${requests.join('\n  ')}`);
    console.log(`PASS firefox smoke: ${PAGE_URL} in firefox-esr, ${summary}; screenshot ${SCREENSHOT}; ${seconds} s`);
    return 0;
  } catch (error) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.error(`requests intercepted: ${requests.length}\n  ${requests.join('\n  ')}`);
    if (firefox) console.error(`firefox stderr (tail):\n${firefox.stderr().slice(-3000)}`);
    console.error(`FAIL firefox smoke: ${(error as Error).message} (${seconds} s)`);
    return 1;
  } finally {
    await firefox?.close();
  }
}

process.exitCode = await main();
