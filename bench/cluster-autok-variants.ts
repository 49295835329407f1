/**
 * Labelled sets for choosing the automatic-k rule, beyond the five of ../shared/data: each set halved (same number
 * of categories, half the rows), and sets made by keeping a fixed random choice of some categories, or fewer rows
 * per category, so that the true k and the number of rows vary apart (the five sets have 216–500 rows per category,
 * so a rule whose k grows with n would pass them by accident). For each set and seed, the rows of the coarse space
 * the pipeline chooses k in (same vectorizer, LSA and sample of `DEFAULT_AUTO_K_OPTIONS.sampleSize` rows) are
 * written to bench/out/autok-samples/, with their labels, for `cluster-autok-consensus.ts` to score.
 *
 * `nice -n 10 npx tsx bench/cluster-autok-variants.ts 1,2,3`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_AUTO_K_OPTIONS, sampleRows } from '../lib/cluster/autok';
import { coarseSpace } from '../lib/cluster/cluster';
import { DEFAULT_VECTORIZER_OPTIONS, fitVectorizer } from '../lib/cluster/features';
import { DEFAULT_LSA_OPTIONS, fitLsa } from '../lib/cluster/lsa';
import { createRandom, type Random } from '../lib/cluster/random';
import { type LabelledPaper, loadDataset } from './cluster-data';

export const SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'out/autok-samples');

export type Variant = {
  name: string;
  file: string;
  /** Number of categories kept (all when undefined). */
  categories?: number;
  /** Rows kept per category (all when undefined), a random choice. */
  perCategory?: number;
  /** Keep this share of each category's rows. */
  share?: number;
};

const ARXIV20 = 'arxiv20_10k.jsonl.gz';
const ML8 = 'arxiv_ml8_2k.jsonl';
const NAIK = 'naik_cs6_1296.jsonl';
const MIX16 = 'arxiv_mix16_4800.jsonl.gz';
const CLOSE10 = 'arxiv_close10_3000.jsonl.gz';

export const VARIANTS: Variant[] = [
  { name: 'arxiv20', file: ARXIV20 },
  { name: 'ml8', file: ML8 },
  { name: 'naik6', file: NAIK },
  { name: 'mix16', file: MIX16 },
  { name: 'close10', file: CLOSE10 },
  // Halves: same k, half n.
  { name: 'arxiv20 half', file: ARXIV20, share: 0.5 },
  { name: 'ml8 half', file: ML8, share: 0.5 },
  { name: 'naik6 half', file: NAIK, share: 0.5 },
  { name: 'mix16 half', file: MIX16, share: 0.5 },
  { name: 'close10 half', file: CLOSE10, share: 0.5 },
  // Same 20 categories, 50 and 100 rows each (1,000 and 2,000 rows).
  { name: 'arxiv20 ×50', file: ARXIV20, perCategory: 50 },
  { name: 'arxiv20 ×100', file: ARXIV20, perCategory: 100 },
  // Fewer categories across fields (the held-back 12 × 300 is like "arxiv20 12 ×300").
  { name: 'arxiv20 4 ×500', file: ARXIV20, categories: 4 },
  { name: 'arxiv20 6 ×300', file: ARXIV20, categories: 6, perCategory: 300 },
  { name: 'arxiv20 12 ×300', file: ARXIV20, categories: 12, perCategory: 300 },
  { name: 'arxiv20 12 ×100', file: ARXIV20, categories: 12, perCategory: 100 },
  { name: 'mix16 6', file: MIX16, categories: 6 },
  { name: 'mix16 12', file: MIX16, categories: 12 },
  { name: 'mix16 ×100', file: MIX16, perCategory: 100 },
  // Close categories, fewer of them (the held-back 6 ML-adjacent × 300 is like "ml8 6").
  { name: 'ml8 6', file: ML8, categories: 6 },
  { name: 'ml8 4', file: ML8, categories: 4 },
  { name: 'close10 5', file: CLOSE10, categories: 5 },
  { name: 'naik6 4', file: NAIK, categories: 4 },
];

function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function nameSeed(name: string): number {
  let h = 2166136261;
  for (const char of name) h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** The variant's papers: a fixed choice (seeded by the variant's name, not by the run's seed). */
export function variantPapers(variant: Variant, papers: readonly LabelledPaper[]): LabelledPaper[] {
  const random = createRandom(nameSeed(variant.name));
  const byLabel = new Map<string, LabelledPaper[]>();
  for (const paper of papers) byLabel.set(paper.label, [...(byLabel.get(paper.label) ?? []), paper]);
  const labels = shuffle([...byLabel.keys()].sort(), random).slice(0, variant.categories ?? byLabel.size);
  const out: LabelledPaper[] = [];
  for (const label of labels.sort()) {
    const rows = shuffle(byLabel.get(label)!, random);
    const count = Math.min(
      rows.length,
      variant.perCategory ?? rows.length,
      Math.round(rows.length * (variant.share ?? 1)),
    );
    out.push(...rows.slice(0, count));
  }
  return out;
}

export function sampleFile(name: string, seed: number): string {
  return resolve(SAMPLE_DIR, `${name.replace(/[^a-z0-9]+/gi, '_')}-${seed}.json`);
}

export type StoredSample = {
  name: string;
  seed: number;
  truth: number;
  rows: number;
  width: number;
  n: number;
  data: number[];
  labels: string[];
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
  const only = process.argv[3];
  mkdirSync(SAMPLE_DIR, { recursive: true });
  const cache = new Map<string, LabelledPaper[]>();
  for (const variant of VARIANTS) {
    if (only !== undefined && !variant.name.startsWith(only)) continue;
    if (!cache.has(variant.file)) cache.set(variant.file, loadDataset(variant.file));
    const papers = variantPapers(variant, cache.get(variant.file)!);
    const truth = new Set(papers.map((paper) => paper.label)).size;
    for (const seed of seeds) {
      const started = performance.now();
      const random = createRandom(seed);
      const { matrix } = fitVectorizer(papers, DEFAULT_VECTORIZER_OPTIONS);
      const { model, embedding } = fitLsa(matrix, random, DEFAULT_LSA_OPTIONS);
      const coarse = coarseSpace(embedding, matrix.rows, model, DEFAULT_LSA_OPTIONS.singularValueWeight);
      // Same sample as `scoreKs` draws, with the row ids kept for the labels.
      const ids = { data: Float32Array.from({ length: coarse.rows }, (_, i) => i), rows: coarse.rows, width: 1 };
      const picked = sampleRows(ids, DEFAULT_AUTO_K_OPTIONS.sampleSize, random);
      const rows = Array.from(picked.data, Number);
      const data: number[] = [];
      for (const row of rows) data.push(...coarse.data.subarray(row * coarse.width, (row + 1) * coarse.width));
      const stored: StoredSample = {
        name: variant.name,
        seed,
        truth,
        rows: rows.length,
        width: coarse.width,
        n: papers.length,
        data,
        labels: rows.map((row) => papers[row]!.label),
      };
      writeFileSync(sampleFile(variant.name, seed), JSON.stringify(stored));
      console.error(
        `${variant.name} seed ${seed}: ${papers.length} rows, k ${truth}, ${Math.round(performance.now() - started)} ms`,
      );
    }
  }
}
