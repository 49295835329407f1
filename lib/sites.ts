/**
 * The digest pages Paperlane annotates. These patterns are the manifest's host permissions and the pages the
 * background injects the triage script into (`isDigestPage`), and nothing else: any other page is read only when
 * the user asks (activeTab). As in the manifest, the path pattern covers path and query, so `papers*` covers
 * `/papers?date=…` and `/papers/<id>`.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';

export const DIGEST_MATCHES = [
  'https://huggingface.co/papers*',
  'https://arxiv.org/list/*',
  'https://arxiv.org/search/*',
  'https://arxiv.org/abs/*',
  'https://arxiv.org/catchup*',
];

const PATTERNS = DIGEST_MATCHES.map((pattern) => new MatchPattern(pattern));

/** Whether a page is one of the digest pages above, matched as the browser matches a manifest's patterns. */
export function isDigestPage(url: string): boolean {
  try {
    new URL(url);
  } catch {
    return false;
  }
  // A string, never a URL object: for anything else `includes` asks `instanceof Location`, and a service worker
  // (where the background runs) has no Location.
  return PATTERNS.some((pattern) => pattern.includes(url));
}
