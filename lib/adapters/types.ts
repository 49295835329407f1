/**
 * The anatomy every site adapter follows (see ../shared/STYLE.md, after Zotero translators):
 * `detect` the page kind cheaply → `readPage` once for page-level data → `findCards` → `extractCard` per card.
 * Adapters are pure functions of (root, url): no `browser.*`, no storage, no globals.
 */
import type { PaperRecordInput } from '../paper/schema';
import { deferred, z } from '../paper/zod';

/** What kind of page an adapter recognised; the CLI prints it and the popup can name it. */
export const PageKind = deferred(() =>
  z.enum([
    // huggingface.co/papers: daily/weekly/monthly/trending lists, search results, one paper's page
    'hf-list',
    'hf-search',
    'hf-paper',
    // arxiv.org: /list/<cat>/new|recent|pastweek|<month>, catchup, search results, abstract page
    'arxiv-listing',
    'arxiv-search',
    'arxiv-abs',
    // scholar.google.com: search results, an author's profile (lib/adapters/scholar.ts)
    'scholar-results',
    'scholar-profile',
    // dblp.org: a person's page, search results, a venue's table of contents (lib/adapters/dblp.ts)
    'dblp-person',
    'dblp-search',
    'dblp-toc',
    // openreview.net: a venue or group page, one paper's forum (lib/adapters/openreview.ts)
    'openreview-group',
    'openreview-forum',
    // PubMed and PubMed Central: search results, an article's page (lib/adapters/pubmed.ts)
    'pubmed-search',
    'pubmed-article',
    'pmc-search',
    // aclanthology.org: a paper's page; author, event and volume pages that list papers (lib/adapters/acl.ts)
    'acl-paper',
    'acl-list',
    // any page, on demand: one paper described by the page's metadata, or a list of paper links
    'generic-paper',
    'generic-list',
  ]),
);
export type PageKind = z.infer<typeof PageKind>;

/** What `extractCard` knows besides the card: where it is and what the page as a whole said. */
export interface CardContext<Page = unknown> {
  url: URL;
  kind: PageKind;
  /** 1-based order of the card on the whole page, also when only a later subtree is scanned. */
  rank: number;
  /** The listing section the card sits in (`new`, `cross-list`, `replacement`, a day heading), else null. */
  section: string | null;
  /** Page-level data from `readPage` (hydration JSON, heading date, meta tags). */
  page: Page;
}

export interface Adapter<Page = unknown> {
  /** The adapter id: also `source.site` of its records and its file name. */
  readonly id: string;
  /** Whether the adapter is for this URL (the generic adapter matches none: it runs on demand only). */
  matches(url: URL): boolean;
  /** The page kind, from the URL and a cheap look at the page; null when the page is not one it reads. Never extracts. */
  detect(root: ParentNode, url: URL): PageKind | null;
  /**
   * Why the page holds no cards when the site stands in the way (a robot check where results should be): a sentence
   * for the person, or null. Optional: most sites never do. Never extracts.
   */
  blocked?(root: ParentNode, url: URL, kind: PageKind): string | null;
  /** Page-level data shared by every card, read once per scan from the whole document. Never throws. */
  readPage(root: ParentNode, url: URL, kind: PageKind): Page;
  /**
   * The card elements in `root` (a document, or a subtree added later, itself included when it is a card), in page
   * order. `page` is this scan's `readPage` result: what finding a card reads of it can be kept there for extracting.
   */
  findCards(root: ParentNode, url: URL, kind: PageKind, page: Page): Element[];
  /** The listing section a card belongs to, or null where pages have none. */
  sectionOf(card: Element, kind: PageKind): string | null;
  /** One card's record, before validation: run.ts validates it with `PaperRecord`. May throw; run.ts counts it. */
  extractCard(card: Element, context: CardContext<Page>): PaperRecordInput;
  /** URLs this adapter must match (and no other adapter may), checked by the matrix test. */
  readonly testUrls: { matching: readonly string[] };
}
