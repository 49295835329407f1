/**
 * arxiv.org: listings (/list/<cat>/new|recent|pastweek|<month>, catchup), search results (simple and advanced)
 * and abstract pages. Facts in ../shared/SITES.md; fixtures in ../shared/fixtures/arxiv.
 */

import { arxivIdFromUrl, canonicalIdOf, normalizeDoi } from '../paper/ids';
import type { PaperRecordInput } from '../paper/schema';
import { plainText } from '../paper/text';
import {
  absoluteUrl,
  collapse,
  documentOf,
  firstMeta,
  hasClass,
  inDocumentOrder,
  isoDate,
  lineOf,
  rawText,
  readerName,
  readMeta,
  selectWithRoot,
  skipDescriptor,
  textOf,
} from './dom';
import type { Adapter, CardContext, PageKind } from './types';

const HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);

// /list/<archive or category>/<new|recent|pastweek|YYMM|YYYY-MM|YYYY>, optionally with a trailing slash.
const LISTING_PATH = /^\/list\/[a-z-]+(?:\.[A-Za-z-]+)?\/(?:new|recent|pastweek|\d{4}|\d{4}-\d{2})\/?$/;
// /catchup/<category>/<date> (2024 catchup) and the older /catchup?smonth=… form.
const CATCHUP_PATH = /^\/catchup(?:\/|$)/;
const SEARCH_PATH = /^\/search(?:\/advanced)?\/?$/;
const ABS_PATH = /^\/abs\/.+/;

function kindFromUrl(url: URL): PageKind | null {
  if (!HOSTS.has(url.hostname)) return null;
  const path = url.pathname;
  if (LISTING_PATH.test(path) || CATCHUP_PATH.test(path)) return 'arxiv-listing';
  // /search/ with no query is the empty search form, not a results page.
  if (SEARCH_PATH.test(path) && url.search !== '') return 'arxiv-search';
  if (ABS_PATH.test(path) && arxivIdFromUrl(url.href)) return 'arxiv-abs';
  return null;
}

interface ArxivPage {
  /** Listing heading date ("Showing new listings for Tuesday, 22 September 2026"), ISO; null elsewhere. */
  listingDate: string | null;
  /** The abstract page's meta tags by lower-cased name. */
  meta: Map<string, string[]>;
}

/* ------------------------------------------------------------------ listings */

/** The first link inside `el` whose href satisfies `test`, found by walking (cheaper than a selector per card in linkedom). */
function findLink(el: Element, test: (href: string) => boolean): Element | null {
  // Index loops over live collections: a browser's collection iterator costs more than the lookups it makes.
  const links = el.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const link = links[i] as Element;
    const href = link.getAttribute('href');
    if (href && test(href)) return link;
  }
  return null;
}

const isAbsHref = (href: string): boolean => href.includes('/abs/');
const isPdfHref = (href: string): boolean => href.includes('/pdf/');

function listingCards(root: ParentNode): Element[] {
  // Robust for current and legacy markup alike (SITES.md): every <dt> holding a link to /abs/<id>.
  // Found by walking elements but never into a <dt> or <dd>, where nearly all of a listing's nodes are: a
  // 2,000-entry page has ~130,000 of them, which getElementsByTagName would visit in linkedom (bench/extract.bench.ts).
  // The test is one selector per entry, run by the browser: the whole page is found before the cards on screen
  // are read, and reading each entry's links here (its other links were kept for its extraction) was 16 of the
  // first scan's 20 ms on a 2,000-entry page in Chromium, the selector 2 (issue 19). `*=` is `isAbsHref`'s test.
  const dts: Element[] = [];
  const take = (dt: Element): void => {
    if (dt.querySelector('a[href*="/abs/"]')) dts.push(dt);
  };
  const visit = (parent: ParentNode): void => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      const tag = el.localName;
      if (tag === 'dt') take(el);
      else if (tag !== 'dd' && tag !== 'script' && tag !== 'style') visit(el);
    }
  };
  const node = root as Node;
  if (node.nodeType === 1 && (node as Element).localName === 'dt') take(node as Element);
  else visit(root);
  return dts;
}

/** The <dd> that belongs to a <dt>: its next element sibling, when that is a <dd>. */
function ddOf(dt: Element): Element | null {
  let next = dt.nextElementSibling;
  while (next && next.localName !== 'dd' && next.localName !== 'dt') next = next.nextElementSibling;
  return next && next.localName === 'dd' ? next : null;
}

interface ListingParts {
  title: Element | null;
  authors: Element | null;
  subjects: Element | null;
  abstract: Element | null;
}

/** The link to a search by author name (`/search/cond-mat?searchtype=author&query=…`) or an author page (`/a/…`). */
const isAuthorHref = (href: string): boolean => href.includes('searchtype=author') || href.includes('arxiv.org/a/');

/** The label a block of an entry starts with ("Title:", "Subjects:"): the text of its first <span>. */
function labelOf(block: Element): string | null {
  const first = block.firstElementChild;
  return first && first.localName === 'span' ? collapse(first.textContent ?? '') : null;
}

/**
 * One pass over a <dd>. arXiv's own block names (`list-title`, `list-authors`, …; not presentational) first;
 * where they are gone (renamed, or a redesign: tests/adapters/fuzz.test.ts) the block's label ("Title:"), its
 * author links, and for the title last of all its place: the first block with neither label nor link.
 * The abstract is the <p>.
 */
// arXiv's names for the blocks of an entry, in the order they are taken when a block has several, read from the
// class attribute in one pass: one DOM read per block, where asking `classList` for each name took up to five.
const BLOCK_NAMES = ['list-title', 'list-authors', 'list-subjects', 'meta', 'list-comments', 'list-journal-ref'];
const BLOCK_NAME = /(?:^|\s)(list-title|list-authors|list-subjects|meta|list-comments|list-journal-ref)(?=\s|$)/g;

/** The block name a listing <div> carries (the first of `BLOCK_NAMES` among its classes), or undefined. */
function blockName(el: Element): string | undefined {
  const value = el.getAttribute('class');
  if (!value) return undefined;
  let best = BLOCK_NAMES.length;
  BLOCK_NAME.lastIndex = 0;
  for (let m = BLOCK_NAME.exec(value); m; m = BLOCK_NAME.exec(value)) {
    best = Math.min(best, BLOCK_NAMES.indexOf(m[1] as string));
  }
  return BLOCK_NAMES[best];
}

function listingParts(dd: Element): ListingParts {
  const parts: ListingParts = { title: null, authors: null, subjects: null, abstract: null };
  const byContent: ListingParts = { title: null, authors: null, subjects: null, abstract: null };
  let unlabelled: Element | null = null;
  const visit = (parent: Element): void => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      const tag = el.localName;
      if (tag === 'p') {
        parts.abstract ??= el;
        continue;
      }
      if (tag !== 'div') continue;
      const name = blockName(el);
      if (name === 'list-title') parts.title ??= el;
      else if (name === 'list-authors') parts.authors ??= el;
      else if (name === 'list-subjects') parts.subjects ??= el;
      else if (name === 'meta') visit(el);
      else if (name === undefined) {
        const label = labelOf(el);
        // A wrapper (div.meta by another name) holds the blocks.
        if (el.firstElementChild?.localName === 'div') visit(el);
        else if (label === 'Title:') byContent.title ??= el;
        else if (label === 'Subjects:') byContent.subjects ??= el;
        else if (label === 'Authors:' || findLink(el, isAuthorHref)) byContent.authors ??= el;
        else if (!label && !unlabelled && !el.getElementsByTagName('a').length) unlabelled = el;
      }
    }
  };
  visit(dd);
  parts.title ??= byContent.title ?? unlabelled;
  parts.authors ??= byContent.authors;
  parts.subjects ??= byContent.subjects;
  return parts;
}

const SUBJECT_CODE = /\(([a-z][a-z-]*(?:\.[A-Za-z-]+)?)\)/g;

/** Category codes from "Materials Science (cond-mat.mtrl-sci); Soft Condensed Matter (cond-mat.soft)", primary first. */
function subjectCodes(subjects: Element | null): string[] {
  if (!subjects) return [];
  const codes: string[] = [];
  const add = (text: string): void => {
    SUBJECT_CODE.lastIndex = 0;
    for (let m = SUBJECT_CODE.exec(text); m; m = SUBJECT_CODE.exec(text)) {
      const code = m[1] as string;
      if (!codes.includes(code)) codes.push(code);
    }
  };
  for (let el = subjects.firstElementChild; el; el = el.nextElementSibling) {
    if (hasClass(el, 'primary-subject')) {
      add(el.textContent ?? '');
      break;
    }
  }
  add(rawText(subjects, skipDescriptor));
  return codes;
}

function authorNames(block: Element | null): string[] {
  if (!block) return [];
  const links = block.getElementsByTagName('a');
  if (links.length > 0) {
    const names: string[] = [];
    for (let i = 0; i < links.length; i++) {
      const a = links[i] as Element;
      // Plain text here, not only in the schema: a name that is nothing but markup or controls is left out,
      // where an empty name would cost the whole card.
      const name = plainText(a.textContent ?? '');
      if (name) names.push(name);
    }
    return names;
  }
  // Unlinked author lists (unverified, kept for safety): split the text on commas and "and".
  return plainText(rawText(block, skipDescriptor))
    .split(/,\s*|\s+and\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface EntryHrefs {
  abs: string | null;
  pdf: string | null;
  html: string | null;
}

/** The hrefs of a listing entry's links, in one pass: abstract, PDF, and HTML (which names the version). */
function entryHrefs(dt: Element): EntryHrefs {
  const hrefs: EntryHrefs = { abs: null, pdf: null, html: null };
  const links = dt.getElementsByTagName('a');
  for (let i = 0; i < links.length && !(hrefs.abs && hrefs.pdf && hrefs.html); i++) {
    const href = (links[i] as Element).getAttribute('href');
    if (!href) continue;
    if (isAbsHref(href)) hrefs.abs ??= href;
    else if (isPdfHref(href)) hrefs.pdf ??= href;
    else if (href.includes('/html/')) hrefs.html ??= href;
  }
  return hrefs;
}

function extractListingCard(dt: Element, context: CardContext<ArxivPage>): PaperRecordInput {
  const hrefs = entryHrefs(dt);
  const ref = arxivIdFromUrl(hrefs.abs ?? '', context.url.href);
  if (!ref) throw new Error('listing entry without an /abs/ link');
  // The version arXiv links to from the entry's HTML link (`/html/2609.22268v1`).
  const shown = /v(\d+)\/?$/.exec(hrefs.html ?? '');
  const dd = ddOf(dt);
  const parts = dd ? listingParts(dd) : { title: null, authors: null, subjects: null, abstract: null };
  const authors = authorNames(parts.authors);
  const record = {
    arxivId: ref.id,
    version: ref.version ?? (shown ? Number(shown[1]) : null),
    doi: null,
    // The "Title:" label is a span.descriptor, left out; where that name is gone, the label is cut from the text.
    title: (lineOf(parts.title, skipDescriptor) ?? '').replace(/^Title:\s*/, ''),
    authors,
    authorCount: authors.length,
    abstract: lineOf(parts.abstract),
    // A listing gives no per-entry date; the heading date is the announcement, not the paper's date.
    published: null,
    url: absoluteUrl(hrefs.abs, context.url),
    pdfUrl: absoluteUrl(hrefs.pdf, context.url),
    codeUrl: null,
    projectUrl: null,
    categories: subjectCodes(parts.subjects),
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    githubStars: null,
    keywords: [],
  };
  return { id: canonicalIdOf(record) ?? '', ...record, source: sourceOf(context) };
}

// Every entry of a <dl> asks for the same heading: the last heading read and its section.
let lastHeading: string | null = null;
let lastHeadingSection: string | null | undefined;

/** The section a heading names; undefined when it names none (no text, or the page's "Showing …" header). */
function headingSection(raw: string): string | null | undefined {
  if (raw === lastHeading) return lastHeadingSection;
  const text = collapse(raw);
  let section: string | null | undefined;
  if (/^new submissions/i.test(text)) section = 'new';
  else if (/^cross/i.test(text)) section = 'cross-list';
  else if (/^replacement/i.test(text)) section = 'replacement';
  // The listing header, not a section: "Showing new listings for …" sits above the first <dl> on /new.
  else if (text && !/^showing/i.test(text)) section = text.replace(/\s*\((?:showing|\d)[^)]*\)\s*$/i, '') || null;
  lastHeading = raw;
  lastHeadingSection = section;
  return section;
}

/** The section heading of a listing <dt>: an <h3> inside its <dl> (current markup) or just before it (legacy). */
function listingSection(dt: Element): string | null {
  const dl = dt.parentElement;
  let heading: Element | null = null;
  if (dl && dl.localName === 'dl') {
    heading = dl.firstElementChild && dl.firstElementChild.localName === 'h3' ? dl.firstElementChild : null;
    if (!heading) {
      let prev = dl.previousElementSibling;
      // Legacy pages put the <h3> right before the <dl>, sometimes with a paging <div> between.
      for (let hops = 0; prev && hops < 3 && !heading; hops++, prev = prev.previousElementSibling) {
        if (prev.localName === 'h3') heading = prev;
        else if (prev.localName === 'dl') break;
      }
    }
  }
  const fromHeading = heading ? headingSection(heading.textContent ?? '') : undefined;
  if (fromHeading !== undefined) return fromHeading;
  // No heading: the entry's own marker, as on /new ("(cross-list from cs.LG)", "(replaced)").
  const marker = dt.textContent ?? '';
  if (/\(cross-list from/i.test(marker)) return 'cross-list';
  if (/\(replaced\)/i.test(marker)) return 'replacement';
  return null;
}

/* ------------------------------------------------------------------ search results */

function searchCards(root: ParentNode): Element[] {
  const cards: Element[] = [];
  // The id link ("arXiv:2512.03003") is the stable part; its <li> is the card.
  for (const link of selectWithRoot(root, 'a[href*="/abs/"]')) {
    if (!/^\s*arXiv:/i.test(link.textContent ?? '')) continue;
    const li = link.closest('li');
    if (li && (li === root || (root as Node).contains(li))) cards.push(li);
  }
  return inDocumentOrder(cards);
}

/** Leaves out the "△ Less" / "▽ More" toggles (links without an href) inside search abstracts. */
const skipToggle = (el: Element): boolean => el.localName === 'a' && !el.hasAttribute('href');

const isDoiHref = (href: string): boolean => href.includes('doi.org/10.');

interface SearchParts {
  title: Element | null;
  authors: Element | null;
  /** The `<p>` around both abstracts, and the full one in it (`span#<id>v<n>-abstract-full`). */
  abstract: Element | null;
  full: Element | null;
  dates: Element | null;
  /** The header `<div>`s: id link, category tags, DOI tag. */
  header: Element[];
}

/** The full abstract inside the abstract `<p>`: by its id (`2512.03003v1-abstract-full`), else its class. */
function fullAbstractOf(p: Element): Element | null {
  for (let el = p.firstElementChild; el; el = el.nextElementSibling) {
    if ((el.getAttribute('id') ?? '').endsWith('-abstract-full') || hasClass(el, 'abstract-full')) return el;
  }
  return null;
}

/**
 * One pass over a result's children. arXiv's block names (`p.title`, `p.authors`, `p.abstract`) first; where
 * they are gone, what the blocks hold: author links, the full abstract's id, "Submitted …", and for the title
 * the first other `<p>` without links.
 */
function searchParts(li: Element): SearchParts {
  const parts: SearchParts = { title: null, authors: null, abstract: null, full: null, dates: null, header: [] };
  const unnamed: Element[] = [];
  for (let el = li.firstElementChild; el; el = el.nextElementSibling) {
    if (el.localName === 'div') parts.header.push(el);
    else if (el.localName !== 'p') continue;
    else if (hasClass(el, 'title')) parts.title ??= el;
    else if (hasClass(el, 'authors')) parts.authors ??= el;
    else if (hasClass(el, 'abstract')) parts.abstract ??= el;
    else unnamed.push(el);
  }
  for (const p of unnamed) {
    if (!parts.authors && findLink(p, isAuthorHref)) parts.authors = p;
    else if (!parts.abstract && fullAbstractOf(p)) parts.abstract = p;
    else if (!parts.dates && /^\s*Submitted\b/.test(p.textContent ?? '')) parts.dates = p;
    else if (!parts.title && !findLink(p, () => true)) parts.title = p;
  }
  parts.full = parts.abstract ? fullAbstractOf(parts.abstract) : null;
  return parts;
}

function extractSearchCard(li: Element, context: CardContext<ArxivPage>): PaperRecordInput {
  const absLink = findLink(li, isAbsHref);
  const ref = arxivIdFromUrl(absLink?.getAttribute('href') ?? '', context.url.href);
  if (!ref) throw new Error('search result without an /abs/ link');
  const parts = searchParts(li);
  const authors = authorNames(parts.authors);
  // "…, et al. (11 additional authors not shown)": the page states how many more there are.
  const more = /\((\d[\d,]*) additional authors? not shown\)/.exec(parts.authors?.textContent ?? '');
  // The full abstract's id carries the version the result shows ("2512.03003v1-abstract-full").
  const version = /v(\d+)-abstract/.exec(parts.full?.getAttribute('id') ?? '');
  // Category tags carry their name in data-tooltip; they and the DOI tag sit in the header, above the abstract
  // (whose links may cite other DOIs).
  const categories: string[] = [];
  let doiLink: Element | null = null;
  for (const block of parts.header) {
    for (const tag of block.getElementsByTagName('span')) {
      if (!tag.hasAttribute('data-tooltip')) continue;
      const code = collapse(tag.textContent ?? '');
      if (code && !categories.includes(code)) categories.push(code);
    }
    doiLink ??= findLink(block, isDoiHref);
  }
  const dates = rawText(parts.dates ?? li);
  const firstVersion = /v1\s+submitted\s+([^;]+);/i.exec(dates);
  const submitted = /Submitted\s+([^;]+);/.exec(dates);
  const record = {
    arxivId: ref.id,
    version: ref.version ?? (version ? Number(version[1]) : null),
    doi: doiLink ? normalizeDoi(doiLink.getAttribute('href') ?? '') : null,
    title: textOf(parts.title) ?? '',
    authors,
    authorCount: authors.length + (more ? Number((more[1] as string).replace(/,/g, '')) : 0),
    abstract: textOf(parts.full, skipToggle) ?? textOf(parts.abstract, skipToggle),
    published: isoDate(firstVersion?.[1] ?? submitted?.[1]),
    url: absoluteUrl(absLink?.getAttribute('href'), context.url),
    pdfUrl: absoluteUrl(findLink(li, isPdfHref)?.getAttribute('href'), context.url),
    codeUrl: null,
    projectUrl: null,
    categories,
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    githubStars: null,
    keywords: [],
  };
  return { id: canonicalIdOf(record) ?? '', ...record, source: sourceOf(context) };
}

/* ------------------------------------------------------------------ abstract page */

function absCards(root: ParentNode): Element[] {
  const node = root as Node;
  // The whole page is the one card: #abs when the body is there, else <html> (the head-only fixture).
  if (node.nodeType === 9) {
    const doc = node as Document;
    const card = doc.querySelector('#abs') ?? doc.documentElement;
    return card ? [card] : [];
  }
  return selectWithRoot(root, '#abs');
}

/**
 * An abstract page's title: its citation meta, then Open Graph's (twitter:title is cut short), the page's heading,
 * and last the document title less its "[id] " prefix. Meta values were already cleaned of script blocks
 * (`readMeta`): one that held nothing else is passed over for the next source instead of costing the card.
 */
function absTitle(meta: Map<string, string[]>, doc: Document): string {
  for (const key of ['citation_title', 'og:title']) {
    for (const value of meta.get(key) ?? []) {
      const cleaned = plainText(value);
      if (cleaned) return cleaned;
    }
  }
  const heading = textOf(doc.querySelector('h1.title'), skipDescriptor);
  if (heading) return plainText(heading);
  return plainText((textOf(doc.querySelector('head > title')) ?? '').replace(/^\[[^\]]*\]\s*/, ''));
}

function extractAbsCard(card: Element, context: CardContext<ArxivPage>): PaperRecordInput {
  const meta = context.page.meta;
  const doc = documentOf(card);
  const ref =
    arxivIdFromUrl(`https://arxiv.org/abs/${firstMeta(meta, 'citation_arxiv_id') ?? ''}`) ??
    arxivIdFromUrl(context.url.href);
  if (!ref) throw new Error('abstract page without an arXiv id');
  // The version shown: og:url ends in it ("…/abs/2106.09608v2"); citation_arxiv_id has none.
  const shown = arxivIdFromUrl(firstMeta(meta, 'og:url') ?? '');
  const metaAuthors = meta.get('citation_author') ?? [];
  const authors = metaAuthors.length
    ? metaAuthors.map(readerName).filter(Boolean)
    : [...(doc.querySelector('div.authors')?.getElementsByTagName('a') ?? [])].map((a) =>
        collapse(a.textContent ?? ''),
      );
  const journalDoi = doc.querySelector('td.doi a, td.msc_classes + td.doi a');
  const doi = normalizeDoi(firstMeta(meta, 'citation_doi') ?? journalDoi?.getAttribute('href') ?? '');
  const record = {
    arxivId: ref.id,
    version: ref.version ?? (shown && shown.id === ref.id ? shown.version : null),
    // An arXiv DOI (10.48550/arXiv.<id>) is the id itself, not a journal DOI.
    doi: doi && !doi.startsWith('10.48550/') ? doi : null,
    title: absTitle(meta, doc),
    authors,
    authorCount: authors.length,
    abstract: firstMeta(meta, 'citation_abstract') ?? textOf(doc.querySelector('blockquote.abstract'), skipDescriptor),
    // citation_date is the first version's date; citation_online_date the latest version's.
    published: isoDate(firstMeta(meta, 'citation_date', 'citation_publication_date')),
    url: `https://arxiv.org/abs/${ref.id}`,
    pdfUrl: absoluteUrl(firstMeta(meta, 'citation_pdf_url'), context.url),
    codeUrl: null,
    projectUrl: null,
    categories: subjectCodes(doc.querySelector('td.subjects')),
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    githubStars: null,
    keywords: [],
  };
  return { id: canonicalIdOf(record) ?? '', ...record, source: sourceOf(context) };
}

/* ------------------------------------------------------------------ adapter */

function sourceOf(context: CardContext<ArxivPage>): PaperRecordInput['source'] {
  return { site: 'arxiv', pageUrl: context.url.href, section: context.section, rank: context.rank };
}

export const arxiv: Adapter<ArxivPage> = {
  id: 'arxiv',
  matches: (url) => kindFromUrl(url) !== null,
  detect(root, url) {
    const kind = kindFromUrl(url);
    if (kind === 'arxiv-listing') return root.querySelector('#dlpage, dl') ? kind : null;
    if (kind === 'arxiv-search') return root.querySelector('ol, li') ? kind : null;
    if (kind === 'arxiv-abs') return root.querySelector('meta[name="citation_title"], h1') ? kind : null;
    return null;
  },
  readPage(root, _url, kind) {
    const doc = documentOf(root);
    if (kind === 'arxiv-abs') return { listingDate: null, meta: readMeta(doc) };
    let listingDate: string | null = null;
    if (kind === 'arxiv-listing') {
      // The first dated heading of #dlpage ("Showing new listings for Tuesday, 22 September 2026"): headings sit
      // in #dlpage or in its <dl>s, so two levels are read, never the whole 2,000-entry tree (bench/extract.bench.ts).
      const dlpage = doc.getElementById('dlpage');
      const isHeading = (el: Element) => el.localName === 'h2' || el.localName === 'h3';
      for (let el = dlpage?.firstElementChild ?? null; el && !listingDate; el = el.nextElementSibling) {
        if (isHeading(el)) listingDate = isoDate(el.textContent);
        for (let inner = el.firstElementChild; inner && !listingDate; inner = inner.nextElementSibling) {
          if (isHeading(inner)) listingDate = isoDate(inner.textContent);
        }
      }
    }
    return { listingDate, meta: new Map() };
  },
  findCards(root, _url, kind) {
    if (kind === 'arxiv-listing') return listingCards(root);
    if (kind === 'arxiv-search') return searchCards(root);
    if (kind === 'arxiv-abs') return absCards(root);
    return [];
  },
  sectionOf: (card, kind) => (kind === 'arxiv-listing' ? listingSection(card) : null),
  extractCard(card, context) {
    if (context.kind === 'arxiv-listing') return extractListingCard(card, context);
    if (context.kind === 'arxiv-search') return extractSearchCard(card, context);
    return extractAbsCard(card, context);
  },
  testUrls: {
    matching: [
      'https://arxiv.org/list/cond-mat.mtrl-sci/new',
      'https://arxiv.org/list/cs/new',
      'https://arxiv.org/list/cs.LG/recent',
      'https://arxiv.org/list/hep-th/pastweek?show=2000',
      'https://arxiv.org/list/cs/2301?skip=0&show=3',
      'https://arxiv.org/list/cs/9101',
      'https://arxiv.org/list/math.AG/2024-01',
      'https://arxiv.org/catchup/cs.CL/2026-09-20',
      'https://arxiv.org/catchup?smonth=09&group=grp_&sday=20&num=50&archive=cs&method=with&syear=2026',
      'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&abstracts=show&size=200&order=',
      'https://arxiv.org/search/advanced?advanced=&terms-0-term=diffusion&terms-0-field=title',
      'https://arxiv.org/abs/2106.09608',
      'https://arxiv.org/abs/2106.09608v2',
      'https://arxiv.org/abs/hep-th/9901001',
      'https://export.arxiv.org/abs/1902.02534',
    ],
  },
};
