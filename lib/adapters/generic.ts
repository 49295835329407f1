/**
 * Any other page, on demand only (popup button or context menu through `activeTab`): never chosen by URL.
 * A page about one paper is read from its metadata — Highwire `citation_*` meta, Dublin Core, JSON-LD
 * ScholarlyArticle, COinS — merged field by field. A page listing papers gives one card per COinS span, per
 * search-result row (heading + "Cited by" link, as on Google Scholar) and per group of arXiv/DOI links.
 * A page with none of these gives no card: better nothing than junk.
 */

import { arxivIdFromUrl, canonicalIdOf, doiFromUrl, normalizeDoi, parseArxivId } from '../paper/ids';
import type { PaperRecordInput } from '../paper/schema';
import { venueOf } from '../paper/text';
import {
  absoluteUrl,
  collapse,
  documentOf,
  firstMeta,
  inDocumentOrder,
  isoDate,
  readerName,
  readMeta,
  selectWithRoot,
  textOf,
  withoutScripts,
} from './dom';
import { type RepeatedCard, repeatedCards } from './repeated';
import type { Adapter, CardContext, PageKind } from './types';

/** Cards the repeated-blocks rule found (lib/adapters/repeated.ts), with what it read of each. */
const repeated = new WeakMap<Element, RepeatedCard>();

/** Fields a source of metadata can give; unset when it says nothing. */
interface Described {
  title?: string | null;
  authors?: string[];
  abstract?: string | null;
  doi?: string | null;
  arxivId?: string | null;
  dates?: (string | null)[];
  url?: string | null;
  pdfUrl?: string | null;
  keywords?: string[];
  /** The journal or proceedings the paper appeared in. */
  venue?: string | null;
}

interface GenericPage {
  /** The page's own paper, merged from its metadata, when the page is about one paper. */
  paper: Described | null;
}

/* ------------------------------------------------------------------ page metadata */

const SCHOLARLY_TYPES = new Set(['ScholarlyArticle', 'MedicalScholarlyArticle']);
// Plain "Article" is also a blog post or a news story: it only adds to metadata that says "paper" already.
const ARTICLE_TYPES = new Set([...SCHOLARLY_TYPES, 'Article']);

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  return Array.isArray(type)
    ? type.filter((t): t is string => typeof t === 'string')
    : typeof type === 'string'
      ? [type]
      : [];
}

/** Article objects in JSON-LD, wherever they sit (`@graph`, nested arrays as in the Semantic Scholar fixture). */
function jsonLdArticles(doc: Document): { node: Record<string, unknown>; scholarly: boolean }[] {
  const found: { node: Record<string, unknown>; scholarly: boolean }[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as Record<string, unknown>;
    const types = typesOf(node);
    if (types.some((t) => ARTICLE_TYPES.has(t))) {
      found.push({ node, scholarly: types.some((t) => SCHOLARLY_TYPES.has(t)) });
      return;
    }
    if (node['@graph'] !== undefined) visit(node['@graph'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD is common; the other sources still count.
    }
  }
  return found;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? withoutScripts(value).trim() || null : null;

function doiIn(values: unknown[]): string | null {
  for (const value of values.flat()) {
    const text = str(value) ?? str((value as Record<string, unknown> | null)?.['@id']);
    if (!text) continue;
    const doi = normalizeDoi(text) ?? doiFromUrl(text);
    if (doi) return doi;
  }
  return null;
}

const PERIODICAL_PARTS = new Set(['PublicationIssue', 'PublicationVolume']);

/** The name of the periodical a JSON-LD `isPartOf` names, through an issue and a volume at most. */
function periodicalName(value: unknown, depth = 0): string | null {
  if (depth > 2 || value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const node = value as Record<string, unknown>;
  const types = typesOf(node);
  if (types.includes('Periodical')) return str(node.name);
  return types.some((t) => PERIODICAL_PARTS.has(t)) ? periodicalName(node.isPartOf, depth + 1) : null;
}

function fromJsonLd(node: Record<string, unknown>): Described {
  const authors = ([] as unknown[]).concat(node.author ?? []).flatMap((a) => {
    const name = str(a) ?? str((a as Record<string, unknown> | null)?.name);
    return name ? [name] : [];
  });
  return {
    title: str(node.headline) ?? str(node.name),
    authors,
    abstract: str(node.abstract) ?? str(node.description),
    doi: doiIn([node.doi, node.identifier, node.sameAs, node.mainEntity, node['@id']]),
    dates: [str(node.datePublished), str(node.dateCreated)],
    url: str(node.url),
    // schema.org's `isPartOf` when it is a periodical (or an issue or volume of one), or `publication` as Semantic
    // Scholar writes it; a WebSite the article is part of is not a venue.
    venue: periodicalName(node.isPartOf) ?? str(node.publication),
  };
}

/** COinS (`span.Z3988`): an OpenURL query in the title attribute. */
function fromCoins(span: Element): Described | null {
  const query = span.getAttribute('title');
  if (!query) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query.replace(/&amp;/g, '&'));
  } catch {
    return null;
  }
  const ids = params.getAll('rft_id');
  let doi: string | null = normalizeDoi(params.get('rft.doi') ?? '');
  let arxivId: string | null = null;
  let url: string | null = null;
  for (const id of ids) {
    if (/^info:doi\//i.test(id)) doi ??= normalizeDoi(id.slice(9));
    else if (/^info:arxiv\//i.test(id)) arxivId ??= parseArxivId(id.slice(11))?.id ?? null;
    else if (/^https?:\/\//i.test(id)) {
      arxivId ??= arxivIdFromUrl(id)?.id ?? null;
      doi ??= doiFromUrl(id);
      url ??= id;
    }
  }
  const authors = params.getAll('rft.au').map(readerName).filter(Boolean);
  const last = params.get('rft.aulast');
  if (!authors.length && last) authors.push(collapse(`${params.get('rft.aufirst') ?? ''} ${last}`));
  return {
    title: str(params.get('rft.atitle')) ?? str(params.get('rft.title')) ?? str(params.get('rft.btitle')),
    authors,
    doi,
    arxivId,
    dates: [params.get('rft.date')],
    url,
    venue: str(params.get('rft.jtitle')),
  };
}

function fromHighwire(meta: Map<string, string[]>): Described {
  return {
    title: firstMeta(meta, 'citation_title'),
    authors: (meta.get('citation_author') ?? []).map(readerName).filter(Boolean),
    abstract: firstMeta(meta, 'citation_abstract'),
    doi: normalizeDoi(firstMeta(meta, 'citation_doi') ?? ''),
    arxivId: parseArxivId(firstMeta(meta, 'citation_arxiv_id') ?? '')?.id ?? null,
    // citation_date on arXiv is the first version's date; citation_online_date is only a late fallback.
    dates: [firstMeta(meta, 'citation_publication_date'), firstMeta(meta, 'citation_date')],
    url: firstMeta(meta, 'citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url'),
    pdfUrl: firstMeta(meta, 'citation_pdf_url'),
    venue: firstMeta(meta, 'citation_journal_title', 'citation_conference_title', 'prism.publicationname'),
    keywords: (meta.get('citation_keywords') ?? [])
      .flatMap((k) => k.split(/[;,]/))
      .map((k) => collapse(k))
      .filter(Boolean),
  };
}

function fromDublinCore(meta: Map<string, string[]>): Described {
  const identifiers = [...(meta.get('dc.identifier') ?? []), ...(meta.get('dc.identifier.doi') ?? [])];
  return {
    title: firstMeta(meta, 'dc.title'),
    authors: [...(meta.get('dc.creator') ?? []), ...(meta.get('dc.contributor') ?? [])].map(readerName).filter(Boolean),
    abstract: firstMeta(meta, 'dc.description', 'dcterms.abstract'),
    doi: doiIn(identifiers),
    arxivId: identifiers.map((i) => parseArxivId(i)?.id ?? arxivIdFromUrl(i)?.id).find(Boolean) ?? null,
    dates: [firstMeta(meta, 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date')],
  };
}

function firstOf<T>(values: (T | null | undefined)[], usable: (v: T) => boolean = () => true): T | null {
  for (const v of values) if (v != null && usable(v)) return v;
  return null;
}

/**
 * The date a page gives for its paper. bioRxiv's Highwire tags say `2019/01/01` where Dublin Core says
 * `2019-07-11` (bioRxiv fixture): a January 1st beside a more precise date of the same year is a year alone.
 */
function pickDate(candidates: (string | null | undefined)[]): string | null {
  // A bare year (a listing's row gives no more) is a date too, the least precise one.
  const year = (c: string | null | undefined) => (c && /^(?:19|20)\d{2}$/.test(c.trim()) ? c.trim() : null);
  const full = candidates.map((c) => isoDate(c)).filter((d): d is string => d !== null);
  const dates = full.length ? full : candidates.map(year).filter((d): d is string => d !== null);
  const first = dates[0];
  if (!first) return null;
  if (first.endsWith('-01-01')) {
    const better = dates.find((d) => d.slice(0, 4) === first.slice(0, 4) && !d.endsWith('-01-01'));
    if (better) return better;
  }
  return first;
}

function readPagePaper(doc: Document, url: URL): Described | null {
  const meta = readMeta(doc);
  const highwire = fromHighwire(meta);
  const dublin = fromDublinCore(meta);
  const articles = jsonLdArticles(doc);
  const scholarly = articles.find((a) => a.scholarly);
  const coins = doc.querySelectorAll('span.Z3988');
  const isPaper =
    Boolean(highwire.title) || Boolean(dublin.title && (dublin.doi || dublin.arxivId)) || Boolean(scholarly);
  if (!isPaper) return null;
  const ld = (scholarly ?? articles[0]) ? fromJsonLd((scholarly ?? articles[0])!.node) : {};
  // A single COinS span on a paper's page describes that paper (bioRxiv fixture); several are a reference list.
  const onlyCoins = coins.length === 1 ? fromCoins(coins[0] as Element) : null;
  const co: Described = onlyCoins ?? {};
  const sources = [highwire, dublin, ld, co];
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return {
    title: firstOf(sources.map((s) => s.title)),
    authors:
      firstOf(
        sources.map((s) => s.authors),
        (a) => a.length > 0,
      ) ?? [],
    abstract: firstOf(sources.map((s) => s.abstract)),
    doi: firstOf(sources.map((s) => s.doi)),
    arxivId: firstOf(sources.map((s) => s.arxivId)),
    dates: [
      ...sources.flatMap((s) => s.dates ?? []),
      firstMeta(meta, 'article:published_time', 'citation_online_date'),
    ],
    url: absoluteUrl(firstOf([highwire.url, ld.url, canonical, firstMeta(meta, 'og:url')]), url) ?? url.href,
    pdfUrl: absoluteUrl(highwire.pdfUrl, url),
    keywords: highwire.keywords ?? [],
    // The first source that names a venue other than arXiv itself.
    venue: firstOf(sources.map((s) => venueOf(s.venue))),
  };
}

/* ------------------------------------------------------------------ lists */

/** A Google Scholar–shaped result: a heading and a "Cited by" link (href `…cites=…`) in one small container. */
function resultRowOf(heading: Element): Element | null {
  let el = heading.parentElement;
  for (let hops = 0; el && hops < 3; hops++, el = el.parentElement) {
    if (el.querySelector('a[href*="cites="]')) return el.querySelectorAll('h3').length === 1 ? el : null;
  }
  return null;
}

const ID_LIKE =
  /^\s*(?:arxiv:?\s*\S+|doi:?\s*\S+|10\.\d{4,9}\/\S+|https?:\/\/\S+|\[?(?:pdf|abs|html|link|doi|arxiv|paper|ps|other)\]?)\s*$/i;

function titleLike(text: string | null): text is string {
  return text !== null && !ID_LIKE.test(text) && text.split(/\s+/).length >= 3 && text.length <= 500;
}

function linkId(href: string | null, base: string): string | null {
  if (!href) return null;
  const arxiv = arxivIdFromUrl(href, base);
  if (arxiv) return arxiv.id;
  const doi = doiFromUrl(href, base);
  return doi ? (canonicalIdOf({ doi }) ?? null) : null;
}

const SWEEP_LINKS = 'a[href*="arxiv.org/"], a[href*="doi.org/10."], a[href*="/papers/"]';
const BLOCKS = 'li, tr, dd, dt, p, article, section, div, td, blockquote';

/** The smallest block around a paper link, grown while it holds links to this one paper only and stays small. */
function sweepCardOf(link: Element, id: string, base: string, root: ParentNode): Element | null {
  let card = link.closest(BLOCKS);
  if (!card) return null;
  for (let parent = card.parentElement; parent && parent.tagName !== 'BODY'; parent = parent.parentElement) {
    if ((parent.textContent ?? '').length > 2000) break;
    const others = [...parent.querySelectorAll(SWEEP_LINKS)].some((a) => {
      const other = linkId(a.getAttribute('href'), base);
      return other !== null && other !== id;
    });
    if (others) break;
    card = parent;
    if (parent === root) break;
  }
  return card;
}

function listCards(root: ParentNode, url: URL): Element[] {
  const cards: Element[] = [];
  for (const span of selectWithRoot(root, 'span.Z3988')) if (span.parentElement) cards.push(span.parentElement);
  for (const heading of selectWithRoot(root, 'h3')) {
    const row = resultRowOf(heading);
    if (row) cards.push(row);
  }
  const claimed = [...cards];
  const seenIds = new Set<string>();
  for (const link of selectWithRoot(root, SWEEP_LINKS)) {
    const id = linkId(link.getAttribute('href'), url.href);
    if (!id || seenIds.has(id)) continue;
    seenIds.add(id);
    // A link inside a COinS or result-row card belongs to that card.
    if (claimed.some((c) => c.contains(link))) continue;
    const card = sweepCardOf(link, id, url.href, root);
    if (card) cards.push(card);
  }
  // A listing that links to its own paper pages (issue 16): runs of blocks of one shape, each a title and its
  // authors. Where that reads more of the page than the links did, it is the page's reading.
  const runs = repeatedCards(root, url);
  if (runs.length >= cards.length && runs.length > 0) {
    for (const card of runs) repeated.set(card.block, card);
    return runs.map((card) => card.block);
  }
  return inDocumentOrder(cards);
}

/* ------------------------------------------------------------------ extraction */

function scholarRow(row: Element, url: URL): Described {
  const heading = row.querySelector('h3') as Element;
  const link = heading.querySelector('a[href]');
  // "[PDF]", "[HTML]", "[CITATION][C]" mark the kind of result, not the title.
  const title = (textOf(heading) ?? '').replace(/^(?:\s*\[[A-Z]+\])+\s*/, '');
  // "Y Bengio, AC Courville, P Vincent - CoRR, abs/1206.5538, 2012": authors, then venue, then host.
  const byline = textOf(heading.nextElementSibling) ?? '';
  const [who = '', venue = ''] = byline.split(/\s+-\s+/);
  const authors = who
    .split(/,\s*/)
    .map((a) => a.replace(/[…]|\.\.\.$/g, '').trim())
    .filter(Boolean);
  // DBLP's "CoRR, abs/<id>" and "arXiv preprint arXiv:<id>" both name an arXiv paper.
  const arxiv = /\b(?:abs\/|arXiv:)\s*(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})\b/.exec(venue);
  let pdfUrl: string | null = null;
  // The full-text link ("[PDF] from host") sits beside the row, in the same result block.
  for (const a of row.parentElement?.querySelectorAll('a[href]') ?? []) {
    if (/\[PDF\]/.test(a.textContent ?? '') && !row.contains(a)) {
      pdfUrl = absoluteUrl(a.getAttribute('href'), url);
      break;
    }
  }
  const href = absoluteUrl(link?.getAttribute('href'), url);
  return {
    title,
    authors,
    arxivId: arxiv ? (parseArxivId(arxiv[1] as string)?.id ?? null) : null,
    doi: href ? doiFromUrl(href) : null,
    url: href,
    pdfUrl,
    dates: [],
  };
}

function sweepCard(card: Element, url: URL): Described {
  let id: string | null = null;
  let first: Element | null = null;
  const links = selectWithRoot(card, SWEEP_LINKS);
  for (const a of links) {
    id = linkId(a.getAttribute('href'), url.href);
    if (id) {
      first = a;
      break;
    }
  }
  if (!id || !first) throw new Error('no paper link in the card');
  let title: string | null = null;
  for (const a of links) {
    const text = textOf(a);
    if (linkId(a.getAttribute('href'), url.href) === id && titleLike(text)) {
      title = text;
      break;
    }
  }
  if (!title) {
    for (const el of card.querySelectorAll('h1, h2, h3, h4, h5, h6, cite, strong, b')) {
      const text = textOf(el);
      if (titleLike(text)) {
        title = text;
        break;
      }
    }
  }
  const href = absoluteUrl(first.getAttribute('href'), url);
  const arxiv = href ? arxivIdFromUrl(href) : null;
  return {
    title,
    authors: [],
    arxivId: arxiv?.id ?? null,
    doi: href && !arxiv ? doiFromUrl(href) : null,
    url: href,
    pdfUrl: null,
    dates: [],
  };
}

/** A card of the repeated-blocks rule: its title, names and link, and the DOI or arXiv id of any link it holds. */
function fromRepeated(card: RepeatedCard, url: URL): Described {
  let arxivId: string | null = null;
  let doi: string | null = null;
  for (const a of card.block.querySelectorAll('a[href]')) {
    const href = absoluteUrl(a.getAttribute('href'), url);
    if (!href) continue;
    arxivId ??= arxivIdFromUrl(href)?.id ?? null;
    doi ??= doiFromUrl(href);
  }
  return { title: card.title, authors: card.authors, arxivId, doi, url: card.url, pdfUrl: null, dates: [card.year] };
}

function toRecord(d: Described, context: CardContext<GenericPage>): PaperRecordInput {
  const authors = (d.authors ?? []).map(collapse).filter(Boolean);
  const record = {
    arxivId: d.arxivId ?? null,
    version: null,
    doi: d.doi ?? null,
    title: collapse(d.title ?? ''),
    authors,
    authorCount: authors.length,
    abstract: d.abstract ?? null,
    published: pickDate(d.dates ?? []),
    url: d.url ?? null,
    pdfUrl: d.pdfUrl ?? null,
    codeUrl: null,
    projectUrl: null,
    categories: [],
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    venue: venueOf(d.venue),
    githubStars: null,
    keywords: d.keywords ?? [],
  };
  return {
    id: canonicalIdOf(record) ?? '',
    ...record,
    source: { site: 'generic', pageUrl: context.url.href, section: context.section, rank: context.rank },
  };
}

/* ------------------------------------------------------------------ adapter */

export const generic: Adapter<GenericPage> = {
  id: 'generic',
  // On demand only: the popup or context menu asks for it; no URL ever selects it.
  matches: () => false,
  detect(root, url) {
    const doc = documentOf(root);
    if (
      doc.querySelector('meta[name="citation_title"]') ||
      doc.querySelector('script[type="application/ld+json"]') ||
      doc.querySelector('meta[name="DC.Title"], meta[name="dc.title"], meta[name="DC.title"]')
    ) {
      if (readPagePaper(doc, url)) return 'generic-paper';
    }
    if (root.querySelector('span.Z3988, a[href*="cites="]')) return 'generic-list';
    for (const link of root.querySelectorAll(SWEEP_LINKS)) {
      if (linkId(link.getAttribute('href'), url.href)) return 'generic-list';
    }
    return repeatedCards(root, url).length > 0 ? 'generic-list' : null;
  },
  readPage: (root, url, kind) => ({ paper: kind === 'generic-paper' ? readPagePaper(documentOf(root), url) : null }),
  findCards(root, url, kind: PageKind) {
    if (kind === 'generic-paper') {
      const node = root as Node;
      const doc = documentOf(root);
      return node.nodeType === 9 && doc.documentElement ? [doc.documentElement] : [];
    }
    return listCards(root, url);
  },
  sectionOf: () => null,
  extractCard(card, context) {
    if (context.kind === 'generic-paper') {
      if (!context.page.paper) throw new Error('the page metadata went missing');
      return toRecord(context.page.paper, context);
    }
    const coins = card.querySelector('span.Z3988');
    if (coins && coins.parentElement === card) {
      const described = fromCoins(coins);
      if (described) return toRecord(described, context);
    }
    const found = repeated.get(card);
    if (found) return toRecord(fromRepeated(found, context.url), context);
    const heading = card.querySelector('h3');
    if (heading && resultRowOf(heading) === card) {
      return toRecord(scholarRow(card, context.url), context);
    }
    return toRecord(sweepCard(card, context.url), context);
  },
  testUrls: { matching: [] },
};
