/**
 * Tag suggestions: for a tag with few examples, the cosine to the tag's centroid; once a tag has
 * MODEL_MIN_EXAMPLES examples, a one-vs-rest linear SVM (its papers against the other tagged papers).
 */

import type { PaperInput } from './cluster';
import { fitVectorizer, rowOf, type SparseVector, type Vectorizer, vectorize } from './features';
import {
  DEFAULT_SVM_OPTIONS,
  decisionValue,
  type LinearModel,
  marginToScore,
  type TrainingExample,
  trainLinearSvm,
} from './linear';

export type TaggedPaper = PaperInput & { tags: readonly string[] };

export type TagSuggestion = {
  tag: string;
  /** 0 … 1, comparable across tags of either kind. */
  score: number;
  /** `model` once the tag has enough examples, `centroid` before. */
  method: 'model' | 'centroid';
};

/**
 * SVM regularisation for tag models. With 20 examples per tag a softer margin generalises better: top-3 accuracy
 * on arxiv20_10k (20 tags, 1,000 held out per trial) 0.930 at C = 1 and 0.937 at 0.3 over 4 trials; 0.939 at 0.3,
 * 0.938 at 0.2 and 0.941 at 0.1 over 6 trials.
 */
export const TAG_SVM_C = 0.1;

/** Below this many examples a classifier overfits; the centroid is steadier. */
export const MODEL_MIN_EXAMPLES = 8;

type TagScorer =
  | { tag: string; method: 'model'; model: LinearModel }
  | { tag: string; method: 'centroid'; centroid: Float32Array; typicalSimilarity: number };

export type TagModel = {
  vectorizer: Vectorizer;
  tags: string[];
  suggest(paper: PaperInput, count?: number): TagSuggestion[];
};

/** Learn every tag of `library` (IDF over the whole library, tagged or not). */
export function buildTagModel(library: readonly TaggedPaper[], seed = 1): TagModel {
  const { vectorizer, matrix } = fitVectorizer(library);
  const examplesOf = new Map<string, number[]>();
  library.forEach((paper, row) => {
    for (const tag of new Set(paper.tags)) {
      const rows = examplesOf.get(tag);
      if (rows === undefined) examplesOf.set(tag, [row]);
      else rows.push(row);
    }
  });
  const taggedRows = library.map((paper, row) => (paper.tags.length > 0 ? row : -1)).filter((row) => row >= 0);
  const scorers: TagScorer[] = [];
  for (const [tag, rows] of [...examplesOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (rows.length >= MODEL_MIN_EXAMPLES) {
      const members = new Set(rows);
      const examples: TrainingExample[] = taggedRows.map((row) => ({
        vector: rowOf(matrix, row),
        positive: members.has(row),
        // One-vs-rest is unbalanced (20 papers against hundreds): weighting by class keeps the tag visible.
        weight: members.has(row)
          ? taggedRows.length / (2 * rows.length)
          : taggedRows.length / (2 * (taggedRows.length - rows.length || 1)),
      }));
      scorers.push({
        tag,
        method: 'model',
        model: trainLinearSvm(examples, matrix.cols, { ...DEFAULT_SVM_OPTIONS, c: TAG_SVM_C, seed }),
      });
    } else {
      const centroid = new Float32Array(matrix.cols);
      for (const row of rows) addInto(centroid, rowOf(matrix, row));
      normalize(centroid);
      const typicalSimilarity = rows.reduce((sum, row) => sum + cosine(centroid, rowOf(matrix, row)), 0) / rows.length;
      scorers.push({ tag, method: 'centroid', centroid, typicalSimilarity });
    }
  }
  return {
    vectorizer,
    tags: scorers.map((scorer) => scorer.tag),
    suggest(paper, count = 3) {
      const vector = vectorize(vectorizer, paper);
      const ownTags = new Set('tags' in paper && Array.isArray(paper.tags) ? (paper.tags as string[]) : []);
      return scorers
        .filter((scorer) => !ownTags.has(scorer.tag))
        .map((scorer) => ({ tag: scorer.tag, score: scoreWith(scorer, vector), method: scorer.method }))
        .sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag))
        .slice(0, count);
    },
  };
}

/** Convenience for one paper; build a `TagModel` once when suggesting for many. */
export function suggestTags(paper: PaperInput, library: readonly TaggedPaper[], count = 3): TagSuggestion[] {
  return buildTagModel(library).suggest(paper, count);
}

function scoreWith(scorer: TagScorer, vector: SparseVector): number {
  if (scorer.method === 'model') return marginToScore(decisionValue(scorer.model, vector));
  // A paper as close to the centroid as the tag's own papers are scores 0.5, like a margin of 0.
  if (scorer.typicalSimilarity <= 0) return 0;
  return Math.min(1, 0.5 * (cosine(scorer.centroid, vector) / scorer.typicalSimilarity));
}

function addInto(dense: Float32Array, vector: SparseVector): void {
  for (let p = 0; p < vector.index.length; p++) dense[vector.index[p]!]! += vector.value[p]!;
}

function normalize(dense: Float32Array): void {
  let norm = 0;
  for (const v of dense) norm += v * v;
  if (norm === 0) return;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dense.length; i++) dense[i]! *= scale;
}

function cosine(dense: Float32Array, vector: SparseVector): number {
  let sum = 0;
  for (let p = 0; p < vector.index.length; p++) sum += dense[vector.index[p]!]! * vector.value[p]!;
  return sum;
}
