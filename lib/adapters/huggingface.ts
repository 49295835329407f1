/**
 * huggingface.co/papers: daily/weekly/monthly/trending lists, search results and a paper's own page.
 * The hydration JSON (`[data-target][data-props]` islands) comes first; the DOM is the fallback when the JSON
 * is missing, broken or changed. Facts in ../shared/SITES.md; fixtures in ../shared/fixtures/huggingface.
 */

import { canonicalIdOf, parseArxivId } from '../paper/ids';
import type { PaperRecordInput } from '../paper/schema';
import { parseCount, plainText } from '../paper/text';
import { deferred, z } from '../paper/zod';
import {
  absoluteUrl,
  collapse,
  documentOf,
  inDocumentOrder,
  isoDate,
  selectWithRoot,
  textOf,
  withoutScripts,
} from './dom';
import type { Adapter, CardContext, PageKind } from './types';

const HOSTS = new Set(['huggingface.co', 'www.huggingface.co']);
const LIST_PATH = /^\/papers(?:\/(?:date\/\d{4}-\d{2}-\d{2}|week\/\d{4}-W\d{2}|month\/\d{4}-\d{2}|trending))?\/?$/;
const PAPER_PATH = /^\/papers\/([^/]+)\/?$/;

function kindFromUrl(url: URL): PageKind | null {
  if (!HOSTS.has(url.hostname)) return null;
  if (LIST_PATH.test(url.pathname)) return url.searchParams.has('q') ? 'hf-search' : 'hf-list';
  const m = PAPER_PATH.exec(url.pathname);
  if (m && parseArxivId(m[1] as string)) return 'hf-paper';
  return null;
}

/* ------------------------------------------------------------------ hydration JSON */

// What we read of the islands' JSON. Loose on purpose: every field optional, extra fields ignored,
// so a renamed field costs that field only, never the card (the DOM fills in what JSON lacks).
// Built on first use (lib/paper/zod.ts, `deferred`): only Hugging Face pages read them.
const Handle = deferred(() => z.object({ name: z.string().optional(), user: z.string().optional() }).nullish());
const Organization = deferred(() =>
  z.object({ name: z.string().optional(), fullname: z.string().optional() }).nullish(),
);
const HfPaper = deferred(() =>
  z.object({
    id: z.string(),
    title: z.string().optional(),
    summary: z.string().optional(),
    upvotes: z.number().optional(),
    publishedAt: z.string().optional(),
    authors: z.array(z.object({ name: z.string().optional() })).optional(),
    githubRepo: z.string().nullish(),
    githubStars: z.number().nullish(),
    projectPage: z.string().nullish(),
    ai_keywords: z.array(z.string()).optional(),
    organization: z.object({ name: z.string().optional(), fullname: z.string().optional() }).nullish(),
    submittedOnDailyBy: z.object({ name: z.string().optional(), user: z.string().optional() }).nullish(),
    numComments: z.number().optional(),
  }),
);
type HfPaper = z.infer<typeof HfPaper>;

/** A paper as one island describes it, with what surrounds it (the daily entry, the paper page). */
interface HfEntry {
  paper: HfPaper;
  numComments: number | null;
  submitter: string | null;
  organization: string | null;
}

interface HfPage {
  /** Entries from the hydration JSON by arXiv id; empty when the islands are missing or unreadable. */
  entries: Map<string, HfEntry>;
}

function organizationName(value: unknown): string | null {
  const org = Organization.safeParse(value);
  return org.success && org.data ? (org.data.fullname ?? org.data.name ?? null) : null;
}

function handleName(value: unknown): string | null {
  const who = Handle.safeParse(value);
  // Daily entries name the submitter `{name}`, the paper page `{user}`: both are the account handle.
  return who.success && who.data ? (who.data.name ?? who.data.user ?? null) : null;
}

/**
 * Every paper an island's JSON holds: `{paper: {...}, numComments, submittedBy}` entries (DailyPapers),
 * the PaperContent shape (`paper` + `comments` + `submitterOrganization`), and bare paper objects in arrays.
 */
function collectEntries(props: unknown, into: Map<string, HfEntry>, depth = 0): void {
  if (depth > 5 || props === null || typeof props !== 'object') return;
  if (Array.isArray(props)) {
    for (const item of props) collectEntries(item, into, depth + 1);
    return;
  }
  const obj = props as Record<string, unknown>;
  const inner = obj.paper !== undefined ? HfPaper.safeParse(obj.paper) : null;
  if (inner?.success && parseArxivId(inner.data.id)) {
    const paper = inner.data;
    if (!into.has(paper.id)) {
      const comments = Array.isArray(obj.comments) ? obj.comments.length : null;
      into.set(paper.id, {
        paper,
        numComments: typeof obj.numComments === 'number' ? obj.numComments : (comments ?? paper.numComments ?? null),
        submitter: handleName(obj.submittedBy) ?? handleName(paper.submittedOnDailyBy),
        organization:
          organizationName(obj.organization) ??
          organizationName(obj.submitterOrganization) ??
          organizationName(paper.organization),
      });
    }
    return;
  }
  if (typeof obj.id === 'string' && typeof obj.title === 'string' && parseArxivId(obj.id)) {
    const bare = HfPaper.safeParse(obj);
    if (bare.success && !into.has(bare.data.id)) {
      into.set(bare.data.id, {
        paper: bare.data,
        numComments: bare.data.numComments ?? null,
        submitter: handleName(bare.data.submittedOnDailyBy),
        organization: organizationName(bare.data.organization),
      });
    }
    return;
  }
  for (const key in obj) {
    // Comment threads and upvoter lists hold users, never papers.
    if (key === 'comments' || key === 'upvoters' || key === 'authors') continue;
    collectEntries(obj[key], into, depth + 1);
  }
}

function readIslands(doc: Document): Map<string, HfEntry> {
  const entries = new Map<string, HfEntry>();
  for (const island of doc.querySelectorAll('[data-target][data-props]')) {
    const raw = island.getAttribute('data-props');
    if (!raw || raw.length < 2) continue;
    let props: unknown;
    try {
      props = JSON.parse(raw);
    } catch {
      // A broken island is the DOM fallback's business, not an error.
      continue;
    }
    collectEntries(props, entries);
  }
  return entries;
}

/* ------------------------------------------------------------------ cards */

/** The arXiv id of a Hugging Face paper link (`/papers/2407.21783`, with or without `#community`). */
function paperIdOfHref(href: string | null): string | null {
  if (!href) return null;
  const m = /^(?:https?:\/\/(?:www\.)?huggingface\.co)?\/papers\/([^/?#]+)\/?(?:[?#].*)?$/.exec(href.trim());
  return m ? (parseArxivId(m[1] as string)?.id ?? null) : null;
}

const PAPER_LINK = 'a[href*="/papers/"]';

/** The arXiv id a list card is about: its title link (the heading's link), else its first paper link. */
function cardPaperId(card: Element): string | null {
  const heading = card.querySelector('h3 a[href], h2 a[href], h4 a[href]');
  const fromHeading = paperIdOfHref(heading?.getAttribute('href') ?? null);
  if (fromHeading) return fromHeading;
  for (const link of card.querySelectorAll(PAPER_LINK)) {
    const id = paperIdOfHref(link.getAttribute('href'));
    if (id) return id;
  }
  return null;
}

/**
 * List cards: the <article> around each link to a paper. Where cards stop being <article>s, the card is the
 * highest ancestor of the link that still holds links to this one paper only.
 */
function listCards(root: ParentNode): Element[] {
  const cards: Element[] = [];
  const seen = new Set<Element>();
  for (const link of selectWithRoot(root, PAPER_LINK)) {
    const id = paperIdOfHref(link.getAttribute('href'));
    if (!id) continue;
    let card: Element | null = link.closest('article');
    if (!card) card = highestSingleCardAncestor(link, id, root);
    if (card && !seen.has(card)) {
      seen.add(card);
      cards.push(card);
    }
  }
  return inDocumentOrder(cards);
}

function highestSingleCardAncestor(link: Element, id: string, root: ParentNode): Element | null {
  let best: Element | null = null;
  for (let el = link.parentElement; el && el.tagName !== 'BODY'; el = el.parentElement) {
    let onlyThisPaper = true;
    for (const other of el.querySelectorAll(PAPER_LINK)) {
      const otherId = paperIdOfHref(other.getAttribute('href'));
      if (otherId && otherId !== id) {
        onlyThisPaper = false;
        break;
      }
    }
    if (!onlyThisPaper) break;
    best = el;
    if (el === root) break;
  }
  return best;
}

/** The paper page's one card: the PaperContent island, else the container of the page's <h1>. */
function paperPageCards(root: ParentNode): Element[] {
  const island = selectWithRoot(root, '[data-target="PaperContent"]');
  if (island.length) return island.slice(0, 1);
  const node = root as Node;
  if (node.nodeType !== 9) return [];
  const h1 = (node as Document).querySelector('main h1, h1');
  const card = h1?.closest('main, section') ?? h1?.parentElement ?? null;
  return card ? [card] : [];
}

/* ------------------------------------------------------------------ extraction */

/** A number next to an element: the last number in its text ("Upvote 118", "94"). */
function trailingCount(el: Element | null | undefined): number | null {
  if (!el) return null;
  const m = /(\d[\d,.]*\s*[kKmM]?)\s*$/.exec(collapse(el.textContent ?? ''));
  return m ? parseCount(m[1]) : null;
}

/** Upvotes: the number in the vote control (the box around the vote checkbox), never a number found by position. */
function domUpvotes(card: Element): number | null {
  const checkbox = card.querySelector('input[type="checkbox"]');
  return trailingCount(checkbox?.parentElement);
}

/** Comments: the number inside the link to the discussion (`…#community`, the speech-bubble icon). */
function domComments(card: Element): number | null {
  return trailingCount(card.querySelector('a[href$="#community"]'));
}

function domAuthorCount(text: string): number | null {
  const m = /(\d[\d,]*)\s+authors?\b/.exec(text);
  return m ? parseCount(m[1]) : null;
}

interface DomFields {
  title: string | null;
  authors: string[];
  authorCount: number | null;
  abstract: string | null;
  upvotes: number | null;
  comments: number | null;
  submitter: string | null;
  pdfUrl: string | null;
  codeUrl: string | null;
  githubStars: number | null;
  projectUrl: string | null;
  keywords: string[];
}

function domListFields(card: Element, id: string): DomFields {
  const text = collapse(card.textContent ?? '');
  let title: string | null = null;
  for (const link of card.querySelectorAll('h3 a[href], h2 a[href], h4 a[href]')) {
    if (paperIdOfHref(link.getAttribute('href')) === id) {
      title = textOf(link);
      break;
    }
  }
  // "Submitted by akhaliq": the account handle, as the JSON's submittedBy.name.
  const submitter = /Submitted by\s+(\S+)/.exec(text);
  return {
    title,
    authors: [],
    authorCount: domAuthorCount(text),
    abstract: null,
    upvotes: domUpvotes(card),
    comments: domComments(card),
    submitter: submitter ? (submitter[1] as string) : null,
    pdfUrl: null,
    codeUrl: null,
    githubStars: null,
    projectUrl: null,
    keywords: [],
  };
}

function domPaperPageFields(card: Element, url: URL): DomFields {
  const doc = documentOf(card);
  const h1 = card.querySelector('h1') ?? doc.querySelector('h1');
  const authors: string[] = [];
  for (const el of card.querySelectorAll('.author')) {
    const name = textOf(el.querySelector('a, button') ?? el);
    if (name) authors.push(name.replace(/,$/, '').trim());
  }
  let abstract: string | null = null;
  for (const h2 of card.querySelectorAll('h2')) {
    if (collapse(h2.textContent ?? '') !== 'Abstract') continue;
    const paragraphs = h2.nextElementSibling?.querySelectorAll('p') ?? [];
    // The AI summary box comes first; the author abstract is the last paragraph.
    const last = paragraphs.length ? paragraphs[paragraphs.length - 1] : null;
    abstract = textOf(last);
    break;
  }
  let pdfUrl: string | null = null;
  let codeUrl: string | null = null;
  let githubStars: number | null = null;
  let projectUrl: string | null = null;
  for (const link of card.querySelectorAll('a[href]')) {
    const href = absoluteUrl(link.getAttribute('href'), url);
    if (!href) continue;
    const label = collapse(link.textContent ?? '');
    if (!pdfUrl && /^https:\/\/arxiv\.org\/pdf\//.test(href)) pdfUrl = href;
    else if (!codeUrl && /^https:\/\/github\.com\/[^/]+\/[^/]+/.test(href) && /^GitHub\b/.test(label)) {
      codeUrl = href;
      githubStars = trailingCount(link);
    } else if (!projectUrl && /^Project page$/i.test(label)) projectUrl = href;
  }
  const keywords: string[] = [];
  for (const link of card.querySelectorAll('a[href^="/papers?q="]')) {
    const word = textOf(link);
    if (word && !keywords.includes(word)) keywords.push(word);
  }
  return {
    title: textOf(h1),
    authors,
    // The paper page states no count; the list of names is the count.
    authorCount: null,
    abstract,
    upvotes: domUpvotes(card),
    comments: null,
    submitter: null,
    pdfUrl,
    codeUrl,
    githubStars,
    projectUrl,
    keywords,
  };
}

function extract(card: Element, context: CardContext<HfPage>): PaperRecordInput {
  const pageId = context.kind === 'hf-paper' ? paperIdOfHref(context.url.pathname) : null;
  const id = pageId ?? cardPaperId(card);
  if (!id) throw new Error('card without a link to a paper');
  const entry = context.page.entries.get(id);
  const dom = context.kind === 'hf-paper' ? domPaperPageFields(card, context.url) : domListFields(card, id);
  const paper = entry?.paper;
  // Plain text here, not only in the schema: a name or keyword that is nothing but markup or controls is left
  // out, and an empty JSON title gives way to the DOM's, where an empty string would cost the whole card.
  const authors = paper?.authors
    ? paper.authors.map((a) => plainText(withoutScripts(a.name ?? ''))).filter(Boolean)
    : dom.authors;
  const keywords = paper?.ai_keywords
    ? paper.ai_keywords.map((k) => plainText(withoutScripts(k))).filter(Boolean)
    : dom.keywords;
  const record = {
    arxivId: id,
    version: null,
    doi: null,
    title: plainText(withoutScripts(paper?.title ?? '')) || dom.title || '',
    authors,
    authorCount: dom.authorCount ?? authors.length,
    abstract: withoutScripts(paper?.summary) ?? dom.abstract,
    // paper.publishedAt is the arXiv date; the entry's own publishedAt is the day it was listed (2024 daily fixture).
    published: isoDate(paper?.publishedAt),
    url: `https://huggingface.co/papers/${id}`,
    pdfUrl: dom.pdfUrl,
    // Links from the JSON go through the same http(s) filter as hrefs: a `javascript:` project page is dropped, not the card.
    codeUrl: absoluteUrl(paper?.githubRepo, context.url) ?? dom.codeUrl,
    projectUrl: absoluteUrl(paper?.projectPage, context.url) ?? dom.projectUrl,
    categories: [],
    upvotes: paper?.upvotes ?? dom.upvotes,
    comments: entry?.numComments ?? dom.comments,
    organization: entry?.organization ?? null,
    submitter: entry?.submitter ?? dom.submitter,
    githubStars: paper?.githubStars ?? dom.githubStars,
    keywords,
  };
  return {
    id: canonicalIdOf(record) ?? '',
    ...record,
    source: { site: 'huggingface', pageUrl: context.url.href, section: context.section, rank: context.rank },
  };
}

/* ------------------------------------------------------------------ adapter */

export const huggingface: Adapter<HfPage> = {
  id: 'huggingface',
  matches: (url) => kindFromUrl(url) !== null,
  detect(root, url) {
    const kind = kindFromUrl(url);
    if (!kind) return null;
    if (kind === 'hf-paper') return root.querySelector('[data-target="PaperContent"], h1') ? kind : null;
    return root.querySelector(`[data-target][data-props], article, ${PAPER_LINK}`) ? kind : null;
  },
  readPage: (root) => ({ entries: readIslands(documentOf(root)) }),
  findCards: (root, _url, kind) => (kind === 'hf-paper' ? paperPageCards(root) : listCards(root)),
  sectionOf: () => null,
  extractCard: extract,
  testUrls: {
    matching: [
      'https://huggingface.co/papers',
      'https://huggingface.co/papers?date=2024-08-01',
      'https://huggingface.co/papers/date/2025-10-01',
      'https://huggingface.co/papers/week/2025-W40',
      'https://huggingface.co/papers/month/2025-10',
      'https://huggingface.co/papers/trending',
      'https://huggingface.co/papers?q=diffusion',
      'https://huggingface.co/papers/2509.24002',
      'https://huggingface.co/papers/2407.21783#community',
    ],
  },
};
