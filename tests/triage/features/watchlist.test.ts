import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { watchlist } from '../../../lib/triage/features/watchlist';
import { applySettingsEdit } from '../../../lib/watchlist/edit';
import type { SettingsEdit } from '../../../lib/watchlist/schema';
import { handmadePage, settle } from '../handmade';

/** A handmade page whose cards name other authors than the default; the background applies edits as it would. */
function page(watch: Settings['watchlist']) {
  let settings: Settings = { ...DEFAULT_SETTINGS, watchlist: watch };
  const h = handmadePage({
    settings: { watchlist: watch },
    answers: {
      'settings/edit': ((edit: SettingsEdit) => {
        settings = { ...settings, ...applySettingsEdit(settings, edit) };
        return settings;
      }) as never,
    },
  });
  const authors = [['Yann LeCun', 'Ada Lovelace'], ['A. LeCun'], ['LeCun, Yann'], ['Grace Hopper'], ['Y. LeCun']];
  h.records.forEach((record, i) => {
    (record as { authors: string[] }).authors = authors[i] ?? [];
    if (i === 3) (record as { title: string }).title = 'Denoising diffusion models';
  });
  return h.start(watchlist());
}

describe('watchlist (alone on a handmade page)', () => {
  it('marks every card of a followed author (any name form) and of a keyword, and no other', () => {
    const h = page({ authors: ['Y. LeCun'], keywords: ['diffusion'] });
    const marks = h.page.cards.map((_card, i) => h.strip(i).state.watch);
    expect(marks[0]?.authors).toEqual([{ followed: 'Y. LeCun', name: 'Yann LeCun' }]);
    expect(marks[1]).toBeNull(); // A. LeCun: the initials disagree
    expect(marks[2]?.authors.map((a) => a.name)).toEqual(['LeCun, Yann']);
    expect(marks[3]).toEqual({ authors: [], keywords: ['diffusion'] });
    expect(marks[4]?.authors.map((a) => a.name)).toEqual(['Y. LeCun']);
    expect(h.strip(0).state.authors).toEqual(['Yann LeCun', 'Ada Lovelace']);
    expect(h.toolbar().state.watch).toEqual({ only: false, matching: 4 });
  });

  it('follows an author from a card: the other cards of that author are marked at once', async () => {
    const h = page({ authors: [], keywords: [] });
    expect(h.page.cards.map((_, i) => h.strip(i).state.watch)).toEqual([null, null, null, null, null]);
    expect(h.toolbar().state.watch).toBeNull();
    h.strip(0).actions.follow('Yann LeCun');
    await settle();
    expect(h.calls('settings/edit')).toEqual([{ op: 'follow', kind: 'author', entry: 'Yann LeCun' }]);
    const marked = h.page.cards.map((_, i) => h.strip(i).state.watch !== null);
    expect(marked).toEqual([true, false, true, false, true]);
    h.strip(2).actions.unfollow('Yann LeCun');
    await settle();
    expect(h.page.cards.map((_, i) => h.strip(i).state.watch)).toEqual([null, null, null, null, null]);
  });

  it('follows changes that arrive with the settings (another tab, the side panel)', () => {
    const h = page({ authors: [], keywords: [] });
    h.page.setSettings({ ...h.page.settings, watchlist: { authors: [], keywords: ['diffusion'] } });
    expect(h.page.cards.map((_, i) => h.strip(i).state.watch !== null)).toEqual([false, false, false, true, false]);
  });

  it('shows only the matching cards when the filter is on, and all again when off', () => {
    const h = page({ authors: ['Yann LeCun'], keywords: [] });
    const shown = () => h.page.cards.map((c) => (c.element as HTMLElement).style.display !== 'none');
    h.toolbar().actions.toggleWatchOnly();
    expect(shown()).toEqual([true, false, true, false, true]);
    expect(h.toolbar().state.watch).toEqual({ only: true, matching: 3 });
    h.toolbar().actions.toggleWatchOnly();
    expect(shown()).toEqual([true, true, true, true, true]);
  });
});
