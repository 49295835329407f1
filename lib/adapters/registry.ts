/**
 * Every site adapter, and the one that reads a URL. The generic adapter is not chosen here: it runs on demand.
 */
import { acl } from './acl';
import { arxiv } from './arxiv';
import { dblp } from './dblp';
import { generic } from './generic';
import { huggingface } from './huggingface';
import { openreview } from './openreview';
import { pubmed } from './pubmed';
import { scholar } from './scholar';
import type { Adapter } from './types';

/** The site adapters, each matched by URL. */
export const SITE_ADAPTERS: readonly Adapter[] = [huggingface, arxiv, scholar, dblp, openreview, pubmed, acl];

export { generic };

/** The site adapter for a page URL, or null (then only the generic adapter, on demand, can read the page). */
export function adapterForUrl(url: string | URL): Adapter | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return SITE_ADAPTERS.find((adapter) => adapter.matches(parsed)) ?? null;
}
