/** Public surface of lib/cluster: topic clusters, tag suggestions, relevance, metrics. */
export { chooseK, scoreKs } from './autok';
export type { ClusterClient } from './client';
export { createClusterClient } from './client';
export * from './cluster';
export { fitVectorizer, vectorize } from './features';
export * from './metrics';
export { createRandom } from './random';
export * from './relevance';
export * from './tags';
export { analyzeText, normalizeText, tokenize } from './terms';
