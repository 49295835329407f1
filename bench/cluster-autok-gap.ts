/**
 * Gap statistic (Tibshirani, Walther & Hastie 2001) in the pipeline's full LSA space (100 directions, U·S^0.5,
 * unit rows) instead of the 20-direction coarse space `cluster-autok-select.ts` tried: for each candidate k, the
 * log of the k-means dispersion (rows − total cosine) against the same on references with every coordinate shuffled
 * across rows. Picks: Tibshirani's (smallest k with gap(k) ≥ gap(k+1) − s(k+1)) and the largest gap.
 *
 * `nice -n 10 npx tsx bench/cluster-autok-gap.ts 1,2`
 */
import { candidateKs, DEFAULT_AUTO_K_OPTIONS, sampleRows } from '../lib/cluster/autok';
import { DEFAULT_VECTORIZER_OPTIONS, fitVectorizer } from '../lib/cluster/features';
import { type DenseRows, sphericalKMeans } from '../lib/cluster/kmeans';
import { DEFAULT_LSA_OPTIONS, fitLsa, normalizeRows } from '../lib/cluster/lsa';
import { createRandom, type Random } from '../lib/cluster/random';
import { VARIANTS, variantPapers } from './cluster-autok-variants';
import { loadDataset } from './cluster-data';

const REFERENCES = 3;

function permuted(points: DenseRows, random: Random): DenseRows {
  const { data, rows, width } = points;
  const out = new Float32Array(rows * width);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let d = 0; d < width; d++) {
    for (let i = rows - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    for (let r = 0; r < rows; r++) out[r * width + d] = data[order[r]! * width + d]!;
  }
  normalizeRows(out, width);
  return { data: out, rows, width };
}

const seeds = (process.argv[2] ?? '1,2').split(',').map(Number);
const names = (process.argv[3] ?? 'arxiv20,ml8,naik6,mix16,close10').split(',');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
console.log('| set (truth) | seed | gap per k (k: gap) | Tibshirani pick | largest gap |');
console.log('|---|---|---|---|---|');
for (const variant of VARIANTS.filter((v) => names.includes(v.name))) {
  const papers = variantPapers(variant, loadDataset(variant.file));
  const truth = new Set(papers.map((p) => p.label)).size;
  for (const seed of seeds) {
    const random = createRandom(seed);
    const { matrix } = fitVectorizer(papers, DEFAULT_VECTORIZER_OPTIONS);
    const { model, embedding } = fitLsa(matrix, random, DEFAULT_LSA_OPTIONS);
    normalizeRows(embedding, model.dimensions);
    const points = sampleRows({ data: embedding, rows: matrix.rows, width: model.dimensions }, 1500, random);
    const references = Array.from({ length: REFERENCES }, () => permuted(points, random));
    const options = DEFAULT_AUTO_K_OPTIONS;
    const ks = candidateKs(options.minK, Math.min(options.maxK, Math.floor(points.rows / 5)));
    const dispersion = (p: DenseRows, k: number) =>
      Math.log(p.rows - sphericalKMeans(p, k, random, options.kmeans).objective);
    const rows = ks.map((k) => {
      const own = dispersion(points, k);
      const nulls = references.map((reference) => dispersion(reference, k));
      return { k, gap: mean(nulls) - own, s: sd(nulls) * Math.sqrt(1 + 1 / REFERENCES) };
    });
    let tibshirani = rows[rows.length - 1]!.k;
    for (let i = 0; i + 1 < rows.length; i++) {
      if (rows[i]!.gap >= rows[i + 1]!.gap - rows[i + 1]!.s) {
        tibshirani = rows[i]!.k;
        break;
      }
    }
    const largest = rows.reduce((a, b) => (b.gap > a.gap ? b : a)).k;
    const curve = rows.map((r) => `${r.k}: ${r.gap.toFixed(3)}`).join(', ');
    console.log(`| ${variant.name} (${truth}) | ${seed} | ${curve} | ${tibshirani} | ${largest} |`);
  }
}
