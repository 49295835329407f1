/**
 * Scanning a page: the one code path shared by the content script (document first, then each added subtree
 * through `within`) and the command line. Every card is validated with `PaperRecord`; a card that fails or
 * throws is counted with a reason and the scan goes on.
 */

import { errorMessage } from '../errors';
import { PaperRecord } from '../paper/schema';
import { plainText } from '../paper/text';
import { deferred, z } from '../paper/zod';
import { collapse, documentOf, hasPaperLinks } from './dom';
import { adapterForUrl, generic } from './registry';
import type { Adapter, PageKind } from './types';

export const ScanFailure = deferred(() =>
  z.object({
    /** The card's 1-based place on the page; null when the failure is not about one card. */
    rank: z.number().int().positive().nullable(),
    reason: z.string(),
  }),
);
export type ScanFailure = z.infer<typeof ScanFailure>;

export interface ScanResult {
  /** Id of the adapter that read the page; null when no adapter is for this URL. */
  adapter: string | null;
  kind: PageKind | null;
  /** One per paper (the first card of each id), in page order. */
  cards: { element: Element; record: PaperRecord }[];
  failures: ScanFailure[];
  /** The scanned part has links to papers but no card was recognised: the site's markup has probably changed. */
  drift: boolean;
  /**
   * Set when the site stands between the person and the page (a robot check, a bot-wall challenge): why there are no
   * cards, as a sentence for the person. Then there are no cards and never drift. Absent on every other page.
   */
  blocked?: string;
}

export interface ScanOptions {
  /** Use the generic extractor whatever the URL (the popup's "find papers on this page"). */
  generic?: boolean;
  /** Scan only this subtree (content that appeared after load); ranks still count from the top of the page. */
  within?: Element;
}

/**
 * A section as a record keeps it: plain text (it comes from a heading on the page, which may hold anything) and
 * at most the schema's 200 characters, so that one hostile heading costs its words, never its section's cards.
 */
function sectionText(section: string | null): string | null {
  if (section == null) return null;
  const text = plainText(section);
  if (text.length <= 200) return text || null;
  // Cut on a character boundary: never half of a surrogate pair.
  const cut = text.slice(0, 200);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trim() || null;
}

/**
 * A bot-wall challenge served instead of the page (Cloudflare's "Just a moment...", as the bioRxiv listing fixture
 * shows): the page has no content of the site at all, whatever the adapter. Read from the title and the challenge's
 * own script, never from the body text, so that a paper titled "Just a moment" is not taken for one.
 */
function challengeOf(root: ParentNode, url: URL): string | null {
  const doc = documentOf(root);
  const title = collapse(doc.querySelector('head > title, title')?.textContent ?? '');
  if (!/^(?:just a moment|attention required|checking your browser|verifying you are human)\b/i.test(title))
    return null;
  const challenge = doc.querySelector('#challenge-form, #challenge-platform, script[src*="challenge-platform"]');
  let chlScript = false;
  if (!challenge) {
    for (const script of doc.querySelectorAll('script')) {
      if ((script.textContent ?? '').includes('_cf_chl_opt')) {
        chlScript = true;
        break;
      }
    }
  }
  if (!challenge && !chlScript) return null;
  return `${url.hostname} is checking that you are human before it shows this page: complete the check, then Paperlane reads the page.`;
}

function describe(error: unknown): string {
  return errorMessage(error);
}

/** A readable one-line reason from zod issues: "title: must not be empty; id: …". */
function reasonOf(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** A card found on the page, with its record. */
export type FoundCard = ScanResult['cards'][number];

/**
 * A scan that can be done a slice at a time: `step(budgetMs)` extracts cards until the budget is spent and says
 * whether the scan is complete. The content script steps through a 2,000-entry listing in tasks short enough
 * never to be a long task, the cards on screen first (`first`); `scanPage` does it all at once. The result is the
 * same either way: `result.cards` is in page order once the scan is complete.
 */
export interface PageScan {
  readonly result: ScanResult;
  /** Cards found on the page; `result.cards` fills as they are extracted. */
  readonly total: number;
  /** The card elements found, in page order: what `first` takes places in. */
  readonly elements: readonly Element[];
  /** Extracts the next cards for at most about `budgetMs` (at least one card); true once every card is done. */
  step(budgetMs?: number): boolean;
  /**
   * Extracts the cards at these places of `elements` now, ahead of the others (issue 19: the cards on screen
   * first); returns those that gave a record.
   */
  first(places: readonly number[]): FoundCard[];
  /** Extracts the next cards for at most about `budgetMs`, as `step` does; returns those that gave a record. */
  next(budgetMs?: number): FoundCard[];
  readonly done: boolean;
}

export function beginScan(root: ParentNode, url: string, options: ScanOptions = {}): PageScan {
  const result: ScanResult = { adapter: null, kind: null, cards: [], failures: [], drift: false };
  const done = (): PageScan => ({
    result,
    total: 0,
    elements: [],
    done: true,
    step: () => true,
    first: () => [],
    next: () => [],
  });
  let pageUrl: URL;
  try {
    pageUrl = new URL(url);
  } catch {
    result.failures.push({ rank: null, reason: `not a page URL: ${url}` });
    return done();
  }
  const adapter: Adapter | null = options.generic ? generic : adapterForUrl(pageUrl);
  if (!adapter) return done();
  result.adapter = adapter.id;
  const scope: ParentNode = options.within ?? root;

  const wall = challengeOf(root, pageUrl);
  if (wall) {
    result.blocked = wall;
    return done();
  }

  try {
    result.kind = adapter.detect(root, pageUrl);
  } catch (error) {
    result.failures.push({ rank: null, reason: `detect: ${describe(error)}` });
  }
  const kind = result.kind;
  if (!kind) {
    result.drift = hasPaperLinks(scope, pageUrl);
    return done();
  }
  try {
    const blocked = adapter.blocked?.(root, pageUrl, kind) ?? null;
    if (blocked) {
      result.blocked = blocked;
      return done();
    }
  } catch (error) {
    result.failures.push({ rank: null, reason: `blocked: ${describe(error)}` });
  }

  let page: unknown;
  let cards: Element[];
  try {
    page = adapter.readPage(root, pageUrl, kind);
    cards = adapter.findCards(scope, pageUrl, kind, page);
  } catch (error) {
    result.failures.push({ rank: null, reason: `findCards: ${describe(error)}` });
    result.drift = hasPaperLinks(scope, pageUrl);
    return done();
  }

  // Ranks are places on the whole page: a subtree scan looks up where its cards sit among all cards.
  let rankOf = (index: number, _card: Element): number => index + 1;
  if (options.within && options.within !== root) {
    try {
      const all = adapter.findCards(root, pageUrl, kind, page);
      const places = new Map(all.map((card, i) => [card, i + 1]));
      rankOf = (index, card) => places.get(card) ?? index + 1;
    } catch {
      // Ranks within the subtree are the best we have then.
    }
  }

  const seen = new Set<string>();
  /** Where each extracted card is on the page, to put `result.cards` in page order at the end. */
  const placeOf = new Map<Element, number>();
  const extracted = new Uint8Array(cards.length);
  const extractOne = (card: Element, index: number): FoundCard | null => {
    extracted[index] = 1;
    const rank = rankOf(index, card);
    try {
      const section = sectionText(adapter.sectionOf(card, kind));
      const input = adapter.extractCard(card, { url: pageUrl, kind, rank, section, page });
      const parsed = PaperRecord.safeParse(input);
      if (!parsed.success) {
        result.failures.push({ rank, reason: reasonOf(parsed.error) });
        return null;
      }
      // One record per paper per page: the first card wins (a card nested in a card, a paper listed twice).
      if (seen.has(parsed.data.id)) return null;
      seen.add(parsed.data.id);
      const found = { element: card, record: parsed.data };
      result.cards.push(found);
      placeOf.set(card, index);
      return found;
    } catch (error) {
      result.failures.push({ rank, reason: `extractCard: ${describe(error)}` });
      return null;
    }
  };

  let next = 0;
  let tookFirst = false;
  let finished = false;
  const finish = () => {
    finished = true;
    // Cards taken first (on screen) came in ahead of their place: page order again, and so the failures.
    if (tookFirst) {
      result.cards.sort((a, b) => (placeOf.get(a.element) ?? 0) - (placeOf.get(b.element) ?? 0));
      result.failures.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    }
    result.drift = result.cards.length === 0 && hasPaperLinks(scope, pageUrl);
  };
  const advance = (budgetMs: number, out: FoundCard[] | null): boolean => {
    if (finished) return true;
    const until = performance.now() + budgetMs;
    let done = 0;
    while (next < cards.length) {
      if (!extracted[next]) {
        const found = extractOne(cards[next] as Element, next);
        if (found && out) out.push(found);
        done++;
      }
      next++;
      // The clock is read every 16 cards: a card takes tens of microseconds, a clock read is not free.
      if ((done & 15) === 0 && done > 0 && performance.now() >= until) break;
    }
    if (next < cards.length) return false;
    finish();
    return true;
  };
  return {
    result,
    total: cards.length,
    elements: cards,
    get done() {
      return finished;
    },
    step: (budgetMs = Number.POSITIVE_INFINITY) => advance(budgetMs, null),
    next(budgetMs = Number.POSITIVE_INFINITY) {
      const out: FoundCard[] = [];
      advance(budgetMs, out);
      return out;
    },
    first(places) {
      const out: FoundCard[] = [];
      for (const place of places) {
        const card = cards[place];
        if (finished || !card || extracted[place]) continue;
        tookFirst = true;
        const found = extractOne(card, place);
        if (found) out.push(found);
      }
      return out;
    },
  };
}

export function scanPage(root: ParentNode, url: string, options: ScanOptions = {}): ScanResult {
  const scan = beginScan(root, url, options);
  scan.step();
  return scan.result;
}
