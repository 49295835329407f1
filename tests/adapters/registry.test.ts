import { describe, expect, it } from 'vitest';
import { adapterForUrl, generic, SITE_ADAPTERS } from '../../lib/adapters/registry';

describe('adapter registry', () => {
  // github-url-detection style: each adapter's own URLs match it, and no other adapter's.
  for (const adapter of SITE_ADAPTERS) {
    describe(adapter.id, () => {
      it('lists URLs it must match', () => expect(adapter.testUrls.matching.length).toBeGreaterThan(0));
      for (const url of adapter.testUrls.matching) {
        it(`matches ${url}`, () => {
          expect(adapter.matches(new URL(url))).toBe(true);
          expect(adapterForUrl(url)?.id).toBe(adapter.id);
        });
      }
      for (const other of SITE_ADAPTERS.filter((a) => a !== adapter)) {
        it(`matches none of ${other.id}'s URLs`, () => {
          for (const url of other.testUrls.matching) expect(adapter.matches(new URL(url))).toBe(false);
        });
      }
      it('is not the generic adapter, which no URL selects', () => {
        for (const url of adapter.testUrls.matching) expect(generic.matches(new URL(url))).toBe(false);
      });
    });
  }

  it('has unique adapter ids', () => {
    const ids = SITE_ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    'https://huggingface.co/models',
    'https://huggingface.co/papers/2509.24002/discussions',
    'https://huggingface.co/collections/someone/papers-123',
    'https://arxiv.org/',
    'https://arxiv.org/search/',
    'https://arxiv.org/list/cs',
    'https://arxiv.org/pdf/2106.09608',
    'https://www.semanticscholar.org/paper/x/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
    // Scholar's results and profiles have their adapter since issue 16; its home page and one article's page do not.
    'https://scholar.google.com/',
    'https://scholar.google.com/citations?view_op=view_citation&citation_for_view=_0aMq28AAAAJ:tYavs44e6CUC',
    'https://notarxiv.org/list/cs/new',
    'not a url',
  ])('has no site adapter for %s', (url) => {
    expect(adapterForUrl(url)).toBeNull();
  });
});
