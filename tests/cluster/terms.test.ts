import { describe, expect, it } from 'vitest';
import { analyzeText, normalizeText, scanWords, termOf, tokenize } from '../../lib/cluster/terms';

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

describe('scanWords and termOf', () => {
  it('give the terms and phrase boundaries of analyzeText', () => {
    const text = 'In this paper, real-time Schr\\"odinger solvers ($O(n)$) and 深度学习 gpt模型 for the graphs';
    const terms: string[] = [];
    const starts: boolean[] = [];
    let cut = false;
    scanWords(
      text,
      (word, start, unspaced) => {
        const term = termOf(word, unspaced);
        if (term === null) {
          cut = true;
          return;
        }
        terms.push(term);
        starts.push(start || cut);
        cut = false;
      },
      false,
    );
    const analyzed = analyzeText(text);
    expect(terms).toEqual(analyzed.terms);
    expect(starts).toEqual(analyzed.phraseStart);
  });
});
