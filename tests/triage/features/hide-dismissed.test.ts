import { describe, expect, it } from 'vitest';
import { hideDismissed } from '../../../lib/triage/features/hide-dismissed';
import { handmadePage, idOf, settle, state } from '../handmade';

describe('hide-dismissed (alone on a handmade page)', () => {
  it('hides dismissed cards when turned on, keeps the setting, and shows them again', async () => {
    const h = handmadePage({
      states: { [idOf(1)]: state(idOf(1), { status: 'dismissed' }) },
      answers: { 'settings/update': (() => ({})) as never },
    }).start(hideDismissed());
    const shown = () => h.page.cards.map((c) => (c.element as HTMLElement).style.display !== 'none');
    expect(shown()).toEqual([true, true, true, true, true]);
    // Dismissed cards are dimmed by the page whether hidden or not.
    expect((h.card(1).element as HTMLElement).style.opacity).toBe('0.45');
    h.toolbar().actions.toggleHideDismissed();
    await settle();
    expect(shown()).toEqual([true, false, true, true, true]);
    expect(h.toolbar().state.hideDismissed).toBe(true);
    expect(h.calls('settings/update')).toEqual([{ hideDismissed: true }]);
    h.toolbar().actions.toggleHideDismissed();
    expect(shown()).toEqual([true, true, true, true, true]);
  });

  it('puts every card back on stop', () => {
    const h = handmadePage({
      states: { [idOf(0)]: state(idOf(0), { status: 'dismissed' }) },
      settings: { hideDismissed: true },
    }).start(hideDismissed());
    const first = h.card(0).element as HTMLElement;
    expect(first.style.display).toBe('none');
    h.life.abort();
    expect(first.style.display).toBe('');
    expect(first.style.opacity).toBe('');
  });
});
