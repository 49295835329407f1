/**
 * scholar.google.com: search results (`/scholar?q=…`, `cites=`, `cluster=`) and author profiles (`/citations?user=…`).
 * Facts in ../shared/SITES.md ("Google Scholar"); fixtures of 2016, 2020 and 2024 results and a 2015 profile in
 * ../shared/fixtures/scholar. Scholar gives no embedded metadata on these pages: the card's own parts (`h3` title,
 * `gs_a` byline, links) are what there is. Most cards have no DOI or arXiv id: a link to arxiv.org or doi.org, or a
 * publisher path holding a DOI, gives one where present; else the result's link is the id.
 */
import type { PaperRecordInput } from '../paper/schema';
import { collapse, inDocumentOrder, selectWithRoot, textOf } from './dom';
import { addIdsOfHref, listingRecord, noIds } from './record';
import type { Adapter, CardContext, PageKind } from './types';

// scholar.google.com and the country hosts (scholar.google.co.uk, scholar.google.com.au, scholar.google.de).
const HOST = /^scholar\.google\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/;

function kindFromUrl(url: URL): PageKind | null {
  if (!HOST.test(url.hostname)) return null;
  const params = url.searchParams;
  if (url.pathname === '/scholar' && (params.has('q') || params.has('cites') || params.has('cluster'))) {
    return 'scholar-results';
  }
  if (url.pathname === '/citations' && params.has('user')) {
    // One article's own page (view_op=view_citation) and the co-author lists are not the list of works.
    const view = params.get('view_op');
    if (view === null || view === 'list_works') return 'scholar-profile';
  }
  return null;
}

/* ------------------------------------------------------------------ results */

/**
 * A result's body: Scholar's `gs_ri` (the same name in 2016, 2020 and 2024), or where that name is gone, a block
 * holding one `h3` title and a link that only a result has: "Cited by" (`cites=`), "Related articles" (`related:`)
 * or "All N versions" (`cluster=`). The year-filter header and "Create alert" have neither.
 */
function resultBodies(root: ParentNode): Element[] {
  const bodies = new Set<Element>(selectWithRoot(root, '.gs_ri'));
  for (const link of selectWithRoot(root, 'a[href*="cites="], a[href*="related:"], a[href*="cluster="]')) {
    for (let el = link.parentElement, hops = 0; el && hops < 3; el = el.parentElement, hops++) {
      const headings = el.getElementsByTagName('h3');
      if (headings.length > 1) break;
      if (headings.length === 1) {
        bodies.add(el);
        break;
      }
    }
  }
  return [...bodies].filter((body) => body.getElementsByTagName('h3').length === 1);
}

/**
 * The card around a body: the `[data-cid]` block (2020 on), else the body's parent when it holds this result alone
 * (2016: the row with the full-text link beside the body), else the body.
 */
function resultCards(root: ParentNode): Element[] {
  const cards = new Set<Element>();
  for (const body of resultBodies(root)) {
    const parent = body.parentElement;
    const holdsOne = parent !== null && parent !== root && parent.getElementsByTagName('h3').length === 1;
    const card = body.closest('[data-cid]') ?? (holdsOne ? parent : body);
    // A body inside another body's card (a name kept and a link found for the same result) is the same card.
    cards.add(card);
  }
  const found = inDocumentOrder(cards);
  return found.filter((card) => !found.some((other) => other !== card && other.contains(card)));
}

// "[PDF]", "[HTML]", "[BOOK][B]", "[CITATION][C]" mark a result's kind, not its title.
const KIND_TAGS = /^(?:\s*\[[A-Z]+\])+\s*/;

/**
 * A venue as Scholar shows it, or null where Scholar cut it short with "…" (results) or "..." (profiles):
 * "Proceedings of the …" is no venue to cite, and a record keeps no guess.
 */
const completeVenue = (text: string | null): string | null => {
  const venue = text?.trim();
  return venue && !/^(?:…|\.\.\.)|(?:…|\.\.\.)$/.test(venue) ? venue : null;
};

/** "A Ram, R Prasad, C Khatri, A Venkatesh… - arXiv preprint arXiv …, 2018 - arxiv.org" in its three parts. */
export function splitByline(text: string): { authors: string[]; venue: string | null; year: string | null } {
  // Scholar separates the parts with " - " (a no-break space before the dash in 2020); names hold no spaced dash.
  const parts = collapse(text).split(/\s+-\s+/);
  const who = parts[0] ?? '';
  const authors = who
    .split(/\s*,\s*/)
    .map((name) => name.replace(/(?:…|\.\.\.)$/, '').trim())
    .filter((name) => name !== '' && name !== '…');
  let venue: string | null = null;
  let year: string | null = null;
  // With three parts the middle one is "venue, year"; with two, the second is that or the host alone.
  const middle = parts.length >= 3 ? (parts[1] as string) : parts.length === 2 ? (parts[1] as string) : null;
  if (middle) {
    const m = /^(?:(.*?),\s*)?((?:1[5-9]|20)\d{2})$/.exec(middle.trim());
    if (m) {
      year = m[2] as string;
      venue = m[1] ?? null;
    } else if (parts.length >= 3) venue = middle;
  }
  venue = completeVenue(venue);
  return { authors, venue, year };
}

function extractResult(card: Element, context: CardContext): PaperRecordInput {
  const heading = card.querySelector('h3');
  // The body holds the title and the links under it; the full-text link sits beside it, in the card.
  const body = heading?.parentElement ?? card;
  if (!heading) throw new Error('result without a title heading');
  const titleLink = heading.querySelector('a[href]');
  // A [CITATION] result has no link: its title is the span that carries the cluster id.
  const titleText = textOf(titleLink ?? heading.querySelector('span[id]') ?? heading) ?? '';
  const title = titleText.replace(KIND_TAGS, '');
  let byline: Element | null = body.querySelector('.gs_a');
  if (!byline && heading.nextElementSibling?.localName === 'div') byline = heading.nextElementSibling;
  const { authors, venue, year } = splitByline(byline?.textContent ?? '');

  const ids = noIds();
  const url = titleLink ? (new URL(titleLink.getAttribute('href') as string, context.url).href ?? null) : null;
  addIdsOfHref(ids, url, context.url);
  // The full-text link beside the result ("[PDF] arxiv.org"): outside the body, in the card.
  let pdfUrl: string | null = null;
  let clusterUrl: string | null = null;
  for (const link of card.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') as string;
    if (!body.contains(link)) {
      addIdsOfHref(ids, href, context.url);
      if (!pdfUrl && /\[PDF\]/.test(link.textContent ?? '')) pdfUrl = new URL(href, context.url).href;
      continue;
    }
    // "Cited by N" and "All N versions" name the cluster: the result's page on Scholar when it links nowhere else.
    const cluster = /[?&](?:cites|cluster)=(\d+)/.exec(href);
    if (cluster && !clusterUrl) clusterUrl = `https://${context.url.hostname}/scholar?cluster=${cluster[1]}`;
  }
  // "arXiv preprint arXiv:1910.07931", and dblp's "CoRR, abs/1206.5538" (2016 fixture), in the byline name the
  // arXiv paper even where the link goes elsewhere or nowhere.
  const preprint = /(?:\barXiv:\s*|\bCoRR,?\s+abs\/)(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})\b/.exec(byline?.textContent ?? '');
  if (!ids.arxivId && preprint) ids.arxivId = preprint[1] as string;
  if (!pdfUrl && titleLink && /^\s*\[PDF\]/.test(heading.textContent ?? '')) pdfUrl = url;
  return listingRecord(
    'scholar',
    { ids, title, authors, published: year, url: url ?? clusterUrl, pdfUrl, venue },
    context,
  );
}

/* ------------------------------------------------------------------ profile */

/** A profile's works: the rows of its table with a link to an article (`citation_for_view=`). */
function profileRows(root: ParentNode): Element[] {
  const rows: Element[] = [];
  for (const link of selectWithRoot(root, 'a[href*="citation_for_view="]')) {
    const row = link.closest('tr');
    if (row) rows.push(row);
  }
  return inDocumentOrder(rows);
}

function extractProfileRow(row: Element, context: CardContext): PaperRecordInput {
  const link = row.querySelector('a[href*="citation_for_view="]') as Element;
  const href = new URL(link.getAttribute('href') as string, context.url);
  const article = href.searchParams.get('citation_for_view');
  if (!article) throw new Error('profile row without an article id');
  // The article's page, with only what names it: the same URL whatever the page's sort, size or language.
  const url = `https://${context.url.hostname}/citations?view_op=view_citation&citation_for_view=${article}`;
  // Under the title: the authors, then the venue ending in its year (`span.gs_oph` ", 2015").
  const lines = [...(link.parentElement?.children ?? [])].filter((el) => el !== link && el.localName === 'div');
  const authors = (textOf(lines[0]) ?? '')
    .split(/\s*,\s*/)
    .map((name) => name.replace(/(?:…|\.\.\.)$/, '').trim())
    .filter(Boolean);
  const venueLine = lines[1] ? (textOf(lines[1], (el) => el.localName === 'span') ?? '') : '';
  // The year column; the venue line's year where the column is gone.
  const yearText = [...row.children].map((cell) => collapse(cell.textContent ?? '')).find((t) => /^\d{4}$/.test(t));
  const year = yearText ?? /,\s*(\d{4})\s*$/.exec(textOf(lines[1]) ?? '')?.[1] ?? null;
  return listingRecord(
    'scholar',
    { ids: noIds(), title: textOf(link) ?? '', authors, published: year, url, venue: completeVenue(venueLine) },
    context,
  );
}

/* ------------------------------------------------------------------ adapter */

/** Scholar's robot check stands where the results should be: a reCAPTCHA form in the main column. */
function robotCheck(root: ParentNode): boolean {
  if (root.querySelector('#gs_captcha_ccl, #gs_captcha_f, form[action*="/sorry/"]')) return true;
  for (const h1 of root.querySelectorAll('h1')) if (/not a robot/i.test(h1.textContent ?? '')) return true;
  return false;
}

export const scholar: Adapter = {
  id: 'scholar',
  matches: (url) => kindFromUrl(url) !== null,
  detect: (_root, url) => kindFromUrl(url),
  blocked: (root) =>
    robotCheck(root)
      ? 'Google Scholar is asking you to prove you are not a robot: answer it, then reload the page.'
      : null,
  readPage: () => null,
  findCards: (root, _url, kind) => (kind === 'scholar-profile' ? profileRows(root) : resultCards(root)),
  sectionOf: () => null,
  extractCard: (card, context) =>
    context.kind === 'scholar-profile' ? extractProfileRow(card, context) : extractResult(card, context),
  testUrls: {
    matching: [
      'https://scholar.google.com/scholar?q=%22Learning+deep+architectures+for+AI%22&hl=en&num=1&as_sdt=0,5',
      'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=conversational+ai&btnG=',
      'https://scholar.google.com/scholar?cites=16044448557463778378&as_sdt=2005&sciodt=0,5&hl=en',
      'https://scholar.google.com/scholar?cluster=16044448557463778378&hl=en',
      'https://scholar.google.co.uk/scholar?q=dialogue',
      'https://scholar.google.com/citations?user=_0aMq28AAAAJ&hl=en',
      'https://scholar.google.com/citations?hl=en&user=_0aMq28AAAAJ&view_op=list_works&sortby=pubdate&cstart=0&pagesize=100',
    ],
  },
};
