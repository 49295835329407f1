/**
 * PubMed and PubMed Central (ncbi.nlm.nih.gov): PubMed search results, an article's page (today's
 * pubmed.ncbi.nlm.nih.gov and the legacy www.ncbi.nlm.nih.gov/pubmed pages of 2009 and 2015), and PMC search results.
 * Facts in ../shared/SITES.md ("PubMed and PubMed Central"); fixtures in ../shared/fixtures/pubmed.
 * The PMID is in every link to an article (`/<pmid>/`, `/pubmed/<pmid>`) and in the page's `ncbi_uidlist` meta;
 * PMID, PMCID and DOI name one paper and all are kept (the id by rank: DOI, then PMID, then PMCID).
 */
import { normalizeDoi } from '../paper/ids';
import type { PaperRecordInput } from '../paper/schema';
import { collapse, documentOf, firstMeta, inDocumentOrder, readerName, readMeta, selectWithRoot, textOf } from './dom';
import { listingRecord, noIds } from './record';
import type { Adapter, CardContext, PageKind } from './types';

function kindFromUrl(url: URL): PageKind | null {
  const host = url.hostname;
  const path = url.pathname;
  const term = url.searchParams.has('term');
  if (host === 'pubmed.ncbi.nlm.nih.gov') {
    if (/^\/\d{1,9}\/?$/.test(path)) return 'pubmed-article';
    if (path === '/' && term) return 'pubmed-search';
    return null;
  }
  if (host === 'pmc.ncbi.nlm.nih.gov') return /^\/search\/?$/.test(path) && term ? 'pmc-search' : null;
  if (host !== 'www.ncbi.nlm.nih.gov' && host !== 'ncbi.nlm.nih.gov') return null;
  if (/^\/pubmed\/\d{1,9}\/?$/.test(path)) return 'pubmed-article';
  if (/^\/pubmed\/?$/.test(path) && term) return 'pubmed-search';
  if (/^\/pmc\/?$/.test(path) && term) return 'pmc-search';
  // Entrez of 2009: /sites/entrez?db=pmc&term=…, ?Db=pubmed&…
  if (path === '/sites/entrez') {
    const db = (url.searchParams.get('db') ?? url.searchParams.get('Db') ?? '').toLowerCase();
    if (db === 'pmc' && term) return 'pmc-search';
    if (db === 'pubmed' && term) return 'pubmed-search';
  }
  return null;
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** A date as NCBI writes one, year first: "2023 Nov 21", "2006 August 1", "2015 Mar" (→ 2015-03), "2009". */
export function ncbiDate(text: string | null | undefined): string | null {
  const m = /\b((?:1[89]|20)\d{2})(?:\s+([A-Z][a-z]{2,8})\.?(?:\s+(\d{1,2}))?)?\b/.exec(text ?? '');
  if (!m) return null;
  const month = m[2] ? MONTHS.indexOf((m[2] as string).slice(0, 3).toLowerCase()) + 1 : 0;
  if (!month) return m[1] as string;
  const mm = String(month).padStart(2, '0');
  return m[3] ? `${m[1]}-${mm}-${(m[3] as string).padStart(2, '0')}` : `${m[1]}-${mm}`;
}

const DOI_IN_TEXT = /\bdoi:\s*(10\.\d{4,9}\/\S+?)\.?(?:\s|$)/i;

/**
 * The DOI a card states ("doi: 10.1113/jphysiol.2006.110320."), read from the text of the element that holds it: a DOI has
 * no end mark of its own, and in the card's whole text the next element's words would run into it.
 */
function doiInCard(card: Element): string | null {
  for (const el of card.querySelectorAll('span, div, p, dd, em')) {
    // The element's own text nodes: 2015's citation line holds a journal link before its "doi: …".
    let own = '';
    for (let child = el.firstChild; child; child = child.nextSibling) if (child.nodeType === 3) own += child.nodeValue;
    const m = DOI_IN_TEXT.exec(collapse(own));
    if (m) return normalizeDoi(m[1] as string);
  }
  return null;
}

/** "Lightbourne A, Foley S, Dempsey M, Cronin M." and "Bardy C, Huang JY, and Dreher B" as names. */
function splitAuthors(text: string | null): string[] {
  return (text ?? '')
    .replace(/\.\s*$/, '')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((name) => name.trim())
    .filter((name) => name && !/^et al\.?$/i.test(name));
}

/* ------------------------------------------------------------------ search */

/** The PMID a link opens: `/37988744/` (today), `/pubmed/15940349` (legacy), absolute or relative. */
function pmidOfHref(href: string | null): string | null {
  const m = href
    ? /^(?:https?:\/\/(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov\/pubmed))?\/(?:pubmed\/)?(\d{1,9})\/?$/.exec(
        href.trim(),
      )
    : null;
  return m ? (m[1] as string) : null;
}

/** A result: around each title link that carries its PMID (`data-article-id`, or a heading's link to `/<pmid>/`). */
function searchCards(root: ParentNode): Element[] {
  const cards = new Set<Element>();
  for (const link of selectWithRoot(root, 'a[href]')) {
    const pmid = pmidOfHref(link.getAttribute('href'));
    if (!pmid) continue;
    const titled =
      link.getAttribute('data-article-id') === pmid || link.parentElement?.closest('h1, h2, h3, p') !== null;
    if (!titled) continue;
    const card = link.closest('article') ?? link.parentElement?.parentElement ?? null;
    if (card) cards.add(card);
  }
  return inDocumentOrder(cards);
}

function extractSearchResult(card: Element, context: CardContext): PaperRecordInput {
  let title: Element | null = null;
  let pmid: string | null = null;
  for (const link of card.querySelectorAll('a[href]')) {
    pmid = pmidOfHref(link.getAttribute('href'));
    if (pmid) {
      title = link;
      break;
    }
  }
  if (!title || !pmid) throw new Error('result without a link to its article');
  // PubMed writes each of these twice, full and short; the full one comes first.
  const authors = textOf(card.querySelector('.full-authors, .docsum-authors, .desc'));
  const citation =
    textOf(card.querySelector('.full-journal-citation, .docsum-journal-citation, .jrnl, .details')) ?? '';
  const ids = noIds();
  ids.pmid = pmid;
  ids.doi = doiInCard(card);
  return listingRecord(
    'pubmed',
    {
      ids,
      // PubMed ends every title with a full stop of its own.
      title: (textOf(title) ?? '').replace(/(?<!\.)\.$/, ''),
      authors: splitAuthors(authors),
      published: ncbiDate(citation),
      url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`,
      // "Qual Health Res. 2023 Nov 21:…": the journal's abbreviation before its first full stop.
      venue: /^([^.]+)\./.exec(citation)?.[1] ?? null,
    },
    context,
  );
}

/* ------------------------------------------------------------------ article page */

/**
 * The article's own block: on today's pages the document (its citation meta says everything); on legacy pages the
 * block around the author links (`…[Author]` searches) and the heading above them: not the logo's h1, and not the
 * "Related articles" list, which has neither.
 */
function articleCards(root: ParentNode): Element[] {
  const node = root as Node;
  if (node.nodeType !== 9) return [];
  const doc = node as Document;
  if (doc.querySelector('meta[name="citation_title"]') && doc.body) return [doc.body];
  for (const link of doc.querySelectorAll('a[href*="Author"]')) {
    if (!/(?:\[|%5B)Author(?:\]|%5D)/i.test(link.getAttribute('href') ?? '')) continue;
    for (let el = link.parentElement; el && el.localName !== 'body'; el = el.parentElement) {
      if (el.querySelector('h1, h2')) return [el];
    }
  }
  return [];
}

function extractArticle(card: Element, context: CardContext): PaperRecordInput {
  const doc = documentOf(card);
  const meta = readMeta(doc);
  const ids = noIds();
  const fromUrl = /\/(\d{1,9})\/?$/.exec(context.url.pathname)?.[1] ?? null;
  ids.pmid = firstMeta(meta, 'citation_pmid', 'ncbi_uidlist') ?? fromUrl;
  if (ids.pmid && !/^\d{1,9}$/.test(ids.pmid)) ids.pmid = fromUrl;
  if (!ids.pmid) throw new Error('article page without a PMID');
  const metaTitle = firstMeta(meta, 'citation_title');
  if (metaTitle) {
    ids.doi = normalizeDoi(firstMeta(meta, 'citation_doi') ?? '');
    const names = (meta.get('citation_author') ?? []).map(readerName);
    const listed = firstMeta(meta, 'citation_authors');
    return listingRecord(
      'pubmed',
      {
        ids,
        title: metaTitle.replace(/(?<!\.)\.$/, ''),
        authors: names.length ? names : (listed ?? '').split(/\s*;\s*/).filter(Boolean),
        abstract: firstMeta(meta, 'citation_abstract') ?? textOf(doc.querySelector('#abstract, .abstract-content')),
        published: ncbiDate(firstMeta(meta, 'citation_date', 'citation_publication_date')) ?? null,
        url: `https://pubmed.ncbi.nlm.nih.gov/${ids.pmid}/`,
        venue: firstMeta(meta, 'citation_journal_title'),
      },
      context,
    );
  }
  // Legacy: the heading, the author links, the abstract; the citation line ("Psychoneuroendocrinology. 2015 Mar 12;…").
  const heading = card.querySelector('h1, h2');
  const authors: string[] = [];
  for (const link of card.querySelectorAll('a[href*="Author"]')) {
    const name = textOf(link);
    if (name) authors.push(name);
  }
  const citation = textOf(card.querySelector('.cit')) ?? '';
  const text = textOf(card) ?? '';
  ids.doi = doiInCard(card);
  const pmc = /\bPMCID:\s*(PMC\d+)/.exec(text);
  if (pmc) ids.pmcid = pmc[1] as string;
  // The abstract: 2009's p.abstract, 2015's div.abstr less its "Abstract" heading and copyright line.
  const abstractBlock = card.querySelector('p.abstract, .abstr');
  let abstract: string | null = null;
  if (abstractBlock) {
    const paragraphs = [...abstractBlock.querySelectorAll('p')].filter(
      (p) => !/^Copyright\b|^©/.test(collapse(p.textContent ?? '')),
    );
    abstract = paragraphs.length
      ? paragraphs
          .map((p) => textOf(p))
          .filter(Boolean)
          .join('\n\n')
      : textOf(abstractBlock);
  }
  return listingRecord(
    'pubmed',
    {
      ids,
      title: (textOf(heading) ?? '').replace(/(?<!\.)\.$/, ''),
      authors,
      abstract,
      published: ncbiDate(citation.replace(/^[^.]*\.\s*/, '')),
      url: `https://pubmed.ncbi.nlm.nih.gov/${ids.pmid}/`,
      venue: /^([^.]+)\./.exec(citation)?.[1] ?? null,
    },
    context,
  );
}

/* ------------------------------------------------------------------ PMC search */

/** The PMC article a link opens: `articlerender.fcgi?artid=1817736` (2009), `/pmc/articles/PMC1817736/` (today). */
function pmcidOfHref(href: string | null): string | null {
  if (!href) return null;
  const render = /[?&]artid=(\d{1,9})\b/.exec(href);
  if (render && /(?:articlerender|picrender|pagerender)\.fcgi/.test(href)) return `PMC${render[1]}`;
  const article = /\/(?:pmc\/)?articles\/(PMC\d{1,9})\b/i.exec(href);
  return article ? (article[1] as string).toUpperCase() : null;
}

/**
 * A PMC result: around the links to one article (Abstract, Full Text, PDF), the highest block that holds links to
 * that article only. By the links' artid, not by the entry's class names or its "PMCID:" label.
 */
function pmcCards(root: ParentNode): Element[] {
  // The card of a PMCID link is its highest ancestor that holds links to no other PMCID. One pass marks each
  // ancestor with the one PMCID below it (null: several), instead of listing every ancestor's links for every link.
  const owner = new Map<Element, string | null>();
  const first: [Element, string][] = [];
  const seen = new Set<string>();
  for (const link of selectWithRoot(root, 'a[href]')) {
    const pmcid = pmcidOfHref(link.getAttribute('href'));
    if (!pmcid) continue;
    if (!seen.has(pmcid)) {
      seen.add(pmcid);
      first.push([link, pmcid]);
    }
    for (let el = link.parentElement; el && el.localName !== 'body' && el !== root; el = el.parentElement) {
      const had = owner.get(el);
      // Met a block that holds several: every block above it does too.
      if (had === null) break;
      if (had === undefined) owner.set(el, pmcid);
      else if (had !== pmcid) owner.set(el, null);
    }
  }
  const cards = new Set<Element>();
  for (const [link, pmcid] of first) {
    let card: Element | null = null;
    for (let el = link.parentElement; el && owner.get(el) === pmcid; el = el.parentElement) card = el;
    if (card) cards.add(card);
  }
  return inDocumentOrder(cards);
}

/** The first block of a result with text of its own: the title, where the entry names none (`toc-title`). */
function firstTextBlock(card: Element): Element | null {
  for (const el of card.querySelectorAll('div, h2, h3, p')) {
    if (el.firstElementChild === null && collapse(el.textContent ?? '')) return el;
  }
  return null;
}

function extractPmcResult(card: Element, context: CardContext): PaperRecordInput {
  let pmcid: string | null = null;
  let pdfUrl: string | null = null;
  for (const link of card.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') as string;
    pmcid ??= pmcidOfHref(href);
    if (!pdfUrl && /picrender\.fcgi|\/pdf\//.test(href)) pdfUrl = new URL(href, context.url).href;
  }
  if (!pmcid) throw new Error('result without a link to its article');
  // Block by block (textOf): "doi: 10.1113/jphysiol.2006.110320." and "PMCID: …" are separate lines, not one word.
  const text = textOf(card) ?? '';
  const ids = noIds();
  ids.pmcid = pmcid;
  ids.doi = doiInCard(card);
  const pmid = /\bPMID:\s*(\d{1,9})/.exec(text);
  if (pmid) ids.pmid = pmid[1] as string;
  const title = card.querySelector('.toc-title, .title') ?? firstTextBlock(card);
  const authorLine = card.querySelector('.toc-author, .desc') ?? title?.nextElementSibling ?? null;
  const dateLine = card.querySelector('.toc-cit-date');
  return listingRecord(
    'pubmed',
    {
      ids,
      title: textOf(title) ?? '',
      authors: splitAuthors(textOf(authorLine)),
      published: ncbiDate(dateLine?.textContent ?? text),
      url: `https://www.ncbi.nlm.nih.gov/pmc/articles/${pmcid}/`,
      pdfUrl,
      venue: textOf(card.querySelector('.toc-cit-jour'))?.replace(/\.$/, '') ?? null,
    },
    context,
  );
}

export const pubmed: Adapter = {
  id: 'pubmed',
  matches: (url) => kindFromUrl(url) !== null,
  detect: (_root, url) => kindFromUrl(url),
  readPage: () => null,
  findCards(root, _url, kind) {
    if (kind === 'pubmed-article') return articleCards(root);
    if (kind === 'pmc-search') return pmcCards(root);
    return searchCards(root);
  },
  sectionOf: () => null,
  extractCard(card, context) {
    if (context.kind === 'pubmed-article') return extractArticle(card, context);
    if (context.kind === 'pmc-search') return extractPmcResult(card, context);
    return extractSearchResult(card, context);
  },
  testUrls: {
    matching: [
      'https://pubmed.ncbi.nlm.nih.gov/?term=endometriosis&sort=date&size=100',
      'https://pubmed.ncbi.nlm.nih.gov/37988744/',
      'http://www.ncbi.nlm.nih.gov/pubmed/15940349',
      'https://www.ncbi.nlm.nih.gov/pubmed/?term=cortisol',
      'http://www.ncbi.nlm.nih.gov/sites/entrez?db=pmc&term=vacuum%20rewarming',
      'https://www.ncbi.nlm.nih.gov/pmc/?term=cortisol',
      'https://pmc.ncbi.nlm.nih.gov/search/?term=cortisol',
    ],
  },
};
