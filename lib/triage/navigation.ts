/** Which page the triage is on: the key its visits are remembered under, and when a navigation makes a new one. */

/**
 * Whether a navigation the page started makes a new page in this document: same origin, http(s), and a different
 * path or query. Downloads (blob:), moves to another site and jumps within the page (hash) are not.
 */
export function isSpaNavigation(next: URL, current: string): boolean {
  if (next.protocol !== 'https:' && next.protocol !== 'http:') return false;
  const now = new URL(current);
  if (next.origin !== now.origin) return false;
  return next.pathname !== now.pathname || next.search !== now.search;
}

/** The key under which visits to a digest page are remembered: host and path, without the query's noise. */
export function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
