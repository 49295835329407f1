/**
 * Switching an optional site on and off (issue 16): the side panel asks for its origins (or gives them back), and
 * the background registers the loader content script for the granted sites' pages and unregisters it for the others. The browser is passed in (the side
 * panel and the background pass `browser`, tests a fake), so the request/register/unregister path is tested as is.
 * Chrome (MV3) registers with `scripting.registerContentScripts`, kept across sessions; Firefox MV2 with
 * `contentScripts.register`, whose registration lives as long as the page that made it: the background makes it,
 * and again at each start (`restoreSites`).
 */
import { OPTIONAL_SITES, type OptionalSite, scholarHostOf, scholarHostSite, scholarHostsIn } from '../digest-pages';

/** What of the browser this needs: the permissions API and one of the two ways to register a content script. */
export interface SiteAccessApi {
  permissions: {
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
    contains(p: { origins: string[] }): Promise<boolean>;
    /** Every permission held; its origins are where the added Scholar hosts are kept. */
    getAll(): Promise<{ origins?: string[] }>;
  };
  /** Chrome MV3. */
  scripting?: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids: string[] }): Promise<{ id: string }[]>;
  };
  /** Firefox MV2. */
  contentScripts?: {
    register(options: { matches: string[]; js: { file: string }[]; runAt: 'document_idle' }): Promise<{
      unregister(): Promise<void>;
    }>;
  };
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** The loader, as the manifest's own content script names it (wxt.config.ts). */
const LOADER = 'loader.js';

// An added Scholar host's loader has an id of its own (the site id is 'scholar' for all of them).
const HOST_SCRIPT = 'paperlane-site-scholar-host-';
export const scriptIdOf = (site: OptionalSite): string => `paperlane-site-${site.id}`;
const hostScriptId = (host: string): string => `${HOST_SCRIPT}${host}`;

function siteById(id: string): OptionalSite {
  const site = OPTIONAL_SITES.find((s) => s.id === id);
  if (!site) throw new Error(`No optional site "${id}".`);
  return site;
}

// Firefox's registrations, by site id: unregistering needs the handle register() gave.
const firefoxHandles = new Map<string, { unregister(): Promise<void> }>();

async function register(api: SiteAccessApi, site: OptionalSite, id = scriptIdOf(site)): Promise<void> {
  if (api.scripting) {
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length) return;
    await api.scripting.registerContentScripts([
      { id, matches: site.matches, js: [LOADER], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  } else if (api.contentScripts) {
    if (firefoxHandles.has(id)) return;
    const handle = await api.contentScripts.register({
      matches: site.matches,
      js: [{ file: `/${LOADER}` }],
      runAt: 'document_idle',
    });
    firefoxHandles.set(id, handle);
  } else {
    throw new Error('This browser cannot add content scripts.');
  }
}

async function unregister(api: SiteAccessApi, id: string): Promise<void> {
  if (api.scripting) {
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [id] });
  } else {
    await firefoxHandles.get(id)?.unregister();
    firefoxHandles.delete(id);
  }
}

/**
 * The side panel's switch, on: asks for the site's origins. Must run in the click's task: browsers refuse a request
 * without a user gesture. False when the person declined. The background registers the loader once the permission
 * is there (`syncSites` on `permissions.onAdded`).
 */
export async function requestSite(api: Pick<SiteAccessApi, 'permissions'>, id: string): Promise<boolean> {
  return api.permissions.request({ origins: siteById(id).origins });
}

/** The side panel's switch, off: gives the origins back (the background then unregisters the loader). */
export async function releaseSite(api: Pick<SiteAccessApi, 'permissions'>, id: string): Promise<void> {
  await api.permissions.remove({ origins: siteById(id).origins });
}

/**
 * The settings a site switch reads and writes: `disabledSites`, the same list the welcome page's switches keep
 * (lib/views/site-switch.ts). A site is on when its origins are granted and it is not in that list. This switch is
 * the side panel's only control for an optional site; the settings' "Annotate <site>" boxes are the digest sites'.
 */
export interface SiteSettings {
  disabledSites(): Promise<readonly string[]>;
  setDisabledSites(ids: string[]): Promise<void>;
}

/**
 * The side panel's switch: on asks for the origins first thing (in the click's task, before any await) and, granted,
 * takes the site out of `disabledSites`; off puts it there and gives the origins back. Resolves to whether the site
 * is on afterwards. Both halves matter: a site switched off once stays off even while a permission granted elsewhere
 * (the browser's own extension settings) remains, and a granted site the person switched off is not read.
 */
export async function switchSite(
  api: Pick<SiteAccessApi, 'permissions'>,
  settings: SiteSettings,
  id: string,
  on: boolean,
): Promise<boolean> {
  if (on) {
    const granted = requestSite(api, id);
    if (!(await granted)) return false;
    const disabled = await settings.disabledSites();
    if (disabled.includes(id)) await settings.setDisabledSites(disabled.filter((d) => d !== id));
    return true;
  }
  const disabled = await settings.disabledSites();
  if (!disabled.includes(id)) await settings.setDisabledSites([...disabled, id]);
  await releaseSite(api, id);
  return false;
}

/** The optional sites that are on: origins granted and not switched off in the settings. */
export async function sitesOn(api: Pick<SiteAccessApi, 'permissions'>, settings: SiteSettings): Promise<string[]> {
  const [granted, disabled] = await Promise.all([enabledSites(api), settings.disabledSites()]);
  return granted.filter((id) => !disabled.includes(id));
}

/** The optional sites whose origins are granted now. */
export async function enabledSites(api: Pick<SiteAccessApi, 'permissions'>): Promise<string[]> {
  const on: string[] = [];
  for (const site of OPTIONAL_SITES) if (await api.permissions.contains({ origins: site.origins })) on.push(site.id);
  return on;
}

/**
 * The background's part, at its start and whenever a permission is added or removed: the loader registered for
 * every optional site whose origins are granted, and for no other (Firefox forgets registrations at each start).
 */
export async function syncSites(api: SiteAccessApi): Promise<void> {
  const on = new Set(await enabledSites(api));
  for (const site of OPTIONAL_SITES) {
    if (on.has(site.id)) await register(api, site);
    else await unregister(api, scriptIdOf(site));
  }
  // The added Scholar hosts: each granted one registered, each given back unregistered.
  const hosts = await scholarHosts(api);
  for (const host of hosts) await register(api, scholarHostSite(host), hostScriptId(host));
  const wanted = new Set(hosts.map(hostScriptId));
  const registered = api.scripting
    ? (await api.scripting.getRegisteredContentScripts()).map((script) => script.id)
    : [...firefoxHandles.keys()];
  for (const id of registered) if (id.startsWith(HOST_SCRIPT) && !wanted.has(id)) await unregister(api, id);
}

/* ---- Scholar's country hosts (lib/digest-pages.ts) ---- */

/** The Scholar hosts the person added (their origins granted), sorted. */
export async function scholarHosts(api: Pick<SiteAccessApi, 'permissions'>): Promise<string[]> {
  return scholarHostsIn((await api.permissions.getAll()).origins ?? []);
}

/**
 * Adds a Scholar host the person typed: asks for that origin alone, in the click's task (nothing awaited before the
 * request). Resolves to the host once granted; false when declined. Not a Scholar host: throws, and nothing is asked.
 */
export function addScholarHost(api: Pick<SiteAccessApi, 'permissions'>, input: string): Promise<string | false> {
  const host = scholarHostOf(input);
  if (!host) {
    return Promise.reject(
      new Error(
        `"${input.trim()}" is not a Google Scholar address: one like scholar.google.de or scholar.google.co.uk.`,
      ),
    );
  }
  return api.permissions.request({ origins: scholarHostSite(host).origins }).then((ok) => (ok ? host : false));
}

/** Gives an added Scholar host's origin back (the background then unregisters its loader). */
export async function removeScholarHost(api: Pick<SiteAccessApi, 'permissions'>, host: string): Promise<void> {
  await api.permissions.remove({ origins: scholarHostSite(host).origins });
}

/** Whether a page of an optional site may start Paperlane: its origins are granted. */
export async function siteGranted(api: Pick<SiteAccessApi, 'permissions'>, site: OptionalSite): Promise<boolean> {
  return api.permissions.contains({ origins: site.origins });
}

/**
 * The popup on a tab of a Scholar country host that is not added yet: that host (offered as "Read this Scholar
 * site"), or null for any other page, and for an added host (its loader already reads it).
 */
export async function scholarHostToOffer(api: Pick<SiteAccessApi, 'permissions'>, url: string): Promise<string | null> {
  const host = scholarHostOf(url);
  if (!host) return null;
  return (await api.permissions.contains({ origins: scholarHostSite(host).origins })) ? null : host;
}

/**
 * The popup's "Read this Scholar site": asks for that host's origin alone, in the click's task (nothing awaited
 * before the request); granted, registers the loader for it and runs it in the tab (`rescan`), whose page was
 * loaded before the permission and so has no loader. False when declined: nothing registered, nothing run.
 */
export function readScholarHost(api: SiteAccessApi, host: string, rescan: () => Promise<unknown>): Promise<boolean> {
  const site = scholarHostSite(host);
  return api.permissions.request({ origins: site.origins }).then(async (granted) => {
    if (!granted) return false;
    await register(api, site, hostScriptId(host));
    await rescan();
    return true;
  });
}
