/**
 * What on-page triage shows, as data: the state and actions of a card's strip and of the page toolbar. lib/triage
 * builds these; the views that draw them (components/CardStrip.tsx, components/PageToolbar.tsx) come in through
 * `TriageView`, which the entry point passes in, so that lib/ never imports components/.
 */
import type { KeyBindings } from '../settings';
import type { WatchMatch } from '../watchlist/watchlist';

export type StripState = {
  saved: boolean;
  dismissed: boolean;
  tags: string[];
  hasNote: boolean;
  note: string | null;
  isNew: boolean;
  focused: boolean;
  selecting: boolean;
  selected: boolean;
  busy: boolean;
  error: string | null;
  relevance: { score: number; reasons: string[] } | null;
  /** The BibTeX was just copied: the button says so for a moment. */
  copied: boolean;
  /** The page topic this card fell in, once the page was grouped. */
  topic: string | null;
  /** What of the researcher's watchlist this card matches (features/watchlist.ts); null when nothing. */
  watch: WatchMatch | null;
  /** The card's authors as the page gives them, offered by the strip's Follow control. */
  authors: string[];
};

export type StripActions = {
  toggleSave(): void;
  toggleDismiss(): void;
  addTag(tag: string): void;
  removeTag(tag: string): void;
  saveNote(note: string): void;
  toggleSelect(shiftKey: boolean): void;
  copyBibtex(): void;
  /** Follow an author as the card names them; stop following a watchlist entry. */
  follow(name: string): void;
  unfollow(entry: string): void;
};

export type StripProps = {
  state: StripState;
  actions: StripActions;
  title: string;
  tagOptions: string[];
  /** Tags the library suggests for this paper, offered as one-click chips while tagging. */
  suggestions: string[];
  /** Opened from the keyboard (t / n): which editor to show. */
  editor: 'tag' | 'note' | null;
  onEditorClose(): void;
  onEditorOpen(editor: 'tag' | 'note'): void;
};

export type ToolbarState = {
  cards: number;
  saved: number;
  selecting: boolean;
  selected: number;
  hideDismissed: boolean;
  undoLabel: string | null;
  progress: { done: number; total: number } | null;
  message: string | null;
  error: string | null;
  help: KeyBindings | null;
  /** Null until the page has relevance scores. */
  relevance: 'original' | 'sorted' | null;
  /** The page grouped into topics; null until asked. */
  topics: { label: string; size: number; shown: boolean }[] | null;
  topicsBusy: boolean;
  /** The watchlist filter: null while nothing is followed; `matching` counts the page's matching papers. */
  watch: { only: boolean; matching: number } | null;
};

export type ToolbarActions = {
  saveAll(): void;
  toggleSelecting(): void;
  saveSelected(): void;
  dismissSelected(): void;
  tagSelected(tag: string): void;
  toggleHideDismissed(): void;
  toggleSortByRelevance(): void;
  findTopics(): void;
  closeTopics(): void;
  showTopic(index: number): void;
  saveTopic(index: number): void;
  dismissTopic(index: number): void;
  tagTopic(index: number, tag: string): void;
  exportTopic(index: number): void;
  undo(): void;
  closeHelp(): void;
  dismissMessage(): void;
  toggleWatchOnly(): void;
};

export type ToolbarProps = { state: ToolbarState; actions: ToolbarActions };

/** A feature's part of a card's strip: what it shows, what it does, and whether it hides the card. */
export type StripPart = Partial<Omit<StripProps, 'state' | 'actions'>> & {
  state?: Partial<StripState>;
  actions?: Partial<StripActions>;
  hidden?: boolean;
};
export type ToolbarPart = { state?: Partial<ToolbarState>; actions?: Partial<ToolbarActions> };
export type Status = Pick<ToolbarState, 'progress' | 'message' | 'error'>;

/** Draws a strip or the toolbar into its mount (null: removes it). */
export type TriageView = {
  stripCss: string;
  toolbarCss: string;
  strip(mount: HTMLElement, props: StripProps | null): void;
  toolbar(mount: HTMLElement, props: ToolbarProps | null): void;
};

const NOOP = () => {};

/** A strip that shows nothing and does nothing: the page adds the library state, the features the rest. */
export function blankStrip(title: string, tagOptions: string[]): StripProps {
  return {
    state: {
      saved: false,
      dismissed: false,
      tags: [],
      hasNote: false,
      note: null,
      isNew: false,
      focused: false,
      selecting: false,
      selected: false,
      busy: false,
      error: null,
      relevance: null,
      copied: false,
      topic: null,
      watch: null,
      authors: [],
    },
    actions: {
      toggleSave: NOOP,
      toggleDismiss: NOOP,
      addTag: NOOP,
      removeTag: NOOP,
      saveNote: NOOP,
      toggleSelect: NOOP,
      copyBibtex: NOOP,
      follow: NOOP,
      unfollow: NOOP,
    },
    title,
    tagOptions,
    suggestions: [],
    editor: null,
    onEditorClose: NOOP,
    onEditorOpen: NOOP,
  };
}

/** A toolbar with nothing in it: the page adds the counts and its status, the features their buttons. */
export function blankToolbar(): ToolbarProps {
  return {
    state: {
      cards: 0,
      saved: 0,
      selecting: false,
      selected: 0,
      hideDismissed: false,
      undoLabel: null,
      progress: null,
      message: null,
      error: null,
      help: null,
      relevance: null,
      topics: null,
      topicsBusy: false,
      watch: null,
    },
    actions: {
      saveAll: NOOP,
      toggleSelecting: NOOP,
      saveSelected: NOOP,
      dismissSelected: NOOP,
      tagSelected: NOOP,
      toggleHideDismissed: NOOP,
      toggleSortByRelevance: NOOP,
      findTopics: NOOP,
      closeTopics: NOOP,
      showTopic: NOOP,
      saveTopic: NOOP,
      dismissTopic: NOOP,
      tagTopic: NOOP,
      exportTopic: NOOP,
      undo: NOOP,
      closeHelp: NOOP,
      dismissMessage: NOOP,
      toggleWatchOnly: NOOP,
    },
  };
}
