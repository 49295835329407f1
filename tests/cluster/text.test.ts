import { describe, expect, it } from 'vitest';
import { analyzeText, normalizeText, tokenize } from '../../lib/cluster/text';

describe('tokenize', () => {
  it('drops TeX math and keeps the words around it', () => {
    expect(tokenize('Sorting in $O(n \\log n)$ time')).toEqual(['sort', 'time']);
    expect(tokenize('bounds $$\\sum_i x_i^2$$ hold')).toEqual(['bound', 'hold']);
    expect(tokenize('the \\emph{spectral} gap \\(\\lambda_2\\)')).toEqual(['spectral', 'gap']);
  });

  it('resolves TeX accents and folds Unicode accents the same way', () => {
    expect(tokenize('Schr\\"odinger equation')).toEqual(tokenize('Schrödinger equation'));
    expect(normalizeText('Erd\\H{o}s')).toBe('erdos');
  });

  it('normalises compatibility forms and case', () => {
    expect(tokenize('ＧＲＡＰＨ ﬁnding')).toEqual(tokenize('graph finding'));
  });

  it('splits unspaced scripts into characters and keeps Latin parts', () => {
    expect(tokenize('深度学习 model')).toEqual(['深', '度', '学', '习', 'model']);
  });

  it('removes stop words and abstract boilerplate, and stems', () => {
    expect(tokenize('In this paper we propose neural networks')).toEqual(['neural', 'network']);
  });

  it('marks phrase boundaries at punctuation and stop words, not at hyphens', () => {
    const analyzed = analyzeText('real-time graph. Neural and quantum codes');
    expect(analyzed.terms).toEqual(['real', 'time', 'graph', 'neural', 'quantum', 'code']);
    expect(analyzed.phraseStart).toEqual([true, false, false, true, true, false]);
  });
});
