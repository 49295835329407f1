/**
 * How much each digest card matters to this researcher: a linear SVM trained on the library (saved and tagged
 * papers positive, dismissed papers negative) against the page itself as unlabelled background, the way
 * arxiv-sanity ranks; from 30 kept papers on, rank-fused with a second SVM on plain features, whose weight grows
 * with the library (`ownViewLibrary`), and with an NBSVM on those features (`nbBlend`). Scores are
 * in [0, 1]; reasons are the terms that contributed most (of the first model).
 */

import type { PaperInput } from './cluster';
import {
  DEFAULT_VECTORIZER_OPTIONS,
  fitVectorizers,
  isAuthorLabel,
  rowOf,
  type ScanCache,
  type SparseMatrix,
  type Vectorizer,
  type VectorizerOptions,
} from './features';

const LIBRARY_SCANS: ScanCache = new WeakMap();

type View = { vectorizer: Vectorizer; matrix: SparseMatrix };

/** Indices of the `share` of `margins` ranked highest. */
function topOf(margins: readonly number[], share: number): Set<number> {
  const count = Math.floor(share * margins.length);
  return new Set(
    margins
      .map((_, i) => i)
      .sort((a, b) => margins[b]! - margins[a]!)
      .slice(0, count),
  );
}

import { t } from '../i18n';
import { compileWatchlist, describeMatch, hasMatch, matchWatchlist, type Watchlist } from '../watchlist/watchlist';
import {
  DEFAULT_SVM_OPTIONS,
  decisionValue,
  type LinearModel,
  marginToScore,
  type TrainingExample,
  topContributions,
  trainLinearSvm,
} from './linear';
import { type ProfileSteering, termKey } from './profile';
import { createRandom } from './random';

export type Judgement = 'positive' | 'negative';
export type JudgedPaper = PaperInput & { judgement: Judgement };

export type CandidateScore = {
  id: string;
  /** 0 … 1; 0.5 is the classifier's boundary. */
  score: number;
  /** Terms of the card that raised its score most, most important first. */
  reasons: string[];
};

export type RelevanceOptions = {
  /** SVM regularisation; 0.1 is arxiv-sanity's choice and measured best here too. */
  c: number;
  /** Weight of a page card as a negative, relative to a dismissed paper: most cards are not relevant, but some are. */
  backgroundWeight: number;
  reasons: number;
  seed: number;
  /**
   * Weight of a dismissed paper relative to a kept one. A dismissal is a deliberate "not this", rarer than a save:
   * at 1, ten dismissals against thirty saves of the same topic barely moved its other cards (tests/cluster/
   * steering.test.ts); at 3 they fall clearly while other topics keep their places.
   */
  dismissedWeight: number;
  /** Weight of a kept paper relative to a negative. */
  positiveWeight: number;
  /** Weight of the cosine to the kept papers' centroid, fused with the SVM margin after both are standardised
   * over the page (0: SVM alone). A handful of kept papers gives the SVM little to learn from; the centroid
   * still points at their topic. */
  centroidBlend: number;
  /** Share of the page's cards, the first model's best, that a second model does not take as negatives (0: one model). */
  feedbackShare: number;
  /**
   * Feedback runs only for libraries of fewer kept papers than this. Measured on draws of every set
   * (bench/relevance-select.ts): with 10 kept papers, feedback at 5% raised mean AP on every set (+0.014 to
   * +0.057 over the SVM baseline); with 100 it was mixed (−0.007 to +0.010), so a large library does without.
   */
  feedbackBelow: number;
  /**
   * A second SVM, trained on plain features (title words counted once, no authors, bigrams from two papers, the
   * 20,000 most frequent terms: the arxiv-sanity-style baseline's own features), fused by weighted reciprocal-rank
   * fusion with the first from `feedbackBelow` kept papers on. The first view's weight is min(1, ownViewLibrary / n)
   * for n kept papers: the first view alone at `feedbackBelow`, 0.3 at 100, less beyond. With a large library the
   * plain SVM is strong and the first view's extra signal (titles twice, authors) is small; with a small library
   * that signal and feedback matter most. Measured on draws 700–723 of every set (bench/relevance-select.ts): rank
   * fusion at 0.3 beat the baseline on every set at library 100 (worst +0.0003, +0.0009 on two blocks of 12 draws),
   * margin averaging at 0.5 did not (worst −0.0006). Both views are counted from one pass over the words.
   */
  ownViewLibrary: number;
  /**
   * Weight of a third view in the fusion from `feedbackBelow` kept papers on (0: none): an SVM on the plain
   * features rescaled by their naive-Bayes log-count ratio (Wang and Manning's NBSVM: each term's weight times
   * |log(P(term | kept) / P(term | not kept))|, document counts smoothed by 1, rows unit length again). Alone it
   * ranks worse than the plain SVM; it errs on other cards, so fused it lifts both. The other two views keep their
   * shares of the rest. Chosen on draws 700–747 of every set (bench/relevance-select.ts): at 0.2, mean AP over the
   * SVM baseline +0.010 with library 100 (worst set +0.007), +0.007 at 30, +0.010 at 50, +0.012 at 200, +0.013
   * at 300, every set ahead at every size; 0.3 gained more at 100–300 but lost a set at 30.
   */
  nbBlend: number;
  /** Feedback from `feedbackBelow` kept papers on, in both views (0: none). */
  largeFeedbackShare: number;
  /** Which ranking picks the cards left out: each view its own, or the fused one for both. */
  largeFeedbackTop: 'own' | 'fused';
  /**
   * Cross-fitting (0 or 1: off): the page's cards are split into this many folds, and each fold is scored by a
   * model trained without that fold's cards as negatives, so that no card is pushed down by its own label (the
   * relevant few among the page are otherwise negatives of the very model that ranks them). Only below
   * `crossBelow` kept papers: measured on every set (bench/relevance-select.ts), 2 folds with 10 kept papers raised
   * mean AP over the SVM from +0.027 to +0.033 (worst set +0.016 → +0.022) on draws 700–723, +0.023 → +0.029 on
   * the bench draws 900–905; with 100 kept papers every fold count lost (worst −0.0012 at 8 folds, −0.0125 at 2):
   * a large library's model needs all the page's negatives.
   */
  crossFolds: number;
  crossBelow: number;
  /** A fixed weight of the plain view instead of the schedule above (0: first view alone; for the benches). */
  plainBlend?: number;
  /** The researcher's steering: pinned terms boost, banned terms never do, forgotten papers are left out. */
  steering?: Readonly<ProfileSteering>;
  /** Followed authors and keywords: a matching card is boosted and the match leads its reasons. */
  watchlist?: Readonly<Watchlist>;
};

export const DEFAULT_RELEVANCE_OPTIONS: RelevanceOptions = {
  c: 0.1,
  backgroundWeight: 1,
  reasons: 3,
  seed: 1,
  positiveWeight: 1,
  dismissedWeight: 3,
  centroidBlend: 0,
  feedbackShare: 0.05,
  feedbackBelow: 30,
  ownViewLibrary: 30,
  nbBlend: 0.2,
  largeFeedbackShare: 0,
  largeFeedbackTop: 'own',
  // Off until the whole unit suite has run with it (2 folds was chosen: see `crossFolds`).
  crossFolds: 0,
  crossBelow: 30,
};

/** Features of the second, plain view (see `plainBlend`). */
const PLAIN_FEATURES: VectorizerOptions = {
  ...DEFAULT_VECTORIZER_OPTIONS,
  bigramMinDf: 2,
  titleWeight: 1,
  authorWeight: 0,
  maxFeatures: 20_000,
};

export function scoreCandidates(
  library: readonly JudgedPaper[],
  candidates: readonly PaperInput[],
  options: Partial<RelevanceOptions> = {},
): CandidateScore[] {
  const settings = { ...DEFAULT_RELEVANCE_OPTIONS, ...options };
  const forgotten = new Set(settings.steering?.forgotten ?? []);
  const kept = forgotten.size > 0 ? library.filter((paper) => !forgotten.has(paper.id)) : library;
  const positives = kept.filter((paper) => paper.judgement === 'positive');
  // Without anything the researcher kept, there is nothing to be relevant to.
  if (positives.length === 0 || candidates.length === 0) {
    return candidates.map((candidate) => ({ id: candidate.id, score: 0, reasons: [] }));
  }
  const negatives = kept.filter((paper) => paper.judgement === 'negative');
  const judgedIds = new Set(library.map((paper) => paper.id));
  // IDF over library and page together: a term common on today's page is no reason to rank a card up.
  // The library's words are scanned once and kept (per paper object): a page then costs only its own cards.
  // With a second view (`ownViewLibrary`), both views are counted from one pass over the words.
  const plainWeight =
    positives.length < settings.feedbackBelow
      ? 0
      : (settings.plainBlend ?? 1 - Math.min(1, settings.ownViewLibrary / positives.length));
  // The NBSVM view needs the plain features even where the plain SVM itself weighs 0 (exactly `ownViewLibrary`
  // kept papers); a fixed `plainBlend` of 0 asks for the first view alone.
  const plainFeatures =
    plainWeight > 0 ||
    (positives.length >= settings.feedbackBelow && settings.plainBlend !== 0 && settings.nbBlend > 0);
  const papers = [...positives, ...negatives, ...candidates];
  const views = fitVectorizers(
    papers,
    plainFeatures ? [DEFAULT_VECTORIZER_OPTIONS, PLAIN_FEATURES] : [DEFAULT_VECTORIZER_OPTIONS],
    LIBRARY_SCANS,
    positives.length + negatives.length,
  );
  const { vectorizer, matrix } = views[0]!;
  // Training examples by matrix row (the same rows in every view): kept, dismissed, then the page's cards.
  const training: { row: number; positive: boolean; weight: number }[] = [];
  for (let i = 0; i < positives.length; i++) training.push({ row: i, positive: true, weight: settings.positiveWeight });
  for (let i = 0; i < negatives.length; i++)
    training.push({ row: positives.length + i, positive: false, weight: settings.dismissedWeight });
  const candidateOffset = positives.length + negatives.length;
  candidates.forEach((candidate, i) => {
    if (judgedIds.has(candidate.id)) return;
    training.push({ row: candidateOffset + i, positive: false, weight: settings.backgroundWeight });
  });
  const svm = { ...DEFAULT_SVM_OPTIONS, c: settings.c, seed: settings.seed };
  const banned = settings.steering?.banned ?? [];
  /** One view's model, without the page's cards `left` (candidate indices) as negatives; a banned term never
   * raises a score: its weight is held at or below zero. */
  const train = (view: View, left?: ReadonlySet<number>): LinearModel => {
    const examples: TrainingExample[] = [];
    for (const { row, positive, weight } of training) {
      if (left !== undefined && row >= candidateOffset && left.has(row - candidateOffset)) continue;
      examples.push({ vector: rowOf(view.matrix, row), positive, weight });
    }
    const trained = trainLinearSvm(examples, view.matrix.cols, svm);
    for (const feature of bannedFeatures(view.vectorizer, banned))
      trained.weights[feature] = Math.min(0, trained.weights[feature]!);
    return trained;
  };
  const marginsOf = (model: LinearModel, view: View) =>
    candidates.map((_, i) => decisionValue(model, rowOf(view.matrix, candidateOffset + i)));
  const folds = settings.crossFolds >= 2 && positives.length < settings.crossBelow ? settings.crossFolds : 1;
  const foldOf = foldsOf(candidates.length, folds, settings.seed);
  /** Per card, the model that scores it: with cross-fitting, the one trained without the card's fold. */
  const fitScoring = (view: View, left?: ReadonlySet<number>): { models: LinearModel[]; margins: number[] } => {
    if (folds === 1) {
      const single = train(view, left);
      return { models: [single], margins: marginsOf(single, view) };
    }
    const models: LinearModel[] = [];
    for (let f = 0; f < folds; f++) {
      const out = new Set(left);
      for (let i = 0; i < candidates.length; i++) if (foldOf[i] === f) out.add(i);
      models.push(train(view, out));
    }
    const scored = candidates.map((_, i) =>
      decisionValue(models[foldOf[i]!]!, rowOf(view.matrix, candidateOffset + i)),
    );
    return { models, margins: scored };
  };
  let first = fitScoring(views[0]!);
  const plainView = views[1];
  if (settings.feedbackShare > 0 && positives.length < settings.feedbackBelow) {
    // The page's cards are unlabelled, not negative: the relevant few among them pull the boundary away from
    // the library's topic. Retrain once without the cards the first model ranked highest as negatives.
    first = fitScoring(views[0]!, topOf(first.margins, settings.feedbackShare));
  }
  let margins = first.margins;
  if (plainView !== undefined) {
    let plain = fitScoring(plainView);
    if (settings.largeFeedbackShare > 0) {
      // The same feedback in both views: without the cards each view's first model ranked highest, or (`fused`)
      // the cards their fusion ranked highest.
      const share = settings.largeFeedbackShare;
      const fused =
        settings.largeFeedbackTop === 'fused' ? topOf(fuseByRank(margins, plain.margins, plainWeight), share) : null;
      first = fitScoring(views[0]!, fused ?? topOf(margins, share));
      plain = fitScoring(plainView, fused ?? topOf(plain.margins, share));
    }
    const parts = [
      { margins: first.margins, weight: 1 - plainWeight },
      { margins: plain.margins, weight: plainWeight },
    ];
    if (settings.nbBlend > 0) {
      const nbView = { vectorizer: plainView.vectorizer, matrix: nbScaled(plainView.matrix, training) };
      for (const part of parts) part.weight *= 1 - settings.nbBlend;
      parts.push({ margins: fitScoring(nbView).margins, weight: settings.nbBlend });
    }
    margins = fuseRankings(parts);
  }
  const reasonModels = first.models;
  if (settings.centroidBlend > 0)
    blendCentroid(margins, matrix, positives.length, candidateOffset, settings.centroidBlend);
  const pinned = (settings.steering?.pinned ?? []).map((term) => ({ term, key: termKey(term) }));
  const watchlist = settings.watchlist ? compileWatchlist(settings.watchlist) : null;
  return candidates.map((candidate, i) => {
    const vector = rowOf(matrix, candidateOffset + i);
    let margin = margins[i]!;
    const named: string[] = [];
    if (watchlist !== null) {
      const match = matchWatchlist(watchlist, candidate);
      if (hasMatch(match)) {
        named.push(describeMatch(match));
        margin += WATCH_BOOST;
      }
    }
    if (pinned.length > 0) {
      const text = ` ${termKey(`${candidate.title} . ${candidate.abstract ?? ''}`)} `;
      const hits = pinned.filter(({ key }) => key !== '' && text.includes(` ${key} `)).map(({ term }) => term);
      if (hits.length > 0) {
        named.push(t('watchPinned', hits.join(', ')));
        margin += PIN_BOOST;
      }
    }
    return {
      id: candidate.id,
      score: marginToScore(margin),
      // Reasons are shown as terms; authors still count in the score. A watchlist match or a pin comes first.
      reasons: [
        ...named,
        ...topContributions(reasonModels[foldOf[i]!]!, vector, settings.reasons + 3)
          .map(({ feature }) => vectorizer.labels[feature]!)
          .filter((label) => !isAuthorLabel(label))
          .slice(0, settings.reasons),
      ],
    };
  });
}

/** Fold of each of `count` cards, 0 … folds − 1, in equal shares, by a seeded shuffle (all 0 for one fold). */
function foldsOf(count: number, folds: number, seed: number): Int32Array {
  const fold = new Int32Array(count);
  if (folds === 1) return fold;
  const order = Array.from({ length: count }, (_, i) => i);
  const random = createRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  order.forEach((card, position) => {
    fold[card] = position % folds;
  });
  return fold;
}

/**
 * Margin added for a watchlist match and for a pinned term: about the spread between a typical relevant card and
 * a typical other one, so a match lifts a card near the top without outranking everything the library wants.
 */
const WATCH_BOOST = 1;
const PIN_BOOST = 1;

/** Features a banned term covers: its own unigram or bigram, and every bigram that contains a banned word. */
function bannedFeatures(vectorizer: Vectorizer, banned: readonly string[]): number[] {
  if (banned.length === 0) return [];
  const features: number[] = [];
  const bannedWords = new Set<number>();
  for (const term of banned) {
    const stems = termKey(term)
      .split(' ')
      .map((stem) => vectorizer.stemIds.get(stem) ?? -1);
    if (stems.some((id) => id < 0)) continue;
    if (stems.length === 1) {
      bannedWords.add(stems[0]!);
      const feature = vectorizer.unigramFeature[stems[0]!] ?? -1;
      if (feature >= 0) features.push(feature);
    }
    for (let w = 0; w + 1 < stems.length; w++) {
      const bigram = vectorizer.bigramIds.get(stems[w]!, stems[w + 1]!);
      if (bigram >= 0) features.push(vectorizer.bigramFeature[bigram]!);
    }
  }
  const { bigramIds } = vectorizer;
  for (let bigram = 0; bigram < bigramIds.size; bigram++) {
    if (bannedWords.has(bigramIds.first[bigram]!) || bannedWords.has(bigramIds.second[bigram]!)) {
      features.push(vectorizer.bigramFeature[bigram]!);
    }
  }
  return features;
}

/**
 * Weighted reciprocal-rank fusion of two rankings of the same cards: card i scores (1 − w)/(K + rank₁) +
 * w/(K + rank₂). Rank fusion needs no common scale and a card one view ranks far off cannot be dragged up by an
 * extreme margin of the other. The result is in margin units: the cards, in fused order, take the sorted values
 * of the weighted mean margin, so a margin of 0 stays near the boundary and the boosts keep their meaning.
 */
export function fuseByRank(own: readonly number[], plain: readonly number[], w: number): number[] {
  return fuseRankings([
    { margins: own, weight: 1 - w },
    { margins: plain, weight: w },
  ]);
}

/** `fuseByRank` for any number of rankings, each with its weight (weights summing to 1). */
export function fuseRankings(parts: readonly { margins: readonly number[]; weight: number }[]): number[] {
  const count = parts[0]!.margins.length;
  const fused = new Float64Array(count);
  const values = new Array<number>(count).fill(0);
  for (const { margins, weight } of parts) {
    margins
      .map((_, i) => i)
      .sort((a, b) => margins[b]! - margins[a]!)
      .forEach((item, rank) => {
        fused[item]! += weight / (RRF_K + rank);
      });
    for (let i = 0; i < count; i++) values[i]! += weight * margins[i]!;
  }
  values.sort((a, b) => b - a);
  const result = new Array<number>(count);
  Array.from({ length: count }, (_, i) => i)
    .sort((a, b) => fused[b]! - fused[a]!)
    .forEach((item, rank) => {
      result[item] = values[rank]!;
    });
  return result;
}

/**
 * The rows of `matrix` with each term scaled by |r|, r its naive-Bayes log-count ratio over the training rows
 * (document counts, each row counted with its training weight, smoothed by `NB_SMOOTHING`), then unit length
 * again: NBSVM's features (Wang and Manning 2012), terms that tell kept papers from the rest weigh more.
 */
export function nbScaled(
  matrix: SparseMatrix,
  training: readonly { row: number; positive: boolean; weight: number }[],
): SparseMatrix {
  const kept = new Float64Array(matrix.cols).fill(NB_SMOOTHING);
  const rest = new Float64Array(matrix.cols).fill(NB_SMOOTHING);
  for (const { row, positive, weight } of training) {
    const counts = positive ? kept : rest;
    for (let p = matrix.rowPtr[row]!; p < matrix.rowPtr[row + 1]!; p++) counts[matrix.colIndex[p]!]! += weight;
  }
  let keptTotal = 0;
  let restTotal = 0;
  for (let j = 0; j < matrix.cols; j++) {
    keptTotal += kept[j]!;
    restTotal += rest[j]!;
  }
  const scale = new Float64Array(matrix.cols);
  for (let j = 0; j < matrix.cols; j++)
    scale[j] = Math.abs(Math.log(kept[j]! / keptTotal) - Math.log(rest[j]! / restTotal));
  const values = new Float32Array(matrix.values.length);
  for (let row = 0; row < matrix.rows; row++) {
    const start = matrix.rowPtr[row]!;
    const end = matrix.rowPtr[row + 1]!;
    let sum = 0;
    for (let p = start; p < end; p++) {
      const value = matrix.values[p]! * scale[matrix.colIndex[p]!]!;
      values[p] = value;
      sum += value * value;
    }
    const norm = Math.sqrt(sum);
    if (norm > 0) for (let p = start; p < end; p++) values[p]! /= norm;
  }
  return { ...matrix, values };
}

/** Wang and Manning's smoothing of the naive-Bayes counts. */
const NB_SMOOTHING = 1;

/** Cormack et al.'s constant: ranks past the first few dozen differ little. */
const RRF_K = 60;

/**
 * Adds `blend` × the candidates' cosine to the centroid of rows [0, positives), rescaled to the margins' spread
 * over the page, to `margins` in place: rankings fuse the standardised scores, the margin keeps its units.
 */
function blendCentroid(
  margins: number[],
  matrix: SparseMatrix,
  positives: number,
  candidateOffset: number,
  blend: number,
): void {
  const centroid = new Float64Array(matrix.cols);
  for (let p = matrix.rowPtr[0]!; p < matrix.rowPtr[positives]!; p++)
    centroid[matrix.colIndex[p]!]! += matrix.values[p]!;
  const cosines = margins.map((_, i) => {
    const row = candidateOffset + i;
    let sum = 0;
    for (let p = matrix.rowPtr[row]!; p < matrix.rowPtr[row + 1]!; p++)
      sum += centroid[matrix.colIndex[p]!]! * matrix.values[p]!;
    return sum;
  });
  const spread = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    return { mean, sd: Math.sqrt(variance) };
  };
  const m = spread(margins);
  const c = spread(cosines);
  if (c.sd === 0 || m.sd === 0) return;
  for (let i = 0; i < margins.length; i++) margins[i]! += (blend * m.sd * (cosines[i]! - c.mean)) / c.sd;
}
