import { describe, expect, it } from 'vitest';
import { relevance } from '../../../lib/triage/features/relevance';
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
