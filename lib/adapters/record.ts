/**
 * What the listing-site adapters (Scholar, dblp, OpenReview, PubMed, ACL Anthology) share: one record shape with
 * the fields those sites never give left empty, and the identifiers a link names (arXiv, DOI, PubMed, ACL Anthology,
 * OpenReview). Pure: strings in, strings out.
 */
import { parseAclId as aclAlias, canonicalIdOf } from '../paper/identity';
import { arxivIdFromUrl, doiFromUrl, normalizeDoi } from '../paper/ids';
import type { PaperRecordInput } from '../paper/schema';
import { venueOf } from '../paper/text';
import type { CardContext } from './types';

/** Identifiers a page gives for one paper; null where it gives none. */
export interface LinkedIds {
  arxivId: string | null;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  /** ACL Anthology id: `2021.naacl-main.208`, `P18-1001`. */
  acl: string | null;
  /** OpenReview forum id. */
  openreview: string | null;
  /** dblp record key: `conf/aaai/PeelC15`, `journals/corr/abs-1606-01541`. */
  dblp: string | null;
}

export const noIds = (): LinkedIds => ({
  arxivId: null,
  doi: null,
  pmid: null,
  pmcid: null,
  acl: null,
  openreview: null,
  dblp: null,
});

/** ACL Anthology ids: new style `2021.naacl-main.208`, old style `P18-1001` (letter, year, volume and paper). */
const ACL_ID = /^(?:\d{4}\.[a-z\d]+-[a-z\d]+\.\d+|[A-Z]\d{2}-\d{4})$/;

export function parseAclId(raw: string): string | null {
  const text = raw.trim().replace(/\.pdf$/i, '');
  return ACL_ID.test(text) ? text : null;
}

// A DOI inside a publisher's path: `/doi/10.1145/…`, `/doi/abs/10.1002/…`, Springer's `/article/10.1007/…`.
const DOI_IN_PATH = /\/(?:doi(?:\/(?:abs|full|pdf|epdf|book))?|article|chapter|book)\/(10\.\d{4,9}\/[^?#\s]+)$/i;

/** The DOI a link names: a doi.org link, or a publisher's path that holds one. */
export function doiOfHref(href: string): string | null {
  const direct = doiFromUrl(href);
  if (direct) return direct;
  let path: string;
  try {
    path = decodeURIComponent(new URL(href).pathname);
  } catch {
    return null;
  }
  const m = DOI_IN_PATH.exec(path.replace(/\/$/, ''));
  // An ACM `/doi/pdf/…` link names the same DOI as the landing page.
  return m ? normalizeDoi(m[1] as string) : null;
}

/**
 * Every identifier one link names, added to `ids` where still unknown: arXiv (abs, pdf, html, the arXiv DOI), DOIs,
 * PubMed (`pubmed.ncbi.nlm.nih.gov/<pmid>`, `/pubmed/<pmid>`), PubMed Central (`/pmc/articles/PMC…`), the ACL
 * Anthology (`aclanthology.org/<id>/`, `…/<id>.pdf`) and OpenReview (`forum?id=`, `pdf?id=`).
 */
export function addIdsOfHref(ids: LinkedIds, href: string | null, base: URL): void {
  if (!href) return;
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname;
  if (!ids.arxivId) ids.arxivId = arxivIdFromUrl(url.href)?.id ?? null;
  // doi.acm.org is the ACM's own resolver, as dblp linked it in 2015 (person fixture).
  if (host === 'doi.org' || host === 'dx.doi.org' || host === 'doi.acm.org') {
    const doi = normalizeDoi(decodeURIComponent(path.slice(1)));
    if (doi && !doi.startsWith('10.48550/')) ids.doi ??= doi;
    return;
  }
  if (host === 'pubmed.ncbi.nlm.nih.gov' || (host === 'ncbi.nlm.nih.gov' && path.startsWith('/pubmed/'))) {
    const m = /^\/(?:pubmed\/)?(\d{1,9})\/?$/.exec(path);
    if (m) ids.pmid ??= m[1] as string;
    return;
  }
  if (host.endsWith('ncbi.nlm.nih.gov') || host === 'pubmedcentral.nih.gov' || host === 'europepmc.org') {
    const m = /\/(PMC\d+)\/?/i.exec(path);
    if (m) ids.pmcid ??= (m[1] as string).toUpperCase();
    return;
  }
  if (host === 'aclanthology.org' || host === 'aclweb.org') {
    const m = /^\/(?:anthology\/)?([^/]+?)(?:\.pdf)?\/?$/.exec(path);
    const id = m ? parseAclId(m[1] as string) : null;
    if (id) ids.acl ??= id;
    return;
  }
  if (host === 'openreview.net') {
    const id = url.searchParams.get('id');
    if ((path === '/forum' || path === '/pdf') && id && /^[A-Za-z0-9_-]{5,}$/.test(id)) ids.openreview ??= id;
    return;
  }
  if (!ids.doi) {
    const doi = doiOfHref(url.href);
    if (doi && !doi.startsWith('10.48550/')) ids.doi = doi;
  }
}

/** The ACL Anthology's DOIs are `10.18653/v1/<anthology id>`: the id is in the DOI. */
export function aclIdOfDoi(doi: string | null): string | null {
  const m = doi ? /^10\.18653\/v1\/(.+)$/i.exec(doi) : null;
  return m ? parseAclId(m[1] as string) : null;
}

/** What a listing card says of its paper; what it does not say stays empty. */
export interface CardFields {
  ids: LinkedIds;
  title: string;
  authors: string[];
  authorCount?: number;
  abstract?: string | null;
  published?: string | null;
  url: string | null;
  pdfUrl?: string | null;
  venue?: string | null;
  keywords?: string[];
  comments?: number | null;
}

/** The identifiers besides arXiv id and DOI, as the record's aliases (`pmid:…`, `acl:…`; lib/paper/identity.ts). */
function aliasesOf(ids: LinkedIds): string[] {
  const aliases: string[] = [];
  if (ids.pmid) aliases.push(`pmid:${Number(ids.pmid)}`);
  if (ids.pmcid) aliases.push(`pmcid:PMC${Number(ids.pmcid.slice(3))}`);
  const acl = ids.acl ? aclAlias(ids.acl) : null;
  if (acl) aliases.push(acl);
  if (ids.openreview) aliases.push(`openreview:${ids.openreview}`);
  if (ids.dblp) aliases.push(`dblp:${ids.dblp}`);
  return aliases;
}

/**
 * The record of a card. Its id is its strongest identifier (lib/paper/identity.ts RANK: arXiv, DOI, PMID, PMCID,
 * ACL, OpenReview, dblp, then its link). Not the content key for a card with only a link: on the Scholar profile
 * fixture a patent and its application share title, first author and year, and one of the two cards would be lost;
 * matching such cards to library papers by content is the library's part (lib/paper/identity.ts sameWork).
 */
export function listingRecord(site: string, fields: CardFields, context: CardContext): PaperRecordInput {
  const record = {
    arxivId: fields.ids.arxivId,
    version: null,
    doi: fields.ids.doi,
    title: fields.title,
    authors: fields.authors,
    authorCount: Math.max(fields.authorCount ?? 0, fields.authors.length),
    abstract: fields.abstract ?? null,
    published: fields.published ?? null,
    url: fields.url,
    pdfUrl: fields.pdfUrl ?? null,
    codeUrl: null,
    projectUrl: null,
    categories: [],
    upvotes: null,
    comments: fields.comments ?? null,
    organization: null,
    submitter: null,
    venue: venueOf(fields.venue),
    githubStars: null,
    keywords: fields.keywords ?? [],
    aliases: aliasesOf(fields.ids),
  };
  return {
    id: canonicalIdOf(record) ?? '',
    ...record,
    source: { site, pageUrl: context.url.href, section: context.section, rank: context.rank },
  };
}
