import { describe, expect, it, vi } from 'vitest';
import { relevance, STEER_MS } from '../../../lib/triage/features/relevance';
import { handmadePage, idOf, settle } from '../handmade';

const SCORES = [0.1, 0.9, 0.5, 0.3];

describe('relevance (alone on a handmade page)', () => {
  const page = (canScore = true) =>
    handmadePage({
      cards: 4,
      answers: {
        'page/canScore': (() => canScore) as never,
        'page/relevance': (({ papers }: { papers: { id: string }[] }) =>
          papers.map((p, i) => ({ id: p.id, score: SCORES[i] ?? 0, reasons: [`word${i}`] }))) as never,
      },
    }).start(relevance());
  const order = () => [...document.querySelectorAll('li')].map((li) => li.firstChild?.textContent);

  it('shows each card its score and reasons, sorts the page by them and puts it back', async () => {
    const h = page();
    await settle();
    expect(h.strip(1).state.relevance).toEqual({ score: 0.9, reasons: ['word1'] });
    expect(h.toolbar().state.relevance).toBe('original');
    h.toolbar().actions.toggleSortByRelevance();
    expect(order()).toEqual(['Paper 1', 'Paper 2', 'Paper 3', 'Paper 0']);
    expect(h.toolbar().state.relevance).toBe('sorted');
    // j / k follow what the reader sees.
    expect(h.page.cards.map((c) => c.record.id)).toEqual([idOf(1), idOf(2), idOf(3), idOf(0)]);
    h.toolbar().actions.toggleSortByRelevance();
    expect(order()).toEqual(['Paper 0', 'Paper 1', 'Paper 2', 'Paper 3']);
  });

  it('sends nothing to score, and shows nothing, while the library has nothing kept', async () => {
    const h = page(false);
    await settle();
    expect(h.calls('page/relevance')).toHaveLength(0);
    expect(h.strip(0).state.relevance).toBeNull();
    expect(h.toolbar().state.relevance).toBeNull();
  });

  it('scores again a second after the library changed, and restores the order and slots on stop', async () => {
    const h = page();
    await settle();
    h.toolbar().actions.toggleSortByRelevance();
    h.page.events.emit('library', { ids: [idOf(0)], tags: false, settings: false } as never);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(h.calls('page/relevance')).toHaveLength(2);
    h.life.abort();
    expect(order()).toEqual(['Paper 0', 'Paper 1', 'Paper 2', 'Paper 3']);
    expect(document.body.innerHTML).not.toContain('paperlane-slot');
  });
});

describe('relevance follows the steering', () => {
  it('scores again within a second of a change to the watchlist or the profile, and sends the authors', async () => {
    vi.useFakeTimers();
    try {
      const h = handmadePage({
        cards: 3,
        answers: {
          'page/canScore': (() => true) as never,
          'page/relevance': (({ papers }: { papers: { id: string }[] }) =>
            papers.map((p) => ({ id: p.id, score: 0.5, reasons: [] }))) as never,
        },
      }).start(relevance());
      await vi.advanceTimersByTimeAsync(0);
      expect(h.calls('page/relevance')).toHaveLength(1);
      expect((h.call('page/relevance').papers as { authors: string[] }[])[0]?.authors).toEqual([
        'Ada Lovelace',
        'Alan Turing',
      ]);
      // Other settings do not rescore.
      h.page.setSettings({ ...h.page.settings, theme: 'dark' });
      await vi.advanceTimersByTimeAsync(1000);
      expect(h.calls('page/relevance')).toHaveLength(1);
      const profile = { pinned: ['diffusion'], banned: [], forgotten: [] };
      h.page.setSettings({ ...h.page.settings, relevanceProfile: profile });
      await vi.advanceTimersByTimeAsync(STEER_MS);
      expect(STEER_MS).toBeLessThan(1000);
      expect(h.calls('page/relevance')).toHaveLength(2);
      h.page.setSettings({ ...h.page.settings, watchlist: { authors: ['Ada Lovelace'], keywords: [] } });
      await vi.advanceTimersByTimeAsync(STEER_MS);
      expect(h.calls('page/relevance')).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('relevance when scorings overlap', () => {
  it('shows the scores of the last scoring asked for, even when an earlier one answers after it', async () => {
    vi.useFakeTimers();
    try {
      // Each scoring's answer is held until the test lets it go: the first one (before a ban) answers last.
      const pending: { score: number; release: () => void }[] = [];
      let next = 0.9;
      const h = handmadePage({
        cards: 2,
        answers: {
          'page/canScore': (() => true) as never,
          'page/relevance': (({ papers }: { papers: { id: string }[] }) => {
            const score = next;
            return new Promise((resolve) => {
              pending.push({
                score,
                release: () => resolve(papers.map((p) => ({ id: p.id, score, reasons: [] }))),
              });
            });
          }) as never,
        },
      }).start(relevance());
      await vi.advanceTimersByTimeAsync(0);
      pending.shift()?.release(); // the first scoring, at start
      await vi.advanceTimersByTimeAsync(0);
      expect(h.strip(0).state.relevance?.score).toBe(0.9);
      // A pin, then (once its scoring is on its way) a ban: two scorings in flight.
      next = 0.5;
      h.page.setSettings({ ...h.page.settings, relevanceProfile: { pinned: ['graph'], banned: [], forgotten: [] } });
      await vi.advanceTimersByTimeAsync(STEER_MS);
      next = 0.1;
      h.page.setSettings({ ...h.page.settings, relevanceProfile: { pinned: [], banned: ['graph'], forgotten: [] } });
      await vi.advanceTimersByTimeAsync(STEER_MS);
      expect(pending.map((p) => p.score)).toEqual([0.5, 0.1]);
      // The ban's scoring answers first, the pin's after it: the page keeps the ban's.
      pending[1]?.release();
      await vi.advanceTimersByTimeAsync(0);
      pending[0]?.release();
      await vi.advanceTimersByTimeAsync(0);
      expect(h.strip(0).state.relevance?.score).toBe(0.1);
      expect(h.strip(1).state.relevance?.score).toBe(0.1);
    } finally {
      vi.useRealTimers();
    }
  });
});
