/**
 * Issue 19: a query that extends an earlier one is answered from that query's hits (lib/search/library-search.ts).
 * Random typing over real papers — letters, spaces, backspaces, new queries, and the library changing in between —
 * must give exactly the hits, in exactly the order, of a search over every paper.
 */
import { describe, expect, it } from 'vitest';
import { makeLibrary } from '../../bench/sidepanel-data';
import { LibrarySearch, tokenize } from '../../lib/search/library-search';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('narrowed search', () => {
  const { papers } = makeLibrary(4000, Date.UTC(2026, 11, 1));
  // Most postings in a frozen base, the rest added since (as after a snapshot is loaded and some papers change).
  const base = new LibrarySearch();
  base.upsert(papers.slice(0, 3500));
  const snapshot = base.snapshot();
  const words = [...new Set(papers.slice(0, 400).flatMap((p) => tokenize(`${p.title} ${p.authors.join(' ')}`)))];

  for (const seed of [1, 2, 3, 4]) {
    it(`answers as the full search does, key after key (seed ${seed})`, () => {
      const rand = random(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const narrowed = LibrarySearch.fromSnapshot(snapshot);
      const full = LibrarySearch.fromSnapshot(snapshot);
      for (const index of [narrowed, full]) index.upsert(papers.slice(3500));
      const starts = { 'every paper': 0, 'an earlier answer': 0, 'the same query': 0 };
      let text = '';
      // The word being typed, letter by letter.
      let target = '';
      for (let step = 0; step < 400; step++) {
        const r = rand();
        if (r < 0.06) {
          text = ''; // a new query
          target = pick(words);
        } else if (r < 0.2)
          text = text.slice(0, text.length - 1 - Math.floor(rand() * 3)); // backspaces
        else if (r < 0.28 || target === '') {
          text += ' ';
          target = pick(words);
        } else if (r < 0.3) {
          // The library changes between two keys: a paper edited (to hold the words being typed), or one removed.
          const edited = { ...pick(papers), title: `${text} ${pick(words)} revisited` };
          const gone = pick(papers).id;
          const edit = rand() < 0.5;
          for (const index of [narrowed, full]) {
            if (edit) index.upsert([edited]);
            else index.remove([gone]);
          }
        } else {
          const typed = text.slice(text.lastIndexOf(' ') + 1);
          target = target.startsWith(typed) && target.length > typed.length ? target : pick(words);
          text += target.startsWith(typed) ? (target[typed.length] as string) : (target[0] as string);
        }
        const got = narrowed.hits(text).ids();
        starts[narrowed.lastStart]++;
        expect(got, JSON.stringify(text)).toEqual(full.hits(text, { narrow: false }).ids());
      }
      // The sequence did exercise the narrowing, not only full searches.
      expect(starts['an earlier answer']).toBeGreaterThan(100);
      expect(starts['the same query']).toBeGreaterThan(5);
    });
  }

  it('narrows only from what every hit must hold', () => {
    const index = new LibrarySearch();
    index.upsert(papers.slice(0, 500));
    const first = index.hits('neural').ids();
    expect(index.hits('neural ').ids()).toEqual(index.hits('neural ', { narrow: false }).ids());
    expect(index.lastStart).toBe('every paper');
    // "neura" is wider than "neural": it cannot be answered from "neural"'s hits.
    index.hits('neural');
    expect(index.hits('neura').length).toBeGreaterThanOrEqual(first.length);
    expect(index.lastStart).toBe('every paper');
    index.hits('neural netw');
    expect(index.lastStart).toBe('an earlier answer');
  });
});
