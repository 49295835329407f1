/**
 * The listing sites of issue 16 in a real Chromium: one saved page of each (Google Scholar results, dblp, OpenReview,
 * PubMed, ACL Anthology) served at its URL, once the site is switched on in the side panel's settings. Each page's
 * cards are annotated (data-paperlane-id and one strip each), one is saved from its strip, and where the paper is on
 * arXiv its arXiv page (handmade, tests/e2e/pages/arxiv-abs-handmade.html) shows it as saved: by the arXiv id the
 * card carries (Scholar), or by the journal DOI the arXiv page names (dblp, ACL Anthology). A robot check and a
 * challenge page give no cards and say why, with no drift warning.
 *
 * The e2e build (PAPERLANE_E2E=1) lists the optional origins as required: headless Chromium shows a permission
 * prompt no test can answer. So the permission is granted from the start, and what the switch decides here is the
 * site's setting: each site starts switched off (the settings' disabledSites), its page is then not annotated, and
 * switching it on in the side panel is what makes the next visit annotated. The prompt itself is unit-tested with a
 * fake browser (tests/permissions/site-access.test.ts).
 *
 * One browser for the whole file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePage } from '../../lib/cli/decode';
import { OPTIONAL_SITES } from '../../lib/digest-pages';
import {
  FIXTURES,
  type Harness,
  launch,
  openExtensionPage,
  screenshotPath,
  triageAnswers,
  waitForTriage,
} from './harness';

type SitePage = {
  site: string;
  /** The switch's label in the side panel's settings. */
  name: string;
  file: string;
  url: string;
  cards: number;
  /** The card saved from its strip, by its data-paperlane-id. */
  save: string;
  /** The same paper's arXiv page, where it is on arXiv. */
  arxiv?: { id: string; title: string; authors: [last: string, first: string][]; date: string; doi?: string };
};

const NEXT = JSON.parse(readFileSync(join(FIXTURES, 'index-next.json'), 'utf8')) as { file: string; url: string }[];
const urlOf = (file: string): string => {
  const entry = NEXT.find((e) => e.file === file);
  if (!entry) throw new Error(`no fixture ${file} in index-next.json`);
  return entry.url;
};

const PAGES: SitePage[] = [
  {
    site: 'scholar',
    name: 'Google Scholar',
    file: 'scholar/gscholar-search-conversational-ai-num20-2024-07.html',
    url: urlOf('scholar/gscholar-search-conversational-ai-num20-2024-07.html'),
    cards: 20,
    // The third result: its [PDF] arxiv.org link gives the card its arXiv id.
    save: '1606.01541',
    arxiv: {
      id: '1606.01541',
      title: 'Deep Reinforcement Learning for Dialogue Generation',
      authors: [
        ['Li', 'Jiwei'],
        ['Monroe', 'Will'],
        ['Ritter', 'Alan'],
        ['Galley', 'Michel'],
        ['Gao', 'Jianfeng'],
        ['Jurafsky', 'Dan'],
      ],
      date: '2016/06/05',
    },
  },
  {
    site: 'dblp',
    name: 'dblp',
    file: 'dblp/dblp-person-clauset-2015-08.html',
    // Saved from http://dblp.uni-trier.de/pers/hd/c/Clauset:Aaron in 2015; the host answers over https only today,
    // and the optional site asks for https origins.
    url: 'https://dblp.uni-trier.de/pers/hd/c/Clauset:Aaron',
    cards: 31,
    // SIAM Review's "Power-Law Distributions in Empirical Data": on dblp by its DOI alone; on arXiv as 0706.1062,
    // whose page names that DOI.
    save: '10.1137/070710111',
    arxiv: {
      id: '0706.1062',
      title: 'Power-law distributions in empirical data',
      authors: [
        ['Clauset', 'Aaron'],
        ['Shalizi', 'Cosma Rohilla'],
        ['Newman', 'M. E. J.'],
      ],
      date: '2007/06/07',
      doi: '10.1137/070710111',
    },
  },
  {
    site: 'openreview',
    name: 'OpenReview',
    file: 'openreview/openreview-group-iclr2018-conference-browser-saved-2017-12.html',
    url: urlOf('openreview/openreview-group-iclr2018-conference-browser-saved-2017-12.html'),
    cards: 996,
    // The first submission; the venue page links no arXiv copy of any of them.
    save: 'openreview:SyBPtQfAZ',
  },
  {
    site: 'pubmed',
    name: 'PubMed and PubMed Central',
    file: 'pubmed/pubmed-search-endometriosis-2-docsum-excerpt-2023-11.html',
    url: urlOf('pubmed/pubmed-search-endometriosis-2-docsum-excerpt-2023-11.html'),
    cards: 2,
    save: '10.1177/10497323231214114',
  },
  {
    site: 'acl',
    name: 'ACL Anthology',
    file: 'acl/acl-anthology-paper-2021.naacl-main.208-2026-02.html',
    url: urlOf('acl/acl-anthology-paper-2021.naacl-main.208-2026-02.html'),
    cards: 1,
    // "How many data points is a prompt worth?": on arXiv as 2103.08493 (the Anthology page never says so). Its
    // arXiv page names the Anthology DOI, and title, first author and year agree too: either identifies it.
    save: '10.18653/v1/2021.naacl-main.208',
    arxiv: {
      id: '2103.08493',
      title: 'How Many Data Points is a Prompt Worth?',
      authors: [
        ['Le Scao', 'Teven'],
        ['Rush', 'Alexander M.'],
      ],
      date: '2021/03/15',
      doi: '10.18653/v1/2021.naacl-main.208',
    },
  },
];

/**
 * Papers saved from arXiv whose cards on a Scholar or dblp page carry no arXiv id: the card is found by its content
 * key (title, first author, year) in the page's first read, so it shows as saved at first paint (issue 16).
 */
const TWINS: { site: string; card: string; arxiv: NonNullable<SitePage['arxiv']> }[] = [
  {
    site: 'scholar',
    // Scholar links the NeurIPS proceedings page only.
    card: 'https://proceedings.neurips.cc/paper/2018/hash/800de15c79c8d840f4e78d3af937d4d4-Abstract.html',
    arxiv: {
      id: '1812.07617',
      title: 'Towards Deep Conversational Recommendations',
      authors: [
        ['Li', 'Raymond'],
        ['Kahou', 'Samira'],
        ['Schulz', 'Hannes'],
        ['Michalski', 'Vincent'],
        ['Charlin', 'Laurent'],
        ['Pal', 'Chris'],
      ],
      date: '2018/12/18',
    },
  },
  {
    site: 'dblp',
    // The ICWSM 2013 paper, known to dblp by its key alone (its CoRR copy is a card of its own on the page).
    card: 'dblp:conf/icwsm/MerrittJMC13',
    arxiv: {
      id: '1303.6372',
      title: 'Detecting Friendship Within Dynamic Online Interaction Networks',
      authors: [
        ['Merritt', 'Sears'],
        ['Jacobs', 'Abigail Z.'],
        ['Mason', 'Winter'],
        ['Clauset', 'Aaron'],
      ],
      date: '2013/03/26',
    },
  },
];

const ROBOT = 'scholar/gscholar-search-robot-check-0-cards-2020-11.html';
const CHALLENGE = 'biorxiv/biorxiv-early-recent-cloudflare-challenge-prettified-2024-09.html';
// The Cloudflare page as a site behind Cloudflare serves it for a listing: here for an OpenReview venue.
const CHALLENGE_URL = 'https://openreview.net/group?id=ICLR.cc/2019/Conference';

const ABS_TEMPLATE = readFileSync(join(import.meta.dirname, 'pages/arxiv-abs-handmade.html'), 'utf8');

function arxivPage(paper: NonNullable<SitePage['arxiv']>): string {
  const attr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  // Without a journal DOI the page has no "Related DOI" row.
  const template = paper.doi ? ABS_TEMPLATE : ABS_TEMPLATE.replace(/<tr><td[^>]*>Related DOI:.*<\/tr>\n/, '');
  return template
    .replaceAll('{{ID}}', paper.id)
    .replaceAll('{{TITLE}}', attr(paper.title))
    .replaceAll('{{DATE}}', paper.date)
    .replaceAll('{{DOI}}', paper.doi ?? '')
    .replace(
      '{{AUTHOR_META}}',
      paper.authors
        .map(([last, first]) => `<meta name="citation_author" content="${attr(`${last}, ${first}`)}">`)
        .join(''),
    )
    .replace(
      '{{AUTHOR_LINKS}}',
      paper.authors
        .map(([last, first]) => `<a href="/a/${encodeURIComponent(last)}">${attr(`${first} ${last}`)}</a>`)
        .join(', '),
    );
}

let h: Harness;
beforeAll(async () => {
  h = await launch();
  const read = (file: string) => decodePage(readFileSync(join(FIXTURES, file)));
  for (const p of PAGES) {
    h.serve(p.url, read(p.file));
    if (p.arxiv) h.serve(`https://arxiv.org/abs/${p.arxiv.id}`, arxivPage(p.arxiv));
  }
  for (const t of TWINS) h.serve(`https://arxiv.org/abs/${t.arxiv.id}`, arxivPage(t.arxiv));
  h.serve(urlOf(ROBOT), read(ROBOT));
  h.serve(CHALLENGE_URL, read(CHALLENGE));
});
afterAll(async () => {
  await h?.close();
});

const strip = (page: Page, id: string) => page.locator(`[data-paperlane-id="${id}"] > paperlane-strip`);

/** Waits until `count` cards have their strip (the OpenReview page's 996 take longer than the default wait). */
async function waitForStrips(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-paperlane-id] > paperlane-strip').length >= n,
    count,
    { timeout: 90_000 },
  );
}

/** Every annotated card on the page, with the number of strips it holds. */
const stripCounts = (page: Page) =>
  page.$$eval('[data-paperlane-id]', (cards) =>
    cards.map((card) => card.querySelectorAll(':scope > paperlane-strip').length),
  );

async function tabIdOf(url: string): Promise<number> {
  const worker = h.context.serviceWorkers().at(-1) ?? h.serviceWorker;
  return worker.evaluate(async (u) => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
    ).chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url === u);
    if (tab?.id === undefined) throw new Error(`no tab at ${u}`);
    return tab.id;
  }, url);
}

/** Asks the background from an extension page, as the views do. */
function ask(from: Page, type: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  return from.evaluate(
    async ([t, p]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      return (await api.runtime.sendMessage({ paperlane: 1, type: t, payload: p })) as {
        ok: boolean;
        value?: unknown;
      };
    },
    [type, payload] as const,
  );
}

/** Whether a triage script in the tab of this URL answers (tab/summary). */
describe('the listing sites, switched on in the side panel', () => {
  let panel: Page;

  it('starts with every optional site switched off; its pages are then left alone', async () => {
    panel = await openExtensionPage(h, 'sidepanel.html');
    const off = OPTIONAL_SITES.map((s) => s.id);
    expect((await ask(panel, 'settings/update', { disabledSites: off })).ok).toBe(true);
    await panel.reload();
    await panel.getByRole('tab', { name: 'Settings' }).click();
    const switches = panel.locator('.site-access');
    for (const p of PAGES) {
      await expect.poll(() => switches.getByLabel(p.name, { exact: true }).isChecked()).toBe(false);
    }
    const scholar = PAGES[0] as SitePage;
    const page = await h.context.newPage();
    await page.goto(scholar.url);
    // The loader runs (the e2e build holds the permission) but the site is off: the background injects no triage
    // into the page (nothing answers the tab), and no card is touched.
    await page.waitForLoadState('load');
    await page.waitForTimeout(1_500);
    expect(await triageAnswers(h, page.url())).toBe(false);
    expect(await page.locator('[data-paperlane-id], paperlane-strip, paperlane-toolbar').count()).toBe(0);
    await page.close();
  });

  it.each(PAGES.map((p) => [p.site, p] as const))(
    '%s: switched on, its cards are annotated, one is saved from its strip and shows as saved on arXiv',
    async (_site, p) => {
      await panel.bringToFront();
      const toggle = panel.locator('.site-access').getByLabel(p.name, { exact: true });
      await toggle.check();
      await expect.poll(() => toggle.isChecked()).toBe(true);
      await expect
        .poll(async () => ((await ask(panel, 'settings/get', null)).value as { disabledSites: string[] }).disabledSites)
        .not.toContain(p.site);

      const page = await h.context.newPage();
      await page.goto(p.url);
      await waitForStrips(page, p.cards);
      const counts = await stripCounts(page);
      expect(counts).toHaveLength(p.cards);
      expect(counts.every((n) => n === 1)).toBe(true);
      const save = strip(page, p.save).getByRole('button', { name: /Save/ });
      expect(await save.getAttribute('aria-pressed')).toBe('false');
      await save.click();
      await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
      await page.screenshot({ path: screenshotPath(`sites-${p.site}`) });
      // One saved, the others not.
      expect(await page.locator('paperlane-strip button.save[aria-pressed="true"]').count()).toBe(1);
      await page.close();

      if (p.arxiv) {
        const abs = await h.context.newPage();
        await abs.goto(`https://arxiv.org/abs/${p.arxiv.id}`);
        await waitForStrips(abs, 1);
        await expect
          .poll(() =>
            strip(abs, p.arxiv?.id ?? '')
              .getByRole('button', { name: /Save/ })
              .getAttribute('aria-pressed'),
          )
          .toBe('true');
        await abs.close();
      }
    },
  );

  it.each(TWINS.map((t) => [t.site, t] as const))(
    '%s: a paper saved from its arXiv page shows as saved on a card that has no arXiv id, at first paint',
    async (_site, twin) => {
      const abs = await h.context.newPage();
      await abs.goto(`https://arxiv.org/abs/${twin.arxiv.id}`);
      await waitForStrips(abs, 1);
      const save = strip(abs, twin.arxiv.id).getByRole('button', { name: /Save/ });
      await save.click();
      await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
      await abs.close();

      const p = PAGES.find((x) => x.site === twin.site) as SitePage;
      const page = await h.context.newPage();
      // The save button's state in the first frame it is drawn in, before the cards' sightings are filed.
      await page.addInitScript((id) => {
        const w = window as unknown as { firstPressed?: string | null };
        const look = () => {
          const host = document.querySelector(`[data-paperlane-id="${CSS.escape(id)}"] > paperlane-strip`);
          const button = host?.shadowRoot?.querySelector('button.save');
          if (button) w.firstPressed = button.getAttribute('aria-pressed');
          else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }, twin.card);
      await page.goto(p.url);
      await waitForStrips(page, p.cards);
      // Every card has its host by now; a card off screen gets its strip drawn once its state is read.
      const first = () => page.evaluate(() => (window as unknown as { firstPressed?: string }).firstPressed ?? null);
      await expect.poll(first).not.toBeNull();
      expect(await first()).toBe('true');
      await page.close();
    },
  );

  it('a Scholar robot check: no cards, the reason on the page and in the popup, no drift warning', async () => {
    const url = urlOf(ROBOT);
    const page = await h.context.newPage();
    await page.goto(url);
    const notice = page.locator('paperlane-blocked-notice [role="status"]');
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toContain('Google Scholar is asking you to prove you are not a robot');
    expect(await page.locator('[data-paperlane-id], paperlane-strip').count()).toBe(0);
    // The notice is up before the triage has its page (it asks the library first); the popup asks the tab once.
    await waitForTriage(h, url);
    const popup = await openExtensionPage(h, `popup.html?tab=${await tabIdOf(url)}`);
    await expect
      .poll(() => popup.getByTestId('page-summary').textContent())
      .toMatch(/Papers recognised\s*0 \(by scholar\)/);
    expect(await popup.getByRole('status').filter({ hasText: 'not a robot' }).count()).toBe(1);
    expect(await popup.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('sites-scholar-robot-check') });
    await popup.close();
    await page.close();
  });

  it('a challenge page where a listing should be: no cards, the reason, no drift warning', async () => {
    const page = await h.context.newPage();
    await page.goto(CHALLENGE_URL);
    const notice = page.locator('paperlane-blocked-notice [role="status"]');
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toContain('openreview.net is checking that you are human');
    expect(await page.locator('[data-paperlane-id], paperlane-strip').count()).toBe(0);
    await waitForTriage(h, CHALLENGE_URL);
    const popup = await openExtensionPage(h, `popup.html?tab=${await tabIdOf(CHALLENGE_URL)}`);
    await expect.poll(() => popup.getByTestId('page-summary').textContent()).toMatch(/Papers recognised\s*0/);
    expect(await popup.getByRole('status').filter({ hasText: 'checking that you are human' }).count()).toBe(1);
    expect(await popup.getByRole('alert').count()).toBe(0);
    await popup.close();
    await page.close();
    expect(h.pageErrors).toEqual([]);
  });
});
