import { describe, expect, it } from 'vitest';
import { type ClusterModel, fitClusterModel, isReadableTerm, labelTerms } from '../../lib/cluster/cluster';
import { isAuthorLabel } from '../../lib/cluster/features';
import { everyNth, LABELLED_SETS, loadSet } from './data';

// labelTerms ranks only a shortlist of terms unless it runs out; it must give what ranking every term gave.
function plainLabelTerms(model: ClusterModel, cluster: number, count: number): string[] {
  const { termSums, k } = model;
  const cols = model.vectorizer.labels.length;
  const across = new Float64Array(cols);
  for (let c = 0; c < k; c++) for (let t = 0; t < cols; t++) across[t]! += termSums[c * cols + t]!;
  let clusterTotal = 0;
  let grandTotal = 0;
  for (let t = 0; t < cols; t++) clusterTotal += termSums[cluster * cols + t]!;
  for (let i = 0; i < termSums.length; i++) grandTotal += termSums[i]!;
  if (clusterTotal === 0) return [];
  const scored: { term: number; score: number }[] = [];
  for (let t = 0; t < cols; t++) {
    const inCluster = termSums[cluster * cols + t]!;
    if (inCluster === 0) continue;
    scored.push({ term: t, score: (inCluster / clusterTotal) * Math.log(1 + grandTotal / k / across[t]!) });
  }
  scored.sort((a, b) => b.score - a.score);
  const chosen: string[] = [];
  for (const { term } of scored) {
    const label = model.vectorizer.labels[term]!;
    if (isAuthorLabel(label) || !isReadableTerm(label)) continue;
    const shown = new Set(chosen.flatMap((c) => c.split(' ')));
    if (label.split(' ').every((word) => shown.has(word))) continue;
    chosen.push(label);
    if (chosen.length === count) break;
  }
  return chosen;
}

describe('labelTerms', () => {
  it.each(LABELLED_SETS.slice(1, 3))('ranks as a full sort would on $file, short and long lists', ({ file, k }) => {
    const model = fitClusterModel(everyNth(loadSet(file), 400), { k, seed: 2 });
    for (let cluster = 0; cluster < k; cluster++) {
      // 8 (the shown labels) stays within the shortlist; 40 and 400 run past it into the full sort.
      for (const count of [1, 8, 40, 400]) {
        expect(labelTerms(model, cluster, count)).toEqual(plainLabelTerms(model, cluster, count));
      }
    }
  });
});

describe('labelTerms with tied scores', () => {
  it('keeps tied terms in term order, as a stable full sort does', () => {
    // 3 clusters × 60 readable terms, weights from a few values so that many scores tie exactly.
    const words = Array.from(
      { length: 60 },
      (_, i) => `word${String.fromCharCode(97 + (i % 26))}${'q'.repeat(1 + Math.floor(i / 26))}`,
    );
    const k = 3;
    const termSums = Float32Array.from({ length: k * words.length }, (_, i) => [0, 1, 2, 2, 4][(i * 7) % 5]!);
    const model = { k, termSums, vectorizer: { labels: words } } as unknown as ClusterModel;
    for (let cluster = 0; cluster < k; cluster++) {
      for (const count of [8, 30, 60]) {
        expect(labelTerms(model, cluster, count)).toEqual(plainLabelTerms(model, cluster, count));
      }
    }
  });
});
