/**
 * The page model of on-page triage: the cards found on a digest page, their state in the library, the settings,
 * and the page's events. Features (lib/triage/features/) read it, listen to it with their own `AbortSignal`, and
 * add their part to each card's strip and to the toolbar; the page draws both from those parts. Everything it
 * adds to the page is marked (`data-paperlane-*`, `paperlane-strip` hosts) and removed when its signal aborts.
 */
import type { ScanResult } from '../adapters/run';
import type { LibraryChanged, PaperState } from '../messages/protocol';
import type { ask as askBackground } from '../messages/transport';
import { otherKeysOf } from '../paper/identity';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import {
  type Card,
  createCard,
  HOST_TAG,
  inPageOrder,
  NEAR_SCREEN,
  openHost,
  StripStyles,
  sortByDocumentOrder,
  unmarkCard,
} from './cards';
import { Events, onAbort } from './signals';
import { blankStrip, blankToolbar, type Status, type StripPart, type ToolbarPart, type TriageView } from './view';

export type { Card } from './cards';

export type Ask = typeof askBackground;
export type Undoable = { label: string; undo: Awaited<ReturnType<typeof askBackground<'library/save'>>> };
export type Editor = 'tag' | 'note';

export type PageEvents = {
  /** Cards just adopted, before their strips are first drawn. */
  cards: readonly Card[];
  /** Library states read again; `first` when these cards had none yet (found after the page's first read). */
  states: { ids: readonly string[]; states: Record<string, PaperState>; first: boolean };
  settings: Settings;
  tags: readonly string[];
  /** A change in the library, anywhere (another tab, the side panel). */
  library: LibraryChanged;
  /** An action that can be undone was done. */
  undoable: Undoable;
  /** Someone (the keyboard) asks for a card's editor to open. */
  edit: { card: Card; editor: Editor };
};

export type PageInit = {
  doc: Document;
  url: string;
  ask: Ask;
  view: TriageView;
  scan: ScanResult;
  states?: Record<string, PaperState>;
  settings?: Settings;
  tags?: string[];
  onError?: (error: unknown) => void;
};

const NOOP = () => {};

export class TriagePage {
  readonly doc: Document;
  readonly url: string;
  readonly ask: Ask;
  readonly scan: ScanResult;
  /** Cards in document order (the order j / k follow). */
  readonly cards: Card[] = [];
  readonly byElement = new Map<Element, Card>();
  readonly byId = new Map<string, Card[]>();
  states: Record<string, PaperState>;
  settings: Settings;
  tags: string[];
  status: Status = { progress: null, message: null, error: null };
  failures: number;
  /** True once the first pass is done: every card found at start has its strip. */
  isReady = false;
  /**
   * Whether the library's states for the page's first cards are known. The cards on screen are drawn before they
   * are (TriageController: their strips do not wait for the round trip), with their buttons disabled until then:
   * a click on "Save" must not act on a paper that turns out to be saved.
   */
  statesRead: boolean;
  private markReady: () => void = NOOP;
  readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });
  private readonly view: TriageView;
  private readonly onError: (error: unknown) => void;
  /** The page's events; a listener goes when the signal it was added with aborts. */
  readonly events = new Events<PageEvents>();
  private readonly stripParts = new Set<(card: Card) => StripPart>();
  private readonly toolbarParts = new Set<() => ToolbarPart>();
  private toolbarHost: { host: HTMLElement; mount: HTMLElement } | null = null;
  private readonly styles: StripStyles;
  private adopted = 0;
  private readonly children = new Set<AbortController>();
  /** Set by `drawNearScreen`: cards far from the screen keep a placeholder until they near it. */
  private nearScreen: IntersectionObserver | null = null;

  constructor(
    init: PageInit,
    readonly signal: AbortSignal,
  ) {
    this.doc = init.doc;
    this.url = init.url;
    this.ask = init.ask;
    this.view = init.view;
    this.styles = new StripStyles(init.view.stripCss);
    this.scan = init.scan;
    this.failures = init.scan.failures.length;
    this.states = init.states ?? {};
    this.statesRead = init.states !== undefined;
    this.settings = init.settings ?? DEFAULT_SETTINGS;
    this.tags = init.tags ?? [];
    this.onError = init.onError ?? NOOP;
    // Every part of the page (each feature) stops first, while the cards are still there to put back.
    onAbort(signal, () => {
      for (const child of [...this.children]) child.abort();
      this.unmark();
    });
  }

  /**
   * From now on a card's strip is drawn only once the card nears the screen (issue 19: a 2,000-entry listing
   * annotated in well under a second): each card adopted after this keeps a placeholder host until then. Its
   * library state, dimming and hiding apply from the start; `show` draws a card at once.
   */
  drawNearScreen(): void {
    if (this.nearScreen || this.signal.aborted || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const card = this.byElement.get(entry.target);
          if (card) this.show(card);
          else observer.unobserve(entry.target);
        }
      },
      { rootMargin: `${NEAR_SCREEN} 0px` },
    );
    this.nearScreen = observer;
    onAbort(this.signal, () => observer.disconnect());
  }

  /** Draws the card's strip now, placeholder or not (a card on screen, or one the reader acts on). */
  show(card: Card): void {
    if (this.signal.aborted) return;
    if (!card.drawn) {
      card.drawn = true;
      openHost(card.host, card.mount, this.styles);
      this.nearScreen?.unobserve(card.element);
    }
    this.redraw(card);
  }

  setReady(): void {
    this.isReady = true;
    this.markReady();
  }

  /** Runs `fn` once the first pass is done, unless the signal aborted before. */
  afterReady(signal: AbortSignal, fn: () => void): void {
    void this.ready.then(() => {
      if (!signal.aborted) fn();
    });
  }

  /** A signal for one part of the page (a feature): it aborts with the page, before the page removes its marks. */
  child(): AbortController {
    const child = new AbortController();
    if (this.signal.aborted) child.abort();
    else this.children.add(child);
    onAbort(child.signal, () => this.children.delete(child));
    return child;
  }

  /** Adds a feature's part to every strip, for as long as its signal lasts. */
  addStripPart(part: (card: Card) => StripPart, signal: AbortSignal): void {
    this.stripParts.add(part);
    onAbort(signal, () => this.stripParts.delete(part));
  }

  addToolbarPart(part: () => ToolbarPart, signal: AbortSignal): void {
    this.toolbarParts.add(part);
    onAbort(signal, () => this.toolbarParts.delete(part));
  }

  fail(error: unknown): void {
    this.onError(error);
  }

  /** One card per paper, the first shown: what counts and what bulk actions send. */
  uniqueCards(): Card[] {
    return [...this.byId.values()].map((list) => list[0]).filter((c): c is Card => c !== undefined);
  }

  stateOf(card: Card): PaperState | undefined {
    return this.states[card.record.id];
  }

  setStatus(status: Partial<Status>): void {
    this.status = { ...this.status, ...status };
    this.redrawToolbar();
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.events.emit('settings', settings);
    this.redrawAll();
  }

  /** The site's adapter is turned off in the settings. */
  siteDisabled(): boolean {
    return this.scan.adapter != null && this.settings.disabledSites.includes(this.scan.adapter);
  }

  // ---- cards ----

  /** Gives new cards their hosts (not yet drawn); cards already adopted, or inside one, are skipped. */
  adopt(found: ScanResult['cards']): Card[] {
    const added: Card[] = [];
    for (const { element, record } of found) {
      if (this.byElement.has(element) || element.closest(HOST_TAG)) continue;
      // A card inside a card we already annotate is the same paper shown twice (nested markup): skip it.
      if (element.parentElement?.closest('[data-paperlane-id]')) continue;
      const card = createCard(element, record, this.adopted++, this.styles, this.nearScreen !== null);
      this.nearScreen?.observe(element);
      this.cards.push(card);
      this.byElement.set(element, card);
      const list = this.byId.get(record.id) ?? [];
      list.push(card);
      this.byId.set(record.id, list);
      added.push(card);
    }
    // Cards from the first scan come in page order; only cards found later (or after a reorder) need sorting.
    if (added.length && !inPageOrder(this.cards, added.length)) sortByDocumentOrder(this.cards);
    if (added.length) this.events.emit('cards', added);
    return added;
  }

  sortByDocumentOrder(): void {
    sortByDocumentOrder(this.cards);
  }

  /** Reads the library state of these papers again, and draws their cards. */
  async refreshStates(ids: readonly string[], first = false): Promise<void> {
    if (ids.length === 0) return;
    try {
      const unique = [...new Set(ids)];
      const keys = otherKeysOf(unique.flatMap((id) => this.byId.get(id)?.[0]?.record ?? []));
      const states = await this.ask('page/getStates', { ids: unique, keys });
      for (const id of ids) {
        if (states[id]) this.states[id] = states[id];
        else delete this.states[id];
      }
      this.events.emit('states', { ids, states, first });
    } catch (error) {
      this.fail(error);
    }
    for (const id of ids) for (const card of this.byId.get(id) ?? []) this.redraw(card);
    this.redrawToolbar();
  }

  /**
   * The library's first answer for the page (page/open), which comes after the cards on screen were drawn: the
   * states of the cards it was asked about (`ids`), the settings and the tag names. Null: the background did not
   * answer in time, and the cards work without their states until it does. The settings are the page's first, not a
   * change: no 'settings' event (a feature reads them when it draws, or once the first pass is done).
   */
  applyOpened(
    opened: { states: Record<string, PaperState>; settings: Settings; tags: string[] } | null,
    ids: readonly string[],
  ): void {
    if (this.signal.aborted) return;
    this.statesRead = true;
    if (opened) {
      Object.assign(this.states, opened.states);
      this.settings = opened.settings;
      this.tags = opened.tags;
      this.events.emit('tags', this.tags);
      this.events.emit('states', { ids, states: opened.states, first: true });
    }
    this.redrawAll();
  }

  refreshTags(): void {
    this.ask('library/tags', null)
      .then((tags) => {
        this.tags = tags.map((tag) => tag.name);
        this.events.emit('tags', this.tags);
      })
      .catch(() => {});
  }

  // ---- drawing ----

  redrawAll(): void {
    for (const card of this.cards) this.redraw(card);
    this.redrawToolbar();
  }

  /** Draws a card's strip again from every feature's part (a placeholder stays one), and dims or hides the card. */
  redraw(card: Card): void {
    if (this.signal.aborted) return;
    const state = this.stateOf(card);
    const props = blankStrip(card.record.title, this.tags);
    Object.assign(props.state, {
      saved: state?.saved ?? false,
      dismissed: state?.status === 'dismissed',
      tags: state?.tags ?? [],
      hasNote: state?.hasNote ?? false,
      busy: card.busy || !this.statesRead,
      error: card.error,
    });
    let hidden = false;
    for (const part of this.stripParts) {
      const { state: s, actions, hidden: h, ...rest } = part(card);
      Object.assign(props, rest);
      if (s) Object.assign(props.state, s);
      if (actions) Object.assign(props.actions, actions);
      hidden ||= h === true;
    }
    for (const part of card.parts) {
      part.element.style.opacity = props.state.dismissed ? '0.45' : part.opacity;
      if (hidden) part.element.style.display = 'none';
      else part.element.style.removeProperty('display');
    }
    if (card.drawn) this.view.strip(card.mount, props);
  }

  /** Puts the toolbar on the page (once). */
  mountToolbar(): void {
    if (this.toolbarHost || this.signal.aborted) return;
    const host = this.doc.createElement('paperlane-toolbar');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = this.view.toolbarCss;
    const mount = this.doc.createElement('div');
    shadow.append(style, mount);
    (this.doc.body ?? this.doc.documentElement).append(host);
    this.toolbarHost = { host, mount };
    this.redrawToolbar();
  }

  redrawToolbar(): void {
    if (!this.toolbarHost || this.signal.aborted) return;
    const unique = this.uniqueCards();
    const { state, actions } = blankToolbar();
    Object.assign(state, {
      cards: unique.length,
      saved: unique.filter((c) => this.stateOf(c)?.saved).length,
      ...this.status,
    });
    actions.dismissMessage = () => this.setStatus({ progress: null, message: null, error: null });
    for (const part of this.toolbarParts) {
      const { state: s, actions: a } = part();
      if (s) Object.assign(state, s);
      if (a) Object.assign(actions, a);
    }
    this.view.toolbar(this.toolbarHost.mount, { state, actions });
  }

  /** Removes every trace of Paperlane from the page: runs when the page's signal aborts. */
  private unmark(): void {
    for (const card of this.cards) {
      if (card.drawn) this.view.strip(card.mount, null);
      unmarkCard(card);
    }
    if (this.toolbarHost) {
      this.view.toolbar(this.toolbarHost.mount, null);
      this.toolbarHost.host.remove();
    }
    this.cards.length = 0;
    this.byElement.clear();
    this.byId.clear();
    this.events.clear();
  }
}
