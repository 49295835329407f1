/**
 * aclanthology.org: a paper's page (`/2021.naacl-main.208/`), and the pages that list papers: authors
 * (`/people/…`), events (`/events/acl-2023/`) and volumes (`/volumes/2023.acl-long/`). Facts in ../shared/SITES.md
 * ("ACL Anthology"); fixtures of a 2026 paper page and a 2021 author page in ../shared/fixtures/acl.
 * The Anthology id is in every link to a paper (`/<id>/`, `/<id>.pdf`): listings are read by those links, which
 * outlived the site's redesigns, never by its Bootstrap classes. The paper page has citation meta with the DOI.
 */
import type { PaperRecordInput } from '../paper/schema';
import { documentOf, firstMeta, inDocumentOrder, isoDate, readerName, readMeta, selectWithRoot, textOf } from './dom';
import { aclIdOfDoi, listingRecord, noIds, parseAclId } from './record';
import type { Adapter, CardContext, PageKind } from './types';

/** A heading that names the volume of the rows below it, up to the next such heading. */
interface VolumeHeading {
  heading: Element;
  venue: string;
}

/** What a scan reads once of an Anthology page: the volume headings, in page order. */
interface AclPage {
  volumes: VolumeHeading[];
}

const HOSTS = new Set(['aclanthology.org', 'www.aclanthology.org']);

/** The Anthology id a path names: `/2021.naacl-main.208/`, `/P18-1001`, `/W19-4201.pdf`. */
function aclIdOfPath(path: string): string | null {
  const m = /^\/([^/]+?)(?:\.pdf)?\/?$/.exec(path);
  return m ? parseAclId(m[1] as string) : null;
}

function kindFromUrl(url: URL): PageKind | null {
  if (!HOSTS.has(url.hostname)) return null;
  const path = url.pathname;
  if (/^\/(?:people|events|volumes)\/.+/.test(path)) return 'acl-list';
  // A paper's page, never its PDF.
  if (!path.endsWith('.pdf') && aclIdOfPath(path)) return 'acl-paper';
  return null;
}

/** The Anthology id a link opens, relative or absolute, the paper's page or its PDF; null for any other link. */
function aclIdOfHref(href: string | null, base: URL): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return HOSTS.has(url.hostname) ? aclIdOfPath(url.pathname) : null;
  } catch {
    return null;
  }
}

/** The year an Anthology id holds: `2021.naacl-main.208` → 2021, `W19-4201` → 2019, `P98-1001` → 1998. */
export function yearOfAclId(id: string): string | null {
  const modern = /^(\d{4})\./.exec(id);
  if (modern) return modern[1] as string;
  const legacy = /^[A-Z](\d{2})-/.exec(id);
  if (!legacy) return null;
  const yy = Number(legacy[1]);
  return String(yy >= 60 ? 1900 + yy : 2000 + yy);
}

/** A listed paper: around each title link to a paper page (`/<id>/`, in a `strong` or a heading), its paragraph or row. */
function listCards(root: ParentNode, url: URL): Element[] {
  const cards = new Set<Element>();
  for (const link of selectWithRoot(root, 'a[href]')) {
    const href = link.getAttribute('href') as string;
    if (href.endsWith('.pdf') || href.endsWith('.bib')) continue;
    if (!aclIdOfHref(href, url)) continue;
    const emphasis = link.parentElement?.closest('strong, b, h3, h4, h5');
    if (!emphasis) continue;
    const card = emphasis.closest('p, li, tr, article') ?? emphasis.parentElement?.parentElement ?? null;
    if (card) cards.add(card);
  }
  return inDocumentOrder(cards);
}

const HEADINGS = 'h1, h2, h3, h4, h5';

/**
 * The headings that name a volume: on an event page each volume's heading links the volume's page
 * (`/volumes/D19-1/`), and its rows follow it; on a volume page the page's title is the volume's name. An author
 * page has neither (its headings are years; each row links its own volume).
 */
function readVolumes(root: ParentNode, url: URL): VolumeHeading[] {
  const doc = documentOf(root);
  const found: VolumeHeading[] = [];
  for (const link of doc.querySelectorAll(`:is(${HEADINGS}) a[href]`)) {
    let path: string;
    try {
      path = new URL(link.getAttribute('href') as string, url).pathname;
    } catch {
      continue;
    }
    const heading = link.closest(HEADINGS);
    const venue = textOf(link);
    if (heading && venue && path.startsWith('/volumes/') && !found.some((v) => v.heading === heading))
      found.push({ heading, venue });
  }
  if (url.pathname.startsWith('/volumes/')) {
    const title = doc.querySelector('h2#title') ?? doc.querySelector('main h2, #main h2, h2');
    const venue = textOf(title);
    if (title && venue && !found.some((v) => v.heading === title)) found.push({ heading: title, venue });
  }
  const order = inDocumentOrder(found.map((v) => v.heading));
  return order.map((heading) => found.find((v) => v.heading === heading) as VolumeHeading);
}

/** The venue of the last volume heading above the card (binary search: hundreds of rows per page), else null. */
function venueAbove(card: Element, volumes: readonly VolumeHeading[]): string | null {
  let lo = 0;
  let hi = volumes.length;
  // Invariant: every heading before `lo` precedes the card, none from `hi` on does.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // DOCUMENT_POSITION_FOLLOWING = 4: the card comes after the heading.
    if ((volumes[mid] as VolumeHeading).heading.compareDocumentPosition(card) & 4) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (volumes[lo - 1] as VolumeHeading).venue : null;
}

function extractListed(card: Element, context: CardContext<AclPage>): PaperRecordInput {
  let title: Element | null = null;
  let id: string | null = null;
  for (const link of card.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') as string;
    if (href.endsWith('.pdf') || href.endsWith('.bib') || !link.parentElement?.closest('strong, b, h3, h4, h5'))
      continue;
    id = aclIdOfHref(href, context.url);
    if (id) {
      title = link;
      break;
    }
  }
  if (!title || !id) throw new Error('listed paper without a link to its page');
  const ids = noIds();
  ids.acl = id;
  const authors: string[] = [];
  let venue: string | null = null;
  let pdfUrl: string | null = null;
  for (const link of card.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') as string;
    // The "abs" badge (`#abstract-<id>`) is a link into this very page, which may be an author's.
    if (href.startsWith('#')) continue;
    const path = new URL(href, context.url).pathname;
    if (path.startsWith('/people/')) {
      const name = textOf(link);
      if (name) authors.push(name);
    } else if (path.startsWith('/volumes/')) venue ??= textOf(link);
    else if (!pdfUrl && path === `/${id}.pdf`) pdfUrl = new URL(href, context.url).href;
  }
  // An event or volume page names the volume once, in the heading above its rows.
  venue ??= venueAbove(card, context.page.volumes);
  // The abstract, where the listing has one, is the collapsed block named after the paper (`#abstract-W19-4201`).
  const abstract = documentOf(card).getElementById(`abstract-${id}`);
  return listingRecord(
    'acl',
    {
      ids,
      title: textOf(title) ?? '',
      authors,
      abstract: textOf(abstract),
      published: yearOfAclId(id),
      url: `https://aclanthology.org/${id}/`,
      pdfUrl,
      venue,
    },
    context,
  );
}

function extractPaperPage(card: Element, context: CardContext): PaperRecordInput {
  const doc = documentOf(card);
  const meta = readMeta(doc);
  const ids = noIds();
  ids.acl = aclIdOfPath(context.url.pathname);
  const doi = firstMeta(meta, 'citation_doi');
  if (doi) ids.doi = doi.toLowerCase();
  ids.acl ??= aclIdOfDoi(ids.doi);
  if (!ids.acl) throw new Error('paper page without an Anthology id');
  const abstractBlock = doc.querySelector('.acl-abstract');
  const abstractText = abstractBlock?.querySelector('span') ?? null;
  // "2021/6": a year and a month.
  const date = firstMeta(meta, 'citation_publication_date') ?? '';
  const ym = /^(\d{4})(?:[/-](\d{1,2}))?/.exec(date);
  const published =
    isoDate(date) ?? (ym ? (ym[2] ? `${ym[1]}-${(ym[2] as string).padStart(2, '0')}` : (ym[1] as string)) : null);
  return listingRecord(
    'acl',
    {
      ids,
      title: firstMeta(meta, 'citation_title') ?? textOf(doc.querySelector('h2#title, h2')) ?? '',
      authors: (meta.get('citation_author') ?? []).map(readerName).filter(Boolean),
      abstract: firstMeta(meta, 'citation_abstract') ?? textOf(abstractText),
      published: published ?? yearOfAclId(ids.acl),
      url: `https://aclanthology.org/${ids.acl}/`,
      pdfUrl: firstMeta(meta, 'citation_pdf_url'),
      venue: firstMeta(meta, 'citation_conference_title', 'citation_journal_title'),
    },
    context,
  );
}

export const acl: Adapter<AclPage> = {
  id: 'acl',
  matches: (url) => kindFromUrl(url) !== null,
  detect: (_root, url) => kindFromUrl(url),
  readPage: (root, url, kind) => ({ volumes: kind === 'acl-list' ? readVolumes(root, url) : [] }),
  findCards(root, url, kind) {
    if (kind === 'acl-list') return listCards(root, url);
    const node = root as Node;
    if (node.nodeType !== 9) return [];
    const doc = node as Document;
    return doc.querySelector('meta[name="citation_title"]') && doc.body ? [doc.body] : [];
  },
  sectionOf: () => null,
  extractCard: (card, context) =>
    context.kind === 'acl-paper' ? extractPaperPage(card, context) : extractListed(card, context),
  testUrls: {
    matching: [
      'https://aclanthology.org/2021.naacl-main.208/',
      'https://aclanthology.org/P18-1001/',
      'https://aclanthology.org/W19-4201',
      'https://aclanthology.org/people/a/andreas-madsack/',
      'https://aclanthology.org/people/teven-le-scao/',
      'https://aclanthology.org/events/acl-2023/',
      'https://aclanthology.org/volumes/2023.acl-long/',
    ],
  },
};
