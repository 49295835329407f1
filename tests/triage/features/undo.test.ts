import { describe, expect, it } from 'vitest';
import { undo } from '../../../lib/triage/features/undo';
import { handmadePage, idOf, settle, state, undoOf } from '../handmade';

describe('undo (alone on a handmade page)', () => {
  it('offers the last undoable action and restores it', async () => {
    const h = handmadePage({
      states: { [idOf(0)]: state(idOf(0), { saved: true }) },
      answers: {
        'library/restore': (() => {
          h.states[idOf(0)] = state(idOf(0), { saved: false });
          return null;
        }) as never,
      },
    }).start(undo());
    expect(h.toolbar().state.undoLabel).toBeNull();
    h.page.events.emit('undoable', { label: 'tagging', undo: undoOf([idOf(1)]) });
    h.page.events.emit('undoable', { label: 'saving', undo: undoOf([idOf(0)]) });
    h.page.redrawToolbar();
    expect(h.toolbar().state.undoLabel).toBe('saving');
    h.toolbar().actions.undo();
    await settle();
    expect(h.calls('library/restore')).toEqual([{ tokens: undoOf([idOf(0)]).tokens }]);
    expect(h.toolbar().state.undoLabel).toBeNull();
    expect(h.toolbar().state.message).toContain('saving');
    expect(h.strip(0).state.saved).toBe(false);
  });

  it('shows a failed undo', async () => {
    const h = handmadePage({
      answers: {
        'library/restore': (() => {
          throw new Error('gone');
        }) as never,
      },
    }).start(undo());
    h.page.events.emit('undoable', { label: 'saving', undo: undoOf([idOf(0)]) });
    h.toolbar().actions.undo();
    await settle();
    expect(h.toolbar().state.error).toContain('gone');
  });
});
