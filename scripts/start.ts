// `npm start`: the Chrome build (made by the npm script just before) loaded into Chromium.
// With a display, a window opens on a digest page with Paperlane annotating it. Without one, Chromium runs headless
// and writes pictures of Paperlane's own views (scripts/screenshots.ts: a card with its strip, once every card of
// the page has one; the topics of the page; the popup; the side panel with a demo library; the welcome page).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './chromium';
import { fixtureIndex } from './fixture-index';

const root = resolve(import.meta.dirname, '..');
const extension = join(root, '.output/chrome-mv3');

let browserPath: string;
try {
  browserPath = chromiumPath('npm start');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (!existsSync(join(extension, 'manifest.json'))) {
  console.error(`No built extension in ${extension}: run "npm run build:chrome" (npm start does) first.`);
  process.exit(1);
}
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
console.log(`Unpacked extension: ${extension}\nChromium: ${browserPath}`);

if (headless) {
  // The e2e harness's browser (a fresh profile, the saved pages served at their real URLs, no network) and the
  // README's screenshot code: what npm start shows is what the tests check.
  const { launch, OUTPUT_DIR } = await import('../tests/e2e/harness');
  const { takeScreenshots } = await import('./screenshots');
  const h = await launch();
  try {
    const { files } = await takeScreenshots({
      context: h.context,
      extensionId: h.extensionId,
      outDir: OUTPUT_DIR,
      prefix: 'start-',
      log: (line) => console.log(line),
    });
    console.log('No display: ran headless and wrote');
    for (const file of files) console.log(`  ${relative(root, file)}`);
  } finally {
    await h.close();
  }
} else {
  // The saved pages beside the project (../shared/fixtures) are served at their real URLs, so the annotated digest
  // appears even without internet; every other URL goes to the network as usual.
  const fixtures = resolve(root, '../shared/fixtures');
  // index.json and the landed entries of index-next.json (Scholar, dblp, …), as the tests serve them.
  const saved = new Map(
    fixtureIndex(fixtures)
      .filter((f) => f.file.endsWith('.html'))
      .map((f) => [f.url, join(fixtures, f.file)]),
  );
  const url =
    process.argv[2] ?? (saved.size ? 'https://huggingface.co/papers?date=2024-08-01' : 'https://huggingface.co/papers');
  const context = await chromium.launchPersistentContext(join(root, '.output/profile'), {
    executablePath: browserPath,
    headless: false,
    viewport: null,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--no-first-run'],
  });
  // Content scripts are registered once the extension's service worker is up: navigate only then.
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 30_000 });
  await context.route('**/*', (route) => {
    const file = saved.get(route.request().url());
    return file
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(file) })
      : route.continue();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  } catch (error) {
    console.error(`Could not load ${url}: ${error instanceof Error ? error.message : error}`);
  }
  console.log(`Chromium is open on ${url} with Paperlane loaded. Close the window to stop.`);
  await new Promise((done) => context.on('close', done));
}
