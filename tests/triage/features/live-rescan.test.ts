import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../lib/adapters/run';
import { liveRescan, type Rescan } from '../../../lib/triage/features/live-rescan';
import { makeRecord } from '../../helpers/papers';
import { handmadePage, settle, state } from '../handmade';

/** Every <li data-id> inside the root is a card: the handmade page's own rule. */
const scan: Rescan = (_root, _url, { within }) => {
  const items = [...within.querySelectorAll('li[data-id]')];
  if (within.matches('li[data-id]')) items.unshift(within);
  const cards: ScanResult['cards'] = items.map((element) => ({
    element,
    record: makeRecord(element.getAttribute('data-id') ?? ''),
  }));
  return { adapter: 'arxiv', kind: 'arxiv-listing', cards, failures: [], drift: false };
};

describe('live-rescan (alone on a handmade page)', () => {
  it('annotates cards the site adds later, once each, with their library state', async () => {
    const h = handmadePage({ cards: 2 }).start(liveRescan(scan));
    h.states['2502.00001'] = state('2502.00001', { saved: true });
    await settle();
    const list = document.querySelector('ol');
    const more = document.createElement('div');
    more.innerHTML = '<li data-id="2502.00001">Later 1</li><li data-id="2502.00002">Later 2</li>';
    list?.append(more);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    expect(h.page.cards.map((c) => c.record.id)).toContain('2502.00002');
    expect(h.page.cards).toHaveLength(4);
    expect(h.strip(2).state.saved).toBe(true);
    expect(h.calls('page/getStates').at(-1)).toMatchObject({ ids: ['2502.00001', '2502.00002'] });
    // Our own strips appearing are not new content.
    list?.append(document.createElement('paperlane-strip'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.querySelectorAll('li[data-id] > paperlane-strip')).toHaveLength(2);
  });

  it('annotates cards the site adds while the first pass is still marking the page, once that pass is done', async () => {
    const h = handmadePage({ cards: 2 });
    // As the controller does, without setReady yet: the first pass is waiting for the cards' states.
    h.manager.register(liveRescan(scan)).start(h.page);
    for (const card of h.page.adopt(h.page.scan.cards)) h.page.redraw(card);
    document.querySelector('ol')?.insertAdjacentHTML('beforeend', '<li data-id="2502.00009">Early</li>');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Nothing is rescanned while the first pass runs…
    expect(h.page.cards).toHaveLength(2);
    h.page.setReady();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    // …and what the page added meanwhile is found once it is done.
    expect(h.page.cards.map((c) => c.record.id)).toContain('2502.00009');
    expect(h.page.cards).toHaveLength(3);
  });

  it('stops watching when stopped', async () => {
    const h = handmadePage({ cards: 1 }).start(liveRescan(scan));
    await settle();
    h.life.abort();
    document.body.insertAdjacentHTML('beforeend', '<li data-id="2502.00003">x</li>');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.page.cards).toHaveLength(0);
    expect(document.querySelector('paperlane-strip')).toBeNull();
  });
});
