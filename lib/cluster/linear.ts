/**
 * A linear SVM (squared hinge loss, L2 regularisation) trained by dual coordinate descent on sparse TF-IDF rows:
 * the classifier behind per-tag suggestions and digest relevance. Deterministic for a given seed.
 */
import type { SparseVector } from './features';
import { createRandom } from './random';

export type LinearModel = { weights: Float32Array; bias: number };

export type TrainingExample = {
  vector: SparseVector;
  positive: boolean /** Scales C for this example. */;
  weight: number;
};

export type SvmOptions = { c: number; epochs: number; seed: number };

export const DEFAULT_SVM_OPTIONS: SvmOptions = { c: 0.1, epochs: 30, seed: 1 };

/** The bias is learned as the weight of a constant feature of this value (regularised like the others). */
const BIAS_FEATURE = 1;

export function trainLinearSvm(
  examples: readonly TrainingExample[],
  dimensions: number,
  options: SvmOptions = DEFAULT_SVM_OPTIONS,
): LinearModel {
  const weights = new Float64Array(dimensions);
  let bias = 0;
  const n = examples.length;
  const alpha = new Float64Array(n);
  const diagonal = Float64Array.from(examples, (e) => 1 / (2 * options.c * e.weight));
  const squaredNorm = Float64Array.from(examples, (e) => {
    let sum = BIAS_FEATURE * BIAS_FEATURE;
    for (const v of e.vector.value) sum += v * v;
    return sum;
  });
  const order = Array.from({ length: n }, (_, i) => i);
  const random = createRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    let largestStep = 0;
    for (const i of order) {
      const example = examples[i]!;
      const y = example.positive ? 1 : -1;
      const { index, value } = example.vector;
      let margin = bias * BIAS_FEATURE;
      for (let p = 0; p < index.length; p++) margin += weights[index[p]!]! * value[p]!;
      const gradient = y * margin - 1 + diagonal[i]! * alpha[i]!;
      const previous = alpha[i]!;
      const next = Math.max(0, previous - gradient / (squaredNorm[i]! + diagonal[i]!));
      const step = (next - previous) * y;
      if (step === 0) continue;
      alpha[i] = next;
      largestStep = Math.max(largestStep, Math.abs(next - previous));
      for (let p = 0; p < index.length; p++) weights[index[p]!]! += step * value[p]!;
      bias += step * BIAS_FEATURE;
    }
    if (largestStep < 1e-4) break;
  }
  return { weights: Float32Array.from(weights), bias: bias * BIAS_FEATURE };
}

export function decisionValue(model: LinearModel, vector: SparseVector): number {
  let sum = model.bias;
  for (let p = 0; p < vector.index.length; p++) sum += model.weights[vector.index[p]!]! * vector.value[p]!;
  return sum;
}

/** Features that pushed a vector's score up most: weight × value, largest first. */
export function topContributions(
  model: LinearModel,
  vector: SparseVector,
  count: number,
): { feature: number; contribution: number }[] {
  const contributions: { feature: number; contribution: number }[] = [];
  for (let p = 0; p < vector.index.length; p++) {
    const feature = vector.index[p]!;
    const contribution = model.weights[feature]! * vector.value[p]!;
    if (contribution > 0) contributions.push({ feature, contribution });
  }
  contributions.sort((a, b) => b.contribution - a.contribution);
  return contributions.slice(0, count);
}

/** Margin → (0, 1). Monotone, so rankings are the SVM's; a margin of 0 (the boundary) is 0.5. */
export function marginToScore(margin: number): number {
  return 1 / (1 + Math.exp(-3 * margin));
}
