/**
 * External clustering scores against known labels, with scikit-learn's definitions so that figures compare with
 * the baselines in ../shared/data/README.md.
 */

type Contingency = { table: Map<string, number>; trueSizes: Map<string, number>; predictedSizes: Map<string, number> };

function contingency(truth: readonly (string | number)[], predicted: readonly (string | number)[]): Contingency {
  if (truth.length !== predicted.length) throw new Error('truth and predicted labels differ in length');
  const table = new Map<string, number>();
  const trueSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  for (let i = 0; i < truth.length; i++) {
    const t = String(truth[i]);
    const p = String(predicted[i]);
    // The unit separator cannot occur in a label, so the pair key is unambiguous.
    const key = `${t}\u001f${p}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    trueSizes.set(t, (trueSizes.get(t) ?? 0) + 1);
    predictedSizes.set(p, (predictedSizes.get(p) ?? 0) + 1);
  }
  return { table, trueSizes, predictedSizes };
}

function entropy(sizes: Map<string, number>, total: number): number {
  let h = 0;
  for (const size of sizes.values()) {
    const p = size / total;
    h -= p * Math.log(p);
  }
  return h;
}

export type VMeasure = { homogeneity: number; completeness: number; vMeasure: number };

/**
 * Homogeneity (each cluster holds one class), completeness (each class sits in one cluster) and their harmonic mean.
 * V-measure equals NMI with the arithmetic mean of the entropies.
 */
export function vMeasure(truth: readonly (string | number)[], predicted: readonly (string | number)[]): VMeasure {
  const n = truth.length;
  if (n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const { table, trueSizes, predictedSizes } = contingency(truth, predicted);
  const hTrue = entropy(trueSizes, n);
  const hPredicted = entropy(predictedSizes, n);
  let mutualInformation = 0;
  for (const [key, count] of table) {
    const [t, p] = key.split('\u001f') as [string, string];
    mutualInformation += (count / n) * Math.log((count * n) / (trueSizes.get(t)! * predictedSizes.get(p)!));
  }
  // H(C|K) = H(C) − I(C;K); a single class (or single cluster) is perfectly homogeneous (complete) by convention.
  const homogeneity = hTrue === 0 ? 1 : mutualInformation / hTrue;
  const completeness = hPredicted === 0 ? 1 : mutualInformation / hPredicted;
  const vMeasureScore =
    homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);
  return { homogeneity, completeness, vMeasure: vMeasureScore };
}

/** Adjusted Rand index (Hubert–Arabie). */
export function adjustedRandIndex(
  truth: readonly (string | number)[],
  predicted: readonly (string | number)[],
): number {
  const n = truth.length;
  const { table, trueSizes, predictedSizes } = contingency(truth, predicted);
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const count of table.values()) index += pairs(count);
  let trueSum = 0;
  for (const size of trueSizes.values()) trueSum += pairs(size);
  let predictedSum = 0;
  for (const size of predictedSizes.values()) predictedSum += pairs(size);
  const expected = (trueSum * predictedSum) / pairs(n);
  const maximum = (trueSum + predictedSum) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}

/** Average precision of a ranking: mean of precision at each relevant item's rank (scores descending). */
export function averagePrecision(scores: readonly number[], relevant: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let hits = 0;
  let sum = 0;
  order.forEach((item, rank) => {
    if (relevant[item]) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits === 0 ? 0 : sum / hits;
}

/** Share of relevant items among the top `n` by score. */
export function precisionAt(scores: readonly number[], relevant: readonly boolean[], n: number): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const top = order.slice(0, n);
  return top.filter((item) => relevant[item]).length / Math.max(1, top.length);
}
