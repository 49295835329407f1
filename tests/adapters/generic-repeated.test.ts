/**
 * The generic extractor on listings without arXiv or DOI links (issue 16): runs of blocks of one shape, each a title
 * and a line of authors (lib/adapters/repeated.ts). Checked against the site adapters' own reading of the same saved
 * pages, and on pages that are not about papers, where it must find nothing.
 */
import { describe, expect, it } from 'vitest';
import { namesOf } from '../../lib/adapters/repeated';
import { fixture, handmade, records, scanHtml } from './helpers';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Cards the generic extractor finds, and how many of their titles the site's adapter also gives. */
function againstAdapter(file: string) {
  const page = fixture(file);
  const truth = records(scanHtml(page.html, page.url));
  const generic = scanHtml(page.html, page.url, { generic: true });
  const titles = new Set(truth.map((r) => norm(r.title)));
  const found = records(generic);
  return { truth, found, correct: found.filter((r) => titles.has(norm(r.title))).length, failures: generic.failures };
}

describe('generic extractor: listings without paper links', () => {
  it('PubMed Central search results: every result, titles and authors as the PubMed adapter reads them', () => {
    const { truth, found, correct, failures } = againstAdapter(
      'pubmed/pmc-entrez-search-results-vacuum-rewarming-2009-07.html',
    );
    expect(failures).toEqual([]);
    expect(found).toHaveLength(truth.length);
    expect(correct).toBe(truth.length);
    for (const [i, record] of found.entries()) {
      expect(record.authors.length, record.title).toBeGreaterThan(0);
      // The page writes "Field J."; the adapter turns it into "J. Field": the family name is in both.
      const family = truth[i]?.authors[0]?.split(/\s+/).at(-1) ?? '';
      expect(record.authors[0]).toContain(family);
    }
  });

  it('an ACL Anthology author page: its five papers', () => {
    const { truth, found, correct } = againstAdapter('acl/acl-anthology-people-andreas-madsack-2021-08.html');
    expect(truth).toHaveLength(5);
    expect(found).toHaveLength(5);
    expect(correct).toBe(5);
  });

  it('a Scholar profile: most rows, and nothing that is not a row (rows without authors are left out)', () => {
    const { found, correct } = againstAdapter('scholar/gscholar-citations-profile-manmatha-pagesize100-2015-09.html');
    expect(found.length).toBeGreaterThanOrEqual(85);
    expect(correct).toBe(found.length);
    expect(found[0]?.published?.slice(0, 4)).toMatch(/^(?:19|20)\d\d$/);
  });

  it('an arXiv listing read without its adapter: titles without their "Title:" label', () => {
    const { found, correct } = againstAdapter('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(correct).toBe(found.length);
  });

  it('finds nothing on pages that are not about papers', () => {
    for (const name of ['news-listing-handmade.html', 'shop-listing-handmade.html', 'not-about-papers.html']) {
      const result = scanHtml(handmade(name), 'https://example.org/', { generic: true });
      expect(records(result), name).toEqual([]);
    }
    for (const file of [
      'scholar/gscholar-search-robot-check-0-cards-2020-11.html',
      'biorxiv/biorxiv-early-recent-cloudflare-challenge-prettified-2024-09.html',
    ]) {
      const page = fixture(file);
      expect(records(scanHtml(page.html, page.url, { generic: true })), file).toEqual([]);
    }
  });
});

describe('namesOf', () => {
  it('reads the ways listings write authors', () => {
    expect(namesOf('GD Ramkumar, R Manmatha, S Bhattacharyya')).toEqual([
      'GD Ramkumar',
      'R Manmatha',
      'S Bhattacharyya',
    ]);
    expect(namesOf('Yann LeCun, Y. Bengio and Geoffrey Hinton')).toEqual([
      'Yann LeCun',
      'Y. Bengio',
      'Geoffrey Hinton',
    ]);
    expect(namesOf('Smith J; Doe A; van den Berg S')).toEqual(['Smith J', 'Doe A', 'van den Berg S']);
    expect(namesOf('María José Martínez, Zoë Ødegård …')).toEqual(['María José Martínez', 'Zoë Ødegård']);
  });

  it('refuses what is not a line of names', () => {
    for (const text of [
      'Deep learning for vision',
      'US Patent 9,104,700',
      'Proceedings of the 2021 Conference, pages 1-10',
      'Deep, Learning',
      'Plato',
      '€89.00',
      'http://example.org/a',
    ]) {
      expect(namesOf(text), text).toBeNull();
    }
  });
});
