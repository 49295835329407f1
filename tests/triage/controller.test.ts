/**
 * The controller's first pass (issue 19): the strips of the cards on screen are drawn before the library answers
 * for them (page/open), with their buttons disabled until it does; MathJax 3's sources are asked for only on a page
 * that shows its containers.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PageScan, ScanResult } from '../../lib/adapters/run';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { TriageController } from '../../lib/triage/controller';
import type { StripProps, TriageView } from '../../lib/triage/view';
import { handmadeListing, idOf, PAGE_URL, settle, state } from './handmade';

/** A scan of the handmade listing that gives every card at once. */
function scanOf(found: ScanResult['cards']): PageScan {
  const result: ScanResult = { adapter: 'arxiv', kind: 'arxiv-listing', cards: found, failures: [], drift: false };
  return {
    result,
    total: found.length,
    elements: found.map((c) => c.element),
    done: true,
    step: () => true,
    first: (places) => places.flatMap((i) => found[i] ?? []),
    next: () => [],
  };
}

function controllerOn(count: number) {
  const found = handmadeListing(document, count);
  const strips = new Map<HTMLElement, StripProps>();
  const view: TriageView = {
    stripCss: '',
    toolbarCss: '',
    strip: (mount, props) => {
      if (props) strips.set(mount, props);
      else strips.delete(mount);
    },
    toolbar: () => {},
  };
  let answerOpen: (value: unknown) => void = () => {};
  const ask = vi.fn((type: string) => {
    if (type === 'page/open') return new Promise((resolve) => (answerOpen = resolve));
    if (type === 'page/markMath') return Promise.resolve(0);
    if (type === 'page/getStates') return Promise.resolve({});
    return Promise.reject(new Error(`no answer for ${type}`));
  });
  const controller = new TriageController(document, PAGE_URL, {
    ask: ask as never,
    scan: () => scanOf([]).result,
    beginScan: () => scanOf(found),
    follow: () => () => {},
    view,
  });
  const stripOf = (i: number) => {
    const element = found[i]?.element;
    const host = element?.querySelector('paperlane-strip');
    const mount = host?.shadowRoot?.firstElementChild as HTMLElement | undefined;
    return mount ? strips.get(mount) : undefined;
  };
  return { controller, ask, stripOf, open: (value: unknown) => answerOpen(value) };
}

describe('TriageController: the first strips', () => {
  it('draws the cards on screen before page/open answers, then their states', async () => {
    const c = controllerOn(3);
    const started = c.controller.start();
    await settle();
    // Asked, not answered: the strips are there already, their buttons waiting for the states.
    expect(c.ask.mock.calls.some(([type]) => type === 'page/open')).toBe(true);
    expect(c.stripOf(0)?.state.busy).toBe(true);
    expect(c.stripOf(0)?.state.saved).toBe(false);
    c.open({
      states: { [idOf(0)]: state(idOf(0), { saved: true }) },
      settings: DEFAULT_SETTINGS,
      tags: [],
      previousVisit: null,
    });
    await started;
    expect(c.stripOf(0)?.state).toMatchObject({ saved: true, busy: false });
    expect(c.stripOf(1)?.state).toMatchObject({ saved: false, busy: false });
    c.controller.stop();
  });

  it('asks for MathJax 3 sources only where the page shows its containers', async () => {
    const plain = controllerOn(2);
    const first = plain.controller.start();
    await settle();
    plain.open(null);
    await first;
    expect(plain.ask.mock.calls.some(([type]) => type === 'page/markMath')).toBe(false);
    plain.controller.stop();

    const typeset = controllerOn(2);
    document.body.append(document.createElement('mjx-container'));
    const second = typeset.controller.start();
    await settle();
    typeset.open(null);
    await second;
    expect(typeset.ask.mock.calls.map(([type]) => type).slice(0, 2)).toEqual(['page/markMath', 'page/open']);
    typeset.controller.stop();
  });
});
