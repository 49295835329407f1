/**
 * How much each digest card matters to this researcher: a linear SVM trained on the library (saved and tagged
 * papers positive, dismissed papers negative) against the page itself as unlabelled background, the way
 * arxiv-sanity ranks. Scores are in [0, 1]; reasons are the terms that contributed most.
 */

import type { PaperInput } from './cluster';
import { DEFAULT_VECTORIZER_OPTIONS, fitVectorizer, isAuthorLabel, rowOf, type ScanCache } from './features';

const LIBRARY_SCANS: ScanCache = new WeakMap();

import { DEFAULT_SVM_OPTIONS, marginToScore, type TrainingExample, topContributions, trainLinearSvm } from './linear';

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
};

export const DEFAULT_RELEVANCE_OPTIONS: RelevanceOptions = { c: 0.1, backgroundWeight: 1, reasons: 3, seed: 1 };

export function scoreCandidates(
  library: readonly JudgedPaper[],
  candidates: readonly PaperInput[],
  options: Partial<RelevanceOptions> = {},
): CandidateScore[] {
  const settings = { ...DEFAULT_RELEVANCE_OPTIONS, ...options };
  const positives = library.filter((paper) => paper.judgement === 'positive');
  // Without anything the researcher kept, there is nothing to be relevant to.
  if (positives.length === 0 || candidates.length === 0) {
    return candidates.map((candidate) => ({ id: candidate.id, score: 0, reasons: [] }));
  }
  const negatives = library.filter((paper) => paper.judgement === 'negative');
  const judgedIds = new Set(library.map((paper) => paper.id));
  // IDF over library and page together: a term common on today's page is no reason to rank a card up.
  // The library's words are scanned once and kept (per paper object): a page then costs only its own cards.
  const { vectorizer, matrix } = fitVectorizer(
    [...positives, ...negatives, ...candidates],
    DEFAULT_VECTORIZER_OPTIONS,
    LIBRARY_SCANS,
    positives.length + negatives.length,
  );
  const examples: TrainingExample[] = [];
  for (let i = 0; i < positives.length; i++) examples.push({ vector: rowOf(matrix, i), positive: true, weight: 1 });
  for (let i = 0; i < negatives.length; i++) {
    examples.push({ vector: rowOf(matrix, positives.length + i), positive: false, weight: 1 });
  }
  const candidateOffset = positives.length + negatives.length;
  candidates.forEach((candidate, i) => {
    if (judgedIds.has(candidate.id)) return;
    examples.push({ vector: rowOf(matrix, candidateOffset + i), positive: false, weight: settings.backgroundWeight });
  });
  const model = trainLinearSvm(examples, matrix.cols, { ...DEFAULT_SVM_OPTIONS, c: settings.c, seed: settings.seed });
  return candidates.map((candidate, i) => {
    const vector = rowOf(matrix, candidateOffset + i);
    let margin = model.bias;
    for (let p = 0; p < vector.index.length; p++) margin += model.weights[vector.index[p]!]! * vector.value[p]!;
    return {
      id: candidate.id,
      score: marginToScore(margin),
      // Reasons are shown as terms; authors still count in the score.
      reasons: topContributions(model, vector, settings.reasons + 3)
        .map(({ feature }) => vectorizer.labels[feature]!)
        .filter((label) => !isAuthorLabel(label))
        .slice(0, settings.reasons),
    };
  });
}
