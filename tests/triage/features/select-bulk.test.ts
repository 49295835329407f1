import { describe, expect, it } from 'vitest';
import { selectBulk } from '../../../lib/triage/features/select-bulk';
import { handmadePage, idOf, settle, undoOf } from '../handmade';

describe('select-bulk (alone on a handmade page)', () => {
  it('selects a shift-click range and tags, saves and dismisses the selection', async () => {
    const h = handmadePage({
      cards: 6,
      answers: {
        'library/updateFromRecords': (({ records }: { records: { id: string }[] }) =>
          undoOf(records.map((r) => r.id))) as never,
        'library/save': (({ records }: { records: { id: string }[] }) => undoOf(records.map((r) => r.id))) as never,
      },
    }).start(selectBulk());
    expect(h.strip(0).state.selecting).toBe(false);
    h.toolbar().actions.toggleSelecting();
    expect(h.strip(0).state.selecting).toBe(true);
    expect(h.toolbar().state.selecting).toBe(true);
    h.strip(1).actions.toggleSelect(false);
    h.strip(4).actions.toggleSelect(true);
    expect([0, 1, 2, 3, 4, 5].map((i) => h.strip(i).state.selected)).toEqual([false, true, true, true, true, false]);
    expect(h.toolbar().state.selected).toBe(4);
    h.strip(2).actions.toggleSelect(false);
    expect(h.toolbar().state.selected).toBe(3);
    h.toolbar().actions.tagSelected('later');
    await settle();
    const tagged = h.call('library/updateFromRecords');
    expect(h.idsIn(tagged)).toEqual([idOf(1), idOf(3), idOf(4)]);
    expect(tagged.change).toEqual({ addTags: ['later'], removeTags: [] });
    h.toolbar().actions.dismissSelected();
    h.toolbar().actions.saveSelected();
    await settle();
    expect(h.calls('library/updateFromRecords')[1]?.change).toEqual({ status: 'dismissed' });
    expect(h.calls('library/save')).toHaveLength(1);
    h.toolbar().actions.toggleSelecting();
    expect(h.toolbar().state).toMatchObject({ selecting: false, selected: 0 });
    expect(h.strip(1).state.selected).toBe(false);
  });
});
