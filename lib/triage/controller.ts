/**
 * On-page triage of one digest page: scans it a slice at a time, reads the library state of its cards in one round
 * trip, builds the page model (page.ts), starts every feature (features/, one file each) and gives the cards their
 * strips. `stop()` aborts one signal: the features stop with theirs and the page removes every mark it made.
 */
import type { PageScan, ScanResult } from '../adapters/run';
import type { LibraryChanged, PageSummary } from '../messages/protocol';
import type { ask as askBackground } from '../messages/transport';
import { otherKeysOf } from '../paper/identity';
import { showBlockedNotice } from './blocked-notice';
import { placesNearScreen } from './cards';
import { cardActions } from './features/card-actions';
import { hideDismissed } from './features/hide-dismissed';
import { keyboardTriage } from './features/keyboard-triage';
import { liveRescan } from './features/live-rescan';
import { newSinceVisit } from './features/new-since-visit';
import { pageTopics } from './features/page-topics';
import { relevance } from './features/relevance';
import { saveAll } from './features/save-all';
import { seenTracking } from './features/seen-tracking';
import { selectBulk } from './features/select-bulk';
import { undo } from './features/undo';
import { watchlist } from './features/watchlist';
import { FeatureManager } from './manager';
import { pageKey } from './navigation';
import { TriagePage } from './page';
import { later, nextTask, onAbort, urgentTask } from './signals';
import type { TriageView } from './view';

export type TriageDeps = {
  ask: typeof askBackground;
  scan: (root: ParentNode, url: string, options: { within: Element }) => ScanResult;
  /** The first scan of the page, done a slice at a time (lib/adapters/run.ts). */
  beginScan: (root: ParentNode, url: string) => PageScan;
  /** Subscribes to library changes; returns the unsubscribe function. */
  follow: (onChange: (change: LibraryChanged) => void, onGone: () => void) => () => void;
  /** Draws strips and the toolbar (components/triage-view.tsx). */
  view: TriageView;
  onError?: (error: unknown) => void;
};

/**
 * Milliseconds of our script per task while a page is first scanned and annotated. A task that gives strips to
 * cards also costs the browser style and layout for them in the frame after it (about 1.5 times the script's
 * time on a 2,000-entry listing: bench/triage.bench.ts), so both stay well under the 50 ms of a long task.
 */
const SLICE_MS = 12;

/**
 * A page with more cards than this draws a strip only as its card nears the screen; the others keep a placeholder
 * until then (issue 19). Every strip of a strip's worth of layout pushes down all the page below it, and the browser
 * pays for that in the next frame: on a 2,000-entry listing, frames of 50 ms and more for every slice of strips
 * (bench/triage.bench.ts, traced). A page of a few hundred cards gets all its strips at once, as before.
 */
export const DRAW_ALL_UP_TO = 300;

export class TriageController {
  private readonly life = new AbortController();
  private readonly features: FeatureManager;
  private readonly saving = saveAll();
  private readonly fresh = newSinceVisit();
  private page: TriagePage | null = null;

  constructor(
    private readonly doc: Document,
    private readonly url: string,
    private readonly deps: TriageDeps,
  ) {
    this.features = new FeatureManager((error) => deps.onError?.(error));
    this.features.register(
      cardActions(),
      this.saving,
      undo(),
      selectBulk(),
      keyboardTriage(),
      hideDismissed(),
      seenTracking(),
      this.fresh,
      relevance(),
      pageTopics(),
      watchlist(),
      liveRescan(deps.scan),
    );
  }

  /**
   * Scans the page, annotates it and starts following it. The cards on screen come first: extracted and given
   * their strips before any other card is read, and before the library's answer for them (their states, the page's
   * settings, in one round trip sent as they are found) arrives: the strips show at once, their buttons enabled
   * and their states drawn when it does (issue 19). Then the rest, a slice at a time, each card marked with its id
   * and a placeholder host whose strip is drawn as it nears the screen; their library states in one more round trip
   * once all are found.
   */
  async start(): Promise<void> {
    const signal = this.life.signal;
    const began = performance.now();
    // MathJax 3 keeps the TeX of its formulas where only the page's own world reads it: the background copies it
    // onto the page first (page/markMath). A page without its containers is spared the round trip.
    if (this.doc.querySelector('mjx-container')) {
      await this.deps.ask('page/markMath', null, { timeoutMs: 3_000 }).catch((error: unknown) => {
        this.deps.onError?.(error);
      });
      if (signal.aborted) return;
    }
    const scan = this.deps.beginScan(this.doc, this.url);
    // What the page says as a whole (Hugging Face: every hydration island, parsed and checked) and the cards on
    // screen in one task only while that stays short: together, on a small page, they made one long task
    // (bench/triage.bench.ts, traced).
    if (performance.now() - began > SLICE_MS) {
      await urgentTask();
      if (signal.aborted) return;
    }
    const view = this.doc.defaultView;
    const onScreen = scan.first(view ? placesNearScreen(scan.elements, view) : []);
    const found = scan.result;
    // A robot check or a challenge stands where the results should be: say why there are no cards.
    if (found.blocked) onAbort(signal, showBlockedNotice(this.doc, found.blocked));
    const firstIds = [...new Set(onScreen.map((c) => c.record.id))];
    // One round trip for everything the page needs: states, settings, tag names, last visit. Sent now, awaited
    // once the strips on screen are drawn.
    const opening = this.deps
      .ask(
        'page/open',
        { ids: firstIds, keys: otherKeysOf(onScreen.map((c) => c.record)), pageKey: pageKey(this.url) },
        { timeoutMs: 3_000 },
      )
      .catch((error: unknown) => {
        this.deps.onError?.(error);
        return null;
      });
    const page = new TriagePage(
      {
        doc: this.doc,
        url: this.url,
        ask: this.deps.ask,
        view: this.deps.view,
        scan: found,
        ...(this.deps.onError ? { onError: this.deps.onError } : {}),
      },
      signal,
    );
    this.page = page;
    this.features.start(page);
    if (scan.total > DRAW_ALL_UP_TO) page.drawNearScreen();
    for (const card of page.adopt(onScreen)) page.show(card);
    const opened = await opening;
    if (signal.aborted) return;
    page.applyOpened(opened, firstIds);
    // Switched off in the settings (the background leaves such a page alone; this one raced a change): nothing.
    if (page.siteDisabled()) {
      this.stop();
      return;
    }
    // The toolbar after the strips, in the task that reads the library's answer: mounted before them, it was 13 of
    // the 37 ms of the task that drew them on a 2,000-entry listing (issue 19; Preact's first run now falls to the
    // strips, about 5 ms of it), and the counts it shows need that answer anyway.
    if (onScreen.length > 0 || scan.total > 0) page.mountToolbar();
    // The background was slow to start: the cards work now, their saved state follows as soon as it answers.
    if (!opened) later(signal, 2_000, () => void page.refreshStates(firstIds, true));
    const rest = await this.adoptInSlices(page, scan);
    if (signal.aborted) return;
    page.failures = found.failures.length;
    if (rest.length) await page.refreshStates(rest, true);
    if (signal.aborted) return;
    page.setReady();
    const unfollow = this.deps.follow(
      (change) => this.onLibraryChanged(page, change),
      () => this.stop(),
    );
    onAbort(signal, unfollow);
  }

  /**
   * Reads and marks the cards not on screen a slice at a time, yielding between slices so that a page of 2,000
   * cards never blocks the main thread for a long task; returns their ids.
   */
  private async adoptInSlices(page: TriagePage, scan: PageScan): Promise<string[]> {
    const ids: string[] = [];
    while (!scan.done && !this.life.signal.aborted) {
      await nextTask();
      if (this.life.signal.aborted) break;
      // Half the slice for reading cards, the rest for marking them.
      const found = scan.next(SLICE_MS / 2);
      // A long page marks each card with its placeholder now. On a short one a card's strip waits for its library
      // state (one page/getStates for all of them, next), so that it is drawn saved if it is: a card found by
      // another identifier than its own id (a Scholar card of a paper saved from arXiv) is known only then.
      const placeholders = scan.total > DRAW_ALL_UP_TO;
      for (const card of page.adopt(found)) {
        ids.push(card.record.id);
        if (placeholders) page.redraw(card);
      }
    }
    page.redrawToolbar();
    return [...new Set(ids)];
  }

  private onLibraryChanged(page: TriagePage, change: LibraryChanged): void {
    if (change.settings) {
      this.deps
        .ask('settings/get', null)
        .then((settings) => {
          page.settings = settings;
          if (page.siteDisabled()) this.stop();
          else page.setSettings(settings);
        })
        .catch(() => {});
    }
    if (change.tags) page.refreshTags();
    const ours = change.ids.filter((id) => page.byId.has(id));
    if (ours.length) void page.refreshStates(ours);
    page.events.emit('library', change);
  }

  /** Removes every trace of Paperlane from the page. */
  stop(): void {
    this.life.abort();
  }

  /** Saves every card on the page (the popup's "Save all"). */
  saveAll(): Promise<number> {
    return this.saving.run();
  }

  summary(): PageSummary {
    const page = this.page;
    const ids = page ? [...page.byId.keys()] : [];
    return {
      url: this.url,
      adapter: page?.scan.adapter ?? null,
      kind: page?.scan.kind ?? null,
      cards: ids.length,
      saved: ids.filter((id) => page?.states[id]?.saved).length,
      newSinceLastVisit: ids.filter((id) => {
        const first = page?.byId.get(id)?.[0];
        return first !== undefined && this.fresh.isNew(first);
      }).length,
      failures: page?.failures ?? 0,
      drift: page?.scan.drift ?? false,
      blocked: page?.scan.blocked ?? null,
    };
  }

  get cardCount(): number {
    return this.page?.cards.length ?? 0;
  }
}
