import { beforeAll, describe, expect, it } from 'vitest';
import { addPapers, clusterPapers, fitClusterModel } from '../../lib/cluster/cluster';
import { vMeasure } from '../../lib/cluster/metrics';
import { fuseByRank, fuseRankings, nbScaled, scoreCandidates } from '../../lib/cluster/relevance';
import { buildTagModel, suggestTags } from '../../lib/cluster/tags';
import { type LabelledPaper, loadMl8 } from './data';

let ml8: LabelledPaper[] = [];
beforeAll(() => {
  ml8 = loadMl8();
});

describe('clusterPapers', () => {
  it('is deterministic for a seed and reports progress', () => {
    const papers = ml8.slice(0, 300);
    const stages = new Set<string>();
    const first = clusterPapers(papers, { k: 5, seed: 9, onProgress: (p) => stages.add(p.stage) });
    const second = clusterPapers(papers, { k: 5, seed: 9 });
    expect(first.assignments).toEqual(second.assignments);
    expect(first.clusters.map((c) => c.label)).toEqual(second.clusters.map((c) => c.label));
    expect(first.clusters.reduce((n, c) => n + c.size, 0)).toBe(300);
    expect([...stages]).toEqual(['features', 'reduce', 'cluster', 'label']);
  });

  it('separates two topics in a small library of few distinct texts (its matrix has far lower rank than LSA width)', () => {
    const sky = ['galaxy', 'stellar', 'telescope', 'dark matter', 'redshift', 'cosmic', 'supernova', 'quasar'];
    const cell = ['protein', 'enzyme', 'folding', 'molecular', 'membrane', 'genome', 'ribosome', 'cellular'];
    const papers = Array.from({ length: 40 }, (_, i) => {
      const words = i % 2 === 0 ? sky : cell;
      const pick = (n: number) => words[(i * 3 + n) % words.length];
      return {
        id: `p${i}`,
        title: i % 2 === 0 ? `Observing the ${pick(0)} with a ${pick(2)} survey` : `The ${pick(0)} ${pick(3)} model`,
        abstract: `We study ${pick(0)} and ${pick(1)} with ${pick(2)} data; the ${pick(3)} ${pick(4)} shows ${pick(5)}.`,
        authors: [],
      };
    });
    for (const seed of [1, 2, 3]) {
      const { assignments } = clusterPapers(papers, { k: 2, seed });
      const skyCluster = assignments.p0;
      for (const paper of papers)
        expect(assignments[paper.id] === skyCluster).toBe(Number(paper.id.slice(1)) % 2 === 0);
    }
  });

  it('keeps quality on arxiv_ml8_2k (regression guard, k = 8)', () => {
    const result = clusterPapers(ml8, { k: 8, seed: 2 });
    const score = vMeasure(
      ml8.map((p) => p.label),
      ml8.map((p) => result.assignments[p.id]!),
    ).vMeasure;
    expect(score).toBeGreaterThan(0.4);
  });

  it('places added papers without refitting while the library barely changes, and refits after drift', () => {
    const model = fitClusterModel(ml8.slice(0, 400), { k: 6, seed: 1 });
    const few = addPapers(model, ml8.slice(0, 420), ml8.slice(400, 420));
    expect(few.refitted).toBe(false);
    expect(few.model.ids).toHaveLength(420);
    const many = addPapers(model, ml8.slice(0, 600), ml8.slice(400, 600));
    expect(many.refitted).toBe(true);
    expect(many.model.ids).toHaveLength(600);
  });
});

describe('suggestTags', () => {
  it('suggests the right category among the top 3 for most held-out papers', () => {
    const byLabel = new Map<string, LabelledPaper[]>();
    for (const p of ml8) byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p]);
    const library = [...byLabel.values()].flatMap((list) => list.slice(0, 20).map((p) => ({ ...p, tags: [p.label] })));
    const heldOut = [...byLabel.values()].flatMap((list) => list.slice(20, 35));
    const model = buildTagModel(library);
    const hits = heldOut.filter((p) => model.suggest(p, 3).some((s) => s.tag === p.label)).length;
    expect(hits / heldOut.length).toBeGreaterThan(0.6);
    expect(model.suggest(heldOut[0]!, 3).every((s) => s.method === 'model')).toBe(true);
  });

  it('uses centroids for tags with few examples', () => {
    const library = ml8.slice(0, 200).map((p, i) => ({ ...p, tags: i < 4 ? ['first-four'] : [] }));
    const [suggestion] = suggestTags(ml8[300]!, library, 1);
    expect(suggestion?.method).toBe('centroid');
  });
});

describe('scoreCandidates', () => {
  it('ranks cards from the library topic above the others and gives reasons', () => {
    const robotics = ml8.filter((p) => p.label === 'cs.RO');
    const others = ml8.filter((p) => p.label === 'cs.CL');
    const library = robotics.slice(0, 40).map((p) => ({ ...p, judgement: 'positive' as const }));
    const candidates = [...robotics.slice(40, 50), ...others.slice(0, 90)];
    const scores = scoreCandidates(library, candidates);
    const meanOf = (ids: Set<string>) =>
      scores.filter((s) => ids.has(s.id)).reduce((sum, s) => sum + s.score, 0) / ids.size;
    expect(meanOf(new Set(robotics.slice(40, 50).map((p) => p.id)))).toBeGreaterThan(
      meanOf(new Set(others.slice(0, 90).map((p) => p.id))),
    );
    for (const s of scores) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    const top = [...scores].sort((a, b) => b.score - a.score)[0]!;
    expect(top.reasons.length).toBeGreaterThan(0);
  });

  it('rank-fuses a plain-feature SVM from 30 kept papers on, weighted by the library size, and not below', () => {
    const robotics = ml8.filter((p) => p.label === 'cs.RO');
    const others = ml8.filter((p) => p.label === 'cs.AI');
    const candidates = [...robotics.slice(40, 50), ...others.slice(0, 90)];
    // Margins back from scores (score = 1 / (1 + e^(−3·margin))).
    const margins = (library: typeof robotics, options: { plainBlend?: number; nbBlend?: number } = {}) => {
      // Without feedback in both views nor the NBSVM view, to compare the fusion with the views alone.
      const judged = library.map((p) => ({ ...p, judgement: 'positive' as const }));
      return scoreCandidates(judged, candidates, { nbBlend: 0, ...options, largeFeedbackShare: 0 }).map(
        (s) => Math.log(s.score / (1 - s.score)) / 3,
      );
    };
    const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[b]! - xs[a]!);
    const large = robotics.slice(0, 40);
    const single = margins(large, { plainBlend: 0 });
    const plain = margins(large, { plainBlend: 1 });
    expect(order(single)).not.toEqual(order(plain));
    // 40 kept papers: the first view weighs 30 / 40, the plain one 0.25.
    const fused = margins(large);
    expect(order(fused)).toEqual(order(fuseByRank(single, plain, 0.25)));
    expect(order(fused)).not.toEqual(order(single));
    // A small library keeps the single view (its feedback step is measured on that view alone).
    const small = robotics.slice(0, 10);
    expect(margins(small)).toEqual(margins(small, { plainBlend: 0 }));
  });

  it('from 30 kept papers on, fuses an NBSVM view on the plain features with weight 0.2, and not below', () => {
    const robotics = ml8.filter((p) => p.label === 'cs.RO');
    const others = ml8.filter((p) => p.label === 'cs.AI');
    const candidates = [...robotics.slice(40, 50), ...others.slice(0, 90)];
    const margins = (library: typeof robotics, options: { plainBlend?: number; nbBlend?: number } = {}) =>
      scoreCandidates(
        library.map((p) => ({ ...p, judgement: 'positive' as const })),
        candidates,
        options,
      ).map((s) => Math.log(s.score / (1 - s.score)) / 3);
    const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[b]! - xs[a]!);
    const large = robotics.slice(0, 40);
    const single = margins(large, { plainBlend: 0 });
    const plain = margins(large, { plainBlend: 1, nbBlend: 0 });
    // The third view alone: all the weight on it.
    const nb = margins(large, { nbBlend: 1 });
    expect(order(nb)).not.toEqual(order(plain));
    const fused = margins(large);
    // 40 kept papers: first view 30 / 40 and plain 0.25 of the remaining 0.8.
    const expected = fuseRankings([
      { margins: single, weight: 0.75 * 0.8 },
      { margins: plain, weight: 0.25 * 0.8 },
      { margins: nb, weight: 0.2 },
    ]);
    expect(order(fused)).toEqual(order(expected));
    expect(order(fused)).not.toEqual(order(fuseByRank(single, plain, 0.25)));
    // Exactly 30 kept papers: the plain SVM weighs 0, the NBSVM view still counts.
    const thirty = robotics.slice(0, 30);
    expect(order(margins(thirty))).not.toEqual(order(margins(thirty, { nbBlend: 0 })));
    expect(margins(thirty, { nbBlend: 0 })).toEqual(margins(thirty, { plainBlend: 0 }));
    const small = robotics.slice(0, 10);
    expect(margins(small)).toEqual(margins(small, { nbBlend: 0 }));
  });

  it("scales each term by its naive-Bayes log-count ratio and keeps rows unit length (NBSVM's features)", () => {
    // Three columns: term 0 only in kept rows, term 1 in every row, term 2 only in the other rows.
    const matrix = {
      rows: 4,
      cols: 3,
      rowPtr: Int32Array.from([0, 2, 4, 6, 8]),
      colIndex: Int32Array.from([0, 1, 0, 1, 1, 2, 1, 2]),
      values: Float32Array.from(Array(8).fill(Math.SQRT1_2)),
    };
    const training = [0, 1, 2, 3].map((row) => ({ row, positive: row < 2, weight: 1 }));
    const scaled = nbScaled(matrix, training);
    // A term as common among kept papers as among the rest tells nothing: scaled to 0.
    expect(scaled.values[1]).toBeCloseTo(0, 6);
    expect(scaled.values[0]).toBeCloseTo(1, 6);
    expect(scaled.values[5]).toBeCloseTo(1, 6);
    // Weighted counts: a heavier negative row makes term 1 lean to the rest, so it no longer vanishes.
    const weighted = nbScaled(matrix, [...training.slice(0, 3), { row: 3, positive: false, weight: 3 }]);
    expect(weighted.values[1]!).toBeGreaterThan(0.01);
    for (let row = 0; row < 4; row++) {
      const norm = Math.hypot(scaled.values[2 * row]!, scaled.values[2 * row + 1]!);
      expect(norm).toBeCloseTo(1, 6);
    }
    expect(Array.from(matrix.values)).toEqual(Array(8).fill(Math.fround(Math.SQRT1_2)));
  });

  it('from 30 kept papers on, can retrain both views without the page cards they ranked highest', () => {
    const robotics = ml8.filter((p) => p.label === 'cs.RO');
    const others = ml8.filter((p) => p.label === 'cs.AI');
    const candidates = [...robotics.slice(40, 60), ...others.slice(0, 180)];
    const scores = (library: typeof robotics, largeFeedbackShare: number) =>
      scoreCandidates(
        library.map((p) => ({ ...p, judgement: 'positive' as const })),
        candidates,
        { largeFeedbackShare },
      ).map((s) => s.score);
    const large = robotics.slice(0, 40);
    expect(scores(large, 0.05)).not.toEqual(scores(large, 0));
    // Below 30 kept papers the single view's own feedback applies instead.
    const small = robotics.slice(0, 10);
    expect(scores(small, 0.05)).toEqual(scores(small, 0));
  });

  it('fuses two rankings by rank, in the units of the weighted mean margin', () => {
    const own = [2, 1, 0, -1];
    const plain = [-1, 1, 0, 2];
    expect(fuseByRank(own, plain, 0)).toEqual(own);
    expect(fuseByRank(own, plain, 1)).toEqual(plain);
    // Second by both views: first when they disagree on everything else.
    const fused = fuseByRank(own, plain, 0.5);
    expect(Math.max(...fused)).toBe(fused[1]);
    expect([...fused].sort((a, b) => b - a)).toEqual([0.5, 0.5, 1, 0].sort((a, b) => b - a));
  });

  it('scores everything 0 without positives', () => {
    expect(scoreCandidates([], ml8.slice(0, 3)).map((s) => s.score)).toEqual([0, 0, 0]);
  });
});
