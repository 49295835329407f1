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
});
