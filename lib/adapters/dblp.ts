/**
 * dblp.org (and its mirrors dblp.uni-trier.de, dblp.dagstuhl.de): a person's page, search results, and a venue's
 * table of contents (`/db/conf/…`, `/db/journals/…`). Facts in ../shared/SITES.md ("dblp"); fixtures of a 2015
 * person page and a 2025 search in ../shared/fixtures/dblp.
 * Every record is schema.org microdata (`itemtype=…/ScholarlyArticle`, the dblp key in its `id`), the same on every
 * page kind and in both markups: title, authors, venue and year are read from its itemprops, never from classes.
 */
import { parseArxivId } from '../paper/ids';
import type { PaperRecordInput } from '../paper/schema';
import { collapse, inDocumentOrder, selectWithRoot, textOf } from './dom';
import { addIdsOfHref, listingRecord, noIds } from './record';
import type { Adapter, CardContext, PageKind } from './types';

const HOSTS = new Set(['dblp.org', 'www.dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de']);

function kindFromUrl(url: URL): PageKind | null {
  if (!HOSTS.has(url.hostname)) return null;
  const path = url.pathname;
  // /pid/77/4317.html (today), /pers/hd/c/Clauset:Aaron (2015), /pers/c/Clauset:Aaron.html
  if (/^\/(?:pid|pers)\/.+/.test(path)) return 'dblp-person';
  if (/^\/search\/?(?:publ\/?)?$/.test(path) && url.searchParams.has('q')) return 'dblp-search';
  // /db/conf/aaai/aaai2015.html, /db/journals/eswa/eswa142.html: one volume or proceedings. The venue's index page
  // (/db/conf/aaai/index.html) lists volumes, not papers, and has no record to read.
  if (/^\/db\/(?:conf|journals|series|books)\/[^/]+\/(?!index\.html$)[^/]+\.html$/.test(path)) return 'dblp-toc';
  return null;
}

/** A dblp record: the microdata item of a ScholarlyArticle whose id is its dblp key. */
const RECORD = '[itemtype$="schema.org/ScholarlyArticle"][id]';

/** The itemprops that belong to `item` itself, not to an item inside it (an author, the venue). */
function ownProps(item: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const el of item.querySelectorAll(`[itemprop~="${name}"]`)) {
    let scope = el.parentElement;
    while (scope && scope !== item && !scope.hasAttribute('itemscope')) scope = scope.parentElement;
    if (scope === item) found.push(el);
  }
  return found;
}

/** The name an item gives itself: its `itemprop=name`, the text or the title attribute (dblp 2025 has both). */
function nameOf(item: Element): string | null {
  const name = ownProps(item, 'name')[0];
  if (!name) return null;
  return textOf(name) ?? (collapse(name.getAttribute('title') ?? '') || null);
}

/**
 * The arXiv id of a CoRR key: `journals/corr/abs-1303-6372` → 1303.6372, `abs-physics-0610051` → physics/0610051,
 * `abs-cond-mat-0503087` → cond-mat/0503087. Keys of CoRR papers named like others (`journals/corr/PeelC15`) say
 * nothing: their arXiv link does.
 */
export function arxivIdOfDblpKey(key: string): string | null {
  const m = /^journals\/corr\/abs-(.+)$/.exec(key);
  if (!m) return null;
  const rest = m[1] as string;
  const modern = /^(\d{4})-(\d{4,5})$/.exec(rest);
  if (modern) return parseArxivId(`${modern[1]}.${modern[2]}`)?.id ?? null;
  const legacy = /^([a-z]+(?:-[a-z]+)*)-(\d{7})$/.exec(rest);
  return legacy ? (parseArxivId(`${legacy[1]}/${legacy[2]}`)?.id ?? null) : null;
}

function extractRecord(item: Element, context: CardContext): PaperRecordInput {
  const key = item.getAttribute('id') ?? '';
  if (!/^[a-z]+\/[^\s]+$/.test(key)) throw new Error('record without a dblp key');
  const ids = noIds();
  ids.dblp = key;
  ids.arxivId = arxivIdOfDblpKey(key);
  // Electronic editions (`itemprop=url` links: DOI, arXiv, the publisher) name the paper; the first is its link.
  let url: string | null = null;
  for (const link of ownProps(item, 'url')) {
    const href = link.getAttribute('href');
    if (!href) continue;
    addIdsOfHref(ids, href, context.url);
    url ??= new URL(href, context.url).href;
  }
  const authors: string[] = [];
  for (const author of ownProps(item, 'author')) {
    const name = nameOf(author) ?? textOf(author);
    if (name) authors.push(name);
  }
  // The venue: the Periodical (journals) or Series/Book (proceedings) the record is part of, never its volume.
  let venue: string | null = null;
  for (const part of ownProps(item, 'isPartOf')) {
    if (/PublicationVolume|PublicationIssue/.test(part.getAttribute('itemtype') ?? '')) continue;
    venue = nameOf(part);
    if (venue) break;
  }
  const year = /^\d{4}$/.exec(collapse(ownProps(item, 'datePublished')[0]?.textContent ?? ''));
  // dblp ends every title with a full stop ("… Evolving Networks."), its own style, not the paper's.
  const title = (nameOf(item) ?? '').replace(/(?<![.!?]\.)\.$/, '');
  const page = `https://dblp.org/rec/${key}.html`;
  return listingRecord(
    'dblp',
    { ids, title, authors, published: year ? year[0] : null, url: url ?? page, venue },
    context,
  );
}

export const dblp: Adapter = {
  id: 'dblp',
  matches: (url) => kindFromUrl(url) !== null,
  detect: (_root, url) => kindFromUrl(url),
  readPage: () => null,
  findCards: (root) => inDocumentOrder(selectWithRoot(root, RECORD)),
  sectionOf: () => null,
  extractCard: extractRecord,
  testUrls: {
    matching: [
      'http://dblp.uni-trier.de/pers/hd/c/Clauset:Aaron',
      'https://dblp.org/pid/77/4317.html',
      'https://dblp.org/pers/c/Clauset:Aaron.html',
      'https://dblp.org/search?q=Lai-Man+Po+Face+Liveness',
      'https://dblp.org/search/publ?q=liveness',
      'https://dblp.org/db/conf/aaai/aaai2015.html',
      'https://dblp.org/db/journals/eswa/eswa142.html',
      'https://dblp.dagstuhl.de/db/conf/acl/acl2023-1.html',
    ],
  },
};
