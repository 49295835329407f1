import { beforeAll, describe, expect, it } from 'vitest';
import { banTerm, buildProfile, EMPTY_STEERING, forgetPaper, pinTerm, resetProfile } from '../../lib/cluster/profile';
import { type JudgedPaper, scoreCandidates } from '../../lib/cluster/relevance';
import { type LabelledPaper, loadMl8 } from './data';

let ml8: LabelledPaper[] = [];
const ofLabel = (label: string) => ml8.filter((p) => p.label === label);
beforeAll(() => {
  ml8 = loadMl8();
});

/** 1-based rank of each id in a ranking by score, best first. */
function ranks(scores: { id: string; score: number }[]): Map<string, number> {
  return new Map([...scores].sort((a, b) => b.score - a.score).map((s, i) => [s.id, i + 1]));
}
const meanRank = (order: Map<string, number>, papers: readonly { id: string }[]) =>
  papers.reduce((sum, p) => sum + order.get(p.id)!, 0) / papers.length;
const positive = (papers: readonly LabelledPaper[]): JudgedPaper[] =>
  papers.map((p) => ({ ...p, judgement: 'positive' }));

describe('dismissed papers', () => {
  it('dismissing ten papers of one topic moves the rest of that topic down the page ranking', () => {
    const vision = ofLabel('cs.CV');
    const language = ofLabel('cs.CL');
    const library = positive([...vision.slice(0, 30), ...language.slice(0, 30)]);
    const page = [...vision.slice(30, 50), ...language.slice(30, 50), ...ofLabel('cs.RO').slice(0, 40)];
    const before = ranks(scoreCandidates(library, page));
    const dismissed: JudgedPaper[] = language.slice(100, 110).map((p) => ({ ...p, judgement: 'negative' }));
    const after = ranks(scoreCandidates([...library, ...dismissed], page));
    const rest = language.slice(30, 50);
    // On average the language cards fall by several places; the vision cards do not fall.
    expect(meanRank(after, rest)).toBeGreaterThan(meanRank(before, rest) + 3);
    expect(meanRank(after, vision.slice(30, 50))).toBeLessThanOrEqual(meanRank(before, vision.slice(30, 50)));
    // Before, the language cards ranked above the vision cards on average; after, below.
    expect(meanRank(before, rest)).toBeLessThan(meanRank(before, vision.slice(30, 50)));
    expect(meanRank(after, rest)).toBeGreaterThan(meanRank(after, vision.slice(30, 50)));
  });
});

describe('steering', () => {
  const setup = () => {
    const library = positive(ofLabel('cs.RO').slice(0, 40));
    const page = [...ofLabel('cs.RO').slice(40, 60), ...ofLabel('cs.CL').slice(0, 60)];
    return { library, page };
  };

  it('a pinned term lifts the cards that contain it and is named in their reasons', () => {
    const { library, page } = setup();
    const withTerm = page.filter((p) => /\btranslation\b/i.test(`${p.title} ${p.abstract}`));
    expect(withTerm.length).toBeGreaterThan(2);
    const before = ranks(scoreCandidates(library, page));
    const scores = scoreCandidates(library, page, { steering: pinTerm(EMPTY_STEERING, 'translation') });
    const after = ranks(scores);
    expect(meanRank(after, withTerm)).toBeLessThan(meanRank(before, withTerm) - 10);
    const reasons = scores.find((s) => s.id === withTerm[0]!.id)!.reasons;
    expect(reasons[0]).toBe('Pinned: translation');
  });

  it('a banned term never raises a score and never appears as a reason', () => {
    const { library, page } = setup();
    const plain = scoreCandidates(library, page);
    const term = plain.sort((a, b) => b.score - a.score)[0]!.reasons[0]!;
    const banned = scoreCandidates(library, page, { steering: banTerm(EMPTY_STEERING, term) });
    for (const s of banned) expect(s.reasons).not.toContain(term);
    const withTerm = page.filter((p) => new RegExp(`\\b${term}`, 'i').test(`${p.title} ${p.abstract}`));
    expect(meanRank(ranks(banned), withTerm)).toBeGreaterThan(meanRank(ranks(plain), withTerm));
  });

  it('a forgotten paper has no influence: scores equal those without it', () => {
    const { library, page } = setup();
    const forgotten = library.slice(0, 5).reduce((s, p) => forgetPaper(s, p.id), EMPTY_STEERING);
    const steered = scoreCandidates(library, page, { steering: forgotten });
    expect(steered).toEqual(scoreCandidates(library.slice(5), page));
    expect(resetProfile()).toEqual({ pinned: [], banned: [], forgotten: [] });
  });

  it('a followed author and keyword lead the reasons and lift the card', () => {
    const { library, page } = setup();
    const target = { ...page[70]!, authors: ['Yann LeCun'] };
    const cards = [...page.slice(0, 70), target, ...page.slice(71)];
    const before = ranks(scoreCandidates(library, cards)).get(target.id)!;
    const scores = scoreCandidates(library, cards, { watchlist: { authors: ['Y. LeCun'], keywords: [] } });
    expect(ranks(scores).get(target.id)!).toBeLessThan(before);
    expect(scores.find((s) => s.id === target.id)!.reasons[0]).toBe('Follows: Yann LeCun');
  });
});

describe('buildProfile', () => {
  it('lists the weightiest terms with the papers behind them, leaves banned terms and forgotten papers out', () => {
    const library: JudgedPaper[] = [
      ...positive(ofLabel('cs.RO').slice(0, 30)),
      ...ofLabel('cs.CL')
        .slice(0, 10)
        .map((p) => ({ ...p, judgement: 'negative' as const })),
    ];
    const profile = buildProfile(library);
    expect(profile.terms.length).toBe(20);
    const top = profile.terms[0]!;
    expect(top.weight).toBeGreaterThan(0);
    expect(top.papers.length).toBeGreaterThan(0);
    expect(profile.terms.some((t) => t.weight < 0 && t.papers.every((p) => p.judgement === 'negative'))).toBe(true);
    const steered = buildProfile(library, forgetPaper(banTerm(EMPTY_STEERING, top.term), top.papers[0]!.id));
    expect(steered.terms.map((t) => t.term)).not.toContain(top.term);
    for (const t of steered.terms) expect(t.papers.map((p) => p.id)).not.toContain(top.papers[0]!.id);
  });
});
