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
import { later, nextTask, onAbort } from './signals';
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

  /** Scans the page, annotates it and starts following it. */
  async start(): Promise<void> {
    const signal = this.life.signal;
    const scan = this.deps.beginScan(this.doc, this.url);
    // What the page says as a whole (Hugging Face: every hydration island, parsed and checked) in one task, the
    // cards in the next ones: together, on a small page, they made one long task (bench/triage.bench.ts, traced).
    await nextTask();
    if (signal.aborted) return;
    while (!scan.step(SLICE_MS)) {
      await nextTask();
      if (signal.aborted) return;
    }
    const found = scan.result;
    // A robot check or a challenge stands where the results should be: say why there are no cards.
    if (found.blocked) onAbort(signal, showBlockedNotice(this.doc, found.blocked));
    const ids = [...new Set(found.cards.map((c) => c.record.id))];
    // One round trip for everything the page needs: states, settings, tag names, last visit.
    // Cards get their strips even if the background cannot answer in time; their state follows when it does.
    const opened = await this.deps
      .ask(
        'page/open',
        { ids, keys: otherKeysOf(found.cards.map((c) => c.record)), pageKey: pageKey(this.url) },
        { timeoutMs: 3_000 },
      )
      .catch((error: unknown) => {
        this.deps.onError?.(error);
        return null;
      });
    if (signal.aborted) return;
    const page = new TriagePage(
      {
        doc: this.doc,
        url: this.url,
        ask: this.deps.ask,
        view: this.deps.view,
        scan: found,
        ...(opened ? { states: opened.states, settings: opened.settings, tags: opened.tags } : {}),
        ...(this.deps.onError ? { onError: this.deps.onError } : {}),
      },
      signal,
    );
    this.page = page;
    // The background was slow to start: show the cards now and their saved state as soon as it answers.
    if (!opened) later(signal, 2_000, () => void page.refreshStates(ids, true));
    if (page.siteDisabled()) return;
    this.features.start(page);
    if (found.cards.length > 0) {
      page.mountToolbar();
      // The toolbar in a task of its own, the strips after it: one task for both could be a long one.
      await nextTask();
      if (signal.aborted) return;
    }
    await this.adoptInSlices(page, found.cards);
    if (signal.aborted) return;
    page.setReady();
    const unfollow = this.deps.follow(
      (change) => this.onLibraryChanged(page, change),
      () => this.stop(),
    );
    onAbort(signal, unfollow);
  }

  /**
   * Gives cards their strips a slice at a time, yielding between slices so that a page of 2,000 cards never
   * blocks the main thread for a long task; the first slice is the top of the page, where the reader is.
   */
  private async adoptInSlices(page: TriagePage, found: ScanResult['cards']): Promise<void> {
    let i = 0;
    while (i < found.length && !this.life.signal.aborted) {
      const until = performance.now() + SLICE_MS;
      // Eight cards between clock reads: a strip takes a fraction of a millisecond.
      const end = (from: number) => Math.min(from + 8, found.length);
      while (i < found.length && performance.now() < until) {
        for (const card of page.adopt(found.slice(i, end(i)))) page.redraw(card);
        i = end(i);
      }
      if (i < found.length) await nextTask();
    }
    page.redrawToolbar();
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
