/**
 * Watchlists and the relevance profile in a real Chromium (issue 17): follow an author on one card, see another
 * card of that author marked on another page; pin and ban a term in the side panel and see a page sorted by
 * relevance change its order. The two listings are handmade (arXiv's /new markup), served at arXiv URLs.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch, openExtensionPage, waitForStrips } from './harness';

const PAGE_A = 'https://arxiv.org/list/cs.LG/new';
const PAGE_B = 'https://arxiv.org/list/stat.ML/new';

type Entry = { id: string; title: string; authors: string[]; abstract: string };

/** A handmade arXiv /new listing of these entries. */
function listing(title: string, entries: Entry[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const items = entries
    .map(
      (e, i) => `<dt><a name="item${i + 1}">[${i + 1}]</a>
<a href="/abs/${e.id}" title="Abstract" id="${e.id}">arXiv:${e.id}</a> [<a href="/pdf/${e.id}" title="Download PDF" id="pdf-${e.id}">pdf</a>]</dt>
<dd><div class="meta">
<div class="list-title mathjax"><span class="descriptor">Title:</span> ${esc(e.title)}</div>
<div class="list-authors">${e.authors.map((a) => `<a href="https://arxiv.org/search/cs?searchtype=author&amp;query=${encodeURIComponent(a)}">${esc(a)}</a>`).join(', ')}</div>
<div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div>
<p class="mathjax">${esc(e.abstract)}</p></div></dd>`,
    )
    .join('\n');
  return `<!DOCTYPE html><!-- handmade for tests/e2e/watchlist.e2e.ts -->
<html lang="en"><head><meta charset="utf-8"><title>${title} (handmade)</title></head><body><div id="dlpage">
<h1>${title}</h1><h3>Showing new listings for Monday, 2 March 2026</h3><dl id="articles">
<h3>New submissions (showing ${entries.length} of ${entries.length} entries)</h3>
${items}</dl></div></body></html>`;
}

const A: Entry[] = [
  {
    id: '2603.00001',
    title: 'Graph neural networks for molecular graphs',
    authors: ['Yann LeCun', 'Ada Lovelace'],
    abstract: 'Graph neural networks pass messages over graph edges; we study graph pooling on molecular graphs.',
  },
  {
    id: '2603.00002',
    title: 'Message passing on large graphs',
    authors: ['Grace Hopper'],
    abstract: 'Graph message passing scales to large graphs with sampled neighbourhoods of each graph node.',
  },
  {
    id: '2603.00003',
    title: 'Scalable graph transformers',
    authors: ['Alan Turing'],
    abstract: 'Graph transformers attend over graph nodes; positional encodings of the graph help.',
  },
  {
    id: '2603.00004',
    title: 'Protein structure from sequence',
    authors: ['Rosalind Franklin'],
    abstract: 'Protein structure prediction from the protein sequence with folding constraints.',
  },
];
const B: Entry[] = [
  {
    id: '2603.00011',
    title: 'Graph attention over citation graphs',
    authors: ['Edsger Dijkstra'],
    abstract: 'Graph attention weighs the neighbours of each graph node in citation graphs.',
  },
  {
    id: '2603.00012',
    title: 'Protein folding dynamics',
    authors: ['Barbara McClintock'],
    abstract: 'Protein folding pathways of small protein domains, simulated at atomic detail.',
  },
  {
    id: '2603.00013',
    title: 'Convolutional networks for speech',
    authors: ['LeCun, Yann', 'Kurt Gödel'],
    abstract: 'Convolutions over spectrograms recognise spoken words.',
  },
  {
    id: '2603.00014',
    title: 'Quantum error correction codes',
    authors: ['Emmy Noether'],
    abstract: 'Surface codes correct errors of qubits in a lattice.',
  },
];

let h: Harness;
beforeAll(async () => {
  h = await launch();
  h.serve(PAGE_A, listing('Machine Learning', A));
  h.serve(PAGE_B, listing('Statistics', B));
});
afterAll(async () => {
  await h?.close();
});

const strip = (page: Page, id: string) => page.locator(`[data-paperlane-id="${id}"] > paperlane-strip`);

async function open(url: string, cards: number): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // The welcome tab opened on install may be in front.
  await page.bringToFront();
  await waitForStrips(page, cards);
  return page;
}

/** The page's cards in the order it shows them. */
const order = (page: Page) =>
  page.$$eval('[data-paperlane-id]', (cards) => cards.map((c) => c.getAttribute('data-paperlane-id')));

describe('watchlist', () => {
  it('follows an author on one card; another card of that author is marked on another page', async () => {
    const a = await open(PAGE_A, A.length);
    await strip(a, '2603.00001')
      .getByRole('button', { name: /Follow/ })
      .click();
    await strip(a, '2603.00001').getByRole('button', { name: 'Follow Yann LeCun' }).click();
    await expect.poll(() => strip(a, '2603.00001').locator('.watch').textContent()).toBe('Follows: Yann LeCun');
    const b = await open(PAGE_B, B.length);
    await expect.poll(() => strip(b, '2603.00013').locator('.watch').textContent()).toBe('Follows: LeCun, Yann');
    expect(await strip(b, '2603.00011').locator('.watch').count()).toBe(0);
    // The page filter shows only the matching card.
    await b
      .locator('paperlane-toolbar')
      .getByRole('button', { name: /Only my watchlist \(1\)/ })
      .click();
    await expect
      .poll(() =>
        b.$$eval(
          '[data-paperlane-id]',
          (cards) => cards.filter((c) => (c as HTMLElement).offsetParent !== null).length,
        ),
      )
      .toBe(1);
    await b
      .locator('paperlane-toolbar')
      .getByRole('button', { name: /Only my watchlist/ })
      .click();
    await a.close();
    await b.close();
  });

  it('pins and bans a term in the side panel; the page sorted by relevance changes its order', async () => {
    // The follow of the first test would lift the LeCun card to the top: removed in the side panel's editor.
    const panel = await openExtensionPage(h, 'sidepanel.html');
    await panel.getByRole('tab', { name: 'Watch' }).click();
    await panel.getByRole('button', { name: 'Stop following Yann LeCun' }).click();
    await expect.poll(() => panel.getByText('Nothing followed yet.').count()).toBe(2);
    const a = await open(PAGE_A, A.length);
    for (const entry of A) await strip(a, entry.id).getByRole('button', { name: /Save/ }).click();
    const b = await open(PAGE_B, B.length);
    const sort = b.locator('paperlane-toolbar').getByRole('button', { name: /relevance/i });
    await sort.waitFor({ timeout: 15_000 });
    await sort.click();
    await expect.poll(async () => (await order(b))[0], { timeout: 10_000 }).toBe('2603.00011');
    const before = await order(b);
    expect(before.indexOf('2603.00012')).toBeGreaterThan(0);

    await panel.bringToFront();
    const pinAt = Date.now();
    await panel
      .getByRole('button', { name: /^Pin protein/ })
      .first()
      .click();
    await b.bringToFront();
    // Pinned: the protein card comes first.
    await expect.poll(async () => (await order(b))[0], { timeout: 5_000 }).toBe('2603.00012');
    // Reported, not asserted (2 shared cores): the design bound is tests/triage/features/relevance.test.ts.
    console.log(`[watchlist e2e] pin → page reordered in ${Date.now() - pinAt} ms`);
    await panel.bringToFront();
    await panel.getByRole('button', { name: /^Lift the pin or ban on protein/ }).click();
    await panel
      .getByRole('button', { name: /^Ban graph/ })
      .first()
      .click();
    await b.bringToFront();
    // Banned: the graph card is no longer first.
    await expect.poll(async () => (await order(b))[0], { timeout: 5_000 }).not.toBe('2603.00011');
    await panel.close();
    await a.close();
    await b.close();
  });
});
