/**
 * Full-text search over the library: title, abstract, authors, venue, tags and note, every word required, the last one
 * matched as a prefix (results while typing), ranked by field and rarity.
 *
 * An index of our own rather than MiniSearch (which is a dependency): measured in Node on 50,000 real arXiv
 * papers, MiniSearch took 20 s to build, held 241 MB and answered a three-letter prefix in 270–300 ms, fuzzy
 * words in 80–180 ms. This index stores each posting as one small integer (slot × 64 + a mask of the fields the
 * term occurs in) in a plain array per term, finds prefix terms by binary search in a sorted vocabulary, and scores
 * with dense typed arrays, so a query costs a walk over the postings of its words and nothing else.
 *
 * Updates are incremental: a changed paper's old slot is marked dead and it is indexed again in a new slot; dead
 * postings are skipped at query time and swept out when they pass a quarter of the index.
 *
 * Postings live in two parts: a frozen base (one sorted vocabulary, one offsets array and one Uint32Array of every
 * posting, term after term) and the lists added since, per term. `freeze` folds the second into the first; the base
 * is what a snapshot holds (issue 19), so the side panel loads a 50,000-paper index as a few typed arrays and a
 * string instead of reading and tokenising every paper again.
 */
import type { LibraryPaper } from '../paper/schema';

/** The fields of a paper that search reads. */
export type SearchablePaper = Pick<LibraryPaper, 'id' | 'title' | 'abstract' | 'authors' | 'tags' | 'note'> &
  Partial<Pick<LibraryPaper, 'venue'>>;

const TITLE = 1;
const AUTHORS = 2;
const TAGS = 4;
const NOTE = 8;
const ABSTRACT = 16;
const VENUE = 32;
/** Postings hold a slot and a mask of the six fields above: slot × FIELDS + mask. */
const FIELDS = 64;
/** Weight of a posting by the fields its term occurs in (the mask is its index). */
const WEIGHT = Array.from({ length: FIELDS }, (_, mask) => {
  let w = 0;
  if (mask & TITLE) w += 3;
  if (mask & AUTHORS) w += 2;
  if (mask & TAGS) w += 2;
  if (mask & NOTE) w += 1.5;
  if (mask & ABSTRACT) w += 1;
  if (mask & VENUE) w += 1;
  return w;
});

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;

/**
 * Lower-cased words of any script; a hyphenated word also gives its parts ("self-supervised", "self", "supervised").
 * Changing the words, the fields indexed or the posting layout: bump SEARCH_CACHE_FORMAT (lib/db/search-cache.ts).
 */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    if (word.includes('-') || word.includes("'")) for (const part of word.split(/[-']/)) if (part) out.push(part);
  }
  return out;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index as stored (lib/db/search-cache.ts): slot i is paper `ids[i]`; `terms` are sorted and joined by \n. */
export type SearchSnapshot = {
  ids: string[];
  terms: string;
  /** Term i's postings are `postings[offsets[i]] … postings[offsets[i + 1] - 1]`. */
  offsets: Uint32Array;
  postings: Uint32Array;
};

type Base = { terms: string[]; offsets: Uint32Array; postings: Uint32Array };
const EMPTY_BASE: Base = { terms: [], offsets: new Uint32Array(1), postings: new Uint32Array(0) };

/** The posting lists of one term: its part of the base and its list added since (either may be empty). */
type TermLists = { base: Uint32Array | null; added: number[] | null; size: number };

/** One word of a query: matched whole, or as the start of a word (the last one, while it is being typed). */
type Wanted = { word: string; prefix: boolean };
/** Where a word's papers are: `lists[i]` from `starts[i]` to `ends[i]`, each part of a term weighed by its rarity. */
type Plan = { lists: ArrayLike<number>[]; starts: number[]; ends: number[]; idfs: number[]; size: number };
/** A query answered: its words, its papers in slot order, and its hits ranked. */
type Answer = { wanted: readonly Wanted[]; matchedSlots: Int32Array; hits: SearchHits };

/** Earlier answers kept to narrow from (a backspace goes back to one of them). */
const ANSWERS_KEPT = 8;
/** A long list is searched for each paper left rather than walked when it is this many times longer. */
const GALLOP = 8;
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/**
 * The papers a query matched, best first, as slots of the index that answered it (valid until it next changes:
 * the side panel searches again with every change of the library).
 */
export class SearchHits {
  constructor(
    /** Slots, best first. */
    readonly ranked: Int32Array,
    /** The index's slot → id table when answered (read by `idAt`, never changed by the hits). */
    readonly slotIds: readonly (string | null)[],
  ) {}

  get length(): number {
    return this.ranked.length;
  }

  idAt(i: number): string {
    return this.slotIds[this.ranked[i] as number] as string;
  }

  ids(): string[] {
    const out: string[] = new Array(this.ranked.length);
    for (let i = 0; i < out.length; i++) out[i] = this.idAt(i);
    return out;
  }
}

export class LibrarySearch {
  private base: Base = EMPTY_BASE;
  /** Slot → paper id; null once the paper was removed or indexed again elsewhere. */
  private slots: (string | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  /** Every term of `postings`, sorted, for prefix lookups. */
  private terms: string[] = [];
  private termsSorted = true;
  private dead = 0;
  private scores = new Float64Array(0);
  private matched = new Uint8Array(0);
  private alive = new Int32Array(0);
  private sortA = new Int32Array(0);
  private sortB = new Int32Array(0);
  private rank = new Uint32Array(0);
  private readonly scratch = new Map<string, number>();
  /** Bumped on every change to the index: earlier answers hold only while it stands. */
  private generation = 0;
  private answers: Answer[] = [];
  private answersAt = 0;
  /** Where the last `hits` started from (tests and the bench read it). */
  lastStart: 'every paper' | 'an earlier answer' | 'the same query' = 'every paper';

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds papers, replacing any already indexed under the same id. */
  upsert(papers: readonly SearchablePaper[]): void {
    this.generation++;
    const fresh: string[] = [];
    for (const paper of papers) {
      this.removeOne(paper.id);
      const slot = this.slots.length;
      this.slots.push(paper.id);
      this.slotOf.set(paper.id, slot);
      const masks = this.scratch;
      masks.clear();
      const mark = (text: string, bit: number) => {
        for (const term of tokenize(text)) masks.set(term, (masks.get(term) ?? 0) | bit);
      };
      mark(paper.title, TITLE);
      mark(paper.authors.join(' ; '), AUTHORS);
      if (paper.tags.length) mark(paper.tags.join(' ; '), TAGS);
      if (paper.note) mark(paper.note, NOTE);
      if (paper.abstract) mark(paper.abstract, ABSTRACT);
      if (paper.venue) mark(paper.venue, VENUE);
      for (const [term, mask] of masks) {
        const list = this.postings.get(term);
        const code = slot * FIELDS + mask;
        if (list) list.push(code);
        else {
          this.postings.set(term, [code]);
          fresh.push(term);
        }
      }
    }
    this.addTerms(fresh);
  }

  remove(ids: readonly string[]): void {
    this.generation++;
    for (const id of ids) this.removeOne(id);
    this.maybeSweep();
  }

  clear(): void {
    this.generation++;
    this.base = EMPTY_BASE;
    this.slots = [];
    this.slotOf.clear();
    this.postings.clear();
    this.terms = [];
    this.termsSorted = true;
    this.dead = 0;
  }

  /** An index from a snapshot; throws when its parts do not fit together (the caller then builds one afresh). */
  static fromSnapshot(snapshot: SearchSnapshot): LibrarySearch {
    const { ids, offsets, postings } = snapshot;
    const terms = snapshot.terms === '' ? [] : snapshot.terms.split('\n');
    const fits =
      offsets.length === terms.length + 1 &&
      offsets[0] === 0 &&
      offsets[terms.length] === postings.length &&
      (postings.length === 0 || Math.floor((postings[postings.length - 1] as number) / FIELDS) < ids.length);
    if (!fits) throw new Error('search snapshot: its parts do not fit together');
    const index = new LibrarySearch();
    index.base = { terms, offsets, postings };
    index.slots = ids.slice();
    for (let slot = 0; slot < ids.length; slot++) index.slotOf.set(ids[slot] as string, slot);
    return index;
  }

  /** The whole index as a snapshot (frozen first: slots renumbered without gaps, every posting in the base). */
  snapshot(): SearchSnapshot {
    this.freeze();
    const { terms, offsets, postings } = this.base;
    return { ids: this.slots as string[], terms: terms.join('\n'), offsets, postings };
  }

  /**
   * Folds the postings added since the base into a new base, dropping removed papers and renumbering the slots
   * left (in their order, so ranking ties stay as they were).
   */
  freeze(): void {
    this.generation++;
    this.sortTerms();
    const renumber = new Int32Array(this.slots.length).fill(-1);
    const slots: string[] = [];
    for (let slot = 0; slot < this.slots.length; slot++) {
      const id = this.slots[slot];
      if (id === null || id === undefined) continue;
      renumber[slot] = slots.length;
      this.slotOf.set(id, slots.length);
      slots.push(id);
    }
    // The two sorted vocabularies merged; each term's base part comes first (older slots), then its added list.
    const a = this.base.terms;
    const b = this.terms;
    const terms: string[] = [];
    const lists: TermLists[] = [];
    let total = 0;
    for (let i = 0, j = 0; i < a.length || j < b.length; ) {
      const ta = a[i];
      const tb = b[j];
      const term = (tb === undefined || (ta !== undefined && ta <= tb) ? ta : tb) as string;
      const lists1 = this.listsOf(term);
      if (ta === term) i++;
      if (tb === term) j++;
      terms.push(term);
      lists.push(lists1);
      total += lists1.size;
    }
    const postings = new Uint32Array(total);
    const offsets = new Uint32Array(terms.length + 1);
    let at = 0;
    let kept = 0;
    for (let t = 0; t < lists.length; t++) {
      const { base, added } = lists[t] as TermLists;
      for (const list of [base, added]) {
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const code = list[i] as number;
          const slot = renumber[Math.floor(code / FIELDS)] as number;
          if (slot >= 0) postings[at++] = slot * FIELDS + (code & (FIELDS - 1));
        }
      }
      // A term left with no live posting is dropped.
      if (at > (offsets[kept] as number)) {
        terms[kept] = terms[t] as string;
        kept++;
        offsets[kept] = at;
      }
    }
    terms.length = kept;
    this.base = { terms, offsets: offsets.slice(0, kept + 1), postings: postings.slice(0, at) };
    this.slots = slots;
    this.postings.clear();
    this.terms = [];
    this.termsSorted = true;
    this.dead = 0;
  }

  /** The posting lists of `term` in the base and added since. */
  private listsOf(term: string): TermLists {
    const { terms, offsets, postings } = this.base;
    const i = lowerBound(terms, term);
    const base = terms[i] === term ? postings.subarray(offsets[i] as number, offsets[i + 1] as number) : null;
    const added = this.postings.get(term) ?? null;
    return { base, added, size: (base ? base.length : 0) + (added ? added.length : 0) };
  }

  /**
   * Ids of the papers holding every word of `query`, best first. The last word is a prefix unless the query ends
   * with a space (the user has finished typing it).
   */
  search(query: string): string[] {
    return this.hits(query).ids();
  }

  /**
   * The papers holding every word of `query`, best first, as slots (no id array is made: the side panel reads only
   * the rows it draws). A paper scores, for each word, the weight of the fields of the first of the word's terms it
   * holds times that term's rarity; words are taken rarest first, and the scores summed in that order.
   *
   * Issue 19 (typing at 50,000 papers): a query that asks for at least what an earlier one asked (a word longer, a
   * word added, a space typed; or the same query again, as after a backspace) is answered from that query's hits
   * instead of every paper: only they can match. The scores are computed the same way, in the same order, so the
   * answer is exactly the full search's (tests/views/search-narrowing.test.ts). `narrow: false` always searches
   * every paper.
   */
  hits(query: string, options: { narrow?: boolean } = {}): SearchHits {
    const tokens = [...new Set(tokenize(query))];
    if (tokens.length > 250) tokens.length = 250; // the match count is 8 bits; nobody types more
    const prefixLast = !/\s$/.test(query);
    const wanted: Wanted[] = tokens.map((word, i) => ({ word, prefix: prefixLast && i === tokens.length - 1 }));
    this.lastStart = 'every paper';
    if (wanted.length === 0) return new SearchHits(new Int32Array(0), this.slots);
    this.sortTerms();
    const narrow = options.narrow !== false;
    const from = narrow ? this.earlierFor(wanted) : null;
    this.lastStart = from ? (from.same ? 'the same query' : 'an earlier answer') : 'every paper';
    if (from?.same) return from.answer.hits;
    const n = this.slots.length;
    if (this.scores.length < n) {
      const size = Math.max(n, Math.ceil(this.scores.length * 1.5));
      this.scores = new Float64Array(size);
      this.matched = new Uint8Array(size);
      this.alive = new Int32Array(size);
      this.sortA = new Int32Array(size);
      this.sortB = new Int32Array(size);
      this.rank = new Uint32Array(size);
    }
    const live = Math.max(1, this.slotOf.size);
    // Rarest words first (a stable sort: equal sizes keep the query's order): after the first, only papers that
    // matched every earlier word are counted.
    const plans = wanted.map((w) => this.plan(w, live));
    const order = plans.map((_, i) => i).sort((a, b) => (plans[a] as Plan).size - (plans[b] as Plan).size);
    const answer = (hits: SearchHits, matchedSlots: Int32Array): SearchHits => {
      if (narrow) this.remember({ wanted, matchedSlots, hits });
      return hits;
    };
    if ((plans[order[0] as number] as Plan).size === 0)
      return answer(new SearchHits(new Int32Array(0), this.slots), new Int32Array(0));

    const { scores, matched, alive, slots } = this;
    // `alive` holds, in slot order, the papers that may still match (all of them until the first word is done when
    // there is no earlier answer); `matched[slot]` is how many words a paper has matched so far.
    let aliveCount = -1;
    if (from) {
      matched.fill(255, 0, n);
      const earlier = from.answer.matchedSlots;
      for (let i = 0; i < earlier.length; i++) {
        const slot = earlier[i] as number;
        alive[i] = slot;
        matched[slot] = 0;
        scores[slot] = 0;
      }
      aliveCount = earlier.length;
    } else {
      scores.fill(0, 0, n);
      matched.fill(0, 0, n);
    }
    for (let w = 0; w < order.length; w++) {
      const plan = plans[order[w] as number] as Plan;
      for (let t = 0; t < plan.lists.length; t++) {
        const list = plan.lists[t] as ArrayLike<number>;
        const start = plan.starts[t] as number;
        const end = plan.ends[t] as number;
        const idf = plan.idfs[t] as number;
        if (aliveCount >= 0 && aliveCount * GALLOP < end - start) {
          // Few papers left against a long list: find each of them in it (the list ascends by slot).
          let p = start;
          for (let a = 0; a < aliveCount && p < end; a++) {
            const slot = alive[a] as number;
            if (matched[slot] !== w) continue; // already counted for this word
            const first = slot * FIELDS;
            if ((list[p] as number) < first) {
              let hi = p + 1;
              let step = 1;
              while (hi < end && (list[hi] as number) < first) {
                p = hi;
                step *= 2;
                hi = p + step;
              }
              if (hi > end) hi = end;
              while (p + 1 < hi) {
                const mid = (p + hi) >>> 1;
                if ((list[mid] as number) < first) p = mid;
                else hi = mid;
              }
              p = hi;
              if (p >= end) break;
            }
            const code = list[p] as number;
            if (code - (code % FIELDS) !== first) continue;
            matched[slot] = w + 1;
            scores[slot] = (scores[slot] as number) + (WEIGHT[code & (FIELDS - 1)] as number) * idf;
          }
        } else {
          for (let i = start; i < end; i++) {
            const code = list[i] as number;
            const slot = Math.floor(code / FIELDS);
            if (matched[slot] !== w) continue; // missed an earlier word, or already counted for this one
            if (w === 0 && slots[slot] === null) continue; // removed, its postings not yet swept
            matched[slot] = w + 1;
            scores[slot] = (scores[slot] as number) + (WEIGHT[code & (FIELDS - 1)] as number) * idf;
          }
        }
      }
      // The papers left, in slot order, for the next word's long lists and for ranking.
      if (aliveCount < 0) {
        aliveCount = 0;
        for (let s = 0; s < n; s++) if (matched[s] === 1) alive[aliveCount++] = s;
      } else {
        let k = 0;
        for (let a = 0; a < aliveCount; a++) {
          const slot = alive[a] as number;
          if (matched[slot] === w + 1) alive[k++] = slot;
        }
        aliveCount = k;
      }
    }
    const matchedSlots = alive.slice(0, aliveCount);
    return answer(new SearchHits(this.rankSlots(matchedSlots), this.slots), matchedSlots);
  }

  /**
   * The slots best first: by score in 1/1024ths, the newer slot first among equals. A stable radix sort on the
   * rounded score over the slots taken newest first; when a score is too large for the order below to hold
   * exactly, the sort it stands for: the score above the slot in one number, sorted natively.
   */
  private rankSlots(matchedSlots: Int32Array): Int32Array {
    const count = matchedSlots.length;
    const { scores, rank } = this;
    let most = 0;
    for (let i = 0; i < count; i++) {
      const q = Math.round((scores[matchedSlots[i] as number] as number) * 1024);
      if (q > most) most = q;
    }
    const ranked = new Int32Array(count);
    if (most >= 2 ** 27) {
      const keys = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        const s = matchedSlots[i] as number;
        keys[i] = Math.round((scores[s] as number) * 1024) * 2 ** 26 + s;
      }
      keys.sort();
      for (let i = 0; i < count; i++) ranked[i] = (keys[count - 1 - i] as number) % 2 ** 26;
      return ranked;
    }
    let from = this.sortA;
    let to = this.sortB;
    for (let i = 0; i < count; i++) {
      const s = matchedSlots[count - 1 - i] as number;
      from[i] = s;
      rank[s] = Math.round((scores[s] as number) * 1024);
    }
    const counts = new Int32Array(RADIX);
    for (let shift = 0; shift === 0 || most >>> shift > 0; shift += RADIX_BITS) {
      counts.fill(0);
      for (let i = 0; i < count; i++) {
        const d = ((rank[from[i] as number] as number) >>> shift) & (RADIX - 1);
        counts[d] = (counts[d] as number) + 1;
      }
      // Highest digit first: best first.
      let at = 0;
      for (let d = RADIX - 1; d >= 0; d--) {
        const c = counts[d] as number;
        counts[d] = at;
        at += c;
      }
      for (let i = 0; i < count; i++) {
        const s = from[i] as number;
        const d = ((rank[s] as number) >>> shift) & (RADIX - 1);
        const at = counts[d] as number;
        to[at] = s;
        counts[d] = at + 1;
      }
      const swap = from;
      from = to;
      to = swap;
      if (shift + RADIX_BITS >= 32) break;
    }
    ranked.set(from.subarray(0, count));
    return ranked;
  }

  /** The lists a word's papers are in, term after term (each term's base part, then its part added since). */
  private plan({ word, prefix }: Wanted, live: number): Plan {
    const plan: Plan = { lists: [], starts: [], ends: [], idfs: [], size: 0 };
    const { terms, offsets, postings } = this.base;
    const added = this.postings.size > 0 ? this.postings : null;
    const take = (list: ArrayLike<number>, start: number, end: number, idf: number) => {
      if (end <= start) return;
      plan.lists.push(list);
      plan.starts.push(start);
      plan.ends.push(end);
      plan.idfs.push(idf);
    };
    const lo = lowerBound(terms, word);
    let hi = lo;
    if (prefix) while (hi < terms.length && (terms[hi] as string).startsWith(word)) hi++;
    else if (terms[lo] === word) hi = lo + 1;
    for (let i = lo; i < hi; i++) {
      const start = offsets[i] as number;
      const end = offsets[i + 1] as number;
      const more = added ? added.get(terms[i] as string) : undefined;
      const size = end - start + (more ? more.length : 0);
      const idf = Math.log(1 + live / size);
      take(postings, start, end, idf);
      if (more) take(more, 0, more.length, idf);
      plan.size += size;
    }
    if (!added) return plan;
    // Terms only in the lists added since the base, after the base's (as a prefix: each term once).
    const inBase = (term: string) => {
      const i = lowerBound(terms, term);
      return i < hi && terms[i] === term;
    };
    const take2 = (term: string) => {
      const list = added.get(term);
      if (!list || inBase(term)) return;
      take(list, 0, list.length, Math.log(1 + live / list.length));
      plan.size += list.length;
    };
    if (!prefix) take2(word);
    else
      for (let i = lowerBound(this.terms, word); i < this.terms.length; i++) {
        const term = this.terms[i] as string;
        if (!term.startsWith(word)) break;
        take2(term);
      }
    return plan;
  }

  /**
   * An earlier answer that holds every paper `wanted` can match: the same query (`same`), or the smallest of those
   * whose every word `wanted` asks for at least as strictly. None once the index has changed since.
   */
  private earlierFor(wanted: readonly Wanted[]): { answer: Answer; same: boolean } | null {
    if (this.answersAt !== this.generation) {
      this.answers = [];
      this.answersAt = this.generation;
      return null;
    }
    let best: Answer | null = null;
    for (const answer of this.answers) {
      const w = answer.wanted;
      if (w.length === wanted.length && w.every((a, i) => a.word === wanted[i]?.word && a.prefix === wanted[i]?.prefix))
        return { answer, same: true };
      const covered = w.every((earlier) =>
        wanted.some((now) =>
          earlier.prefix ? now.word.startsWith(earlier.word) : !now.prefix && now.word === earlier.word,
        ),
      );
      if (covered && (!best || answer.matchedSlots.length < best.matchedSlots.length)) best = answer;
    }
    return best ? { answer: best, same: false } : null;
  }

  private remember(answer: Answer): void {
    if (this.answersAt !== this.generation) {
      this.answers = [];
      this.answersAt = this.generation;
    }
    this.answers.unshift(answer);
    if (this.answers.length > ANSWERS_KEPT) this.answers.length = ANSWERS_KEPT;
  }

  private addTerms(fresh: string[]): void {
    if (fresh.length === 0) return;
    if (fresh.length > 64 || !this.termsSorted) {
      for (const term of fresh) this.terms.push(term);
      this.termsSorted = false;
      return;
    }
    // A few new words (a note was edited): insert in place rather than sort the whole vocabulary.
    for (const term of fresh) this.terms.splice(lowerBound(this.terms, term), 0, term);
  }

  /** Sorts the vocabulary now (after a bulk build) rather than in the first query. */
  prepare(): void {
    this.sortTerms();
  }

  private sortTerms(): void {
    if (this.termsSorted) return;
    this.terms.sort();
    this.termsSorted = true;
  }

  private removeOne(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slots[slot] = null;
    this.slotOf.delete(id);
    this.dead++;
  }

  /** Drops dead postings once they are a quarter of the index; terms left with none go too. */
  private maybeSweep(): void {
    if (this.dead < 1000 || this.dead * 4 < this.slots.length) return;
    this.freeze();
  }
}
