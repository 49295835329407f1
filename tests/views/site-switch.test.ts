/**
 * The welcome page's site switches (lib/views/site-switch.ts) with a fake browser: an optional site asks for its
 * origins synchronously, inside the click (a browser refuses a request made after the gesture), and stays off when
 * refused; a required site never asks. Also: the sites listed are the adapters' and the manifest's.
 */
import { describe, expect, it, vi } from 'vitest';
import { DIGEST_MATCHES, SITES, type SiteInfo } from '../../lib/digest-pages';
import { type SiteAccessApi, sitesOn } from '../../lib/permissions/site-access';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { ANNOTATED_SITES } from '../../lib/views/annotated-sites';
import { siteIsOn, switchSite } from '../../lib/views/site-switch';

const optional: SiteInfo = {
  id: 'openreview',
  name: 'OpenReview',
  origins: ['https://openreview.net/*'],
  optional: true,
};
const required = SITES[0] as SiteInfo;

function fakeDeps(grant: boolean) {
  let settings: Settings = { ...DEFAULT_SETTINGS, disabledSites: [] };
  return {
    requestOrigins: vi.fn(async (_origins: string[]) => grant),
    releaseOrigins: vi.fn(async (_origins: string[]) => true),
    updateSettings: vi.fn(async (patch: Partial<Settings>) => {
      settings = { ...settings, ...patch };
      return settings;
    }),
  };
}

describe('switchSite', () => {
  it('asks for an optional site’s origins in the same task as the click, before anything is awaited', async () => {
    const deps = fakeDeps(true);
    const pending = switchSite(optional, true, { ...DEFAULT_SETTINGS, disabledSites: ['openreview'] }, deps);
    // Synchronously: no microtask has run yet.
    expect(deps.requestOrigins).toHaveBeenCalledWith(['https://openreview.net/*']);
    expect(deps.updateSettings).not.toHaveBeenCalled();
    const outcome = await pending;
    expect(outcome.refused).toBe(false);
    expect(outcome.settings.disabledSites).toEqual([]);
  });

  it('leaves a refused site off and the settings untouched', async () => {
    const deps = fakeDeps(false);
    const before = { ...DEFAULT_SETTINGS, disabledSites: ['openreview'] };
    const outcome = await switchSite(optional, true, before, deps);
    expect(outcome).toEqual({ settings: before, refused: true });
    expect(deps.updateSettings).not.toHaveBeenCalled();
  });

  it('never asks for a required site, on or off', async () => {
    const deps = fakeDeps(true);
    const off = await switchSite(required, false, { ...DEFAULT_SETTINGS, disabledSites: [] }, deps);
    expect(off.settings.disabledSites).toEqual([required.id]);
    const on = await switchSite(required, true, off.settings, deps);
    expect(on.settings.disabledSites).toEqual([]);
    expect(deps.requestOrigins).not.toHaveBeenCalled();
    expect(deps.releaseOrigins).not.toHaveBeenCalled();
  });

  it('switching an optional site off asks nothing and gives its origins back', async () => {
    const deps = fakeDeps(true);
    await switchSite(optional, false, DEFAULT_SETTINGS, deps);
    expect(deps.requestOrigins).not.toHaveBeenCalled();
    expect(deps.updateSettings).toHaveBeenCalledWith({ disabledSites: ['openreview'] });
    expect(deps.releaseOrigins).toHaveBeenCalledWith(['https://openreview.net/*']);
  });
});

describe('siteIsOn', () => {
  it('is on unless switched off, and an optional site only with its origins granted', () => {
    expect(siteIsOn(required, DEFAULT_SETTINGS, new Set())).toBe(true);
    expect(siteIsOn(required, { ...DEFAULT_SETTINGS, disabledSites: [required.id] }, new Set())).toBe(false);
    expect(siteIsOn(optional, DEFAULT_SETTINGS, new Set())).toBe(false);
    expect(siteIsOn(optional, DEFAULT_SETTINGS, new Set(optional.origins))).toBe(true);
  });
});

describe('SITES', () => {
  it('lists Hugging Face and arXiv as required, on by default, with origins the manifest already holds', () => {
    for (const id of ['huggingface', 'arxiv']) {
      const site = SITES.find((s) => s.id === id) as SiteInfo;
      expect(site.optional).toBe(false);
      expect(siteIsOn(site, DEFAULT_SETTINGS, new Set())).toBe(true);
    }
    for (const site of SITES.filter((s) => !s.optional)) {
      for (const origin of site.origins) expect(DIGEST_MATCHES).toContain(origin);
    }
    // Every required match pattern belongs to a site, so no site is annotated without a switch.
    expect(
      SITES.filter((s) => !s.optional)
        .flatMap((s) => s.origins)
        .sort(),
    ).toEqual([...DIGEST_MATCHES].sort());
  });

  it('names the same sites as the settings list', () => {
    for (const site of ANNOTATED_SITES) expect(SITES.map((s) => s.id)).toContain(site.id);
  });
});

describe('the welcome page and the side panel agree on which optional sites are on', () => {
  it('granted and not switched off, under every mix of grants and switches', async () => {
    const optionals = SITES.filter((site) => site.optional);
    for (let mask = 0; mask < 4 ** optionals.length; mask += 7) {
      // Two bits per site: granted, switched off.
      const granted = new Set(optionals.filter((_, i) => (mask >> (2 * i)) & 1).flatMap((site) => site.origins));
      const disabledSites = optionals.filter((_, i) => (mask >> (2 * i + 1)) & 1).map((site) => site.id);
      const settings = { ...DEFAULT_SETTINGS, disabledSites };
      const api = {
        permissions: {
          contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
        },
      } as unknown as Pick<SiteAccessApi, 'permissions'>;
      const panel = await sitesOn(api, { disabledSites: async () => disabledSites, setDisabledSites: async () => {} });
      const welcome = optionals.filter((site) => siteIsOn(site, settings, granted)).map((site) => site.id);
      expect(welcome).toEqual(panel);
    }
    // A fresh install: every optional site off on both.
    expect(SITES.filter((site) => siteIsOn(site, DEFAULT_SETTINGS, new Set())).map((site) => site.id)).toEqual([
      'huggingface',
      'arxiv',
    ]);
  });
});
