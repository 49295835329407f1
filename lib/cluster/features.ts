/**
 * Sparse TF-IDF over a collection: stemmed unigrams plus bigrams of adjacent words, sublinear term frequency,
 * smoothed IDF over the whole collection, document-frequency pruning, unit-length rows.
 */
import { type AnalyzedText, analyzeText, isAscii, scanAsciiSpans, scanWords, termOf } from './terms';

/** What the features are computed from; any paper-like record fits. */
export type PaperText = { title: string; abstract?: string | null; authors?: readonly string[] | null };

/** Compressed sparse rows; each row has unit L2 norm (or is empty). */
export type SparseMatrix = {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIndex: Int32Array;
  values: Float32Array;
};

export type SparseVector = { index: Int32Array; value: Float32Array };

export type VectorizerOptions = {
  /** Add bigrams of adjacent words (not across punctuation or stop words). */
  bigrams: boolean;
  /** A unigram must occur in at least this many documents (typos and one-off names otherwise fill the vocabulary). */
  minDf: number;
  /** Bigrams need more support than unigrams: most of them are one-off phrases. */
  bigramMinDf: number;
  /** Terms in more than this share of documents say nothing about topic ("model" in an ML library). */
  maxDfRatio: number;
  /** Title words count this many times: a title is a summary written by the authors. */
  titleWeight: number;
  /** Weight of each author as a term (0: authors ignored). Authors are optional metadata; researchers publish
   * within a few topics, so a shared author is evidence of a shared topic. */
  authorWeight: number;
  /** Keep at most this many terms, the most frequent across the collection (scikit-learn's `max_features`). */
  maxFeatures?: number;
};

export const DEFAULT_VECTORIZER_OPTIONS: VectorizerOptions = {
  bigrams: true,
  minDf: 2,
  bigramMinDf: 3,
  maxDfRatio: 0.5,
  titleWeight: 2,
  authorWeight: 2,
};

/**
 * Integer pair → dense id, by open addressing. Bigram counting over 10,000 abstracts touches a million pairs;
 * a Map keyed by strings or by doubles above 2³¹ was the slowest step of the whole pipeline.
 */
export class PairTable {
  private slots: Int32Array;
  private mask: number;
  first: Int32Array;
  second: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    let slotCount = 16;
    while (slotCount < capacity * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount).fill(-1);
    this.mask = slotCount - 1;
    this.first = new Int32Array(capacity);
    this.second = new Int32Array(capacity);
  }

  private slotOf(a: number, b: number): number {
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0 || (this.first[id] === a && this.second[id] === b)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  get(a: number, b: number): number {
    return this.slots[this.slotOf(a, b)]!;
  }

  getOrAdd(a: number, b: number): number {
    const slot = this.slotOf(a, b);
    const existing = this.slots[slot]!;
    if (existing >= 0) return existing;
    if (this.size === this.first.length) {
      this.first = grow(this.first, this.size * 2);
      this.second = grow(this.second, this.size * 2);
    }
    const id = this.size++;
    this.first[id] = a;
    this.second[id] = b;
    this.slots[slot] = id;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const slotCount = (this.mask + 1) * 2;
    this.slots = new Int32Array(slotCount).fill(-1);
    this.mask = slotCount - 1;
    for (let id = 0; id < this.size; id++) this.slots[this.slotOf(this.first[id]!, this.second[id]!)] = id;
  }
}

function grow<T extends Int32Array | Float32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(16, length));
  bigger.set(array);
  return bigger;
}

/**
 * Distinct words of a collection by open addressing on their characters: a word given as a span of a longer text
 * is found without cutting it out, so only a word seen for the first time becomes a string. Per word: its stem id
 * (−1 when the stem is dropped) and how often it occurred. Ids follow first occurrence.
 */
class WordTable {
  private slots: Int32Array;
  private mask: number;
  private hashes = new Int32Array(1024);
  words: string[] = [];
  stems = new Int32Array(1024);
  counts = new Int32Array(1024);
  size = 0;

  constructor(private readonly stemOf: (word: string, unspaced: boolean) => number) {
    this.slots = new Int32Array(1 << 12).fill(-1);
    this.mask = (1 << 12) - 1;
  }

  /** Id of the word `text[start, end)`, added on first sight. */
  idOf(text: string, start: number, end: number, unspaced: boolean): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash ^= hash >>> 15;
    const length = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === hash) {
        const word = this.words[id]!;
        if (word.length === length) {
          let same = true;
          for (let k = 0; k < length; k++) {
            if (word.charCodeAt(k) !== text.charCodeAt(start + k)) {
              same = false;
              break;
            }
          }
          if (same) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const word = start === 0 && end === text.length ? text : text.slice(start, end);
    const id = this.size++;
    if (id === this.stems.length) {
      this.hashes = grow(this.hashes, id * 2);
      this.stems = grow(this.stems, id * 2);
      this.counts = grow(this.counts, id * 2);
    }
    this.hashes[id] = hash;
    this.words.push(word);
    this.stems[id] = this.stemOf(word, unspaced);
    this.slots[slot] = id;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const slotCount = (this.mask + 1) * 2;
    this.slots = new Int32Array(slotCount).fill(-1);
    this.mask = slotCount - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id]! & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

/** A fitted vocabulary: turns any further text into a vector in the same space. */
export type Vectorizer = {
  options: VectorizerOptions;
  /** Feature id → readable term ("neural network"), for labels and reasons. */
  labels: string[];
  idf: Float32Array;
  stemIds: Map<string, number>;
  /** Kept bigrams (pairs of stem ids) → bigram id. */
  bigramIds: PairTable;
  /** Stem id → feature id, or −1 when pruned. */
  unigramFeature: Int32Array;
  /** Bigram id → feature id. */
  bigramFeature: Int32Array;
  documentCount: number;
};

export function paperText(paper: PaperText): { title: string; abstract: string } {
  return { title: paper.title, abstract: paper.abstract ?? '' };
}

/**
 * Per-document counting with a scratch array indexed by term id and a list of touched ids, so that no Map is
 * built per document. Unigram ids are ≥ 0, bigram ids are encoded as −1 − id.
 */
class TermCounter {
  private unigramCounts: Float64Array = new Float64Array(1024);
  private bigramCounts: Float64Array = new Float64Array(1024);
  readonly touched: number[] = [];

  add(term: number, weight: number): void {
    if (term >= 0) {
      if (term >= this.unigramCounts.length) this.unigramCounts = growFloat(this.unigramCounts, term * 2);
      if (this.unigramCounts[term] === 0) this.touched.push(term);
      this.unigramCounts[term]! += weight;
    } else {
      const id = -1 - term;
      if (id >= this.bigramCounts.length) this.bigramCounts = growFloat(this.bigramCounts, id * 2);
      if (this.bigramCounts[id] === 0) this.touched.push(term);
      this.bigramCounts[id]! += weight;
    }
  }

  /** Count of a touched term, resetting it for the next document. */
  take(term: number): number {
    if (term >= 0) {
      const count = this.unigramCounts[term]!;
      this.unigramCounts[term] = 0;
      return count;
    }
    const count = this.bigramCounts[-1 - term]!;
    this.bigramCounts[-1 - term] = 0;
    return count;
  }
}

function growFloat(array: Float64Array, length: number): Float64Array {
  const bigger = new Float64Array(Math.max(1024, length));
  bigger.set(array);
  return bigger;
}

/** Adds one text's unigrams and bigrams to `counter`; `stemIdOf` returns −1 for stems outside the vocabulary. */
function countText(
  text: AnalyzedText,
  weight: number,
  counter: TermCounter,
  stemIdOf: (stem: string) => number,
  bigramIdOf: ((first: number, second: number) => number) | null,
): void {
  let previous = -1;
  for (let i = 0; i < text.terms.length; i++) {
    const id = stemIdOf(text.terms[i]!);
    if (id < 0) {
      previous = -1;
      continue;
    }
    counter.add(id, weight);
    if (bigramIdOf !== null && previous >= 0 && !text.phraseStart[i]) {
      const bigram = bigramIdOf(previous, id);
      if (bigram >= 0) counter.add(-1 - bigram, weight);
    }
    previous = id;
  }
}

/** Author names as terms: "Bengio, Yoshua" and "Yoshua Bengio" both become "@bengio y". Stems never start with "@". */
export function authorKey(name: string): string | null {
  // An ASCII name has no marks to fold: skip the Unicode passes (most names in arXiv metadata).
  const folded = (isAscii(name) ? name : name.normalize('NFKD').replace(/\p{M}+/gu, '')).toLowerCase().trim();
  let last: string;
  let first: string;
  const comma = folded.indexOf(',');
  if (comma >= 0) {
    last = folded.slice(0, comma).trim();
    first = folded.slice(comma + 1).trim();
  } else {
    const parts = folded.split(/\s+/);
    last = parts.pop() ?? '';
    first = parts.join(' ');
  }
  if (last === '') return null;
  const initial = first.match(/\p{L}/u)?.[0] ?? '';
  return `@${last}${initial === '' ? '' : ` ${initial}`}`;
}

/** Whether a feature label is an author (from `authorKey`) rather than a word or phrase. */
export function isAuthorLabel(label: string): boolean {
  return label.charCodeAt(0) === 0x40;
}

function countAuthors(
  authors: readonly string[] | null | undefined,
  weight: number,
  counter: TermCounter,
  stemIdOf: (stem: string) => number,
): void {
  if (weight <= 0 || !authors) return;
  for (const name of authors) {
    if (typeof name !== 'string') continue;
    const key = authorKey(name);
    if (key === null) continue;
    const id = stemIdOf(key);
    if (id >= 0) counter.add(id, weight);
  }
}

function sublinear(count: number): number {
  return 1 + Math.log(count);
}

/** A text's words as `scanWords` visits them (stop words included), to replay without normalising again. */
type ScannedText = { words: string[]; flags: Uint8Array };
const PHRASE_START = 1;
const UNSPACED = 2;

/** Scanned title and abstract per paper object. A paper object must not change text while it is cached. */
export type ScanCache = WeakMap<object, { title: ScannedText; abstract: ScannedText }>;

function scanText(text: string): ScannedText {
  const words: string[] = [];
  const flags: number[] = [];
  scanWords(
    text,
    (word, phraseStart, unspaced) => {
      words.push(word);
      flags.push((phraseStart ? PHRASE_START : 0) | (unspaced ? UNSPACED : 0));
    },
    false,
  );
  return { words, flags: Uint8Array.from(flags) };
}

function scannedPaper(paper: PaperText, cache: ScanCache): { title: ScannedText; abstract: ScannedText } {
  let scanned = cache.get(paper);
  if (scanned === undefined) {
    const { title, abstract } = paperText(paper);
    scanned = { title: scanText(title), abstract: scanText(abstract) };
    cache.set(paper, scanned);
  }
  return scanned;
}

function replay(text: ScannedText, visit: (word: string, phraseStart: boolean, unspaced: boolean) => void): void {
  for (let i = 0; i < text.words.length; i++) {
    const flags = text.flags[i]!;
    visit(text.words[i]!, (flags & PHRASE_START) !== 0, (flags & UNSPACED) !== 0);
  }
}

/** Learn the vocabulary and IDF from `papers` and return their TF-IDF rows. */
export function fitVectorizer(
  papers: readonly PaperText[],
  options: VectorizerOptions = DEFAULT_VECTORIZER_OPTIONS,
  /** Keeps each paper's scanned words between fits (for a library scored against page after page). */
  scanCache?: ScanCache,
  /** Only the first `cachedRows` papers use and fill `scanCache` (the library, not today's page). */
  cachedRows = papers.length,
  /** Where the other papers' scans are kept, if anywhere. */
  restCache?: ScanCache,
): { vectorizer: Vectorizer; matrix: SparseMatrix } {
  return fitVectorizers(papers, [options], scanCache, cachedRows, restCache)[0]!;
}

/**
 * Title and abstract occurrences of a term in one document, packed in one number so that a single counter serves
 * every view: title (or author) occurrences count 1, abstract occurrences `BODY_UNIT`.
 */
const BODY_UNIT = 2 ** 20;

/** What one pass over the words gives every view: stems, bigrams, and per document each term's occurrences. */
type CountedCollection = {
  documentCount: number;
  stemIds: Map<string, number>;
  stemSurface: string[];
  isAuthor: Uint8Array;
  allBigrams: PairTable;
  documentStart: Int32Array;
  documentTerms: Int32Array;
  /** Title (authors: author) occurrences + BODY_UNIT × abstract occurrences. */
  documentCounts: Float64Array;
};

/**
 * `fitVectorizer` for several views of the same papers at once (for instance title weight 2 with authors, and
 * title weight 1 without): the words are scanned, stemmed and counted once, and each view gets exactly the
 * vocabulary, IDF and rows `fitVectorizer` would give it alone.
 */
export function fitVectorizers(
  papers: readonly PaperText[],
  views: readonly VectorizerOptions[],
  scanCache?: ScanCache,
  cachedRows = papers.length,
  restCache?: ScanCache,
): { vectorizer: Vectorizer; matrix: SparseMatrix }[] {
  const counted = countCollection(
    papers,
    views.some((view) => view.bigrams),
    views.some((view) => view.authorWeight > 0),
    scanCache,
    cachedRows,
    restCache,
  );
  return views.map((view) => buildView(counted, view));
}

function countCollection(
  papers: readonly PaperText[],
  bigrams: boolean,
  authors: boolean,
  scanCache: ScanCache | undefined,
  cachedRows: number,
  restCache: ScanCache | undefined,
): CountedCollection {
  const stemIds = new Map<string, number>();
  const stemIdOf = (stem: string): number => {
    let id = stemIds.get(stem);
    if (id === undefined) {
      id = stemIds.size;
      stemIds.set(stem, id);
    }
    return id;
  };
  // Per distinct word its stem, so that each word costs one lookup and a stem is shown as its most frequent word
  // ("edge", not the stem "edg").
  const words = new WordTable((word, unspaced) => {
    const term = termOf(word, unspaced);
    return term === null ? -1 : stemIdOf(term);
  });
  const allBigrams = new PairTable(1 << 16);
  const counter = new TermCounter();
  // Flat (term, occurrences) lists of every document.
  const documentStart = new Int32Array(papers.length + 1);
  let documentTerms = new Int32Array(1 << 16);
  let documentCounts: Float64Array = new Float64Array(1 << 16);
  let stored = 0;
  let weight = 1;
  let previous = -1;
  const visitWord = (word: number, phraseStart: boolean): void => {
    words.counts[word]!++;
    const id = words.stems[word]!;
    if (id < 0) {
      previous = -1;
      return;
    }
    counter.add(id, weight);
    if (bigrams && previous >= 0 && !phraseStart) counter.add(-1 - allBigrams.getOrAdd(previous, id), weight);
    previous = id;
  };
  const visit = (word: string, phraseStart: boolean, unspaced: boolean): void =>
    visitWord(words.idOf(word, 0, word.length, unspaced), phraseStart);
  const visitSpan = (text: string, start: number, end: number, phraseStart: boolean): void =>
    visitWord(words.idOf(text, start, end, false), phraseStart);
  const scan = (text: string) => {
    if (!scanAsciiSpans(text, visitSpan)) scanWords(text, visit, false);
  };
  papers.forEach((paper, row) => {
    const { title, abstract } = paperText(paper);
    const cache = row < cachedRows ? scanCache : restCache;
    const scanned = cache === undefined ? undefined : scannedPaper(paper, cache);
    weight = 1;
    previous = -1;
    if (scanned) replay(scanned.title, visit);
    else scan(title);
    weight = BODY_UNIT;
    previous = -1;
    if (scanned) replay(scanned.abstract, visit);
    else scan(abstract);
    if (authors) countAuthors(paper.authors, 1, counter, stemIdOf);
    if (stored + counter.touched.length > documentTerms.length) {
      documentTerms = grow(documentTerms, (stored + counter.touched.length) * 2);
      documentCounts = growFloat(documentCounts, (stored + counter.touched.length) * 2);
    }
    for (const term of counter.touched) {
      documentTerms[stored] = term;
      documentCounts[stored] = counter.take(term);
      stored++;
    }
    counter.touched.length = 0;
    documentStart[row + 1] = stored;
  });

  const stemSurface: string[] = new Array(stemIds.size).fill('');
  const isAuthor = new Uint8Array(stemIds.size);
  // Authors have no surface form: their key is their label.
  for (const [stem, id] of stemIds) {
    if (stem.charCodeAt(0) === 0x40) {
      stemSurface[id] = stem;
      isAuthor[id] = 1;
    }
  }
  const bestSurfaceCount = new Int32Array(stemIds.size);
  for (let word = 0; word < words.size; word++) {
    const id = words.stems[word]!;
    if (id >= 0 && words.counts[word]! > bestSurfaceCount[id]!) {
      bestSurfaceCount[id] = words.counts[word]!;
      stemSurface[id] = words.words[word]!;
    }
  }
  return {
    documentCount: papers.length,
    stemIds,
    stemSurface,
    isAuthor,
    allBigrams,
    documentStart,
    documentTerms: documentTerms.subarray(0, stored),
    documentCounts: documentCounts.subarray(0, stored),
  };
}

/** One view's weighted count of a stored (term, occurrences) entry; 0 when the view leaves the term out. */
function viewCount(counted: CountedCollection, options: VectorizerOptions, term: number, packed: number): number {
  const head = packed % BODY_UNIT;
  if (term < 0) return options.bigrams ? head * options.titleWeight + (packed - head) / BODY_UNIT : 0;
  if (counted.isAuthor[term] === 1) return head * options.authorWeight;
  return head * options.titleWeight + (packed - head) / BODY_UNIT;
}

function buildView(
  counted: CountedCollection,
  options: VectorizerOptions,
): { vectorizer: Vectorizer; matrix: SparseMatrix } {
  const { stemIds, stemSurface, allBigrams, documentStart, documentTerms, documentCounts, documentCount } = counted;
  const stored = documentTerms.length;
  // Document frequencies and raw counts over the collection (for `maxFeatures`) per term.
  const unigramDf = new Int32Array(stemIds.size);
  const bigramDf = new Int32Array(allBigrams.size);
  const unigramTotal = new Float64Array(stemIds.size);
  const bigramTotal = new Float64Array(allBigrams.size);
  const counts = new Float64Array(stored);
  for (let p = 0; p < stored; p++) {
    const term = documentTerms[p]!;
    const count = viewCount(counted, options, term, documentCounts[p]!);
    counts[p] = count;
    if (count <= 0) continue;
    if (term >= 0) {
      unigramDf[term]!++;
      unigramTotal[term]! += count;
    } else {
      bigramDf[-1 - term]!++;
      bigramTotal[-1 - term]! += count;
    }
  }

  // In a handful of papers (one digest page) a term seen once can still be a signal; a large library needs more.
  const minDf = documentCount < 50 ? 1 : options.minDf;
  const bigramMinDf = documentCount < 50 ? 2 : options.bigramMinDf;
  const maxDf = Math.max(2, Math.floor(options.maxDfRatio * documentCount));
  const labels: string[] = [];
  const idfValues: number[] = [];
  const idfOf = (df: number) => Math.log((1 + documentCount) / (1 + df)) + 1;
  const minTotal = frequencyCutoff(
    options.maxFeatures,
    stemIds.size,
    allBigrams.size,
    (stem) => {
      const df = unigramDf[stem] ?? 0;
      return df < minDf || df > maxDf ? -1 : unigramTotal[stem]!;
    },
    (bigram) => {
      const df = bigramDf[bigram] ?? 0;
      return df < bigramMinDf || df > maxDf ? -1 : bigramTotal[bigram]!;
    },
  );
  let budget = options.maxFeatures ?? Number.POSITIVE_INFINITY;
  // Ties at the cut-off are taken in id order until the budget is spent, so exactly `maxFeatures` terms remain.
  const keepAtCutoff = (total: number) => {
    if (total > minTotal.value) return true;
    if (total === minTotal.value && minTotal.tiesKept < minTotal.ties) {
      minTotal.tiesKept++;
      return true;
    }
    return false;
  };
  const unigramFeature = new Int32Array(stemIds.size).fill(-1);
  for (let stem = 0; stem < stemIds.size; stem++) {
    const df = unigramDf[stem] ?? 0;
    if (df < minDf || df > maxDf) continue;
    if (budget <= 0 || !keepAtCutoff(unigramTotal[stem]!)) continue;
    budget--;
    unigramFeature[stem] = labels.length;
    labels.push(stemSurface[stem]!);
    idfValues.push(idfOf(df));
  }
  const bigramIds = new PairTable(1024);
  const bigramFeatureOfAll = new Int32Array(allBigrams.size).fill(-1);
  const keptBigramFeatures: number[] = [];
  for (let bigram = 0; bigram < allBigrams.size; bigram++) {
    const df = bigramDf[bigram] ?? 0;
    if (df < bigramMinDf || df > maxDf) continue;
    if (budget <= 0 || !keepAtCutoff(bigramTotal[bigram]!)) continue;
    budget--;
    const first = allBigrams.first[bigram]!;
    const second = allBigrams.second[bigram]!;
    bigramIds.getOrAdd(first, second);
    bigramFeatureOfAll[bigram] = labels.length;
    keptBigramFeatures.push(labels.length);
    labels.push(`${stemSurface[first]!} ${stemSurface[second]!}`);
    idfValues.push(idfOf(df));
  }
  const idf = Float32Array.from(idfValues);

  const rowPtr = new Int32Array(documentCount + 1);
  const colIndex = new Int32Array(stored);
  const values = new Float32Array(stored);
  let at = 0;
  for (let row = 0; row < documentCount; row++) {
    const start = at;
    for (let p = documentStart[row]!; p < documentStart[row + 1]!; p++) {
      const term = documentTerms[p]!;
      const feature = term >= 0 ? unigramFeature[term]! : bigramFeatureOfAll[-1 - term]!;
      if (feature < 0 || counts[p]! <= 0) continue;
      colIndex[at] = feature;
      values[at] = sublinear(counts[p]!) * idf[feature]!;
      at++;
    }
    finishRow(colIndex, values, start, at);
    rowPtr[row + 1] = at;
  }

  const vectorizer: Vectorizer = {
    options,
    labels,
    idf,
    stemIds,
    bigramIds,
    unigramFeature,
    bigramFeature: Int32Array.from(keptBigramFeatures),
    documentCount,
  };
  return {
    vectorizer,
    matrix: {
      rows: documentCount,
      cols: labels.length,
      rowPtr,
      colIndex: colIndex.slice(0, at),
      values: values.slice(0, at),
    },
  };
}

/**
 * The smallest collection frequency a term needs to be among the `limit` most frequent eligible terms (−1: keep
 * all), and how many terms at exactly that frequency fit in.
 */
function frequencyCutoff(
  limit: number | undefined,
  unigrams: number,
  bigrams: number,
  unigramTotal: (id: number) => number,
  bigramTotal: (id: number) => number,
): { value: number; ties: number; tiesKept: number } {
  const totals: number[] = [];
  for (let id = 0; id < unigrams; id++) {
    const total = unigramTotal(id);
    if (total >= 0) totals.push(total);
  }
  for (let id = 0; id < bigrams; id++) {
    const total = bigramTotal(id);
    if (total >= 0) totals.push(total);
  }
  if (limit === undefined || totals.length <= limit) return { value: -1, ties: 0, tiesKept: 0 };
  const sorted = Float64Array.from(totals).sort().reverse();
  const value = sorted[limit - 1]!;
  let above = 0;
  while (sorted[above]! > value) above++;
  return { value, ties: limit - above, tiesKept: 0 };
}

/** Rows longer than this are sorted natively: an abstract's row (~80 entries, bigrams after unigrams) costs an
 * insertion sort thousands of moves. */
const SHORT_ROW = 16;
/** Values by column while a long row is sorted (a row has each column at most once). */
let rowScratch = new Float32Array(1024);

function sortLongRow(colIndex: Int32Array, values: Float32Array, start: number, end: number): void {
  let largest = 0;
  for (let i = start; i < end; i++) largest = Math.max(largest, colIndex[i]!);
  if (largest >= rowScratch.length) rowScratch = new Float32Array(Math.max(largest + 1, rowScratch.length * 2));
  for (let i = start; i < end; i++) rowScratch[colIndex[i]!] = values[i]!;
  colIndex.subarray(start, end).sort();
  for (let i = start; i < end; i++) values[i] = rowScratch[colIndex[i]!]!;
}

/** Sort a row's entries by column and scale them to unit length, in place. */
function finishRow(colIndex: Int32Array, values: Float32Array, start: number, end: number): void {
  if (end - start > SHORT_ROW) sortLongRow(colIndex, values, start, end);
  // Insertion sort for short rows: no call into the native sort for a handful of entries.
  else
    for (let i = start + 1; i < end; i++) {
      const column = colIndex[i]!;
      const value = values[i]!;
      let j = i - 1;
      while (j >= start && colIndex[j]! > column) {
        colIndex[j + 1] = colIndex[j]!;
        values[j + 1] = values[j]!;
        j--;
      }
      colIndex[j + 1] = column;
      values[j + 1] = value;
    }
  let norm = 0;
  for (let i = start; i < end; i++) norm += values[i]! * values[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = start; i < end; i++) values[i]! *= scale;
}

/** TF-IDF vector of a text in a fitted vocabulary; words the collection never had are ignored (they have no IDF). */
export function vectorize(vectorizer: Vectorizer, paper: PaperText): SparseVector {
  const { title, abstract } = paperText(paper);
  const counter = new TermCounter();
  const stemIdOf = (stem: string) => vectorizer.stemIds.get(stem) ?? -1;
  const bigramIdOf = vectorizer.options.bigrams ? (a: number, b: number) => vectorizer.bigramIds.get(a, b) : null;
  countText(analyzeText(title), vectorizer.options.titleWeight, counter, stemIdOf, bigramIdOf);
  countText(analyzeText(abstract), 1, counter, stemIdOf, bigramIdOf);
  countAuthors(paper.authors, vectorizer.options.authorWeight ?? 0, counter, stemIdOf);
  const columns: number[] = [];
  const weights: number[] = [];
  for (const term of counter.touched) {
    const count = counter.take(term);
    const feature = term >= 0 ? (vectorizer.unigramFeature[term] ?? -1) : vectorizer.bigramFeature[-1 - term]!;
    if (feature < 0) continue;
    columns.push(feature);
    weights.push(sublinear(count) * vectorizer.idf[feature]!);
  }
  const index = Int32Array.from(columns);
  const value = Float32Array.from(weights);
  finishRow(index, value, 0, index.length);
  return { index, value };
}

/** Row `row` of a sparse matrix as a vector (views, no copy). */
export function rowOf(matrix: SparseMatrix, row: number): SparseVector {
  const start = matrix.rowPtr[row]!;
  const end = matrix.rowPtr[row + 1]!;
  return { index: matrix.colIndex.subarray(start, end), value: matrix.values.subarray(start, end) };
}

/** Stack vectors into a sparse matrix with `cols` columns. */
export function stackRows(vectors: readonly SparseVector[], cols: number): SparseMatrix {
  const rowPtr = new Int32Array(vectors.length + 1);
  let total = 0;
  vectors.forEach((vector, i) => {
    total += vector.index.length;
    rowPtr[i + 1] = total;
  });
  const colIndex = new Int32Array(total);
  const values = new Float32Array(total);
  vectors.forEach((vector, i) => {
    colIndex.set(vector.index, rowPtr[i]!);
    values.set(vector.value, rowPtr[i]!);
  });
  return { rows: vectors.length, cols, rowPtr, colIndex, values };
}
