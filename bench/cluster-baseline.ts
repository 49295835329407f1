/**
 * The clustering baseline of issue 17 and ../shared/data/README.md, implemented here so that every figure is
 * compared with it in the same run: stemmed (Porter) 1–2-gram sparse TF-IDF over title and abstract (English stop
 * words and inline TeX dropped; min df 2, max df 0.5, 20,000 terms, sublinear tf), then spherical k-means with
 * k-means++ seeding and 5 restarts, the best by objective, k given.
 */
import { fitVectorizer, type PaperText, rowOf, type VectorizerOptions } from '../lib/cluster/features';
import { decisionValue, type TrainingExample, trainLinearSvm } from '../lib/cluster/linear';
import { createRandom, type Random } from '../lib/cluster/random';
import { sparseSphericalKMeans } from '../lib/cluster/sparse-kmeans';

export const BASELINE_FEATURES: VectorizerOptions = {
  bigrams: true,
  minDf: 2,
  bigramMinDf: 2,
  maxDfRatio: 0.5,
  titleWeight: 1,
  authorWeight: 0,
  maxFeatures: 20_000,
};

/** Every labelled set of ../shared/data with its true number of categories. */
export const CLUSTER_SETS = [
  { file: 'arxiv20_10k.jsonl.gz', k: 20 },
  { file: 'arxiv_ml8_2k.jsonl', k: 8 },
  { file: 'naik_cs6_1296.jsonl', k: 6 },
  { file: 'arxiv_mix16_4800.jsonl.gz', k: 16 },
  { file: 'arxiv_close10_3000.jsonl.gz', k: 10 },
] as const;

export function baselineClustering(papers: readonly PaperText[], k: number, seed: number): number[] {
  const { matrix } = fitVectorizer(papers, BASELINE_FEATURES);
  // Lloyd passes until no paper moves (at most 100), as scikit-learn runs them to convergence.
  const result = sparseSphericalKMeans(matrix, k, createRandom(seed), {
    restarts: 5,
    maxIterations: 100,
    tolerance: 0,
  });
  return Array.from(result.assignments);
}

/**
 * The ranking baseline: an arxiv-sanity-style linear SVM on the same TF-IDF (fitted on library and candidates
 * together), the library as positives and every candidate as a negative, C = 0.1; candidates ranked by margin.
 */
export function baselineRelevance(library: readonly PaperText[], candidates: readonly PaperText[]): number[] {
  const { matrix } = fitVectorizer([...library, ...candidates], BASELINE_FEATURES);
  const examples: TrainingExample[] = [];
  for (let row = 0; row < matrix.rows; row++) {
    examples.push({ vector: rowOf(matrix, row), positive: row < library.length, weight: 1 });
  }
  const model = trainLinearSvm(examples, matrix.cols, { c: 0.1, epochs: 100, seed: 1 });
  return candidates.map((_, i) => decisionValue(model, rowOf(matrix, library.length + i)));
}

export type RelevanceDraw<P> = { library: P[]; candidates: P[]; relevant: boolean[] };

/**
 * One draw of the ranking task: a library of `librarySize` papers from 1–3 categories, and 1,000 candidates of
 * which 50 (5%) are from those categories. Categories are added while they hold fewer than librarySize + 50 papers
 * (naik_cs6_1296 has categories of 57 and 67 papers).
 */
export function relevanceDraw<P extends { label: string }>(
  papers: readonly P[],
  librarySize: number,
  random: Random,
): RelevanceDraw<P> {
  const categories = shuffled([...new Set(papers.map((p) => p.label))].sort(), random);
  const count = 1 + random.int(3);
  const chosen = categories.slice(0, count);
  const size = () => papers.filter((p) => chosen.includes(p.label)).length;
  while (size() < librarySize + 50 && chosen.length < categories.length) chosen.push(categories[chosen.length]!);
  const inTopic = shuffled(
    papers.filter((p) => chosen.includes(p.label)),
    random,
  );
  const offTopic = shuffled(
    papers.filter((p) => !chosen.includes(p.label)),
    random,
  );
  const library = inTopic.slice(0, librarySize);
  const candidates = shuffled([...inTopic.slice(librarySize, librarySize + 50), ...offTopic.slice(0, 950)], random);
  return { library, candidates, relevant: candidates.map((c) => chosen.includes(c.label)) };
}

export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `table[row][column]`, created empty on first use: the result tables of the selection benches. */
export function cellOf<T>(table: Record<string, Record<string, T>>, row: string, column: string, empty: () => T): T {
  table[row] ??= {};
  const cells = table[row]!;
  cells[column] ??= empty();
  return cells[column]!;
}
