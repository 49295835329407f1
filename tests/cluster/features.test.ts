import { describe, expect, it } from 'vitest';
import { refineInTermSpace, weightByDiscrimination } from '../../lib/cluster/cluster';
import {
  authorKey,
  DEFAULT_VECTORIZER_OPTIONS,
  fitVectorizer,
  fitVectorizers,
  type ScanCache,
  vectorize,
} from '../../lib/cluster/features';
import { createRandom } from '../../lib/cluster/random';

describe('author features', () => {
  it('write a name the same way in either order, without accents', () => {
    expect(authorKey('Bengio, Yoshua')).toBe('@bengio y');
    expect(authorKey('Yoshua Bengio')).toBe('@bengio y');
    expect(authorKey('Münch, Jürgen')).toBe('@munch j');
    expect(authorKey('  ')).toBeNull();
  });

  it('are optional: papers without authors vectorise as before', () => {
    const papers = Array.from({ length: 6 }, (_, i) => ({
      title: `graph coloring ${i % 2 === 0 ? 'bounds' : 'games'}`,
      abstract: 'chromatic number of sparse graphs',
      authors: i < 3 ? ['Erdős, Paul'] : undefined,
    }));
    const { vectorizer, matrix } = fitVectorizer(papers);
    expect(vectorizer.labels).toContain('@erdos p');
    const withoutAuthors = fitVectorizer(papers.map(({ title, abstract }) => ({ title, abstract })));
    expect(withoutAuthors.vectorizer.labels).not.toContain('@erdos p');
    const column = vectorizer.labels.indexOf('@erdos p');
    expect(matrix.colIndex.subarray(matrix.rowPtr[0]!, matrix.rowPtr[1]!)).toContain(column);
    expect(vectorize(vectorizer, { title: 'graph coloring', authors: ['Paul Erdos'] }).index).toContain(column);
  });
});

describe('weightByDiscrimination', () => {
  it('fades a term spread evenly over the clusters and keeps unit rows', () => {
    // Column 0 occurs in both clusters, columns 1 and 2 each in one.
    const matrix = {
      rows: 4,
      cols: 3,
      rowPtr: Int32Array.of(0, 2, 4, 6, 8),
      colIndex: Int32Array.of(0, 1, 0, 1, 0, 2, 0, 2),
      values: Float32Array.from([
        Math.SQRT1_2,
        Math.SQRT1_2,
        Math.SQRT1_2,
        Math.SQRT1_2,
        Math.SQRT1_2,
        Math.SQRT1_2,
        Math.SQRT1_2,
        Math.SQRT1_2,
      ]),
    };
    const weighted = weightByDiscrimination(matrix, Int32Array.of(0, 0, 1, 1), 2, 1);
    expect(weighted.values[0]!).toBeLessThan(0.1);
    expect(weighted.values[1]!).toBeGreaterThan(0.99);
    for (let row = 0; row < 4; row++) {
      let norm = 0;
      for (let p = weighted.rowPtr[row]!; p < weighted.rowPtr[row + 1]!; p++) norm += weighted.values[p]! ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
  });
});

/** `rows` unit sparse rows over `cols` terms: each row mostly from its topic's block of terms, some from anywhere. */
function noisyTopics(rows: number, cols: number, topics: number, seed: number) {
  const random = createRandom(seed);
  const rowPtr = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  const block = Math.floor(cols / topics);
  for (let r = 0; r < rows; r++) {
    const terms = new Map<number, number>();
    const topic = r % topics;
    for (let i = 0; i < 12; i++) {
      const term = random.next() < 0.6 ? topic * block + random.int(block) : random.int(cols);
      terms.set(term, (terms.get(term) ?? 0) + random.next());
    }
    const sorted = [...terms.entries()].sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(sorted.reduce((sum, [, v]) => sum + v * v, 0));
    for (const [term, v] of sorted) {
      colIndex.push(term);
      values.push(v / norm);
    }
    rowPtr[r + 1] = colIndex.length;
  }
  return { rows, cols, rowPtr, colIndex: Int32Array.from(colIndex), values: Float32Array.from(values) };
}

describe('refineInTermSpace', () => {
  it('gives the partition of plain Lloyd passes (the bounds only skip work)', () => {
    const matrix = noisyTopics(300, 120, 6, 3);
    const k = 6;
    const random = createRandom(9);
    // A poor start (random labels), so that many rows move and the bounds are exercised.
    const initial = Int32Array.from({ length: matrix.rows }, () => random.int(k));
    const maxIterations = 20;
    const fast = refineInTermSpace(matrix, initial, k, maxIterations).assignments;
    // Plain passes, written out: centroids of the current partition, every row to its first most similar one.
    const plain = Int32Array.from(initial);
    for (let iteration = 0; iteration <= maxIterations; iteration++) {
      const centroids = new Float64Array(k * matrix.cols);
      for (let r = 0; r < matrix.rows; r++) {
        for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
          centroids[plain[r]! * matrix.cols + matrix.colIndex[p]!]! += matrix.values[p]!;
        }
      }
      for (let c = 0; c < k; c++) {
        let norm = 0;
        for (let t = 0; t < matrix.cols; t++) norm += centroids[c * matrix.cols + t]! ** 2;
        for (let t = 0; t < matrix.cols; t++) centroids[c * matrix.cols + t]! /= Math.sqrt(norm) || 1;
      }
      let changed = 0;
      for (let r = 0; r < matrix.rows; r++) {
        let best = 0;
        let bestSimilarity = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
            s += matrix.values[p]! * centroids[c * matrix.cols + matrix.colIndex[p]!]!;
          }
          if (s > bestSimilarity) {
            bestSimilarity = s;
            best = c;
          }
        }
        if (best !== plain[r]) changed++;
        plain[r] = best;
      }
      if (changed === 0) break;
    }
    expect(Array.from(fast)).toEqual(Array.from(plain));
    // The start was far from the optimum: the test compares many passes, not one.
    expect(fast.filter((c, r) => c !== initial[r]).length).toBeGreaterThan(100);
  });
});

describe('scan cache', () => {
  it('gives the same vectors when the library is replayed from the cache', () => {
    const papers = [
      { title: 'Real-time graph coloring', abstract: 'We bound the chromatic number of sparse graphs.' },
      { title: 'Quantum spin chains', abstract: 'Entanglement in $S=1/2$ spin-chain models, real-time dynamics.' },
      { title: '深度学习 for graphs', abstract: 'Graph neural networks and chromatic bounds.' },
      { title: 'Spin glasses', abstract: 'Graph coloring meets spin glasses.' },
    ];
    const plain = fitVectorizer(papers);
    const cache: ScanCache = new WeakMap();
    fitVectorizer(papers, DEFAULT_VECTORIZER_OPTIONS, cache, 2);
    const cached = fitVectorizer(papers, DEFAULT_VECTORIZER_OPTIONS, cache, 2);
    expect(cached.vectorizer.labels).toEqual(plain.vectorizer.labels);
    expect(Array.from(cached.matrix.values)).toEqual(Array.from(plain.matrix.values));
    expect(Array.from(cached.matrix.colIndex)).toEqual(Array.from(plain.matrix.colIndex));
  });
});

describe('several views in one pass', () => {
  it('gives each view exactly what fitting it alone gives', () => {
    const papers = [
      {
        title: 'Graph coloring bounds',
        abstract: 'We bound the chromatic number of sparse graphs.',
        authors: ['Ann Lee'],
      },
      {
        title: 'Sparse graphs',
        abstract: 'Chromatic number and graph coloring of planar graphs.',
        authors: ['Lee, Ann'],
      },
      { title: 'Spin chains', abstract: 'Entanglement in spin chains and spin glasses.', authors: ['Bo Chen'] },
      {
        title: 'Spin glasses on graphs',
        abstract: 'Graph coloring meets spin glasses.',
        authors: ['Bo Chen', 'Ann Lee'],
      },
    ];
    const plain = { ...DEFAULT_VECTORIZER_OPTIONS, titleWeight: 1, authorWeight: 0, bigramMinDf: 2, maxFeatures: 12 };
    const views = fitVectorizers(papers, [DEFAULT_VECTORIZER_OPTIONS, plain]);
    [DEFAULT_VECTORIZER_OPTIONS, plain].forEach((options, k) => {
      const alone = fitVectorizer(papers, options);
      expect(views[k]!.vectorizer.labels).toEqual(alone.vectorizer.labels);
      expect(Array.from(views[k]!.matrix.colIndex)).toEqual(Array.from(alone.matrix.colIndex));
      expect(Array.from(views[k]!.matrix.values)).toEqual(Array.from(alone.matrix.values));
    });
    expect(views[0]!.vectorizer.labels).toContain('@chen b');
    expect(views[1]!.vectorizer.labels).not.toContain('@chen b');
    expect(views[1]!.vectorizer.labels).toHaveLength(12);
    // "Spin chains": "spin" once in the title and twice in the abstract, "entanglement" once in the abstract.
    const tf = (k: number, term: string) => {
      const { vectorizer, matrix } = views[k]!;
      const feature = vectorizer.labels.indexOf(term);
      const p = Array.from(matrix.colIndex.subarray(matrix.rowPtr[2]!, matrix.rowPtr[3]!)).indexOf(feature);
      return matrix.values[matrix.rowPtr[2]! + p]! / vectorizer.idf[feature]!;
    };
    expect(tf(0, 'spin') / tf(0, 'entanglement')).toBeCloseTo(1 + Math.log(4), 5);
  });
});
