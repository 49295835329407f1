/**
 * The digest pages Paperlane annotates. These patterns are the manifest's host permissions, its loader content
 * script's matches and the pages the background injects the triage script into (`isDigestPage`), and nothing else:
 * any other page is read only when the user asks (activeTab). Chrome matches the path pattern against path and
 * query, so `papers*` covers `/papers?date=…` and `/papers/<id>`.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';

export const DIGEST_MATCHES = [
  'https://huggingface.co/papers*',
  'https://arxiv.org/list/*',
  'https://arxiv.org/search/*',
  'https://arxiv.org/abs/*',
  'https://arxiv.org/catchup*',
];

// Built on first use: the loader content script takes DIGEST_MATCHES from here and should build nothing.
let patterns: MatchPattern[] | null = null;

/** Whether a page is one of the digest pages above, matched as the browser matches a manifest's patterns. */
export function isDigestPage(url: string): boolean {
  try {
    new URL(url);
  } catch {
    return false;
  }
  patterns ??= DIGEST_MATCHES.map((pattern) => new MatchPattern(pattern));
  // A string, never a URL object: for anything else `includes` asks `instanceof Location`, and a service worker
  // (where the background runs) has no Location.
  return patterns.some((pattern) => pattern.includes(url));
}

/* ------------------------------------------------------------------ optional sites (issue 16) */

/**
 * The sites Paperlane reads only once the person switches them on in the side panel's settings: each asks for its
 * origins at that moment (optional host permissions) and gets the loader content script registered for its pages.
 * `matches` are the pages the loader runs on (the adapter's own URLs, lib/adapters/<id>.ts); `origins` what the
 * permission asks for. Ids are the adapter ids.
 */
export interface OptionalSite {
  id: string;
  name: string;
  origins: string[];
  matches: string[];
}

export const OPTIONAL_SITES: readonly OptionalSite[] = [
  {
    id: 'scholar',
    name: 'Google Scholar',
    origins: ['https://scholar.google.com/*'],
    matches: ['https://scholar.google.com/scholar*', 'https://scholar.google.com/citations*'],
  },
  {
    id: 'dblp',
    name: 'dblp',
    origins: ['https://dblp.org/*', 'https://dblp.uni-trier.de/*'],
    matches: ['https://dblp.org/*', 'https://dblp.uni-trier.de/*'],
  },
  {
    id: 'openreview',
    name: 'OpenReview',
    origins: ['https://openreview.net/*'],
    matches: ['https://openreview.net/group*', 'https://openreview.net/venue*', 'https://openreview.net/forum*'],
  },
  {
    id: 'pubmed',
    name: 'PubMed and PubMed Central',
    origins: ['https://pubmed.ncbi.nlm.nih.gov/*', 'https://www.ncbi.nlm.nih.gov/*', 'https://pmc.ncbi.nlm.nih.gov/*'],
    matches: [
      'https://pubmed.ncbi.nlm.nih.gov/*',
      'https://www.ncbi.nlm.nih.gov/pubmed*',
      'https://www.ncbi.nlm.nih.gov/pmc*',
      'https://pmc.ncbi.nlm.nih.gov/search*',
    ],
  },
  {
    id: 'acl',
    name: 'ACL Anthology',
    origins: ['https://aclanthology.org/*'],
    matches: ['https://aclanthology.org/*'],
  },
];

/* ---- Google Scholar's country hosts -------------------------------------------------------------------------- */

/**
 * Scholar answers at scholar.google.com and at a host per country (scholar.google.co.uk, scholar.google.de,
 * scholar.google.com.au): the hosts the Scholar adapter reads (lib/adapters/scholar.ts). The Scholar switch asks for
 * scholar.google.com alone; a person who uses another one adds it in the settings, and that host alone is asked for
 * then. No match pattern names every country's host, and asking for all of them would not be minimal.
 */
const SCHOLAR_HOST = /^scholar\.google\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/;
const SCHOLAR_HOME = 'scholar.google.com';

/**
 * The Scholar host a person typed ("scholar.google.de", "https://scholar.google.co.uk/scholar?q=x"), or null when it
 * is not one. scholar.google.com is not an added host (the Scholar switch covers it): null too.
 */
export function scholarHostOf(input: string): string | null {
  const text = input.trim().toLowerCase();
  let host: string;
  try {
    host = new URL(/^[a-z]+:\/\//.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  return SCHOLAR_HOST.test(host) && host !== SCHOLAR_HOME ? host : null;
}

/** An added Scholar host as an optional site: the Scholar adapter's pages there, and that origin alone. */
export function scholarHostSite(host: string): OptionalSite {
  return {
    id: 'scholar',
    name: `Google Scholar (${host})`,
    origins: [`https://${host}/*`],
    matches: [`https://${host}/scholar*`, `https://${host}/citations*`],
  };
}

/** The added Scholar hosts among granted origins (`https://scholar.google.de/*` → scholar.google.de). */
export function scholarHostsIn(origins: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const origin of origins) {
    const match = /^https:\/\/([^/]+)\/\*$/.exec(origin);
    const host = match ? scholarHostOf(match[1] as string) : null;
    if (host) hosts.add(host);
  }
  return [...hosts].sort();
}

/** Every origin an optional site may ask for: the manifest's optional host permissions. */
export const OPTIONAL_ORIGINS: string[] = OPTIONAL_SITES.flatMap((site) => site.origins);

let optionalPatterns: { site: OptionalSite; patterns: MatchPattern[] }[] | null = null;

/**
 * The optional site a page belongs to by its `matches` (a page of a Scholar country host: that host's site), or null.
 * Whether it is switched on is the caller's question.
 */
export function optionalSiteOf(url: string): OptionalSite | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null;
  }
  optionalPatterns ??= OPTIONAL_SITES.map((site) => ({ site, patterns: site.matches.map((m) => new MatchPattern(m)) }));
  const listed = optionalPatterns.find(({ patterns }) => patterns.some((p) => p.includes(url)))?.site;
  if (listed) return listed;
  const host = scholarHostOf(hostname);
  if (!host) return null;
  const site = scholarHostSite(host);
  return site.matches.some((m) => new MatchPattern(m).includes(url)) ? site : null;
}
// --- Sites as the views list them (the welcome page's switches) -------------------------------------------------
/**
 * One site Paperlane reads. `optional` sites are not in the manifest's host permissions: their origins are asked for
 * (browser.permissions.request, from the click that switches them on) and may be refused. Hugging Face and arXiv are
 * required and on by default. Ids are the adapter ids, as in the settings' `disabledSites`.
 */
export type SiteInfo = { id: string; name: string; origins: readonly string[]; optional: boolean };

export const SITES: readonly SiteInfo[] = [
  { id: 'huggingface', name: 'Hugging Face Papers', origins: ['https://huggingface.co/papers*'], optional: false },
  {
    id: 'arxiv',
    name: 'arXiv',
    origins: DIGEST_MATCHES.filter((m) => m.startsWith('https://arxiv.org/')),
    optional: false,
  },
  // The other listing sites (issue 16): off until switched on, each asking for its origins at that moment.
  ...OPTIONAL_SITES.map((site) => ({ id: site.id, name: site.name, origins: site.origins, optional: true })),
];

let siteOrigins: { id: string; patterns: MatchPattern[] }[] | null = null;

/**
 * The id of the site (its adapter's, as in the settings' `disabledSites`) whose loader runs on this page, or null
 * for a page no loader runs on. The background reads it to leave a switched-off site's page alone without loading
 * the adapters (a card's adapter is decided on the page, lib/adapters/registry.ts).
 */
export function siteIdOf(url: string): string | null {
  const optional = optionalSiteOf(url);
  if (optional) return optional.id;
  if (!isDigestPage(url)) return null;
  siteOrigins ??= SITES.filter((site) => !site.optional).map((site) => ({
    id: site.id,
    patterns: site.origins.map((origin) => new MatchPattern(origin)),
  }));
  return siteOrigins.find(({ patterns }) => patterns.some((p) => p.includes(url)))?.id ?? null;
}
