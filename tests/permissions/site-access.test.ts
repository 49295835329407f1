import { describe, expect, it, vi } from 'vitest';
import { DIGEST_MATCHES, OPTIONAL_SITES, optionalSiteOf, scholarHostOf } from '../../lib/digest-pages';
import {
  addScholarHost,
  enabledSites,
  readScholarHost,
  releaseSite,
  removeScholarHost,
  requestSite,
  type SiteAccessApi,
  type SiteSettings,
  scholarHosts,
  scholarHostToOffer,
  siteGranted,
  sitesOn,
  switchSite,
  syncSites,
} from '../../lib/permissions/site-access';

/** A browser that grants what the person accepts, keeps the origins granted and the scripts registered. */
function fakeChrome(accept = true) {
  const granted = new Set<string>();
  const scripts = new Map<string, { matches: string[]; js: string[] }>();
  const calls: string[] = [];
  const api: SiteAccessApi = {
    permissions: {
      request: async ({ origins }) => {
        calls.push(`request ${origins.join(' ')}`);
        if (accept) for (const o of origins) granted.add(o);
        return accept;
      },
      remove: async ({ origins }) => {
        calls.push(`remove ${origins.join(' ')}`);
        for (const o of origins) granted.delete(o);
        return true;
      },
      contains: async ({ origins }) => origins.every((o) => granted.has(o)),
      getAll: async () => ({ origins: [...granted] }),
    },
    scripting: {
      registerContentScripts: async (list) => {
        for (const s of list) {
          calls.push(`register ${s.id}`);
          scripts.set(s.id, { matches: s.matches, js: s.js });
        }
      },
      unregisterContentScripts: async ({ ids }) => {
        for (const id of ids) {
          calls.push(`unregister ${id}`);
          scripts.delete(id);
        }
      },
      getRegisteredContentScripts: async (filter) =>
        [...scripts.keys()].filter((id) => !filter || filter.ids.includes(id)).map((id) => ({ id })),
    },
  };
  return { api, granted, scripts, calls };
}

function fakeFirefox() {
  const granted = new Set<string>();
  const live = new Set<string>();
  const api: SiteAccessApi = {
    permissions: {
      request: async ({ origins }) => {
        for (const o of origins) granted.add(o);
        return true;
      },
      remove: async ({ origins }) => {
        for (const o of origins) granted.delete(o);
        return true;
      },
      contains: async ({ origins }) => origins.every((o) => granted.has(o)),
      getAll: async () => ({ origins: [...granted] }),
    },
    contentScripts: {
      register: async ({ matches }) => {
        const key = matches.join(' ');
        live.add(key);
        return { unregister: async () => void live.delete(key) };
      },
    },
  };
  return { api, live };
}

describe('optional sites (issue 16)', () => {
  it('the default install asks only for Hugging Face and arXiv', () => {
    expect(DIGEST_MATCHES.every((m) => /^https:\/\/(?:huggingface\.co|arxiv\.org)\//.test(m))).toBe(true);
    for (const site of OPTIONAL_SITES) {
      for (const origin of site.origins)
        expect(DIGEST_MATCHES.some((m) => m.startsWith(origin.slice(0, -1)))).toBe(false);
    }
  });

  it('switching Scholar on asks for its origin, then the background registers the loader for its pages', async () => {
    const chrome = fakeChrome();
    expect(await requestSite(chrome.api, 'scholar')).toBe(true);
    expect(chrome.calls).toEqual(['request https://scholar.google.com/*']);
    expect(await enabledSites(chrome.api)).toEqual(['scholar']);
    await syncSites(chrome.api);
    expect([...chrome.scripts]).toEqual([
      [
        'paperlane-site-scholar',
        {
          matches: ['https://scholar.google.com/scholar*', 'https://scholar.google.com/citations*'],
          js: ['loader.js'],
        },
      ],
    ]);
    // Again: nothing registered twice.
    await syncSites(chrome.api);
    expect(chrome.calls.filter((c) => c.startsWith('register'))).toEqual(['register paperlane-site-scholar']);
  });

  it('declined: nothing granted, nothing registered', async () => {
    const chrome = fakeChrome(false);
    expect(await requestSite(chrome.api, 'dblp')).toBe(false);
    await syncSites(chrome.api);
    expect(chrome.scripts.size).toBe(0);
    expect(await enabledSites(chrome.api)).toEqual([]);
  });

  it('switching off gives the origins back and the loader goes', async () => {
    const chrome = fakeChrome();
    await requestSite(chrome.api, 'pubmed');
    await requestSite(chrome.api, 'acl');
    await syncSites(chrome.api);
    expect([...chrome.scripts.keys()].sort()).toEqual(['paperlane-site-acl', 'paperlane-site-pubmed']);
    await releaseSite(chrome.api, 'pubmed');
    await syncSites(chrome.api);
    expect([...chrome.scripts.keys()]).toEqual(['paperlane-site-acl']);
    expect(await enabledSites(chrome.api)).toEqual(['acl']);
    expect(chrome.granted.has('https://pubmed.ncbi.nlm.nih.gov/*')).toBe(false);
  });

  it("the side panel's switch: on asks first, then takes the site out of disabledSites; off puts it back and releases", async () => {
    const chrome = fakeChrome();
    let disabled: string[] = ['scholar', 'dblp'];
    const order: string[] = [];
    const settings: SiteSettings = {
      disabledSites: async () => {
        order.push('read settings');
        return disabled;
      },
      setDisabledSites: async (ids) => {
        order.push(`disabled ${ids.join(',')}`);
        disabled = ids;
      },
    };
    // The request is made in the click's own task: before any await (the browser needs the user gesture).
    const pending = switchSite(chrome.api, settings, 'scholar', true);
    expect(chrome.calls).toEqual(['request https://scholar.google.com/*']);
    expect(await pending).toBe(true);
    expect(order).toEqual(['read settings', 'disabled dblp']);
    expect(await sitesOn(chrome.api, settings)).toEqual(['scholar']);
    // Granted elsewhere (the browser's extension settings) but switched off here: off.
    await requestSite(chrome.api, 'dblp');
    expect(await sitesOn(chrome.api, settings)).toEqual(['scholar']);
    expect(await switchSite(chrome.api, settings, 'scholar', false)).toBe(false);
    expect(disabled).toEqual(['dblp', 'scholar']);
    expect(chrome.granted.has('https://scholar.google.com/*')).toBe(false);
    expect(await sitesOn(chrome.api, settings)).toEqual([]);
  });

  it('declined at the prompt: the setting is left as it was', async () => {
    const chrome = fakeChrome(false);
    let writes = 0;
    const settings: SiteSettings = {
      disabledSites: async () => ['acl'],
      setDisabledSites: async () => void writes++,
    };
    expect(await switchSite(chrome.api, settings, 'acl', true)).toBe(false);
    expect(writes).toBe(0);
  });

  it('Firefox MV2: contentScripts.register while granted, its handle unregisters', async () => {
    const firefox = fakeFirefox();
    await requestSite(firefox.api, 'openreview');
    await syncSites(firefox.api);
    expect([...firefox.live]).toEqual([OPTIONAL_SITES.find((s) => s.id === 'openreview')?.matches.join(' ')]);
    await releaseSite(firefox.api, 'openreview');
    await syncSites(firefox.api);
    expect(firefox.live.size).toBe(0);
  });

  it('a page of an optional site may start Paperlane only while its origin is granted', async () => {
    const chrome = fakeChrome();
    const site = optionalSiteOf('https://scholar.google.com/scholar?q=x');
    expect(site?.id).toBe('scholar');
    expect(await siteGranted(chrome.api, site as NonNullable<typeof site>)).toBe(false);
    await requestSite(chrome.api, 'scholar');
    expect(await siteGranted(chrome.api, site as NonNullable<typeof site>)).toBe(true);
    expect(optionalSiteOf('https://huggingface.co/papers')).toBeNull();
    expect(optionalSiteOf('https://aclanthology.org/2021.naacl-main.208/')?.id).toBe('acl');
  });

  it('every optional site is an adapter, and its own test URLs are pages its loader runs on', async () => {
    const { SITE_ADAPTERS } = await import('../../lib/adapters/registry');
    for (const site of OPTIONAL_SITES) {
      const adapter = SITE_ADAPTERS.find((a) => a.id === site.id);
      expect(adapter, site.id).toBeDefined();
      const hosts = site.origins.map((o) => new URL(o.replace('*', '')).hostname);
      for (const url of adapter?.testUrls.matching ?? []) {
        if (!url.startsWith('https://')) continue;
        const host = new URL(url).hostname;
        if (hosts.includes(host)) expect(optionalSiteOf(url)?.id, url).toBe(site.id);
        else if (site.id === 'scholar') {
          // A country host (scholar.google.co.uk): the page is the Scholar site at that host, asked for alone.
          expect(optionalSiteOf(url)?.origins, url).toEqual([`https://${host}/*`]);
        }
      }
    }
  });
});

describe("Google Scholar's country hosts", () => {
  it('reads a typed Scholar address in the forms people paste; anything else, and scholar.google.com, is none', () => {
    expect(scholarHostOf('scholar.google.de')).toBe('scholar.google.de');
    expect(scholarHostOf('  Scholar.Google.co.UK ')).toBe('scholar.google.co.uk');
    expect(scholarHostOf('https://scholar.google.com.au/scholar?q=x')).toBe('scholar.google.com.au');
    expect(scholarHostOf('https://scholar.google.fr/citations?user=abc')).toBe('scholar.google.fr');
    // The Scholar switch covers it already.
    expect(scholarHostOf('scholar.google.com')).toBeNull();
    for (const other of [
      'google.de',
      'scholar.google.evil.com',
      'scholar.google.de.evil.com',
      'fakescholar.google.de',
      'evil.com/scholar.google.de',
      'dblp.org',
      '',
    ]) {
      expect(scholarHostOf(other), other).toBeNull();
    }
  });

  it('adding one asks for that origin alone, in the click, and the background registers the loader for it', async () => {
    const chrome = fakeChrome();
    const pending = addScholarHost(chrome.api, 'https://scholar.google.co.uk/scholar?q=dialogue');
    expect(chrome.calls).toEqual(['request https://scholar.google.co.uk/*']);
    expect(await pending).toBe('scholar.google.co.uk');
    expect(await scholarHosts(chrome.api)).toEqual(['scholar.google.co.uk']);
    // Adding a host does not switch scholar.google.com on, and asks for nothing else.
    expect(await enabledSites(chrome.api)).toEqual([]);
    await syncSites(chrome.api);
    expect([...chrome.scripts]).toEqual([
      [
        'paperlane-site-scholar-host-scholar.google.co.uk',
        {
          matches: ['https://scholar.google.co.uk/scholar*', 'https://scholar.google.co.uk/citations*'],
          js: ['loader.js'],
        },
      ],
    ]);
    const page = optionalSiteOf('https://scholar.google.co.uk/scholar?q=dialogue');
    expect(page?.id).toBe('scholar');
    expect(await siteGranted(chrome.api, page as NonNullable<typeof page>)).toBe(true);
    const elsewhere = optionalSiteOf('https://scholar.google.de/scholar?q=dialogue');
    expect(await siteGranted(chrome.api, elsewhere as NonNullable<typeof elsewhere>)).toBe(false);
    // Scholar's own pages that are not results or profiles are not pages the loader runs on.
    expect(optionalSiteOf('https://scholar.google.co.uk/intl/en/scholar/about.html')).toBeNull();

    await removeScholarHost(chrome.api, 'scholar.google.co.uk');
    await syncSites(chrome.api);
    expect(chrome.scripts.size).toBe(0);
    expect(await scholarHosts(chrome.api)).toEqual([]);
  });

  it('an address that is not Scholar asks for nothing; declined gives false', async () => {
    const chrome = fakeChrome(false);
    await expect(addScholarHost(chrome.api, 'scholar.google.evil.com')).rejects.toThrow(/not a Google Scholar address/);
    expect(chrome.calls).toEqual([]);
    expect(await addScholarHost(chrome.api, 'scholar.google.de')).toBe(false);
    await syncSites(chrome.api);
    expect(chrome.scripts.size).toBe(0);
  });

  it('Firefox MV2: one registration per added host, gone when given back', async () => {
    const firefox = fakeFirefox();
    await addScholarHost(firefox.api, 'scholar.google.de');
    await requestSite(firefox.api, 'scholar');
    await syncSites(firefox.api);
    expect([...firefox.live].sort()).toEqual([
      'https://scholar.google.com/scholar* https://scholar.google.com/citations*',
      'https://scholar.google.de/scholar* https://scholar.google.de/citations*',
    ]);
    await removeScholarHost(firefox.api, 'scholar.google.de');
    await syncSites(firefox.api);
    expect([...firefox.live]).toEqual(['https://scholar.google.com/scholar* https://scholar.google.com/citations*']);
  });
});

describe("the popup's 'Read this Scholar site' (issue 16)", () => {
  it('is offered on a country host not added yet, and nowhere else', async () => {
    const chrome = fakeChrome();
    expect(await scholarHostToOffer(chrome.api, 'https://scholar.google.de/scholar?q=graphs')).toBe(
      'scholar.google.de',
    );
    // scholar.google.com is the Scholar switch's; not Scholar at all; an added host: nothing to offer.
    expect(await scholarHostToOffer(chrome.api, 'https://scholar.google.com/scholar?q=graphs')).toBeNull();
    expect(await scholarHostToOffer(chrome.api, 'https://fakescholar.google.de/scholar?q=x')).toBeNull();
    await chrome.api.permissions.request({ origins: ['https://scholar.google.de/*'] });
    expect(await scholarHostToOffer(chrome.api, 'https://scholar.google.de/scholar?q=graphs')).toBeNull();
  });

  it('asks for that origin alone in the click, then registers the loader and rescans the tab', async () => {
    const chrome = fakeChrome();
    const rescan = vi.fn(async () => {
      chrome.calls.push('rescan');
    });
    const done = readScholarHost(chrome.api, 'scholar.google.co.uk', rescan);
    // In the click's own task: the request is made before anything is awaited.
    expect(chrome.calls).toEqual(['request https://scholar.google.co.uk/*']);
    expect(await done).toBe(true);
    expect(chrome.calls).toEqual([
      'request https://scholar.google.co.uk/*',
      'register paperlane-site-scholar-host-scholar.google.co.uk',
      'rescan',
    ]);
    expect(chrome.scripts.get('paperlane-site-scholar-host-scholar.google.co.uk')?.matches).toEqual([
      'https://scholar.google.co.uk/scholar*',
      'https://scholar.google.co.uk/citations*',
    ]);
  });

  it('declined: nothing registered, the tab left alone', async () => {
    const chrome = fakeChrome(false);
    const rescan = vi.fn(async () => {});
    expect(await readScholarHost(chrome.api, 'scholar.google.de', rescan)).toBe(false);
    expect(chrome.scripts.size).toBe(0);
    expect(rescan).not.toHaveBeenCalled();
  });
});
