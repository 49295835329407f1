/**
 * openreview.net: venue and group pages (`/group?id=ICLR.cc/2018/Conference`) listing submissions, and one paper's
 * forum (`/forum?id=<id>`). Facts in ../shared/SITES.md ("OpenReview"); the fixture is the ICLR 2018 group page as a
 * browser saved it in 2017 (996 submissions in two tabs). The forum id is the paper's identity on the site, in every
 * link to it (`forum?id=`, `pdf?id=`) and in the submission's `data-id`: cards are found by those, not by classes.
 */
import type { PaperRecordInput } from '../paper/schema';
import { parseCount } from '../paper/text';
import { collapse, documentOf, firstMeta, isoDate, readerName, readMeta, selectWithRoot, textOf } from './dom';
import { addIdsOfHref, listingRecord, noIds } from './record';
import type { Adapter, CardContext, PageKind } from './types';

const HOSTS = new Set(['openreview.net', 'www.openreview.net']);
const FORUM_ID = /^[A-Za-z0-9_-]{5,40}$/;

function kindFromUrl(url: URL): PageKind | null {
  if (!HOSTS.has(url.hostname)) return null;
  const id = url.searchParams.get('id');
  if (!id) return null;
  if (url.pathname === '/group' || url.pathname === '/venue') return 'openreview-group';
  if (url.pathname === '/forum' && FORUM_ID.test(id)) return 'openreview-forum';
  return null;
}

// `https://openreview.net/forum?id=<id>` or `/forum?id=<id>`, the id the only or the first parameter.
const FORUM_HREF = /^(?:https?:\/\/(?:www\.)?openreview\.net)?\/forum\?(?:[^#]*&)?id=([A-Za-z0-9_-]{5,40})(?=[&#]|$)/;

/**
 * The forum id a link opens: `forum?id=<id>` (a paper, not one reply in it: no `noteId`), else null. Read by a
 * pattern, not the URL parser: the ICLR 2018 page has over a thousand such links (bench figures in the report).
 */
function forumIdOf(href: string | null): string | null {
  if (!href?.includes('forum?')) return null;
  const m = FORUM_HREF.exec(href.trim());
  if (!m || href.includes('noteId=')) return null;
  return m[1] as string;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5']);

/** The heading a title link sits in, or null: a forum link in running text (a reply's quote) is not a card's title. */
function headingOf(link: Element): Element | null {
  for (let el = link.parentElement, hops = 0; el && hops < 2; el = el.parentElement, hops++) {
    if (HEADINGS.has(el.localName)) return el;
  }
  return null;
}

/** A submission: around each title link to a forum, the element carrying its `data-id`, else its list item. */
function submissionCards(root: ParentNode): Element[] {
  const cards = new Set<Element>();
  for (const link of selectWithRoot(root, 'a[href*="forum?id="]')) {
    const id = forumIdOf(link.getAttribute('href'));
    const heading = id ? headingOf(link) : null;
    if (!id || !heading) continue;
    const card = link.closest(`[data-id="${id}"]`) ?? heading.closest('li') ?? heading.parentElement;
    if (card) cards.add(card);
  }
  // In page order already: each card enters with its first title link, and links come in page order.
  return [...cards];
}

/** A submission's labelled fields ("Abstract:", "TL;DR:", "Keywords:"): a `<strong>` label and the text after it. */
function labelledFields(card: Element): Map<string, Element> {
  const fields = new Map<string, Element>();
  for (const label of card.getElementsByTagName('strong')) {
    const name = collapse(label.textContent ?? '')
      .replace(/:$/, '')
      .toLowerCase();
    const value = label.nextElementSibling;
    if (name && value && !fields.has(name)) fields.set(name, value);
  }
  return fields;
}

/** Authors: the profile links under the title; during blind review the one word "Anonymous", which names no one. */
function authorsOf(card: Element, heading: Element): string[] {
  const names: string[] = [];
  for (const link of card.querySelectorAll('a[href*="/profile?"]')) {
    const name = textOf(link);
    if (name) names.push(name);
  }
  if (names.length) return names;
  const line = heading.nextElementSibling;
  const text = line && line.localName === 'div' ? (textOf(line) ?? '') : '';
  if (!text || /^anonymous$/i.test(text) || /\d/.test(text)) return [];
  return text
    .split(/\s*,\s*/)
    .map((name) => name.trim())
    .filter(Boolean);
}

function extractSubmission(card: Element, context: CardContext): PaperRecordInput {
  let titleLink: Element | null = null;
  for (const link of card.querySelectorAll('a[href*="forum?id="]')) {
    if (forumIdOf(link.getAttribute('href')) && headingOf(link)) {
      titleLink = link;
      break;
    }
  }
  const forum = titleLink ? forumIdOf(titleLink.getAttribute('href')) : null;
  if (!titleLink || !forum) throw new Error('submission without a forum link');
  const heading = headingOf(titleLink) as Element;
  const ids = noIds();
  ids.openreview = forum;
  let pdfUrl: string | null = null;
  for (const link of heading.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') as string;
    if (!pdfUrl && /\bpdf\?id=/.test(href)) pdfUrl = new URL(href, context.url).href;
    addIdsOfHref(ids, href, context.url);
  }
  const fields = labelledFields(card);
  let published: string | null = null;
  let comments: number | null = null;
  // The line under the authors: "28 Oct 2017", the invitation, the readers, "4 Replies".
  for (const span of card.getElementsByTagName('span')) {
    const text = collapse(span.textContent ?? '');
    published ??= /^\d{1,2} [A-Z][a-z]{2,8} \d{4}$/.test(text) ? isoDate(text) : null;
    const replies = /^(\d[\d,]*) Repl(?:y|ies)$/.exec(text);
    if (replies && comments === null) comments = parseCount(replies[1]);
  }
  const keywords = (fields.get('keywords')?.textContent ?? '')
    .split(/\s*[,;]\s*/)
    .map((k) => collapse(k))
    .filter(Boolean);
  return listingRecord(
    'openreview',
    {
      ids,
      title: textOf(titleLink) ?? '',
      authors: authorsOf(card, heading),
      abstract: textOf(fields.get('abstract')),
      published,
      url: `https://openreview.net/forum?id=${forum}`,
      pdfUrl,
      keywords,
      comments,
    },
    context,
  );
}

/** A forum page's paper, from its `citation_*` meta tags (the site renders them in the page head). */
function extractForum(card: Element, context: CardContext): PaperRecordInput {
  const forum = context.url.searchParams.get('id') as string;
  const meta = readMeta(documentOf(card));
  const ids = noIds();
  ids.openreview = forum;
  const pdf = firstMeta(meta, 'citation_pdf_url');
  addIdsOfHref(ids, pdf, context.url);
  // A forum may link its arXiv version: the id, never the text around it, says so.
  for (const link of card.querySelectorAll('a[href*="arxiv.org/"]'))
    addIdsOfHref(ids, link.getAttribute('href'), context.url);
  return listingRecord(
    'openreview',
    {
      ids,
      title: firstMeta(meta, 'citation_title') ?? textOf(card.querySelector('h2, h1')) ?? '',
      authors: (meta.get('citation_author') ?? []).map(readerName).filter(Boolean),
      abstract: firstMeta(meta, 'citation_abstract'),
      published: isoDate(firstMeta(meta, 'citation_publication_date', 'citation_online_date', 'citation_date')),
      url: `https://openreview.net/forum?id=${forum}`,
      pdfUrl: pdf ? new URL(pdf, context.url).href : null,
      venue: firstMeta(meta, 'citation_conference_title', 'citation_journal_title'),
      keywords: (meta.get('citation_keywords') ?? []).flatMap((k) => k.split(/\s*[,;]\s*/)).filter(Boolean),
    },
    context,
  );
}

// The tab a submission sits in ("All Submitted Papers", "Withdrawn Papers"), by tab pane: one lookup per pane.
const tabNames = new WeakMap<Element, string | null>();

function tabOf(card: Element): string | null {
  const pane = card.closest('[role="tabpanel"][id]');
  if (!pane) return null;
  let name = tabNames.get(pane);
  if (name === undefined) {
    const id = pane.getAttribute('id') as string;
    const tab = [...documentOf(card).querySelectorAll('a[href^="#"]')].find((a) => a.getAttribute('href') === `#${id}`);
    name = textOf(tab) ?? null;
    tabNames.set(pane, name);
  }
  return name;
}

export const openreview: Adapter = {
  id: 'openreview',
  matches: (url) => kindFromUrl(url) !== null,
  detect: (_root, url) => kindFromUrl(url),
  readPage: () => null,
  findCards(root, _url, kind) {
    if (kind === 'openreview-group') return submissionCards(root);
    const node = root as Node;
    // The forum page is the one card: its metadata is in the head, its text in the body.
    if (node.nodeType !== 9) return [];
    const doc = node as Document;
    return doc.querySelector('meta[name="citation_title"]') && doc.body ? [doc.body] : [];
  },
  sectionOf: (card, kind) => (kind === 'openreview-group' ? tabOf(card) : null),
  extractCard: (card, context) =>
    context.kind === 'openreview-forum' ? extractForum(card, context) : extractSubmission(card, context),
  testUrls: {
    matching: [
      'https://openreview.net/group?id=ICLR.cc/2018/Conference',
      'https://openreview.net/group?id=ICLR.cc/2025/Conference#tab-accept-oral',
      'https://openreview.net/group?id=NeurIPS.cc/2024/Conference',
      'https://openreview.net/forum?id=SyBPtQfAZ',
    ],
  },
};
