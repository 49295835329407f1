/**
 * Canonical paper ids. One paper, one id, whatever link or page it was found through:
 * - arXiv new style `2502.12345` (4-digit sequence before 2015), version kept apart;
 * - arXiv old style `hep-th/9901001` (the subject class in `math.AG/0501001` is not part of the id);
 * - DOIs, lower-cased (DOIs are case-insensitive), `10.48550/arXiv.<id>` mapped to the arXiv id;
 * - a normalised URL as the last resort.
 * Every other kind of identifier (PMID, ISBN, ACL, OpenReview, dblp, the content key) is in ./identity.ts.
 */

export interface ArxivRef {
  id: string;
  version: number | null;
}

const NEW_STYLE = /^(\d{4})\.(\d{4,5})(?:v(\d+))?$/;
// archive, optional subject class, then YYMMNNN
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z-]{2,})?\/(\d{7})(?:v(\d+))?$/;

/** Parses a bare arXiv identifier, with or without `arXiv:` and a version. */
export function parseArxivId(raw: string): ArxivRef | null {
  let text = raw.trim();
  // Most ids come bare (from a link's path): the prefix is looked for only where one could start.
  if (text.charCodeAt(0) === 97 || text.charCodeAt(0) === 65) text = text.replace(/^arxiv:\s*/i, '');
  const modern = NEW_STYLE.exec(text);
  if (modern) {
    const [, yymm, seq, version] = modern as unknown as [string, string, string, string | undefined];
    const month = Number(yymm.slice(2));
    if (month < 1 || month > 12) return null;
    // The five-digit sequence started in January 2015 (1501); four digits before it.
    if (seq.length === 5 && yymm < '1501') return null;
    if (seq.length === 4 && yymm >= '1501') return null;
    return { id: `${yymm}.${seq}`, version: version ? Number(version) : null };
  }
  const legacy = OLD_STYLE.exec(text);
  if (legacy) {
    const [, archive, number, version] = legacy as unknown as [string, string, string, string | undefined];
    return { id: `${archive}/${number}`, version: version ? Number(version) : null };
  }
  return null;
}

/** Normalises a DOI from any of its written forms; null when the text holds none. */
export function normalizeDoi(raw: string): string | null {
  let text = raw.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // a stray % in a DOI: keep the text as written
  }
  text = text
    .replace(/^doi:\s*/i, '')
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .replace(/[\s.,;]+$/, '');
  // `10/fqd6hj` is a short DOI (shortdoi.org): a DOI of its own that doi.org resolves like any other.
  const match = /^10\.\d{4,9}\/\S+$/.exec(text) ?? /^10\/[A-Za-z0-9]+$/.exec(text);
  return match ? text.toLowerCase() : null;
}

/** The arXiv id behind an arXiv DOI (`10.48550/arXiv.2502.12345`), if it is one. */
export function arxivIdFromDoi(doi: string): ArxivRef | null {
  const m = /^10\.48550\/arxiv\.(.+)$/i.exec(doi);
  return m?.[1] ? parseArxivId(m[1]) : null;
}

const ARXIV_HOSTS = new Set([
  'arxiv.org',
  'www.arxiv.org',
  'export.arxiv.org',
  'browse.arxiv.org',
  'ar5iv.org',
  'ar5iv.labs.arxiv.org',
  'alphaxiv.org',
  'www.alphaxiv.org',
]);

const ARXIV_BASE = /^https?:\/\/(?:www\.|export\.)?arxiv\.org(?:[/?#]|$)/i;
const PLAIN_ARXIV_PATH = /^\/(?:abs|pdf|html|format)\/([A-Za-z0-9./-]+?)(?:\.pdf)?\/?$/;

// The page URL a listing resolves each of its thousands of links against is the same for all of them.
let lastBase = '';
let lastBaseIsArxiv = false;
function isArxivBase(base: string): boolean {
  if (base !== lastBase) {
    lastBase = base;
    lastBaseIsArxiv = ARXIV_BASE.test(base);
  }
  return lastBaseIsArxiv;
}

/**
 * The arXiv id a link points at, for every link form of a paper:
 * arxiv.org/abs|pdf|html|format, ar5iv, alphaxiv (abs, overview, pdf), huggingface.co/papers, doi.org/10.48550/arXiv.*.
 * `base` resolves relative hrefs such as `/abs/2502.12345`.
 */
export function arxivIdFromUrl(href: string, base?: string): ArxivRef | null {
  // Listings link thousands of entries as `/abs/2609.22268` on arxiv.org itself: such a path resolves to itself
  // (no dot segment, nothing to decode), so the URL parser is not needed to read it.
  if (base && href.charCodeAt(0) === 47 && isArxivBase(base)) {
    const m = PLAIN_ARXIV_PATH.exec(href);
    if (m?.[1] && !href.includes('/.')) return parseArxivId(m[1]);
  }
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const path = decodeSafe(url.pathname);
  if (ARXIV_HOSTS.has(host)) {
    const m = /^\/(?:abs|pdf|html|format|overview|papers)\/(.+?)(?:\.pdf)?\/?$/.exec(path);
    return m?.[1] ? parseArxivId(m[1]) : null;
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co') {
    const m = /^\/papers\/([^/]+)\/?$/.exec(path);
    return m?.[1] ? parseArxivId(m[1]) : null;
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = normalizeDoi(path.slice(1));
    return doi ? arxivIdFromDoi(doi) : null;
  }
  return null;
}

/** The DOI a doi.org link points at. */
export function doiFromUrl(href: string, base?: string): string | null {
  try {
    const url = new URL(href, base);
    if (url.hostname !== 'doi.org' && url.hostname !== 'dx.doi.org') return null;
    return normalizeDoi(url.pathname.slice(1));
  } catch {
    return null;
  }
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const TRACKING_PARAMS = /^(utm_|fbclid$|gclid$|ref$|ref_src$)/;

/** A URL reduced to what identifies the page: https, lower-case host, no fragment, no tracking parameters. */
export function normalizeUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  }
  url.searchParams.sort();
  let text = url.toString();
  if (text.endsWith('/') && url.pathname !== '/') text = text.slice(0, -1);
  return text;
}

// The rank of every kind of identifier, and a record's canonical id, live in lib/paper/identity.ts; they are
// re-exported here for the callers that have always found them in this module.
export { canonicalIdOf, type IdKind, idKind } from './identity';

/**
 * The one canonical id for anything that names a paper: a bare arXiv id, a DOI, or any link.
 * arXiv wins over DOI (an arXiv DOI is the arXiv id), DOI over URL.
 */
export function canonicalId(raw: string, base?: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const arxiv = parseArxivId(text) ?? arxivIdFromUrl(text, base);
  if (arxiv) return arxiv.id;
  const doi = normalizeDoi(text) ?? doiFromUrl(text, base);
  if (doi) return arxivIdFromDoi(doi)?.id ?? doi;
  if (!/^https?:\/\//i.test(text) && !base) return null;
  try {
    return normalizeUrl(new URL(text, base).toString());
  } catch {
    return null;
  }
}
