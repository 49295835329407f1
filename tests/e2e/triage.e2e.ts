/**
 * On-page triage in a real Chromium, on the saved pages served at their real URLs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_INDEX,
  fixture,
  type Harness,
  launch,
  openExtensionPage,
  openFixture,
  ROOT,
  screenshotPath,
  waitForStrips,
  waitForTriage,
} from './harness';

const HF_DAILY = 'huggingface/hf-daily-papers-2024-08-01.html';
const ARXIV_NEW = 'arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html';
const CROSS_SITE_URL = 'https://arxiv.org/list/cs.CL/new';

let h: Harness;
beforeAll(async () => {
  h = await launch();
  h.serve(CROSS_SITE_URL, readFileSync(join(ROOT, 'tests/e2e/pages/arxiv-list-cs-cl-new-handmade.html'), 'utf8'));
});
afterAll(async () => {
  await h?.close();
});

const strip = (page: Page, id: string) => page.locator(`[data-paperlane-id="${id}"] > paperlane-strip`);

async function storedPaper(id: string) {
  return h.serviceWorker.evaluate(async (paperId) => {
    const open = indexedDB.open('paperlane');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = db.transaction('papers').objectStore('papers').get(paperId);
    const paper = await new Promise<{ saved: boolean; status: string; tags: string[]; note: string } | undefined>(
      (resolve) => {
        get.onsuccess = () => resolve(get.result);
      },
    );
    db.close();
    return paper;
  }, id);
}

async function sightingCount(): Promise<number> {
  return h.serviceWorker.evaluate(async () => {
    const open = indexedDB.open('paperlane');
    const db: IDBDatabase = await new Promise((resolve) => {
      open.onsuccess = () => resolve(open.result);
    });
    const count = db.transaction('sightings').objectStore('sightings').count();
    const n = await new Promise<number>((resolve) => {
      count.onsuccess = () => resolve(count.result);
    });
    db.close();
    return n;
  });
}

describe('annotation', () => {
  const listings = FIXTURE_INDEX.filter((f) => f.file.endsWith('.html') && /^(huggingface|arxiv)\//.test(f.file));
  it.each(listings.map((f) => f.file))('annotates every card of %s exactly once', async (file) => {
    const page = await openFixture(h, file);
    const expected = fixture(file).cards;
    if (expected > 0) await waitForStrips(page, expected);
    else await waitForTriage(h, page.url());
    // Content changing under us (a site re-rendering) must not produce a second strip.
    await page.evaluate(() => document.body.append(document.createElement('div')));
    await page.waitForTimeout(300);
    const counts = await page.$$eval('[data-paperlane-id]', (cards) =>
      cards.map((card) => card.querySelectorAll(':scope > paperlane-strip').length),
    );
    expect(counts).toHaveLength(expected);
    expect(counts.every((n) => n === 1)).toBe(true);
    expect(await page.locator('paperlane-strip').count()).toBe(expected);
    await page.close();
  });
});

describe('triage', () => {
  it('saves, dismisses (dims, then hides with one toggle) and tags from the card', async () => {
    const page = await openFixture(h, ARXIV_NEW);
    await waitForStrips(page, 14);
    const id = '2609.22268';
    const save = strip(page, id).getByRole('button', { name: /Save/ });
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    expect((await storedPaper(id))?.saved).toBe(true);

    const other = '2609.22118';
    const dismiss = strip(page, other).locator('button.dismiss');
    expect(await dismiss.getAttribute('title')).toContain('Not interested');
    await dismiss.click();
    await expect.poll(() => dismiss.getAttribute('aria-pressed')).toBe('true');
    const opacity = await page.$eval(`[data-paperlane-id="${other}"]`, (dt) => [
      getComputedStyle(dt).opacity,
      getComputedStyle(dt.nextElementSibling as Element).opacity,
    ]);
    expect(opacity).toEqual(['0.45', '0.45']);
    expect((await storedPaper(other))?.status).toBe('dismissed');
    await page.locator('paperlane-toolbar').getByRole('button', { name: 'Hide dismissed' }).click();
    await expect.poll(() => page.locator(`[data-paperlane-id="${other}"]`).isVisible()).toBe(false);
    await page.locator('paperlane-toolbar').getByRole('button', { name: 'Hide dismissed' }).click();
    await expect.poll(() => page.locator(`[data-paperlane-id="${other}"]`).isVisible()).toBe(true);

    await strip(page, id).getByRole('button', { name: 'Add a tag' }).click();
    const input = strip(page, id).getByRole('combobox', { name: 'Add a tag' });
    await input.fill('heat transfer');
    await input.press('Enter');
    await expect.poll(() => strip(page, id).getByText('heat transfer').count()).toBe(1);
    expect((await storedPaper(id))?.tags).toEqual(['heat transfer']);
    await page.screenshot({ path: screenshotPath('triage-arxiv-new'), fullPage: false });
    await page.close();
  });

  it('triages from the keyboard: j moves with a visible focus ring, s saves, x dismisses, ? shows help', async () => {
    const page = await openFixture(h, 'arxiv/arxiv-list-cs-2301-month-show3-2024-06.html');
    await waitForStrips(page, 3);
    const ids = await page.$$eval('[data-paperlane-id]', (els) =>
      els.map((e) => e.getAttribute('data-paperlane-id') ?? ''),
    );
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const focused = strip(page, ids[1] ?? '').locator('.strip.focused');
    await expect.poll(() => focused.count()).toBe(1);
    await page.keyboard.press('s');
    await expect.poll(async () => (await storedPaper(ids[1] ?? ''))?.saved).toBe(true);
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await expect.poll(async () => (await storedPaper(ids[0] ?? ''))?.status).toBe('dismissed');
    await page.keyboard.press('?');
    await expect
      .poll(() => page.locator('paperlane-toolbar').getByRole('dialog', { name: 'Keyboard shortcuts' }).count())
      .toBe(1);
    await page.screenshot({ path: screenshotPath('triage-keyboard-help') });
    // Keys typed into the page's own inputs are the page's.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'site-search';
      document.body.prepend(input);
    });
    await page.locator('#site-search').fill('');
    await page.locator('#site-search').press('s');
    expect(await page.locator('#site-search').inputValue()).toBe('s');
    expect((await storedPaper(ids[2] ?? ''))?.saved ?? false).toBe(false);
    await page.close();
  });

  it('shows a paper saved on arXiv as saved on Hugging Face (one canonical id)', async () => {
    const arxiv = await h.context.newPage();
    await arxiv.goto(CROSS_SITE_URL);
    await waitForStrips(arxiv, 2);
    await strip(arxiv, '2407.21783').getByRole('button', { name: /Save/ }).click();
    await expect
      .poll(() => strip(arxiv, '2407.21783').getByRole('button', { name: /Save/ }).getAttribute('aria-pressed'))
      .toBe('true');
    const hf = await openFixture(h, HF_DAILY);
    await waitForStrips(hf, 13);
    expect(await strip(hf, '2407.21783').getByRole('button', { name: /Save/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await strip(hf, '2407.21770').getByRole('button', { name: /Save/ }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await arxiv.close();
    await hf.close();
  });

  it('reflects a change made elsewhere within about 100 ms', async () => {
    const page = await openFixture(h, HF_DAILY);
    await waitForStrips(page, 13);
    const id = '2407.21770';
    const panel = await openExtensionPage(h, 'sidepanel.html');
    const save = strip(page, id).getByRole('button', { name: /Save/ });
    expect(await save.getAttribute('aria-pressed')).toBe('false');
    // Arm a watcher in the page first, then change the paper from the side panel's context.
    const changed = page.evaluate((paperId) => {
      const host = document.querySelector(`[data-paperlane-id="${paperId}"] > paperlane-strip`);
      const button = host?.shadowRoot?.querySelector('button.save');
      return new Promise<number>((resolve) => {
        new MutationObserver(() => {
          if (button?.getAttribute('aria-pressed') === 'true') resolve(performance.now() + performance.timeOrigin);
        }).observe(host?.shadowRoot as ShadowRoot, { attributes: true, subtree: true });
      });
    }, id);
    const sentAt = await panel.evaluate(async (paperId) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      const sent = performance.now() + performance.timeOrigin;
      await api.runtime.sendMessage({
        paperlane: 1,
        type: 'library/update',
        payload: { ids: [paperId], change: { saved: true } },
      });
      return sent;
    }, id);
    // The paper must exist for 'library/update' to change it: it was recorded as seen when on screen.
    const shownAt = await changed;
    const latency = shownAt - sentAt;
    console.log(`library change → page: ${latency.toFixed(1)} ms`);
    expect(latency).toBeLessThan(250);
    await panel.close();
    await page.close();
  });

  it('annotates content added after load', async () => {
    const page = await openFixture(h, ARXIV_NEW);
    await waitForStrips(page, 14);
    await page.evaluate(() => {
      const list = document.querySelector('dl');
      const dt = document.createElement('dt');
      const link = document.createElement('a');
      link.href = '/abs/2609.99999';
      link.title = 'Abstract';
      link.id = '2609.99999';
      link.textContent = 'arXiv:2609.99999';
      dt.append(link);
      const dd = document.createElement('dd');
      const meta = document.createElement('div');
      meta.className = 'meta';
      const title = document.createElement('div');
      title.className = 'list-title mathjax';
      title.textContent = 'A paper that arrived after the page loaded';
      meta.append(title);
      dd.append(meta);
      list?.append(dt, dd);
    });
    await waitForStrips(page, 15);
    expect(await strip(page, '2609.99999').count()).toBe(1);
    await page.close();
  });

  it('records a card as seen only once it has been on screen', async () => {
    const before = await sightingCount();
    const page = await openFixture(h, 'arxiv/arxiv-search-200results-2025-12.html');
    await waitForStrips(page, 200);
    // The cards on the first screen are recorded in one batch (seen-tracking.ts): wait for it, then count it.
    await expect.poll(async () => (await sightingCount()) - before, { timeout: 15_000 }).toBeGreaterThan(0);
    const onFirstScreen = (await sightingCount()) - before;
    expect(onFirstScreen).toBeLessThan(20);
    await page.keyboard.press('End');
    await expect.poll(async () => (await sightingCount()) - before, { timeout: 15_000 }).toBeGreaterThan(onFirstScreen);
    const afterScroll = (await sightingCount()) - before;
    expect(afterScroll).toBeLessThan(200);
    await page.close();
  });

  it('saves every card on the page from the toolbar, with progress, and undoes it', async () => {
    const page = await openFixture(h, 'arxiv/arxiv-search-200results-2025-12.html');
    await waitForStrips(page, 200);
    const toolbar = page.locator('paperlane-toolbar');
    await toolbar.getByRole('button', { name: 'Save all on this page' }).click();
    await expect.poll(() => toolbar.getByText(/^Saved \d+ papers$/).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('paperlane-strip button.save[aria-pressed="true"]').count()).toBe(200);
    await page.screenshot({ path: screenshotPath('triage-save-all') });
    await toolbar.getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(() => page.locator('paperlane-strip button.save[aria-pressed="true"]').count()).toBe(0);
    await page.close();
  });

  it('scores cards against the library, explains why, sorts the page by relevance and puts it back', async () => {
    const file = 'arxiv/arxiv-search-200results-2025-12.html';
    let page = await openFixture(h, file);
    await waitForStrips(page, 200);
    const original = await page.$$eval('[data-paperlane-id]', (els) =>
      els.map((e) => e.getAttribute('data-paperlane-id')),
    );
    // The researcher keeps a few papers about consensus: those are the positives.
    const kept = await page.$$eval('[data-paperlane-id]', (els) =>
      els
        .filter((e) => /consensus|byzantine|raft|paxos/i.test(e.textContent ?? ''))
        .slice(0, 6)
        .map((e) => e.getAttribute('data-paperlane-id') ?? ''),
    );
    expect(kept.length).toBeGreaterThan(2);
    for (const id of kept) {
      await strip(page, id).getByRole('button', { name: /Save/ }).click();
      await expect.poll(() => strip(page, id).locator('button.save').getAttribute('aria-pressed')).toBe('true');
    }
    await strip(page, kept[0] ?? '')
      .getByRole('button', { name: 'Add a tag' })
      .click();
    await strip(page, kept[0] ?? '')
      .getByRole('combobox', { name: 'Add a tag' })
      .fill('consensus');
    await strip(page, kept[0] ?? '')
      .getByRole('combobox', { name: 'Add a tag' })
      .press('Enter');
    await page.close();

    page = await openFixture(h, file);
    await waitForStrips(page, 200);
    await expect.poll(() => page.locator('paperlane-strip .relevance .badge').count(), { timeout: 15_000 }).toBe(200);
    const label = await strip(page, original[0] ?? '')
      .locator('.relevance .badge')
      .getAttribute('title');
    expect(label).toMatch(/^Relevance \d+% to your library, because of: /);
    const sortButton = page.locator('paperlane-toolbar').getByRole('button', { name: 'Sort by relevance' });
    await sortButton.click();
    await expect.poll(() => sortButton.getAttribute('aria-pressed')).toBe('true');
    const scores = await page.$$eval('[data-paperlane-id] > paperlane-strip', (hosts) =>
      hosts.map((host) =>
        Number(/(\d+)%/.exec(host.shadowRoot?.querySelector('.badge')?.textContent ?? '')?.[1] ?? -1),
      ),
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const sortedIds = await page.$$eval('[data-paperlane-id]', (els) =>
      els.map((e) => e.getAttribute('data-paperlane-id')),
    );
    expect(sortedIds).not.toEqual(original);
    expect(new Set(sortedIds)).toEqual(new Set(original));
    // The kept papers (already judged) rank among the first cards.
    expect(sortedIds.slice(0, 20).filter((id) => kept.includes(id ?? '')).length).toBeGreaterThan(kept.length / 2);
    await page.screenshot({ path: screenshotPath('triage-sorted-by-relevance') });
    await sortButton.click();
    await expect
      .poll(() => page.$$eval('[data-paperlane-id]', (els) => els.map((e) => e.getAttribute('data-paperlane-id'))))
      .toEqual(original);

    // Tag suggestions while tagging another paper.
    const other = original.find((id) => !kept.includes(id ?? '')) ?? '';
    await strip(page, other).getByRole('button', { name: 'Add a tag' }).click();
    await expect.poll(() => strip(page, other).getByRole('button', { name: '+ consensus' }).count()).toBe(1);
    await page.close();
  });

  it('groups the page into topics and acts on a whole topic', async () => {
    const page = await openFixture(h, 'arxiv/arxiv-search-200results-2025-12.html');
    await waitForStrips(page, 200);
    const toolbar = page.locator('paperlane-toolbar');
    await toolbar.getByRole('button', { name: 'Topics' }).click();
    const topics = toolbar.getByRole('list', { name: 'Topics on this page' }).getByRole('listitem');
    await expect.poll(() => topics.count(), { timeout: 20_000 }).toBeGreaterThan(1);
    const sizes = await topics.evaluateAll((items) =>
      items.map((li) => Number(/\((\d+)\)/.exec(li.textContent ?? '')?.[1] ?? 0)),
    );
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(200);
    expect(await page.locator('paperlane-strip .topic').count()).toBe(200);
    await page.screenshot({ path: screenshotPath('triage-topics') });

    await topics.first().getByRole('button', { name: 'Only these' }).click();
    await expect
      .poll(() =>
        page.$$eval('[data-paperlane-id]', (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length),
      )
      .toBe(sizes[0]);
    await topics.first().getByRole('button', { name: 'Only these' }).click();

    await toolbar.getByRole('textbox', { name: 'Tag to give a whole topic' }).fill('topic-one');
    await topics.first().getByRole('button', { name: 'Tag' }).click();
    await expect.poll(() => page.locator('paperlane-strip .tag', { hasText: 'topic-one' }).count()).toBe(sizes[0]);
    // Stored, not only shown: every card carrying the tag on screen carries it in the library.
    const taggedIds = await page.$$eval('[data-paperlane-id]', (cards) =>
      cards
        .filter((card) =>
          [...(card.querySelector('paperlane-strip')?.shadowRoot?.querySelectorAll('.tag') ?? [])].some((tag) =>
            tag.textContent?.includes('topic-one'),
          ),
        )
        .map((card) => card.getAttribute('data-paperlane-id') ?? ''),
    );
    expect(taggedIds).toHaveLength(sizes[0] as number);
    for (const id of taggedIds.slice(0, 5)) expect((await storedPaper(id))?.tags).toContain('topic-one');
    const download = page.waitForEvent('download');
    await topics.first().getByRole('button', { name: 'BibTeX file' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^paperlane-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.bib$/);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.match(/^@\w+\{/gm)?.length).toBe(sizes[0]);

    // The page is still the digest page after the download, with its toolbar whole.
    expect(page.url()).toContain('arxiv.org/search');
    await expect.poll(() => toolbar.getByRole('textbox', { name: 'Tag to give a whole topic' }).count()).toBe(1);
    await page.close();
  });

  it('logged no error from Paperlane in any page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
