import { describe, expect, it, vi } from 'vitest';
import { cardActions } from '../../../lib/triage/features/card-actions';
import { handmadePage, idOf, settle, state, undoOf } from '../handmade';

describe('card-actions (alone on a handmade page)', () => {
  it('saves a card, shows it saved, and unsaves it when saved', async () => {
    const h = handmadePage({
      answers: {
        'library/save': (({ records }: { records: { id: string }[] }) => {
          for (const r of records) h.states[r.id] = state(r.id, { saved: true });
          return undoOf(records.map((r) => r.id));
        }) as never,
        'library/update': (({ ids }: { ids: string[] }) => {
          for (const id of ids) h.states[id] = state(id, { saved: false });
          return undoOf(ids);
        }) as never,
      },
    }).start(cardActions());
    expect(h.strip(1).state.saved).toBe(false);
    h.strip(1).actions.toggleSave();
    expect(h.strip(1).state.busy).toBe(true);
    await settle();
    expect(h.calls('library/save')).toEqual([{ records: [h.records[1]] }]);
    expect(h.strip(1).state).toMatchObject({ saved: true, busy: false, error: null });
    expect(h.strip(0).state.saved).toBe(false);
    h.strip(1).actions.toggleSave();
    await settle();
    expect(h.calls('library/update')).toEqual([{ ids: [idOf(1)], change: { saved: false } }]);
    expect(h.strip(1).state.saved).toBe(false);
  });

  it('shows a failed action on its card, and adds and removes tags', async () => {
    const h = handmadePage({
      answers: {
        'library/updateFromRecords': (() => {
          throw new Error('disk full');
        }) as never,
      },
    }).start(cardActions());
    h.strip(2).actions.addTag('reading');
    await settle();
    expect(h.strip(2).state.error).toContain('disk full');
    expect(h.toolbar().state.error).toContain('disk full');
    h.answers['library/updateFromRecords'] = (() => undoOf([idOf(2)])) as never;
    h.strip(2).actions.removeTag('reading');
    await settle();
    expect(h.calls('library/updateFromRecords').at(-1)).toEqual({
      records: [h.records[2]],
      change: { addTags: [], removeTags: ['reading'] },
    });
    expect(h.strip(2).state.error).toBeNull();
  });

  it('opens the tag editor with suggestions the card does not have, also when asked by the page', async () => {
    const h = handmadePage({
      states: { [idOf(0)]: state(idOf(0), { tags: ['old'] }) },
      answers: {
        'library/suggestTags': (() => [
          { tag: 'old', score: 1 },
          { tag: 'vision', score: 0.5 },
        ]) as never,
      },
    }).start(cardActions());
    h.page.events.emit('edit', { card: h.card(0), editor: 'tag' });
    expect(h.strip(0).editor).toBe('tag');
    await settle();
    expect(h.strip(0).suggestions).toEqual(['vision']);
    h.strip(0).onEditorClose();
    expect(h.strip(0).editor).toBeNull();
  });

  it('loads a saved note into the note editor and saves a new one', async () => {
    const h = handmadePage({
      states: { [idOf(1)]: state(idOf(1), { hasNote: true }) },
      answers: {
        'library/get': (() => ({ paper: { note: 'earlier thoughts' } })) as never,
        'library/updateFromRecords': (() => undoOf([idOf(1)])) as never,
      },
    }).start(cardActions());
    h.strip(1).onEditorOpen('note');
    await settle();
    expect(h.strip(1).state.note).toBe('earlier thoughts');
    h.strip(1).actions.saveNote('new thoughts');
    await settle();
    expect(h.calls('library/updateFromRecords')).toEqual([
      { records: [h.records[1]], change: { note: 'new thoughts' } },
    ]);
    expect(h.strip(1).state.note).toBe('new thoughts');
  });

  it('copies BibTeX and says so for a moment', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const h = handmadePage({ answers: { 'library/bibtex': (() => ({ bibtex: '@article{x}' })) as never } }).start(
      cardActions(),
    );
    h.strip(3).actions.copyBibtex();
    await settle();
    expect(writeText).toHaveBeenCalledWith('@article{x}');
    expect(h.strip(3).state.copied).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(h.strip(3).state.copied).toBe(false);
  });

  it('does nothing once stopped', () => {
    const h = handmadePage().start(cardActions());
    h.life.abort();
    expect(() => h.strip(0)).toThrow('no card 0');
    expect(document.querySelector('paperlane-strip')).toBeNull();
    expect(document.querySelector('[data-paperlane-id]')).toBeNull();
  });
});
