import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { keyboardTriage } from '../../../lib/triage/features/keyboard-triage';
import { makeRecord } from '../../helpers/papers';
import { handmadePage, idOf, settle, undoOf } from '../handmade';

const press = (key: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  document.body.dispatchEvent(event);
  return event;
};

describe('keyboard-triage (alone on a handmade page)', () => {
  it('moves with j and k, and acts on the focused card', async () => {
    const h = handmadePage({
      answers: {
        'library/save': (({ records }: { records: { id: string }[] }) => undoOf(records.map((r) => r.id))) as never,
        'library/updateFromRecords': (({ records }: { records: { id: string }[] }) =>
          undoOf(records.map((r) => r.id))) as never,
      },
    }).start(keyboardTriage());
    await settle();
    Element.prototype.scrollIntoView = vi.fn();
    expect(press('j').defaultPrevented).toBe(true);
    expect(h.strip(0).state.focused).toBe(true);
    press('j');
    press('j');
    press('k');
    expect([0, 1, 2].map((i) => h.strip(i).state.focused)).toEqual([false, true, false]);
    press('s');
    press('x');
    await settle();
    expect(h.calls('library/save')).toEqual([{ records: [h.records[1]] }]);
    expect(h.calls('library/updateFromRecords')[0]?.change).toEqual({ status: 'dismissed' });
    const edits: string[] = [];
    h.page.events.on('edit', ({ card, editor }) => edits.push(`${card.record.id}:${editor}`), h.life.signal);
    press('t');
    press('n');
    expect(edits).toEqual([`${idOf(1)}:tag`, `${idOf(1)}:note`]);
  });

  it('takes keys from the first strip on, before the first pass is done', async () => {
    const h = handmadePage({
      ready: false,
      answers: {
        'library/save': (({ records }: { records: { id: string }[] }) => undoOf(records.map((r) => r.id))) as never,
      },
    }).start(keyboardTriage());
    await settle();
    expect(h.page.isReady).toBe(false);
    Element.prototype.scrollIntoView = vi.fn();
    expect(press('j').defaultPrevented).toBe(true);
    press('j');
    // A card found later, above the focused one, is sorted in before it: the focus stays on the card it was on.
    const above = document.createElement('li');
    document.querySelector('ol')?.prepend(above);
    h.page.adopt([{ element: above, record: makeRecord('2501.09999', { title: 'Found later' }) }]);
    expect(h.page.cards[0]?.element).toBe(above);
    press('s');
    await settle();
    expect(h.calls('library/save')).toEqual([{ records: [h.records[1]] }]);
    press('j');
    expect(h.strip(3).state.focused).toBe(true);
  });

  it('shows the keys with ?, and leaves keys with a modifier or in a text field to the site', async () => {
    const h = handmadePage().start(keyboardTriage());
    await settle();
    press('?');
    expect(h.toolbar().state.help).toEqual(h.page.settings.keys);
    h.toolbar().actions.closeHelp();
    expect(h.toolbar().state.help).toBeNull();
    expect(press('j', { ctrlKey: true }).defaultPrevented).toBe(false);
    const input = document.createElement('input');
    document.body.append(input);
    const typed = new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true });
    input.dispatchEvent(typed);
    expect(typed.defaultPrevented).toBe(false);
  });

  it('follows the keys set in the settings, and stops listening when stopped', async () => {
    const h = handmadePage({ settings: { keys: { ...DEFAULT_SETTINGS.keys, next: 'ArrowDown' } } });
    h.start(keyboardTriage());
    await settle();
    expect(press('j').defaultPrevented).toBe(false);
    expect(press('ArrowDown').defaultPrevented).toBe(true);
    h.manager.stop('keyboard-triage');
    expect(press('ArrowDown').defaultPrevented).toBe(false);
  });
});
