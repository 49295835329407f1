import { describe, expect, it } from 'vitest';
import { analyzeText, normalizeText, scanAsciiSpans, scanWords, termOf, tokenize } from '../../lib/cluster/terms';
import { LABELLED_SETS, loadSet } from './data';

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

describe('scanAsciiSpans', () => {
  const words = (text: string) => {
    const visited: string[] = [];
    scanWords(text, (word, start) => visited.push(`${start ? '|' : ''}${word}`), false);
    return visited;
  };
  const spans = (text: string) => {
    const visited: string[] = [];
    const ascii = scanAsciiSpans(text, (normalized, start, end, phraseStart) =>
      visited.push(`${phraseStart ? '|' : ''}${normalized.slice(start, end)}`),
    );
    return ascii ? visited : null;
  };

  it('visits the words and phrase boundaries of scanWords, stop words, digits and long words included', () => {
    const text = `In the 3D-printing of x1, real-time input/output: ab12 12345 a ${'w'.repeat(41)} ${'v'.repeat(40)} Erd\\H{o}s $O(n)$ end.`;
    expect(spans(text)).toEqual(words(text));
    expect(spans(text)).toContain('erdos');
  });

  it('leaves a text that is not ASCII after normalising to scanWords', () => {
    expect(spans('Schrödinger and 深度学习')).toBeNull();
    expect(spans('Schr\\"odinger')).toEqual(words('Schr\\"odinger'));
  });

  it('agrees with scanWords on the titles and abstracts of every labelled set', () => {
    let compared = 0;
    for (const { file } of LABELLED_SETS) {
      for (const paper of loadSet(file).slice(0, 1500)) {
        for (const text of [paper.title, paper.abstract]) {
          const fast = spans(text);
          if (fast === null) continue;
          compared++;
          if (fast.join(' ') !== words(text).join(' ')) expect(fast).toEqual(words(text));
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  }, 60_000);
});
