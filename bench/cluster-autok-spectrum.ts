// scratch: singular values of real vs column-permuted TF-IDF
import { writeFileSync } from 'node:fs';
import { DEFAULT_VECTORIZER_OPTIONS, fitVectorizer, type SparseMatrix } from '../lib/cluster/features';
import { DEFAULT_LSA_OPTIONS, fitLsa, selectRows } from '../lib/cluster/lsa';
import { createRandom, type Random } from '../lib/cluster/random';
import { CLUSTER_SETS } from './cluster-baseline';
import { loadDataset } from './cluster-data';

function permuteColumns(a: SparseMatrix, random: Random, renorm: boolean): SparseMatrix {
  const rowsOf: number[][] = Array.from({ length: a.rows }, () => []);
  const valsOf: number[][] = Array.from({ length: a.rows }, () => []);
  const byCol: number[][] = Array.from({ length: a.cols }, () => []);
  for (let r = 0; r < a.rows; r++)
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) byCol[a.colIndex[p]!]!.push(a.values[p]!);
  for (let c = 0; c < a.cols; c++) {
    const vals = byCol[c]!;
    const used = new Set<number>();
    for (const v of vals) {
      let r = random.int(a.rows);
      while (used.has(r)) r = random.int(a.rows);
      used.add(r);
      rowsOf[r]!.push(c);
      valsOf[r]!.push(v);
    }
  }
  const rowPtr = new Int32Array(a.rows + 1);
  for (let r = 0; r < a.rows; r++) rowPtr[r + 1] = rowPtr[r]! + rowsOf[r]!.length;
  const colIndex = new Int32Array(rowPtr[a.rows]!);
  const values = new Float32Array(rowPtr[a.rows]!);
  for (let r = 0; r < a.rows; r++) {
    let norm = 0;
    for (const v of valsOf[r]!) norm += v * v;
    const s = renorm && norm > 0 ? 1 / Math.sqrt(norm) : 1;
    rowsOf[r]!.forEach((c, i) => {
      colIndex[rowPtr[r]! + i] = c;
      values[rowPtr[r]! + i] = valsOf[r]![i]! * s;
    });
  }
  return { rows: a.rows, cols: a.cols, rowPtr, colIndex, values };
}

const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
const out: unknown[] = [];
for (const { file, k: truth } of CLUSTER_SETS) {
  const papers = loadDataset(file);
  for (const seed of seeds) {
    const random = createRandom(seed);
    const { matrix } = fitVectorizer(papers, DEFAULT_VECTORIZER_OPTIONS);
    const t0 = performance.now();
    const { model } = fitLsa(matrix, random, DEFAULT_LSA_OPTIONS);
    const t1 = performance.now();
    // same fit-row sample size
    const n = Math.min(matrix.rows, 2000);
    const ids = Array.from({ length: matrix.rows }, (_, i) => i)
      .sort(() => random.next() - 0.5)
      .slice(0, n)
      .sort((a, b) => a - b);
    const sub = selectRows(matrix, ids);
    const nulls: number[][] = [];
    for (const renorm of [false, true]) {
      const p = permuteColumns(sub, random, renorm);
      const { model: m } = fitLsa(p, random, { ...DEFAULT_LSA_OPTIONS, dimensions: 10, oversample: 10 });
      nulls.push(Array.from(m.singularValues));
    }
    const t2 = performance.now();
    const sv = Array.from(model.singularValues);
    const count = (edge: number) => sv.filter((s) => s > edge).length;
    console.log(
      file,
      seed,
      'truth',
      truth,
      'rows',
      matrix.rows,
      'cols',
      matrix.cols,
      'sv',
      sv
        .slice(0, 30)
        .map((s) => s.toFixed(2))
        .join(' '),
    );
    console.log(
      '  null raw',
      nulls[0]!
        .slice(0, 4)
        .map((s) => s.toFixed(2))
        .join(' '),
      'renorm',
      nulls[1]!
        .slice(0, 4)
        .map((s) => s.toFixed(2))
        .join(' '),
      'count>raw2',
      count(nulls[0]![1]!),
      'count>renorm2',
      count(nulls[1]![1]!),
      'ms lsa',
      (t1 - t0).toFixed(0),
      'null',
      (t2 - t1).toFixed(0),
    );
    out.push({ file, truth, seed, sv, nulls });
  }
}
writeFileSync('bench/out/autok-sv.json', JSON.stringify(out));
