import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../lib/messages/transport';
import { saveAll } from '../../../lib/triage/features/save-all';
import { handmadePage, idOf, settle, state, undoOf } from '../handmade';

describe('save-all (alone on a handmade page)', () => {
  it('saves every unsaved card in batches of 100, with progress, and says how many', async () => {
    const progress: unknown[] = [];
    const feature = saveAll();
    const h = handmadePage({
      cards: 250,
      states: { [idOf(0)]: state(idOf(0), { saved: true }) },
      answers: {
        'library/save': (({ records }: { records: { id: string }[] }) => {
          progress.push(h.toolbar().state.progress);
          for (const r of records) h.states[r.id] = state(r.id, { saved: true });
          return undoOf(records.map((r) => r.id));
        }) as never,
      },
    }).start(feature);
    const undoable: string[] = [];
    const undoTokens: string[] = [];
    h.page.events.on(
      'undoable',
      (u) => {
        undoable.push(u.label);
        undoTokens.push(...u.undo.tokens);
      },
      h.life.signal,
    );
    h.toolbar().actions.saveAll();
    await settle();
    expect(h.calls('library/save').map((c) => (c.records as unknown[]).length)).toEqual([100, 100, 49]);
    expect(progress).toEqual([
      { done: 0, total: 249 },
      { done: 100, total: 249 },
      { done: 200, total: 249 },
    ]);
    expect(h.toolbar().state).toMatchObject({ progress: null, saved: 250, error: null });
    expect(h.toolbar().state.message).toContain('249');
    expect(undoable).toHaveLength(1);
    // One undo for the three batches: their three tokens.
    expect(undoTokens).toEqual(['a', 'b', 'c'].map((_, i) => undoOf([idOf(1 + i * 100)]).tokens[0]));
    expect(await feature.run()).toBe(0);
  });

  it('puts back what earlier batches saved when one fails', async () => {
    let calls = 0;
    const h = handmadePage({
      cards: 150,
      answers: {
        'library/save': (({ records }: { records: { id: string }[] }) => {
          calls++;
          if (calls === 2) throw new RefusedError('quota exceeded');
          return undoOf(records.map((r) => r.id));
        }) as never,
        'library/restore': (() => null) as never,
      },
    });
    const feature = saveAll();
    h.start(feature);
    expect(await feature.run()).toBe(0);
    expect(h.calls('library/restore')).toHaveLength(1);
    // The first batch's token: the batch that was saved is put back.
    expect(h.call('library/restore')).toEqual({ tokens: undoOf([idOf(0)]).tokens });
    expect(h.toolbar().state.error).toContain('quota exceeded');
  });

  it('saves nothing on a page where it was never started', async () => {
    expect(await saveAll().run()).toBe(0);
  });
});
