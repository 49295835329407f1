/**
 * isDigestPage decides which pages the background injects the triage script into: exactly the pages the manifest's
 * host permissions name, matched as browsers match a manifest's patterns (path and query together).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SITE_ADAPTERS } from '../../lib/adapters/registry';
import { DIGEST_MATCHES, isDigestPage, optionalSiteOf, siteIdOf } from '../../lib/digest-pages';

describe('isDigestPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('works where there is no Location, as in the background service worker', () => {
    vi.stubGlobal('Location', undefined);
    expect(isDigestPage('https://arxiv.org/list/cs.LG/new')).toBe(true);
    expect(isDigestPage('https://arxiv.org/pdf/2106.09608')).toBe(false);
  });

  it('accepts every digest page kind, query strings included', () => {
    for (const url of [
      'https://huggingface.co/papers',
      'https://huggingface.co/papers?date=2024-08-01',
      'https://huggingface.co/papers/date/2024-08-01',
      'https://huggingface.co/papers/2407.21783',
      'https://huggingface.co/papers/trending',
      'https://arxiv.org/list/cs.LG/new',
      'https://arxiv.org/list/hep-th/pastweek?show=2000',
      'https://arxiv.org/search/?query=diffusion&searchtype=all',
      'https://arxiv.org/search/advanced?terms-0-term=x',
      'https://arxiv.org/abs/2106.09608v2',
      'https://arxiv.org/catchup/cs.CL/2026-09-20',
    ]) {
      expect(isDigestPage(url), url).toBe(true);
    }
  });

  it('refuses every other page, look-alike hosts and plain http included', () => {
    for (const url of [
      'https://huggingface.co/models',
      'https://huggingface.co/',
      'https://arxiv.org/',
      'https://arxiv.org/pdf/2106.09608',
      'http://arxiv.org/list/cs.LG/new',
      'https://arxiv.org.evil.example/list/cs.LG/new',
      'https://evil.example/?u=https://arxiv.org/list/cs',
      'https://export.arxiv.org/list/cs.LG/new',
      'chrome://extensions/',
      'about:blank',
      'not a url',
    ]) {
      expect(isDigestPage(url), url).toBe(false);
    }
  });

  it('has one pattern per site area, all on the two sites', () => {
    expect(DIGEST_MATCHES.every((p) => /^https:\/\/(huggingface\.co|arxiv\.org)\//.test(p))).toBe(true);
  });
});

describe('siteIdOf', () => {
  it("names the adapter of every page a loader runs on, as the page's own scan does", () => {
    let pages = 0;
    for (const adapter of SITE_ADAPTERS) {
      for (const url of adapter.testUrls.matching) {
        if (!isDigestPage(url) && !optionalSiteOf(url)) continue;
        pages++;
        expect(siteIdOf(url), url).toBe(adapter.id);
      }
    }
    expect(pages).toBeGreaterThan(20);
  });

  it('is null where no loader runs', () => {
    for (const url of ['https://arxiv.org/pdf/2106.09608', 'https://example.org/papers', 'not a url']) {
      expect(siteIdOf(url), url).toBeNull();
    }
  });
});
