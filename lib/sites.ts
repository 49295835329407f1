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
];
