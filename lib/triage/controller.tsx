/**
 * On-page triage: finds the cards of a digest page, gives each a control strip in its own shadow root,
 * records the cards the user actually saw, and carries out keyboard and bulk actions through the background.
 *
 * Everything it adds to the page is marked (`data-paperlane-*`, `paperlane-strip` hosts) and removed by `stop()`,
 * which runs when the extension is disabled, updated or reloaded under the page.
 */
import { render } from 'preact';
import { CardStrip, STRIP_CSS, type StripState } from '../../components/CardStrip';
import { PageToolbar, TOOLBAR_CSS, type ToolbarState } from '../../components/PageToolbar';
import type { PageScan, ScanResult } from '../adapters/run';
import { DEFAULT_SETTINGS, type Settings } from '../db/settings';
import { t } from '../i18n';
import type { LibraryChanged, PageSummary, PaperState } from '../messages/protocol';
import { type ask as askBackground, isTransient } from '../messages/transport';
import type { PaperRecord } from '../paper/schema';
import { showBlockedNotice } from './blocked-notice';
import { actionForKey } from './keys';

export type TriageDeps = {
  ask: typeof askBackground;
  scan: (root: ParentNode, url: string, options?: { within?: Element }) => ScanResult;
  /** The first scan of the page, done a slice at a time (lib/adapters/run.ts). */
  beginScan: (root: ParentNode, url: string) => PageScan;
  /** Subscribes to library changes; returns the unsubscribe function. */
  follow: (onChange: (change: LibraryChanged) => void, onGone: () => void) => () => void;
  onError?: (error: unknown) => void;
};

type Card = {
  element: Element;
  record: PaperRecord;
  host: HTMLElement;
  mount: HTMLElement;
  isNew: boolean;
  seen: boolean;
  editor: 'tag' | 'note' | null;
  busy: boolean;
  error: string | null;
  note: string | null;
  relevance: { score: number; reasons: string[] } | null;
  suggestions: string[];
  copied: boolean;
  /** Label of the page topic the card fell in, once the page was grouped into topics. */
  topic: number | null;
  /** Order of adoption: the page's own order, to put cards back after sorting by relevance. */
  seq: number;
  /** The elements that show the card (with their own opacity, restored on stop): dimmed or hidden together. */
  parts: { element: HTMLElement; opacity: string }[];
};

type Undoable = { label: string; undo: Awaited<ReturnType<typeof askBackground<'library/save'>>> };

const HOST_TAG = 'paperlane-strip';
const SEEN_FLUSH_MS = 250;
const RESCAN_MS = 120;
/**
 * Milliseconds of our script per task while a page is first scanned and annotated. A task that gives strips to
 * cards also costs the browser style and layout for them in the frame after it (about 1.5 times the script's
 * time on a 2,000-entry listing: bench/triage.bench.ts), so both stay well under the 50 ms of a long task.
 */
const SLICE_MS = 12;

/**
 * Lets the browser run other tasks before going on, rendering included: a timer, not `scheduler.yield()`, whose
 * continuations run ahead of the frames, so that strips would pile up into one long rendering task.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class TriageController {
  private readonly cards: Card[] = [];
  private readonly byElement = new Map<Element, Card>();
  private readonly byId = new Map<string, Card[]>();
  private states: Record<string, PaperState> = {};
  private settings: Settings = DEFAULT_SETTINGS;
  private tagOptions: string[] = [];
  private focusIndex = -1;
  private selecting = false;
  private readonly selected = new Set<Card>();
  private lastSelected: Card | null = null;
  private lastUndo: Undoable | null = null;
  private toolbar: { host: HTMLElement; mount: HTMLElement } | null = null;
  private toolbarState: Pick<ToolbarState, 'progress' | 'message' | 'error'> = {
    progress: null,
    message: null,
    error: null,
  };
  private helpOpen = false;
  private sharedSheet: CSSStyleSheet | null | false = null;
  private hasRelevance = false;
  private sortedByRelevance = false;
  private rescoreTimer: ReturnType<typeof setTimeout> | null = null;
  private adopted = 0;
  private readonly slots = new Map<Node, Comment[]>();
  private topics: { label: string; terms: string[]; members: string[] }[] | null = null;
  private topicsBusy = false;
  private topicFilter: number | null = null;
  private seenQueue: Card[] = [];
  private seenTimer: ReturnType<typeof setTimeout> | null = null;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingRoots = new Set<Element>();
  private intersection: IntersectionObserver | null = null;
  private mutation: MutationObserver | null = null;
  private unfollow: (() => void) | null = null;
  private stopped = false;
  private scanResult: ScanResult | null = null;
  private removeBlockedNotice: (() => void) | null = null;
  private failures = 0;
  private readonly onKeyDown = (event: KeyboardEvent) => this.handleKey(event);

  constructor(
    private readonly doc: Document,
    private readonly url: string,
    private readonly deps: TriageDeps,
  ) {}

  /** Scans the page, annotates it and starts following it. */
  async start(): Promise<void> {
    const scan = this.deps.beginScan(this.doc, this.url);
    // What the page says as a whole (Hugging Face: every hydration island, parsed and checked) in one task, the
    // cards in the next ones: together, on a small page, they made one long task (bench/triage.bench.ts, traced).
    await nextTask();
    if (this.stopped) return;
    while (!scan.step(SLICE_MS)) {
      await nextTask();
      if (this.stopped) return;
    }
    this.scanResult = scan.result;
    this.failures = this.scanResult.failures.length;
    if (this.scanResult.blocked) this.removeBlockedNotice = showBlockedNotice(this.doc, this.scanResult.blocked);
    const ids = [...new Set(this.scanResult.cards.map((c) => c.record.id))];
    // One round trip for everything the page needs: states, settings, tag names, last visit.
    // Cards get their strips even if the background cannot answer in time; their state follows when it does.
    const opened = await this.deps
      .ask('page/open', { ids, pageKey: pageKey(this.url) }, { timeoutMs: 3_000 })
      .catch((error: unknown) => {
        this.deps.onError?.(error);
        return null;
      });
    if (this.stopped) return;
    if (opened) {
      this.settings = opened.settings;
      this.states = opened.states;
      this.tagOptions = opened.tags;
    } else {
      // The background was slow to start: show the cards now and their saved state as soon as it answers.
      setTimeout(() => void this.refreshStates(ids, true), 2_000);
    }
    if (this.siteDisabled()) return;
    if (this.scanResult.cards.length > 0) {
      this.mountToolbar();
      // The toolbar in a task of its own, the strips after it: one task for both could be a long one.
      await nextTask();
      if (this.stopped) return;
    }
    await this.adoptInSlices(this.scanResult.cards, (card) => {
      // "New since your last visit": the library has never seen this paper anywhere.
      card.isNew = !this.states[card.record.id]?.lastSeenAt;
    });
    if (this.stopped) return;
    // Seen tracking starts once every strip is there: the browser checks each observed card in every frame, which
    // on a 2,000-entry listing costs as much as the strips themselves while they are being added.
    this.intersection = new IntersectionObserver((entries) => this.onIntersect(entries), { threshold: 0.5 });
    for (const card of this.cards) if (!card.seen) this.intersection.observe(card.element);
    this.unfollow = this.deps.follow(
      (change) => this.onLibraryChanged(change),
      () => this.stop(),
    );
    this.mutation = new MutationObserver((records) => this.onMutations(records));
    this.mutation.observe(this.doc.body ?? this.doc.documentElement, { childList: true, subtree: true });
    this.doc.addEventListener('keydown', this.onKeyDown);
    void this.scoreRelevance();
  }

  /**
   * Scores every card against the library (in the background) and shows the badges. Nothing is shown while the
   * library holds nothing the researcher kept: a score against nothing would mean nothing.
   */
  private async scoreRelevance(): Promise<void> {
    const cards = this.uniqueCards();
    if (cards.length === 0) return;
    try {
      // A 2,000-entry listing's text is megabytes to serialise on the page's main thread: not sent for nothing.
      const scores = (await this.deps.ask('page/canScore', null))
        ? await this.deps.ask('page/relevance', {
            papers: cards.map((c) => ({ id: c.record.id, title: c.record.title, abstract: c.record.abstract })),
          })
        : [];
      if (this.stopped) return;
      const byId = new Map(scores.map((s) => [s.id, s]));
      for (const card of this.cards) {
        const score = byId.get(card.record.id);
        // Only the strips whose badge changes are drawn again: none, on a page scored against nothing.
        if (!score && !card.relevance) continue;
        card.relevance = score ? { score: score.score, reasons: score.reasons } : null;
        this.renderCard(card);
      }
      this.hasRelevance = scores.length > 0;
      if (this.sortedByRelevance) this.sortByRelevance(true);
      this.renderToolbar();
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  /** Rescoring after the researcher's judgements changed, at most once a second. */
  private scheduleRescore(): void {
    if (this.rescoreTimer) clearTimeout(this.rescoreTimer);
    this.rescoreTimer = setTimeout(() => {
      this.rescoreTimer = null;
      void this.scoreRelevance();
    }, 1000);
  }

  /**
   * Reorders the cards by relevance inside their own containers, or puts them back (`on` false). Cards move as
   * whole units (a <dt> with its <dd>; a card's wrapper that holds nothing else), into the slots cards held
   * before, so headings and other content between them stay where they were.
   */
  private sortByRelevance(on: boolean): void {
    this.sortedByRelevance = on;
    const units = this.cards.map((card) => ({ card, nodes: unitOf(card.element, this.cards) }));
    const byParent = new Map<Node, typeof units>();
    for (const unit of units) {
      const parent = unit.nodes[0]?.parentNode;
      if (!parent) continue;
      const list = byParent.get(parent) ?? [];
      list.push(unit);
      byParent.set(parent, list);
    }
    for (const [parent, group] of byParent) {
      if (group.length < 2) continue;
      if (!this.slots.has(parent)) {
        // A marker before each unit's first node remembers the slots cards occupy in this container.
        this.slots.set(
          parent,
          group.map((unit) => {
            const marker = this.doc.createComment('paperlane-slot');
            parent.insertBefore(marker, unit.nodes[0] ?? null);
            return marker;
          }),
        );
      }
      const markers = this.slots.get(parent) ?? [];
      const ordered = [...group].sort((a, b) =>
        on ? (b.card.relevance?.score ?? -1) - (a.card.relevance?.score ?? -1) : a.card.seq - b.card.seq,
      );
      ordered.forEach((unit, i) => {
        const marker = markers[i];
        if (!marker) return;
        let after: Node = marker;
        for (const node of unit.nodes) {
          parent.insertBefore(node, after.nextSibling);
          after = node;
        }
      });
    }
    // Keyboard order (j / k) follows what the reader sees.
    this.sortByDocumentOrder();
    this.renderToolbar();
  }

  /**
   * Gives cards their strips a slice at a time, yielding between slices so that a page of 2,000 cards never
   * blocks the main thread for a long task; the first slice is the top of the page, where the reader is.
   */
  private async adoptInSlices(found: ScanResult['cards'], prepare: (card: Card) => void): Promise<Card[]> {
    const added: Card[] = [];
    let i = 0;
    while (i < found.length && !this.stopped) {
      const until = performance.now() + SLICE_MS;
      // Eight cards between clock reads: a strip takes a fraction of a millisecond.
      const end = (from: number) => Math.min(from + 8, found.length);
      while (i < found.length && performance.now() < until) {
        for (const card of this.adopt(found.slice(i, end(i)))) {
          prepare(card);
          this.renderCard(card);
          added.push(card);
        }
        i = end(i);
      }
      if (i < found.length) await nextTask();
    }
    this.renderToolbar();
    return added;
  }

  /** Removes every trace of Paperlane from the page. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.intersection?.disconnect();
    this.mutation?.disconnect();
    this.unfollow?.();
    this.removeBlockedNotice?.();
    if (this.seenTimer) clearTimeout(this.seenTimer);
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    if (this.rescoreTimer) clearTimeout(this.rescoreTimer);
    this.doc.removeEventListener('keydown', this.onKeyDown);
    if (this.sortedByRelevance) this.sortByRelevance(false);
    for (const markers of this.slots.values()) for (const marker of markers) marker.remove();
    this.slots.clear();
    for (const card of this.cards) {
      render(null, card.mount);
      card.host.remove();
      card.element.removeAttribute('data-paperlane-id');
      for (const part of card.parts) {
        part.element.style.opacity = part.opacity;
        part.element.style.removeProperty('display');
      }
    }
    if (this.toolbar) {
      render(null, this.toolbar.mount);
      this.toolbar.host.remove();
    }
    this.cards.length = 0;
    this.byElement.clear();
    this.byId.clear();
  }

  summary(): PageSummary {
    const ids = [...this.byId.keys()];
    return {
      url: this.url,
      adapter: this.scanResult?.adapter ?? null,
      kind: this.scanResult?.kind ?? null,
      cards: ids.length,
      saved: ids.filter((id) => this.states[id]?.saved).length,
      newSinceLastVisit: ids.filter((id) => this.byId.get(id)?.[0]?.isNew).length,
      failures: this.failures,
      drift: this.scanResult?.drift ?? false,
      blocked: this.scanResult?.blocked ?? null,
    };
  }

  get cardCount(): number {
    return this.cards.length;
  }

  // ---- cards ----

  private adopt(found: ScanResult['cards']): Card[] {
    const added: Card[] = [];
    for (const { element, record } of found) {
      if (this.byElement.has(element) || element.closest(HOST_TAG)) continue;
      // A card inside a card we already annotate is the same paper shown twice (nested markup): skip it.
      if (element.parentElement?.closest('[data-paperlane-id]')) continue;
      const host = this.doc.createElement(HOST_TAG);
      host.setAttribute('data-paperlane-for', record.id);
      const shadow = host.attachShadow({ mode: 'open' });
      const mount = this.doc.createElement('div');
      shadow.append(mount);
      this.styleStrip(shadow);
      element.setAttribute('data-paperlane-id', record.id);
      element.append(host);
      const card: Card = {
        element,
        record,
        host,
        mount,
        isNew: false,
        seen: false,
        editor: null,
        busy: false,
        error: null,
        note: null,
        relevance: null,
        suggestions: [],
        seq: this.adopted++,
        copied: false,
        topic: null,
        parts: partsOf(element).map((part) => ({ element: part, opacity: part.style.opacity })),
      };
      this.cards.push(card);
      this.byElement.set(element, card);
      const list = this.byId.get(record.id) ?? [];
      list.push(card);
      this.byId.set(record.id, list);
      this.intersection?.observe(element);
      added.push(card);
    }
    // Cards from the first scan come in page order; only cards found later (or after a reorder) need sorting.
    if (added.length && !this.inPageOrder(added)) this.sortByDocumentOrder();
    return added;
  }

  /**
   * One constructed stylesheet shared by every strip: parsing the CSS once instead of once per card is what
   * keeps 2,000 strips cheap. Where a browser will not adopt a sheet made in the content script's world
   * (older Firefox), each strip gets its own <style>.
   */
  private styleStrip(shadow: ShadowRoot): void {
    if (this.sharedSheet !== false) {
      try {
        if (!this.sharedSheet) {
          this.sharedSheet = new CSSStyleSheet();
          this.sharedSheet.replaceSync(STRIP_CSS);
        }
        shadow.adoptedStyleSheets = [this.sharedSheet];
        return;
      } catch {
        this.sharedSheet = false;
      }
    }
    const style = this.doc.createElement('style');
    style.textContent = STRIP_CSS;
    shadow.prepend(style);
  }

  /** True when the cards just added all follow, in order, every card adopted before them. */
  private inPageOrder(added: Card[]): boolean {
    const before = this.cards.length - added.length;
    const previous = this.cards[before - 1];
    const first = added[0];
    if (!first) return true;
    if (previous && !(previous.element.compareDocumentPosition(first.element) & Node.DOCUMENT_POSITION_FOLLOWING)) {
      return false;
    }
    for (let i = 1; i < added.length; i++) {
      const a = added[i - 1];
      const b = added[i];
      if (a && b && !(a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
    }
    return true;
  }

  private sortByDocumentOrder(): void {
    this.cards.sort((a, b) =>
      a.element === b.element
        ? 0
        : a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING
          ? -1
          : 1,
    );
  }

  private async refreshStates(ids: string[], firstLoad = false): Promise<void> {
    if (ids.length === 0) return;
    try {
      const states = await this.deps.ask('page/getStates', { ids: [...new Set(ids)] });
      for (const id of ids) {
        if (states[id]) this.states[id] = states[id];
        else delete this.states[id];
      }
      if (firstLoad) {
        // "New since your last visit": the library has never seen this paper anywhere.
        for (const id of ids) for (const card of this.byId.get(id) ?? []) card.isNew = !states[id]?.lastSeenAt;
      }
    } catch (error) {
      this.deps.onError?.(error);
    }
    for (const id of ids) for (const card of this.byId.get(id) ?? []) this.renderCard(card);
    this.renderToolbar();
  }

  private refreshTags(): void {
    this.deps
      .ask('library/tags', null)
      .then((tags) => {
        this.tagOptions = tags.map((tag) => tag.name);
        for (const card of this.cards) if (card.editor === 'tag') this.renderCard(card);
      })
      .catch(() => {});
  }

  private stripState(card: Card): StripState {
    const state = this.states[card.record.id];
    return {
      saved: state?.saved ?? false,
      dismissed: state?.status === 'dismissed',
      tags: state?.tags ?? [],
      hasNote: state?.hasNote ?? false,
      note: card.note,
      isNew: card.isNew,
      focused: this.cards[this.focusIndex] === card,
      selecting: this.selecting,
      selected: this.selected.has(card),
      busy: card.busy,
      error: card.error,
      relevance: card.relevance,
      copied: card.copied,
      topic: card.topic === null ? null : (this.topics?.[card.topic]?.label ?? null),
    };
  }

  private renderCard(card: Card): void {
    if (this.stopped) return;
    const state = this.stripState(card);
    for (const part of card.parts) {
      part.element.style.opacity = state.dismissed ? '0.45' : part.opacity;
      const hidden =
        (state.dismissed && this.settings.hideDismissed) ||
        (this.topicFilter !== null && card.topic !== this.topicFilter);
      if (hidden) part.element.style.display = 'none';
      else part.element.style.removeProperty('display');
    }
    render(
      <CardStrip
        state={state}
        title={card.record.title}
        tagOptions={this.tagOptions}
        suggestions={card.suggestions}
        editor={card.editor}
        onEditorOpen={(editor) => this.openEditor(card, editor)}
        onEditorClose={() => {
          card.editor = null;
          this.renderCard(card);
        }}
        actions={{
          toggleSave: () => void this.toggleSave([card]),
          toggleDismiss: () => void this.toggleDismiss([card]),
          addTag: (tag) => void this.changeTags([card], [tag], []),
          removeTag: (tag) => void this.changeTags([card], [], [tag]),
          saveNote: (note) => void this.saveNote(card, note),
          toggleSelect: (shift) => this.toggleSelect(card, shift),
          copyBibtex: () => void this.copyBibtex(card),
        }}
      />,
      card.mount,
    );
  }

  private openEditor(card: Card, editor: 'tag' | 'note'): void {
    card.editor = editor;
    if (editor === 'tag') {
      const { id, title, abstract } = card.record;
      this.deps
        .ask('library/suggestTags', { paper: { id, title, abstract }, count: 3 })
        .then((suggestions) => {
          const have = new Set(this.states[id]?.tags ?? []);
          card.suggestions = suggestions.map((s) => s.tag).filter((tag) => !have.has(tag));
          this.renderCard(card);
        })
        .catch(() => {});
    }
    if (editor === 'note' && this.states[card.record.id]?.hasNote && card.note === null) {
      this.deps
        .ask('library/get', { id: card.record.id })
        .then(({ paper }) => {
          card.note = paper?.note ?? '';
          this.renderCard(card);
        })
        .catch(() => {});
    }
    this.renderCard(card);
  }

  // ---- actions ----

  /** Runs one library action for some cards, showing it on them and keeping its undo. */
  private async act(cards: Card[], label: string, run: () => Promise<Undoable['undo']>): Promise<boolean> {
    for (const card of cards) {
      card.busy = true;
      card.error = null;
      this.renderCard(card);
    }
    try {
      const undo = await run();
      this.lastUndo = { label, undo };
      await this.refreshStates(cards.map((c) => c.record.id));
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const card of cards) card.error = t('actionFailed', message);
      this.toolbarState = { ...this.toolbarState, error: t('actionFailed', message), progress: null };
      return false;
    } finally {
      for (const card of cards) {
        card.busy = false;
        this.renderCard(card);
      }
      this.renderToolbar();
    }
  }

  private async toggleSave(cards: Card[]): Promise<void> {
    const allSaved = cards.every((c) => this.states[c.record.id]?.saved);
    if (allSaved) {
      await this.act(cards, t('undoUnsave'), () =>
        this.deps.ask('library/update', { ids: cards.map((c) => c.record.id), change: { saved: false } }),
      );
    } else {
      await this.act(cards, t('undoSave'), () =>
        this.deps.ask('library/save', { records: cards.map((c) => c.record) }),
      );
    }
  }

  private async toggleDismiss(cards: Card[]): Promise<void> {
    const allDismissed = cards.every((c) => this.states[c.record.id]?.status === 'dismissed');
    await this.act(cards, t('undoDismiss'), () =>
      this.deps.ask('library/updateFromRecords', {
        records: cards.map((c) => c.record),
        change: { status: allDismissed ? 'unread' : 'dismissed' },
      }),
    );
  }

  private async changeTags(cards: Card[], add: string[], remove: string[]): Promise<void> {
    const ok = await this.act(cards, t('undoTag'), () =>
      this.deps.ask('library/updateFromRecords', {
        records: cards.map((c) => c.record),
        change: { addTags: add, removeTags: remove },
      }),
    );
    if (ok && add.length) this.refreshTags();
  }

  private async saveNote(card: Card, note: string): Promise<void> {
    card.note = note;
    await this.act([card], t('undoNote'), () =>
      this.deps.ask('library/updateFromRecords', { records: [card.record], change: { note } }),
    );
  }

  /** Groups the page's cards into topics (computed in the background), shown in the toolbar and on each card. */
  private async findTopics(): Promise<void> {
    const cards = this.uniqueCards();
    if (cards.length < 4) {
      this.toolbarState = { ...this.toolbarState, error: t('topicsTooFew') };
      this.renderToolbar();
      return;
    }
    this.topicsBusy = true;
    this.toolbarState = { ...this.toolbarState, error: null };
    this.renderToolbar();
    try {
      const { clusters } = await this.deps.ask('page/cluster', {
        papers: cards.map((c) => ({ id: c.record.id, title: c.record.title, abstract: c.record.abstract })),
      });
      this.topics = clusters.map(({ label, terms, members }) => ({ label, terms, members }));
      const topicOf = new Map<string, number>();
      clusters.forEach((cluster, i) => {
        for (const id of cluster.members) topicOf.set(id, i);
      });
      for (const card of this.cards) {
        card.topic = topicOf.get(card.record.id) ?? null;
        this.renderCard(card);
      }
    } catch (error) {
      this.toolbarState = {
        ...this.toolbarState,
        error: t('actionFailed', error instanceof Error ? error.message : String(error)),
      };
    } finally {
      this.topicsBusy = false;
      this.renderToolbar();
    }
  }

  private closeTopics(): void {
    this.topics = null;
    this.topicFilter = null;
    for (const card of this.cards) {
      card.topic = null;
      this.renderCard(card);
    }
    this.renderToolbar();
  }

  private topicCards(index: number): Card[] {
    return this.uniqueCards().filter((card) => card.topic === index);
  }

  /** Shows only one topic's cards (again: all cards). */
  private showTopic(index: number): void {
    this.topicFilter = this.topicFilter === index ? null : index;
    for (const card of this.cards) this.renderCard(card);
    this.renderToolbar();
  }

  private async saveTopic(index: number): Promise<void> {
    const unsaved = this.topicCards(index).filter((c) => !this.states[c.record.id]?.saved);
    if (unsaved.length) await this.toggleSave(unsaved);
  }

  /** Downloads a topic's BibTeX as paperlane-<topic>-<date>.bib. */
  private async exportTopic(index: number): Promise<void> {
    const topic = this.topics?.[index];
    if (!topic) return;
    try {
      const { bibtex } = await this.deps.ask('library/bibtex', {
        records: this.topicCards(index).map((c) => c.record),
      });
      const url = URL.createObjectURL(new Blob([bibtex], { type: 'application/x-bibtex;charset=utf-8' }));
      const link = this.doc.createElement('a');
      link.href = url;
      link.download = topicFileName(topic.label, new Date());
      link.style.display = 'none';
      (this.doc.body ?? this.doc.documentElement).append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.toolbarState = {
        ...this.toolbarState,
        error: t('actionFailed', error instanceof Error ? error.message : String(error)),
      };
      this.renderToolbar();
    }
  }

  /** Copies the paper's BibTeX (written by the background, from the library's record when it has one). */
  private async copyBibtex(card: Card): Promise<void> {
    try {
      const { bibtex } = await this.deps.ask('library/bibtex', { records: [card.record] });
      await navigator.clipboard.writeText(bibtex);
      card.copied = true;
      card.error = null;
      this.renderCard(card);
      setTimeout(() => {
        card.copied = false;
        this.renderCard(card);
      }, 1500);
    } catch (error) {
      card.error = t('actionFailed', error instanceof Error ? error.message : String(error));
      this.renderCard(card);
    }
  }

  /** Saves every card on the page, in batches so that progress shows; all or nothing per batch. */
  async saveAll(): Promise<number> {
    const unsaved = this.uniqueCards().filter((c) => !this.states[c.record.id]?.saved);
    const batch = 100;
    const before: Undoable['undo']['before'] = [];
    let done = 0;
    this.toolbarState = { progress: { done, total: unsaved.length }, message: null, error: null };
    this.renderToolbar();
    for (let i = 0; i < unsaved.length; i += batch) {
      const part = unsaved.slice(i, i + batch);
      try {
        const undo = await withRetry(() => this.deps.ask('library/save', { records: part.map((c) => c.record) }));
        before.push(...undo.before);
      } catch (error) {
        // Put back what the earlier batches saved, so a failed bulk save leaves the library as it was.
        if (before.length) await this.deps.ask('library/restore', { before }).catch(() => {});
        const message = error instanceof Error ? error.message : String(error);
        this.toolbarState = { progress: null, message: null, error: t('saveAllFailed', message) };
        await this.refreshStates(unsaved.map((c) => c.record.id));
        return 0;
      }
      done += part.length;
      this.toolbarState = { ...this.toolbarState, progress: { done, total: unsaved.length } };
      this.renderToolbar();
    }
    this.lastUndo = { label: t('undoSaveAll'), undo: { before } };
    this.toolbarState = { progress: null, message: t('savedCount', done), error: null };
    await this.refreshStates(unsaved.map((c) => c.record.id));
    return done;
  }

  private async undo(): Promise<void> {
    const last = this.lastUndo;
    if (!last) return;
    this.lastUndo = null;
    try {
      await this.deps.ask('library/restore', last.undo);
      this.toolbarState = { progress: null, message: t('undone', last.label), error: null };
      await this.refreshStates(last.undo.before.map((b) => b.id));
    } catch (error) {
      this.toolbarState = { progress: null, message: null, error: t('actionFailed', String(error)) };
      this.renderToolbar();
    }
  }

  private uniqueCards(): Card[] {
    return [...this.byId.values()].map((list) => list[0]).filter((c): c is Card => c !== undefined);
  }

  private toggleSelect(card: Card, shift: boolean): void {
    if (shift && this.lastSelected) {
      const from = this.cards.indexOf(this.lastSelected);
      const to = this.cards.indexOf(card);
      const [lo, hi] = from < to ? [from, to] : [to, from];
      for (const c of this.cards.slice(lo, hi + 1)) this.selected.add(c);
    } else if (this.selected.has(card)) this.selected.delete(card);
    else this.selected.add(card);
    this.lastSelected = card;
    for (const c of this.cards) this.renderCard(c);
    this.renderToolbar();
  }

  private setSelecting(on: boolean): void {
    this.selecting = on;
    if (!on) this.selected.clear();
    for (const c of this.cards) this.renderCard(c);
    this.renderToolbar();
  }

  private async setHideDismissed(hide: boolean): Promise<void> {
    this.settings = { ...this.settings, hideDismissed: hide };
    for (const c of this.cards) this.renderCard(c);
    this.renderToolbar();
    await this.deps.ask('settings/update', { hideDismissed: hide }).catch(() => {});
  }

  // ---- keyboard ----

  private handleKey(event: KeyboardEvent): void {
    const action = actionForKey(event, this.settings.keys);
    if (!action || this.cards.length === 0) return;
    const card = this.cards[this.focusIndex];
    switch (action) {
      case 'next':
      case 'previous': {
        const step = action === 'next' ? 1 : -1;
        this.moveFocus(this.focusIndex < 0 ? 0 : this.focusIndex + step);
        break;
      }
      case 'save':
        if (!card) return;
        void this.toggleSave([card]);
        break;
      case 'dismiss':
        if (!card) return;
        void this.toggleDismiss([card]);
        break;
      case 'tag':
      case 'note':
        if (!card) return;
        this.openEditor(card, action);
        break;
      case 'open': {
        if (!card) return;
        const href = card.record.url ?? card.record.pdfUrl;
        if (href) window.open(href, '_blank', 'noopener');
        break;
      }
      case 'help':
        this.helpOpen = !this.helpOpen;
        this.renderToolbar();
        break;
    }
    event.preventDefault();
  }

  private moveFocus(index: number): void {
    const previous = this.cards[this.focusIndex];
    this.focusIndex = Math.max(0, Math.min(this.cards.length - 1, index));
    const card = this.cards[this.focusIndex];
    if (previous) this.renderCard(previous);
    if (!card) return;
    this.renderCard(card);
    card.element.scrollIntoView({ block: 'center', behavior: 'auto' });
  }

  // ---- living page ----

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const card = this.byElement.get(entry.target);
      if (!card || card.seen) continue;
      card.seen = true;
      this.intersection?.unobserve(entry.target);
      this.seenQueue.push(card);
    }
    if (this.seenQueue.length && !this.seenTimer) {
      this.seenTimer = setTimeout(() => this.flushSeen(), SEEN_FLUSH_MS);
    }
  }

  private flushSeen(): void {
    this.seenTimer = null;
    const cards = this.seenQueue.splice(0);
    if (cards.length === 0 || this.stopped) return;
    this.deps.ask('page/cardsSeen', { records: cards.map((c) => c.record) }).catch((error: unknown) => {
      for (const card of cards) card.seen = false; // try again when next on screen
      this.deps.onError?.(error);
    });
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (element.localName === HOST_TAG || element.closest(HOST_TAG)) continue;
        this.pendingRoots.add(element);
      }
    }
    if (this.pendingRoots.size && !this.rescanTimer) {
      this.rescanTimer = setTimeout(() => this.rescan(), RESCAN_MS);
    }
  }

  /** Scans only the subtrees that appeared since the last scan (debounced). */
  private rescan(): void {
    this.rescanTimer = null;
    const roots = [...this.pendingRoots].filter((root) => root.isConnected);
    this.pendingRoots.clear();
    const added: Card[] = [];
    for (const root of roots) {
      // A root inside another pending root is scanned with it.
      if (roots.some((other) => other !== root && other.contains(root))) continue;
      const result = this.deps.scan(this.doc, this.url, { within: root });
      this.failures += result.failures.length;
      added.push(...this.adopt(result.cards));
    }
    if (added.length) {
      if (!this.toolbar) this.mountToolbar();
      void this.refreshStates(
        added.map((c) => c.record.id),
        true,
      );
    }
  }

  private onLibraryChanged(change: LibraryChanged): void {
    if (change.settings) {
      this.deps
        .ask('settings/get', null)
        .then((settings) => {
          this.settings = settings;
          if (this.siteDisabled()) this.stop();
          else for (const c of this.cards) this.renderCard(c);
        })
        .catch(() => {});
    }
    if (change.tags) this.refreshTags();
    const ours = change.ids.filter((id) => this.byId.has(id));
    if (ours.length) void this.refreshStates(ours);
    if (change.ids.length > 0 || change.tags) this.scheduleRescore();
  }

  private siteDisabled(): boolean {
    const adapter = this.scanResult?.adapter;
    return adapter != null && this.settings.disabledSites.includes(adapter);
  }

  // ---- toolbar ----

  private mountToolbar(): void {
    const host = this.doc.createElement('paperlane-toolbar');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = TOOLBAR_CSS;
    const mount = this.doc.createElement('div');
    shadow.append(style, mount);
    (this.doc.body ?? this.doc.documentElement).append(host);
    this.toolbar = { host, mount };
    this.renderToolbar();
  }

  private renderToolbar(): void {
    if (!this.toolbar || this.stopped) return;
    const unique = this.uniqueCards();
    const state: ToolbarState = {
      cards: unique.length,
      saved: unique.filter((c) => this.states[c.record.id]?.saved).length,
      selecting: this.selecting,
      selected: this.selected.size,
      hideDismissed: this.settings.hideDismissed,
      undoLabel: this.lastUndo?.label ?? null,
      help: this.helpOpen ? this.settings.keys : null,
      relevance: this.hasRelevance ? (this.sortedByRelevance ? 'sorted' : 'original') : null,
      topics:
        this.topics?.map((topic, i) => ({
          label: topic.label,
          size: topic.members.length,
          shown: this.topicFilter === i,
        })) ?? null,
      topicsBusy: this.topicsBusy,
      ...this.toolbarState,
    };
    render(
      <PageToolbar
        state={state}
        actions={{
          saveAll: () => void this.saveAll(),
          toggleSelecting: () => this.setSelecting(!this.selecting),
          saveSelected: () => void this.toggleSave([...this.selected]),
          dismissSelected: () => void this.toggleDismiss([...this.selected]),
          tagSelected: (tag) => void this.changeTags([...this.selected], [tag], []),
          toggleHideDismissed: () => void this.setHideDismissed(!this.settings.hideDismissed),
          toggleSortByRelevance: () => this.sortByRelevance(!this.sortedByRelevance),
          findTopics: () => void this.findTopics(),
          closeTopics: () => this.closeTopics(),
          showTopic: (i) => this.showTopic(i),
          saveTopic: (i) => void this.saveTopic(i),
          dismissTopic: (i) => void this.toggleDismiss(this.topicCards(i)),
          tagTopic: (i, tag) => void this.changeTags(this.topicCards(i), [tag], []),
          exportTopic: (i) => void this.exportTopic(i),
          undo: () => void this.undo(),
          closeHelp: () => {
            this.helpOpen = false;
            this.renderToolbar();
          },
          dismissMessage: () => {
            this.toolbarState = { progress: null, message: null, error: null };
            this.renderToolbar();
          },
        }}
      />,
      this.toolbar.mount,
    );
  }
}

/**
 * Sends a message again when it was lost rather than refused: an MV3 service worker can be stopped between two
 * batches of a bulk save, and the next message starts it again. Saving is idempotent, so a batch that was
 * written but not acknowledged is safe to send twice.
 */
async function withRetry<T>(send: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * What moves when a card moves: its parts (a <dt> with its <dd>), or the highest wrapper around the card that
 * holds no other card, so that layout wrappers travel with their card.
 */
function unitOf(element: Element, cards: readonly { element: Element }[]): Node[] {
  const parts = partsOf(element);
  if (parts.length > 1) return parts;
  let unit: Element = element;
  while (unit.parentElement && unit.parentElement !== unit.ownerDocument.body) {
    const parent: Element = unit.parentElement;
    if (cards.some((c) => c.element !== element && parent.contains(c.element))) break;
    unit = parent;
  }
  return [unit];
}

/**
 * The elements that make up a card on screen. In a description list (arXiv listings) the card is the <dt> and its
 * description, the <dd> after it, belongs to it: dimming one without the other would dim only the id line.
 */
function partsOf(element: Element): HTMLElement[] {
  const parts = [element as HTMLElement];
  if (element.localName === 'dt') {
    const next = element.nextElementSibling;
    if (next?.localName === 'dd') parts.push(next as HTMLElement);
  }
  return parts;
}

/**
 * Whether a navigation the page started makes a new page in this document: same origin, http(s), and a different
 * path or query. Downloads (blob:), moves to another site and jumps within the page (hash) are not.
 */
export function isSpaNavigation(next: URL, current: string): boolean {
  if (next.protocol !== 'https:' && next.protocol !== 'http:') return false;
  const now = new URL(current);
  if (next.origin !== now.origin) return false;
  return next.pathname !== now.pathname || next.search !== now.search;
}

/** `paperlane-<topic>-<YYYY-MM-DD>.bib`, with only safe characters in the topic part. */
export function topicFileName(label: string, date: Date): string {
  const slug =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'topic';
  return `paperlane-${slug}-${date.toISOString().slice(0, 10)}.bib`;
}

/** The key under which visits to a digest page are remembered: host and path, without the query's noise. */
export function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
