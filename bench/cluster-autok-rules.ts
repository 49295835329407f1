/**
 * Automatic-k rules compared on the curves of `cluster-autok-consensus.ts`: the k each rule picks for every variant
 * set and seed, and its worst ratio to the true k (the goal is 0.7–1.5× everywhere).
 *
 * `npx tsx bench/cluster-autok-rules.ts [curve | table]`
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CURVES, type Curves, type KCurve } from './cluster-autok-consensus';
import { VARIANTS } from './cluster-autok-variants';

const runs = JSON.parse(readFileSync(CURVES, 'utf8')) as Curves[];
// The kNN spectra come from a second, slower pass (`AUTOK_CURVES=out/autok-spectrum.json`) over fewer sets.
const SPECTRA = resolve(dirname(CURVES), 'autok-spectrum.json');
if (existsSync(SPECTRA)) {
  for (const extra of JSON.parse(readFileSync(SPECTRA, 'utf8')) as Curves[]) {
    const run = runs.find((r) => r.name === extra.name && r.seed === extra.seed);
    if (run !== undefined) run.spectrum = extra.spectrum;
  }
}

/** Share of pairs whose consensus lies in [lo, hi) (histogram bins of width 0.05). */
function share(histogram: number[], lo: number, hi: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  let inside = 0;
  histogram.forEach((count, bin) => {
    const x = (bin + 0.5) / histogram.length;
    if (x >= lo && x < hi) inside += count;
  });
  return inside / total;
}
const pac = (c: KCurve, kind: 'subsample' | 'restart' = 'subsample') => share(c[kind], 0.1, 0.9);
/** Ambiguous pairs among the pairs ever put together (PAC counts the many pairs never together as clear, so it
 * falls ~1/k with k whatever the structure). */
const conditionalPac = (c: KCurve, kind: 'subsample' | 'restart' = 'subsample') => {
  const ambiguous = share(c[kind], 0.1, 0.9);
  return ambiguous / (ambiguous + share(c[kind], 0.9, 1.01));
};

const smallestWithin = (curve: KCurve[], score: (c: KCurve) => number, tolerance: number) => {
  const best = Math.max(...curve.map(score));
  return curve.find((c) => score(c) >= best - tolerance)!.k;
};
const argmax = (curve: KCurve[], score: (c: KCurve) => number) =>
  curve.reduce((best, c) => (score(c) > score(best) ? c : best)).k;
const largestWith = (curve: KCurve[], ok: (c: KCurve) => boolean) =>
  Math.max(curve[0]!.k, ...curve.filter(ok).map((c) => c.k));

export const RULES: Record<string, (run: Curves) => number> = {
  'silhouette within 0.02 (current)': (r) => smallestWithin(r.curve, (c) => c.sil, 0.02),
  'silhouette best': (r) => argmax(r.curve, (c) => c.sil),
  'PAC (subsamples) min': (r) => argmax(r.curve, (c) => -pac(c)),
  'PAC (subsamples) min, k ≥ 3': (r) =>
    argmax(
      r.curve.filter((c) => c.k >= 3),
      (c) => -pac(c),
    ),
  'PAC (restarts) min, k ≥ 3': (r) =>
    argmax(
      r.curve.filter((c) => c.k >= 3),
      (c) => -pac(c, 'restart'),
    ),
};
for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) {
  RULES[`largest k, PAC (subsamples) ≤ ${t}`] = (r) => largestWith(r.curve, (c) => pac(c) <= t);
  RULES[`largest k, PAC (restarts) ≤ ${t}`] = (r) => largestWith(r.curve, (c) => pac(c, 'restart') <= t);
}
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  RULES[`largest k, conditional PAC (subsamples) ≤ ${t}`] = (r) => largestWith(r.curve, (c) => conditionalPac(c) <= t);
  RULES[`largest k, conditional PAC (restarts) ≤ ${t}`] = (r) =>
    largestWith(r.curve, (c) => conditionalPac(c, 'restart') <= t);
}
RULES['conditional PAC (subsamples) min, k ≥ 3'] = (r) =>
  argmax(
    r.curve.filter((c) => c.k >= 3),
    (c) => -conditionalPac(c),
  );
RULES['conditional PAC (restarts) min, k ≥ 3'] = (r) =>
  argmax(
    r.curve.filter((c) => c.k >= 3),
    (c) => -conditionalPac(c, 'restart'),
  );
/** Number of leading eigenvalues before the widest gap (k from 2 to 40); NaN without a spectrum. */
const eigengap = (values: number[] | undefined, relative: boolean) => {
  if (values === undefined) return Number.NaN;
  let best = 2;
  let widest = Number.NEGATIVE_INFINITY;
  for (let k = 2; k < Math.min(40, values.length); k++) {
    const gap = (values[k - 1]! - values[k]!) / (relative ? 1 - values[k]! : 1);
    if (gap > widest) {
      widest = gap;
      best = k;
    }
  }
  return best;
};
for (const q of ['10', '30']) {
  RULES[`kNN (${q}) spectral eigengap`] = (r) => eigengap(r.spectrum[q], false);
  RULES[`kNN (${q}) spectral eigengap, relative to 1 − λ`] = (r) => eigengap(r.spectrum[q], true);
}
for (const f of [0.8, 0.85, 0.9, 0.95]) {
  RULES[`smallest k with silhouette ≥ ${f} × best`] = (r) => {
    const best = Math.max(...r.curve.map((c) => c.sil));
    return r.curve.find((c) => c.sil >= f * best)!.k;
  };
}
for (const lambda of [0.01, 0.02, 0.03, 0.05]) {
  RULES[`silhouette − ${lambda}·ln k, best`] = (r) => argmax(r.curve, (c) => c.sil - lambda * Math.log(c.k));
}
for (const lambda of [0.5, 1, 2]) {
  RULES[`silhouette − ${lambda}·PAC, best`] = (r) => argmax(r.curve, (c) => c.sil - lambda * pac(c));
}

/** The five sets of ../shared/data, whole. */
const SHARED = ['arxiv20', 'ml8', 'naik6', 'mix16', 'close10'];
const miss = (ratio: number) => Math.max(ratio / 1.5, 0.7 / ratio, 1);
const names = VARIANTS.map((v) => v.name).filter((name) => runs.some((r) => r.name === name));

if (process.argv[2] === 'curve') {
  for (const name of names) {
    for (const r of runs.filter((x) => x.name === name)) {
      console.log(`${name} (truth ${r.truth}, n ${r.n}) seed ${r.seed}`);
      console.log(`  k    ${r.curve.map((c) => String(c.k).padStart(5)).join('')}`);
      console.log(`  sil  ${r.curve.map((c) => c.sil.toFixed(3).padStart(5).slice(-5)).join('')}`);
      console.log(`  PACs ${r.curve.map((c) => pac(c).toFixed(2).padStart(5)).join('')}`);
      console.log(`  PACr ${r.curve.map((c) => pac(c, 'restart').toFixed(2).padStart(5)).join('')}`);
      console.log(`  cPs  ${r.curve.map((c) => conditionalPac(c).toFixed(2).padStart(5)).join('')}`);
      console.log(`  cPr  ${r.curve.map((c) => conditionalPac(c, 'restart').toFixed(2).padStart(5)).join('')}`);
      for (const [q, values] of Object.entries(r.spectrum)) {
        console.log(
          `  λ${q.padEnd(3)} ${values
            .slice(0, 30)
            .map((v) => v.toFixed(2).padStart(5))
            .join('')}`,
        );
      }
    }
  }
} else {
  const scored = Object.entries(RULES).map(([rule, pick]) => {
    let worst = 1;
    let worstRatio = 1;
    let inside = 0;
    let total = 0;
    let sharedWorst = 1;
    let sharedRatio = 1;
    const cells = names.map((name) => {
      const ks = runs
        .filter((r) => r.name === name)
        .map((r) => {
          const k = pick(r);
          if (Number.isNaN(k)) return '–';
          const m = miss(k / r.truth);
          total++;
          if (m === 1) inside++;
          if (SHARED.includes(name) && m > sharedWorst) {
            sharedWorst = m;
            sharedRatio = k / r.truth;
          }
          if (m > worst) {
            worst = m;
            worstRatio = k / r.truth;
          }
          return k;
        });
      return ks.filter((k) => k !== '–').join(',') || '–';
    });
    return { rule, cells, worst, worstRatio, inside, total, sharedRatio };
  });
  scored.sort((a, b) => a.worst - b.worst);
  const truths = names.map((name) => runs.find((r) => r.name === name)!.truth);
  console.log(
    `| rule | ${names.map((n, i) => `${n} (${truths[i]})`).join(' | ')} | inside | worst k / truth (five shared sets) | worst k / truth (all) |`,
  );
  console.log(`|---|${names.map(() => '---').join('|')}|---|---|---|`);
  for (const s of scored) {
    console.log(
      `| ${s.rule} | ${s.cells.join(' | ')} | ${s.inside}/${s.total} | ${s.sharedRatio.toFixed(2)}× | ${s.worstRatio.toFixed(2)}× |`,
    );
  }
}
