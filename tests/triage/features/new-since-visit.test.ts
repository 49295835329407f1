import { describe, expect, it } from 'vitest';
import { newSinceVisit } from '../../../lib/triage/features/new-since-visit';
import { handmadePage, idOf, settle, state } from '../handmade';

describe('new-since-visit (alone on a handmade page)', () => {
  it('marks the cards the library has never seen, and cards found later once their state is read', async () => {
    const feature = newSinceVisit();
    const h = handmadePage({
      cards: 3,
      states: { [idOf(1)]: state(idOf(1), { lastSeenAt: 1_700_000_000_000 }) },
    }).start(feature);
    expect([0, 1, 2].map((i) => h.strip(i).state.isNew)).toEqual([true, false, true]);
    expect(feature.isNew(h.card(0))).toBe(true);
    // A card added after the first pass is not new until its state says so.
    const late = document.createElement('li');
    document.querySelector('ol')?.append(late);
    const record = { ...(h.records[0] as NonNullable<(typeof h.records)[0]>), id: '2501.99999' };
    const [added] = h.page.adopt([{ element: late, record }]);
    if (!added) throw new Error('not adopted');
    h.page.redraw(added);
    expect(feature.isNew(added)).toBe(false);
    await h.page.refreshStates(['2501.99999'], true);
    await settle();
    expect(feature.isNew(added)).toBe(true);
  });
});
