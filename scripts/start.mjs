// `npm start`: the Chrome build (made by the npm script just before) loaded into Chromium on a digest page.
// With a display, a window opens; without one, Chromium runs headless and writes a screenshot of the annotated page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const extension = join(root, '.output/chrome-mv3');
const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The saved pages beside the project (../shared/fixtures) are served at their real URLs, so `npm start` shows an
// annotated digest even on a machine without internet; every other URL goes to the network as usual.
const fixtures = resolve(root, '../shared/fixtures');
const saved = existsSync(join(fixtures, 'index.json'))
  ? new Map(
      JSON.parse(readFileSync(join(fixtures, 'index.json'), 'utf8'))
        .filter((f) => f.file.endsWith('.html'))
        .map((f) => [f.url, join(fixtures, f.file)]),
    )
  : new Map();
const url =
  process.argv[2] ?? (saved.size ? 'https://huggingface.co/papers?date=2024-08-01' : 'https://huggingface.co/papers');

if (!existsSync(browserPath)) {
  console.error(`Chromium is not installed at ${browserPath}. Install it with:  sudo apt-get install -y chromium`);
  process.exit(1);
}
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
console.log(`Unpacked extension: ${extension}`);
const context = await chromium.launchPersistentContext(join(root, '.output/profile'), {
  executablePath: browserPath,
  headless,
  viewport: headless ? { width: 1280, height: 1000 } : null,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    ...(headless ? ['--no-sandbox', '--disable-gpu'] : []),
  ],
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
page.on('console', (m) => process.env.DEBUG_START && console.log('console:', m.text()));
page.on('requestfailed', (r) => process.env.DEBUG_START && console.log('failed:', r.url().slice(0, 80)));
try {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
} catch (error) {
  console.error(`Could not load ${url}: ${error instanceof Error ? error.message : error}`);
}
if (headless) {
  await page
    .waitForSelector('[data-paperlane-id] > paperlane-strip', { timeout: 15_000 })
    // Show the first annotated card rather than the site's header.
    .then((strip) => strip.evaluate((el) => el.parentElement?.scrollIntoView({ block: 'start' })))
    .catch(() => console.error('No annotated card appeared (no network, or no paper on the page).'));
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const shot = join(root, 'test-output/start.png');
  await page.screenshot({ path: shot });
  console.log(`No display: ran headless; screenshot of ${url} written to ${shot}`);
  await context.close();
} else {
  console.log(`Chromium is open on ${url} with Paperlane loaded. Close the window to stop.`);
  await new Promise((done) => context.on('close', done));
}
