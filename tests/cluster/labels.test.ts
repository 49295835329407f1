import { describe, expect, it } from 'vitest';
import { clusterPapers, distinctLabels, isReadableTerm } from '../../lib/cluster/cluster';
import { STOP_WORDS } from '../../lib/cluster/stopwords';
import { everyNth, LABELLED_SETS, loadSet } from './data';

const ROMAN = /^[ivxlcdm]+$/;

/** What a reader would object to in a label word; written apart from the code's own rule on purpose. */
function unreadableWord(word: string): string | null {
  if ([...word].length < 2) return 'single letter';
  if (/\d/.test(word)) return 'number';
  if (STOP_WORDS.has(word)) return 'stop word';
  if (ROMAN.test(word) && /^(x{0,3})(ix|iv|v?i{0,3})$/.test(word)) return 'roman numeral';
  return null;
}

describe('topic labels', () => {
  it('rejects stop words, single letters, numbers and roman numerals', () => {
    expect(isReadableTerm('graph neural')).toBe(true);
    for (const term of ['ii', 'part iii', 'x', 'the model', '2019', 'gpt 4', 'xiv'])
      expect(isReadableTerm(term)).toBe(false);
  });

  it('gives two topics with the same leading terms different labels, the larger keeping the plain one', () => {
    const terms = [
      ['graph', 'network', 'node', 'spectral'],
      ['graph', 'network', 'node', 'embedding'],
      ['graph', 'network', 'node'],
      [],
      [],
    ];
    const labels = distinctLabels(terms, [10, 30, 5, 2, 2]);
    expect(labels[1]).toBe('graph, network, node');
    expect(labels[0]).toBe('graph, network, spectral');
    expect(new Set(labels).size).toBe(labels.length);
  });

  // A sample of each set (every category present), k = its number of categories.
  it.each(LABELLED_SETS)('$file: every label term is readable and no two topics share a label', ({ file, k }) => {
    const papers = everyNth(loadSet(file), 360);
    const result = clusterPapers(papers, { k, seed: 1 });
    const problems: string[] = [];
    for (const cluster of result.clusters) {
      expect(cluster.terms.length).toBeGreaterThan(0);
      for (const term of cluster.terms) {
        for (const word of term.split(' ')) {
          const problem = unreadableWord(word);
          if (problem) problems.push(`${cluster.label}: "${word}" (${problem})`);
        }
      }
    }
    expect(problems).toEqual([]);
    const labels = result.clusters.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
