import { describe, expect, it } from 'vitest';
import { LibrarySearch } from '../../lib/search/library-search';
import { makeLibraryPaper } from '../helpers/papers';

const paper = (
  id: string,
  title: string,
  extra: { abstract?: string; note?: string; tags?: string[]; authors?: string[] } = {},
) =>
  makeLibraryPaper(id, {
    title,
    abstract: extra.abstract ?? null,
    note: extra.note ?? '',
    tags: extra.tags ?? [],
    authors: extra.authors ?? ['Ada Lovelace'],
  });

describe('LibrarySearch', () => {
  const index = () => {
    const s = new LibrarySearch();
    s.upsert([
      paper('2501.00001', 'Self-supervised vision transformers', { abstract: 'We train transformers on images.' }),
      paper('2501.00002', 'Quantum error correction', { note: 'read the transformer appendix', tags: ['physics'] }),
      paper('2501.00003', 'Graph neural networks', { authors: ['Grace Hopper'] }),
    ]);
    return s;
  };
  it('finds every word across title, abstract, authors, tags and note, the last as a prefix', () => {
    const s = index();
    expect(s.search('transformer')).toEqual(['2501.00001', '2501.00002']);
    expect(s.search('transformers images')).toEqual(['2501.00001']);
    expect(s.search('hopp')).toEqual(['2501.00003']);
    expect(s.search('physics quantum')).toEqual(['2501.00002']);
    expect(s.search('supervised')).toEqual(['2501.00001']);
    expect(s.search('hopp ')).toEqual([]); // a finished word is matched whole
    expect(s.search('nothing here')).toEqual([]);
    expect(s.search('   ')).toEqual([]);
  });
  it('finds a paper by its venue, below a title match', () => {
    const s = new LibrarySearch();
    s.upsert([
      makeLibraryPaper('2501.00008', { title: 'Deep learning', venue: 'Nature' }),
      makeLibraryPaper('2501.00009', { title: 'Nature of attention heads', venue: null }),
    ]);
    expect(s.search('nature')).toEqual(['2501.00009', '2501.00008']);
    expect(s.search('deep natu')).toEqual(['2501.00008']);
  });

  it('ranks title matches above abstract and note matches', () => {
    const s = index();
    expect(s.search('transformer')[0]).toBe('2501.00001');
    // The word once in each paper, in a different field: the field alone decides (title, then note, then
    // abstract), whatever the order of adding.
    for (const order of [0, 1]) {
      const t = new LibrarySearch();
      const papers = [
        paper('2501.00011', 'Sparse attention', { abstract: 'A study of mixtures of experts.' }),
        paper('2501.00012', 'Mixtures of experts', { abstract: 'A study of sparse attention.' }),
        paper('2501.00013', 'Routing tokens', { note: 'compare with mixtures of experts' }),
      ];
      t.upsert(order ? papers.reverse() : papers);
      expect(t.search('experts')).toEqual(['2501.00012', '2501.00013', '2501.00011']);
    }
  });
  it('updates and removes papers incrementally', () => {
    const s = index();
    s.upsert([paper('2501.00003', 'Graph transformers', { authors: ['Grace Hopper'] })]);
    expect(s.search('graph transformers')).toEqual(['2501.00003']);
    expect(s.search('neural')).toEqual([]);
    s.remove(['2501.00003']);
    expect(s.search('graph')).toEqual([]);
    expect(s.size).toBe(2);
  });

  describe('snapshots (issue 19)', () => {
    const WORDS = ['graph', 'neural', 'quantum', 'transformer', 'vision', 'spin', 'lattice', 'prime', 'sparse'];
    const many = (n: number, from = 0) =>
      Array.from({ length: n }, (_, k) => {
        const i = k + from;
        const w = (j: number) => WORDS[(i * 7 + j * 3) % WORDS.length] as string;
        return paper(`2502.${String(i).padStart(5, '0')}`, `${w(0)} ${w(1)} models ${i}`, {
          abstract: `On ${w(2)} and ${w(3)}.`,
          tags: i % 5 ? [] : ['to-read'],
        });
      });
    const QUERIES = ['graph', 'gra', 'neural quantum', 'models 1', 'to-read spin', 'tran', 'nothing', 'models '];
    const answers = (s: LibrarySearch) => QUERIES.map((q) => s.search(q));

    it('answers from a snapshot exactly as the index it was taken from', () => {
      const s = new LibrarySearch();
      s.upsert(many(300));
      s.remove(['2502.00010', '2502.00011']);
      s.upsert(many(5, 20).map((p) => ({ ...p, title: `${p.title} lattice` })));
      const before = answers(s);
      expect(before.some((hits) => hits.length > 10)).toBe(true);
      const snapshot = s.snapshot();
      expect(snapshot.ids).toHaveLength(298);
      expect(answers(s)).toEqual(before); // freezing changes nothing
      const loaded = LibrarySearch.fromSnapshot(structuredClone(snapshot));
      expect(loaded.size).toBe(298);
      expect(answers(loaded)).toEqual(before);
      expect(loaded.search('lattice models 2')).toContain('2502.00020');
    });

    it('takes updates and removals after loading, over the frozen part and the new one', () => {
      const reference = new LibrarySearch();
      const s = new LibrarySearch();
      reference.upsert(many(200));
      s.upsert(many(200));
      const loaded = LibrarySearch.fromSnapshot(s.snapshot());
      for (const index of [reference, loaded]) {
        index.upsert([paper('2502.00003', 'Completely rewritten zebra title')]);
        index.remove(['2502.00004', '2502.00150']);
        index.upsert(many(40, 400));
      }
      expect(loaded.search('zebra')).toEqual(['2502.00003']);
      expect(loaded.search('models 150')).toEqual([]);
      expect(loaded.has('2502.00004')).toBe(false);
      expect(answers(loaded)).toEqual(answers(reference));
      // …and again through a second snapshot, and a sweep of many removals.
      const again = LibrarySearch.fromSnapshot(loaded.snapshot());
      expect(answers(again)).toEqual(answers(reference));
      const gone = many(200)
        .map((p) => p.id)
        .slice(0, 120);
      again.remove(gone);
      reference.remove(gone);
      expect(answers(again)).toEqual(answers(reference));
      expect(again.size).toBe(reference.size);
    });

    it('refuses a snapshot whose parts do not fit together', () => {
      const s = new LibrarySearch();
      s.upsert(many(20));
      const snapshot = s.snapshot();
      expect(() => LibrarySearch.fromSnapshot({ ...snapshot, ids: snapshot.ids.slice(0, 3) })).toThrow(/fit/);
      expect(() => LibrarySearch.fromSnapshot({ ...snapshot, offsets: snapshot.offsets.slice(1) })).toThrow(/fit/);
      expect(LibrarySearch.fromSnapshot(new LibrarySearch().snapshot()).search('graph')).toEqual([]);
    });
  });
});
