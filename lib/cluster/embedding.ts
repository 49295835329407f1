/**
 * Dense text embeddings behind one interface, so that a bundled sentence-embedding model can later replace or
 * join TF-IDF/LSA without touching callers. Today's only provider is LSA fitted on the user's own library.
 */
import { chooseK, scoreKs } from './autok';
import { fitVectorizer, type PaperText, vectorize } from './features';
import { sphericalKMeans } from './kmeans';
import { DEFAULT_LSA_OPTIONS, fitLsa, normalizeRows, projectVector } from './lsa';
import { createRandom } from './random';

export interface EmbeddingProvider {
  /** Stable name of the model and its settings; cached vectors from another id must not be mixed in. */
  readonly id: string;
  readonly dimensions: number;
  /** One unit-length vector per text (zero when the text has no known word). */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** LSA over `corpus` (the library): vectors for any further text in the same space. */
export function createLsaEmbeddingProvider(
  corpus: readonly PaperText[],
  options: { dimensions?: number; seed?: number } = {},
): EmbeddingProvider {
  const seed = options.seed ?? 1;
  const { vectorizer, matrix } = fitVectorizer(corpus);
  const { model } = fitLsa(matrix, createRandom(seed), {
    ...DEFAULT_LSA_OPTIONS,
    dimensions: options.dimensions ?? DEFAULT_LSA_OPTIONS.dimensions,
  });
  return {
    id: `tfidf-lsa-${model.dimensions}-seed${seed}-docs${corpus.length}`,
    dimensions: model.dimensions,
    async embed(texts) {
      return texts.map((text) => {
        // Free text has no title: all of it is weighted as abstract.
        const vector = projectVector(model, vectorize(vectorizer, { title: '', abstract: text }));
        normalizeRows(vector, model.dimensions);
        return vector;
      });
    },
  };
}

/** Cluster vectors from any provider (unit rows) with the same k-means and automatic k as `clusterPapers`. */
export function clusterEmbeddings(
  vectors: readonly Float32Array[],
  options: { k?: number; seed?: number } = {},
): { k: number; assignments: Int32Array } {
  const width = vectors[0]?.length ?? 0; // no vectors: nothing to cluster
  const data = new Float32Array(vectors.length * width);
  vectors.forEach((vector, i) => {
    data.set(vector, i * width);
  });
  const points = { data, rows: vectors.length, width };
  const random = createRandom(options.seed ?? 1);
  if (vectors.length === 0) return { k: 0, assignments: new Int32Array(0) };
  const k = options.k ?? (vectors.length < 6 ? 1 : chooseK(scoreKs(points, random)));
  const result = sphericalKMeans(points, k, random);
  return { k: result.k, assignments: result.assignments };
}
