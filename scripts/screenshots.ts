/**
 * The pictures of Paperlane's own views, fully styled, taken in a real Chromium with the built extension: a card
 * with its strip (close up, clipped to the card), the side panel's library and a paper's detail (with a small demo
 * library built from ../shared/data), the topics of a page, the popup, the welcome page. One function takes them
 * all, called by `npm start` (headless: test-output/start-*.png) and by tests/e2e/screenshots.e2e.ts, which
 * `npm run screenshots` points at docs/ for the README. No picture shows a saved page whole: its stylesheets were
 * not saved, so only our own UI, or a card clipped with its strip, is shown.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { recordFromJson } from '../lib/cli/records';
import { newLibraryPaper } from '../lib/paper/merge';
import type { LibraryPaper } from '../lib/paper/schema';

export const DATA = resolve(import.meta.dirname, '../../shared/data');
export const DIGEST_URL = 'https://huggingface.co/papers?date=2024-08-01';
/** Cards on the saved page at DIGEST_URL (../shared/fixtures/index.json). */
export const DIGEST_CARDS = 13;
/**
 * The card shown close up comes from an arXiv listing: its saved copy reads well without arXiv's stylesheet (plain
 * title, authors, subjects, abstract), where a Hugging Face card without its CSS is a title over an empty box.
 */
export const LISTING_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
export const LISTING_CARDS = 14;

/** Each picture, its file name and the caption the README gives it. */
export const PICTURES = [
  { name: 'card', caption: 'A card of an arXiv listing with its strip: saved, tagged, new since your last visit.' },
  {
    name: 'topics',
    caption: 'Topics of a page: the cards grouped, each topic shown alone, saved, tagged or exported.',
  },
  { name: 'sidepanel-library', caption: 'The side panel: your library, searchable, by view, tag and filter.' },
  {
    name: 'sidepanel-detail',
    caption: 'A paper in the side panel: links, tags, where you saw it, a note in Markdown.',
  },
  { name: 'popup', caption: 'The popup on a digest page: what the page holds, save all, a quick search.' },
  { name: 'welcome', caption: 'The welcome page: the sites it reads, importing a library, the keys on example cards.' },
] as const;
export type PictureName = (typeof PICTURES)[number]['name'];

/** Tags for the demo library, one per arXiv category of arxiv_ml8_2k.jsonl used. */
const DEMO_TAGS: Record<string, { tag: string; color: string }> = {
  'cs.CL': { tag: 'language', color: '#2563eb' },
  'cs.LG': { tag: 'learning', color: '#16a34a' },
  'cs.CV': { tag: 'vision', color: '#d97706' },
  'cs.AI': { tag: 'reasoning', color: '#7c3aed' },
  'cs.IR': { tag: 'retrieval', color: '#0891b2' },
  'stat.ML': { tag: 'statistics', color: '#db2777' },
};
const PER_TAG = 8;

/**
 * A small library a person could have: 8 papers from each of six categories of ../shared/data/arxiv_ml8_2k.jsonl
 * (read by the command line's forgiving reader), saved and tagged by category, a few read, one with a note.
 */
export function demoLibrary(now = Date.now()) {
  const picked = new Map<string, number>();
  const papers: LibraryPaper[] = [];
  for (const line of readFileSync(join(DATA, 'arxiv_ml8_2k.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { label: string };
    const tag = DEMO_TAGS[row.label];
    if (!tag || (picked.get(row.label) ?? 0) >= PER_TAG) continue;
    // The data set writes names "Family, Given"; the pages Paperlane reads write "Given Family", as shown here.
    const authors = (row as { authors?: string[] }).authors?.map((a) => a.split(/,\s*/).reverse().join(' '));
    const record = recordFromJson({ ...row, authors, categories: [row.label] });
    if (!record.ok) continue;
    const index = papers.length;
    picked.set(row.label, (picked.get(row.label) ?? 0) + 1);
    // Added over the last weeks, newest first in the list.
    const when = now - index * 7 * 3_600_000;
    papers.push({
      ...newLibraryPaper(record.value, when),
      saved: true,
      savedAt: when,
      status: index % 5 === 1 ? 'read' : index % 7 === 2 ? 'reading' : 'unread',
      tags: index % 9 === 0 ? [tag.tag, 'to-discuss'] : [tag.tag],
      note:
        index === 0
          ? 'Read for **Thursday**: compare with the baseline in section 4.\n\n- check the ablation\n- code?'
          : '',
    });
  }
  const tags = [
    ...Object.values(DEMO_TAGS).map(({ tag, color }) => ({ name: tag, color, createdAt: now })),
    { name: 'to-discuss', color: '#dc2626', createdAt: now },
  ];
  return { papers, tags, sightings: [], settings: { theme: 'light' as const } };
}

async function send(page: Page, type: string, payload: unknown): Promise<void> {
  const reply = (await page.evaluate(
    async ([t, p]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      return api.runtime.sendMessage({ paperlane: 1, type: t, payload: p });
    },
    [type, payload] as const,
  )) as { ok: boolean; error?: string };
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error ?? 'no reason given'}`);
}

/**
 * Waits until EVERY card the page holds has its strip (not merely the first few: the strips come in batches), and
 * at least `expected` cards are annotated.
 */
export async function waitForEveryStrip(page: Page, expected: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const cards = [...document.querySelectorAll('[data-paperlane-id]')];
      return cards.length >= n && cards.every((card) => card.querySelector(':scope > paperlane-strip') !== null);
    },
    expected,
    { timeout },
  );
}

type Box = { x: number; y: number; width: number; height: number };
function padded(box: Box, pad: number, page: Page): Box {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  return {
    x,
    y,
    width: Math.min(viewport.width - x, box.width + 2 * pad),
    height: Math.min(viewport.height - y, box.height + 2 * pad),
  };
}

export type ScreenshotOptions = {
  context: BrowserContext;
  extensionId: string;
  outDir: string;
  /** Prepended to every file name (`start-` for npm start). */
  prefix?: string;
  log?: (line: string) => void;
};

/**
 * Takes every picture of PICTURES into `outDir`; returns the files written, and how many cards and strips the
 * digest page held when its pictures were taken.
 */
export async function takeScreenshots(
  options: ScreenshotOptions,
): Promise<{ files: string[]; digest: { cards: number; strips: number } }> {
  let stripped = { cards: 0, strips: 0 };
  const { context, extensionId, outDir } = options;
  const log = options.log ?? (() => {});
  mkdirSync(outDir, { recursive: true });
  const file = (name: PictureName) => join(outDir, `${options.prefix ?? ''}${name}.png`);
  const written: string[] = [];
  const extensionPage = async (path: string, width: number, height: number) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };

  // The demo library first: relevance on the cards and the side panel's list come from it.
  const loader = await extensionPage('popup.html', 400, 300);
  await send(loader, 'library/replace', demoLibrary());
  await loader.close();

  // The side panel: the library, then one paper's detail (before any page is visited: the list is the demo's).
  const side = await extensionPage('sidepanel.html', 440, 820);
  const count = side.getByTestId('result-count');
  await side.waitForFunction(
    () => /^\d+ of \d+ papers$/.test(document.querySelector('[data-testid="result-count"]')?.textContent ?? ''),
    null,
    { timeout: 30_000 },
  );
  await side.locator('.vrow .title').first().waitFor();
  log(`side panel: ${await count.textContent()}`);
  await side.screenshot({ path: file('sidepanel-library') });
  written.push(file('sidepanel-library'));
  await side.locator('.vrow .title').first().focus();
  await side.keyboard.press('Enter');
  await side.getByRole('button', { name: 'Back to the list' }).waitFor();
  await side
    .getByText('Finding suggestions…')
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => log('the tag suggestions took longer than 15 s'));
  await side.screenshot({ path: file('sidepanel-detail') });
  written.push(file('sidepanel-detail'));
  await side.close();

  // The welcome page, its first screen.
  const welcome = await extensionPage('welcome.html', 900, 1000);
  await welcome.getByTestId('demo-card').first().waitFor();
  await welcome.screenshot({ path: file('welcome') });
  written.push(file('welcome'));
  await welcome.close();
  // A card with its strip, close up: saved and tagged. On arXiv a card is a <dt> (where the strip is) and its <dd>.
  const listing = await context.newPage();
  await listing.setViewportSize({ width: 1000, height: 900 });
  await listing.goto(LISTING_URL, { waitUntil: 'load' });
  await waitForEveryStrip(listing, LISTING_CARDS);
  const card = listing.locator('[data-paperlane-id]').first();
  const strip = card.locator(':scope > paperlane-strip');
  await strip.getByRole('button', { name: /Save/ }).first().click();
  await strip.getByRole('button', { name: 'Add a tag' }).click();
  await strip.locator('input.tag-input').fill('to-discuss');
  await strip.locator('input.tag-input').press('Enter');
  await strip.locator('.tag', { hasText: 'to-discuss' }).waitFor();
  await strip.locator('button.save[aria-pressed="true"]').waitFor();
  await listing.mouse.move(0, 0);
  await card.scrollIntoViewIfNeeded();
  const cardBox = await card.evaluate((el) => {
    const dd = el.nextElementSibling?.localName === 'dd' ? el.nextElementSibling : null;
    const rects = [el, dd].flatMap((part) => (part ? [part.getBoundingClientRect()] : []));
    const top = Math.min(...rects.map((r) => r.top));
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    // Down to the subjects: the abstract's twenty lines below them would make the strip a detail of the picture.
    const abstract = dd?.querySelector('p.mathjax');
    const bottom = abstract ? abstract.getBoundingClientRect().top - 10 : Math.max(...rects.map((r) => r.bottom));
    return { x: left, y: top, width: right - left, height: bottom - top };
  });
  await listing.screenshot({ path: file('card'), clip: padded(cardBox, 8, listing) });
  written.push(file('card'));
  await listing.close();

  // The Hugging Face page, with EVERY card's strip (they come in batches), then its topics.
  const digest = await context.newPage();
  await digest.setViewportSize({ width: 1100, height: 900 });
  await digest.goto(DIGEST_URL, { waitUntil: 'load' });
  await waitForEveryStrip(digest, DIGEST_CARDS);
  stripped = await digest.evaluate(() => ({
    cards: document.querySelectorAll('[data-paperlane-id]').length,
    strips: document.querySelectorAll('[data-paperlane-id] > paperlane-strip').length,
  }));
  log(`every one of the ${DIGEST_CARDS} cards of ${DIGEST_URL} has its strip`);

  // Topics of the page: the toolbar's panel, alone.
  const toolbar = digest.locator('paperlane-toolbar');
  await toolbar.getByRole('button', { name: 'Topics' }).click();
  const topics = toolbar.getByRole('list', { name: 'Topics on this page' }).getByRole('listitem');
  await topics.first().waitFor({ timeout: 30_000 });
  const panel = toolbar.locator('.toolbar, [role="region"], section, div').first();
  const topicsBox = (await panel.boundingBox()) ?? (await topics.first().boundingBox());
  if (!topicsBox) throw new Error('the topics panel has no box to photograph');
  await digest.screenshot({ path: file('topics'), clip: padded(topicsBox, 1, digest) });
  written.push(file('topics'));

  // The popup for the digest tab.
  const tabId = await context.serviceWorkers()[0]?.evaluate(async (url) => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
    ).chrome;
    return (await api.tabs.query({})).find((t) => t.url === url)?.id ?? null;
  }, DIGEST_URL);
  const popup = await extensionPage(`popup.html${tabId ? `?tab=${tabId}` : ''}`, 380, 520);
  await popup.getByTestId('page-summary').waitFor({ timeout: 15_000 });
  await popup.getByRole('searchbox').fill('neural');
  await popup.locator('.results li').first().waitFor({ timeout: 15_000 });
  const popupBox = await popup.locator('main.popup').boundingBox();
  await popup.screenshot({ path: file('popup'), ...(popupBox ? { clip: padded(popupBox, 0, popup) } : {}) });
  written.push(file('popup'));
  await popup.close();
  await digest.close();

  return { files: written, digest: stripped };
}
