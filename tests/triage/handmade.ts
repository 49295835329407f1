/**
 * A handmade digest page for triage tests (written here, not saved from a site): `count` cards in a list, a page
 * model on it, a background that answers what a test gives it, and a view that only records what it is asked to
 * draw. `start` builds the page with only the features given, so each feature is tested without the rest.
 */
import { afterEach, vi } from 'vitest';
import type { ScanResult } from '../../lib/adapters/run';
import type { PaperState } from '../../lib/messages/protocol';
import type { PaperRecord } from '../../lib/paper/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { type Feature, FeatureManager } from '../../lib/triage/manager';
import { type Ask, type Card, TriagePage } from '../../lib/triage/page';
import type { StripProps, ToolbarProps, TriageView } from '../../lib/triage/view';
import { makeRecord } from '../helpers/papers';

export const PAGE_URL = 'https://arxiv.org/list/cs.LG/new';
type Handler = (payload: never) => unknown;

export function idOf(i: number): string {
  return `2501.${String(10000 + i)}`;
}

/** Cards as the page shows them: an <li> per paper in one list, with a paragraph between the 2nd and 3rd. */
export function handmadeListing(doc: Document, count: number): ScanResult['cards'] {
  doc.body.innerHTML = '';
  const list = doc.createElement('ol');
  const found: ScanResult['cards'] = [];
  for (let i = 0; i < count; i++) {
    const item = doc.createElement('li');
    item.textContent = `Paper ${i}`;
    list.append(item);
    found.push({ element: item, record: makeRecord(idOf(i), { title: `Paper ${i}` }) });
  }
  doc.body.append(list);
  return found;
}

export function state(id: string, patch: Partial<PaperState> = {}): PaperState {
  return { id, saved: false, status: 'unread', tags: [], lastSeenAt: null, hasNote: false, ...patch };
}

export type Handmade = ReturnType<typeof handmadePage>;

// Every page a test made stops after it: its listeners on the document must not see the next test's page.
const alive = new Set<AbortController>();
afterEach(() => {
  for (const life of alive) life.abort();
  alive.clear();
});

export function handmadePage(
  options: {
    cards?: number;
    states?: Record<string, PaperState>;
    settings?: Partial<Settings>;
    answers?: Record<string, Handler>;
    /** False: the first pass stays unfinished (the cards on screen drawn, the rest still being found). */
    ready?: boolean;
  } = {},
) {
  const found = handmadeListing(document, options.cards ?? 5);
  const states: Record<string, PaperState> = { ...(options.states ?? {}) };
  const answers: Record<string, Handler> = {
    'page/getStates': (({ ids }: { ids: string[] }) =>
      Object.fromEntries(ids.flatMap((id) => (states[id] ? [[id, states[id]]] : [])))) as Handler,
    'library/tags': (() => []) as Handler,
    ...(options.answers ?? {}),
  };
  const ask = vi.fn(async (type: string, payload: unknown) => {
    const answer = answers[type];
    if (!answer) throw new Error(`no answer for ${type}`);
    return answer(payload as never);
  });
  const strips = new Map<HTMLElement, StripProps>();
  let toolbar: ToolbarProps | null = null;
  const view: TriageView = {
    stripCss: '.strip {}',
    toolbarCss: '.toolbar {}',
    strip: (mount, props) => {
      if (props) strips.set(mount, props);
      else strips.delete(mount);
    },
    toolbar: (_mount, props) => {
      toolbar = props;
    },
  };
  const errors: unknown[] = [];
  const life = new AbortController();
  alive.add(life);
  const scan: ScanResult = { adapter: 'arxiv', kind: 'arxiv-listing', cards: found, failures: [], drift: false };
  const page = new TriagePage(
    {
      doc: document,
      url: PAGE_URL,
      ask: ask as unknown as Ask,
      view,
      scan,
      states: { ...states },
      settings: { ...DEFAULT_SETTINGS, ...(options.settings ?? {}) },
    },
    life.signal,
  );
  const manager = new FeatureManager((error) => errors.push(error));
  return {
    page,
    ask,
    states,
    answers,
    errors,
    life,
    manager,
    records: found.map((f) => f.record) as PaperRecord[],
    /** Starts only these features, then annotates the page as the controller does. */
    start(...features: Feature[]) {
      manager.register(...features).start(page);
      page.mountToolbar();
      for (const card of page.adopt(found)) page.redraw(card);
      page.redrawToolbar();
      if (options.ready !== false) page.setReady();
      return this;
    },
    card(i: number): Card {
      const card = page.cards[i];
      if (!card) throw new Error(`no card ${i}`);
      return card;
    },
    strip(i: number): StripProps {
      const props = strips.get(this.card(i).mount);
      if (!props) throw new Error(`card ${i} has no strip`);
      return props;
    },
    toolbar(): ToolbarProps {
      if (!toolbar) throw new Error('no toolbar');
      return toolbar;
    },
    /** The payload of the n-th message of this type (it must have been sent). */
    call(type: string, n = 0): Record<string, unknown> {
      const payload = this.calls(type)[n];
      if (!payload) throw new Error(`no message ${type} #${n}`);
      return payload;
    },
    /** The ids of the records a message carried. */
    idsIn(payload: Record<string, unknown>): string[] {
      return (payload.records as { id: string }[]).map((r) => r.id);
    },
    calls(type: string) {
      return ask.mock.calls.filter(([t]) => t === type).map(([, payload]) => payload as Record<string, unknown>);
    },
  };
}

/** Lets pending promises (and zero-delay timers) run. */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A background's undo ticket for a change to `ids`: one token, told apart by the first id. */
export const undoOf = (ids: string[]) => ({ ids, tokens: [tokenOf(ids[0] ?? '')] });
export const tokenOf = (id: string) =>
  `${String(id.length).padStart(15, '0')}-${[...id]
    .map((c) => c.charCodeAt(0).toString(16))
    .join('')
    .padEnd(36, '0')
    .slice(0, 36)}`;
