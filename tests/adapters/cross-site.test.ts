/**
 * Identity across sites (issue 16), at the library: a paper saved from arXiv shows as saved on the Scholar card that
 * names it, and near-duplicate titles on the new sites never make one paper of two.
 */
import { describe, expect, it } from 'vitest';
import { scanPage } from '../../lib/adapters/run';
import { Library } from '../../lib/db/library';
import { freshDbName } from '../helpers/papers';
import { fixture, parse, records } from './helpers';

const ARXIV_NEW = fixture('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');
const SCHOLAR = fixture('scholar/gscholar-search-conversational-ai-num20-2024-07.html');
const PROFILE = fixture('scholar/gscholar-citations-profile-manmatha-pagesize100-2015-09.html');
const DBLP = fixture('dblp/dblp-person-clauset-2015-08.html');

const openLibrary = () => Library.open({ name: freshDbName() });

describe('a paper saved from arXiv, seen on Google Scholar', () => {
  it('shows as saved on its Scholar card, and no other card does', async () => {
    // The real /new listing with its first entry's links pointed at 1606.01541 ("Deep reinforcement learning for
    // dialogue generation", the third result of the Scholar page): the arXiv adapter's own record of that paper.
    const doc = parse(ARXIV_NEW.html);
    const first = doc.querySelector('dt') as Element;
    const oldId = (first.querySelector('a[href^="/abs/"]')?.getAttribute('href') ?? '').replace('/abs/', '');
    for (const a of first.querySelectorAll('a[href]')) {
      a.setAttribute('href', (a.getAttribute('href') as string).replace(oldId, '1606.01541'));
    }
    const saved = records(scanPage(doc, ARXIV_NEW.url)).find((r) => r.id === '1606.01541');
    expect(saved?.source.site).toBe('arxiv');
    const library = await openLibrary();
    await library.savePapers([saved as NonNullable<typeof saved>]);

    const scholar = records(scanPage(parse(SCHOLAR.html), SCHOLAR.url));
    const states = await library.getStates(scholar.map((r) => r.id));
    const savedOnScholar = scholar.filter((r) => states[r.id]?.saved).map((r) => [r.id, r.title]);
    expect(savedOnScholar).toEqual([['1606.01541', 'Deep reinforcement learning for dialogue generation']]);
    // "Adversarial learning for neural dialogue generation" (1701.06547), by the same first author, is not it.
    expect(states['1701.06547']?.saved ?? false).toBe(false);
  });
});

describe('near-duplicate titles', () => {
  it('four patents with one title (two of them the same first author and year) stay four papers', async () => {
    const rows = records(scanPage(parse(PROFILE.html), PROFILE.url));
    const twins = rows.filter((r) => r.title === 'Method and system for detecting and recognizing text in images');
    expect(twins.map((r) => [r.venue, r.published])).toEqual([
      ['US Patent 8,977,072', '2015'],
      ['US Patent App. 14/613,279', '2015'],
      ['US Patent 8,335,402', '2012'],
      ['US Patent 8,009,928', '2011'],
    ]);
    const library = await openLibrary();
    await library.savePapers(rows);
    expect(await library.countPapers()).toBe(100);
  });

  it("one work's three versions on dblp (J. ACM, STOC, CoRR) keep their own identifiers", async () => {
    const all = records(scanPage(parse(DBLP.html), DBLP.url));
    const traceroute = all.filter((r) => /^On the bias of traceroute sampling/i.test(r.title));
    expect(traceroute.map((r) => r.id)).toEqual([
      '10.1145/1538902.1538905',
      '10.1145/1060590.1060693',
      'cond-mat/0503087',
    ]);
    const library = await openLibrary();
    await library.savePapers(all);
    expect(await library.countPapers()).toBe(31);
  });
});
