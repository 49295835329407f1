/**
 * The digest pages Paperlane annotates. These patterns are the manifest's host permissions and the content
 * script's matches, and nothing else: any other page is read only when the user asks (activeTab).
 * Chrome matches the path pattern against path and query, so `papers*` covers `/papers?date=…` and `/papers/<id>`.
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

/** Whether a page is one of the digest pages above (what the manifest's match patterns would say). */
export function isDigestPage(url: string): boolean {
  return PATTERNS.some((pattern) => pattern.includes(url));
}
