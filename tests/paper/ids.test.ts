import { describe, expect, it } from 'vitest';
import { arxivIdFromUrl, canonicalId, normalizeDoi, parseArxivId } from '../../lib/paper/ids';

describe('parseArxivId', () => {
  it.each([
    ['2502.12345', '2502.12345', null],
    ['2502.12345v3', '2502.12345', 3],
    ['arXiv:2502.12345v2', '2502.12345', 2],
    ['0704.0001', '0704.0001', null],
    ['1412.6980v9', '1412.6980', 9],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.AG/0501001', 'math/0501001', null],
    ['cond-mat.mtrl-sci/0101001', 'cond-mat/0101001', null],
  ])('%s → %s v%s', (raw, id, version) => {
    expect(parseArxivId(raw)).toEqual({ id, version });
  });

  it.each(['2513.12345', '1412.12345', '1501.1234', 'hello', '12345', '2502.123', ''])('rejects %s', (raw) => {
    expect(parseArxivId(raw)).toBeNull();
  });
});

describe('normalizeDoi', () => {
  it.each([
    ['10.1038/NATURE14539', '10.1038/nature14539'],
    ['doi:10.1038/nature14539', '10.1038/nature14539'],
    ['https://doi.org/10.1038/nature14539', '10.1038/nature14539'],
    ['http://dx.doi.org/10.1101/696633.', '10.1101/696633'],
    ['https://doi.org/10.1002%2F%28SICI%291097', '10.1002/(sici)1097'],
  ])('%s → %s', (raw, doi) => expect(normalizeDoi(raw)).toBe(doi));
  it('rejects text without a DOI', () => expect(normalizeDoi('not a doi')).toBeNull());
});

describe('every link form of one paper resolves to one id', () => {
  const forms = [
    'https://arxiv.org/abs/2502.12345',
    'https://arxiv.org/abs/2502.12345v2',
    'http://arxiv.org/pdf/2502.12345v2',
    'https://arxiv.org/pdf/2502.12345.pdf',
    'https://arxiv.org/html/2502.12345v1',
    'https://export.arxiv.org/abs/2502.12345',
    'https://huggingface.co/papers/2502.12345',
    'https://www.alphaxiv.org/abs/2502.12345',
    'https://alphaxiv.org/overview/2502.12345v1',
    'https://ar5iv.org/abs/2502.12345',
    'https://ar5iv.labs.arxiv.org/html/2502.12345',
    'https://doi.org/10.48550/arXiv.2502.12345',
    'https://doi.org/10.48550/ARXIV.2502.12345',
    '10.48550/arXiv.2502.12345',
    'arXiv:2502.12345v4',
  ];
  it.each(forms)('%s', (form) => expect(canonicalId(form)).toBe('2502.12345'));

  it('resolves relative hrefs against the page', () => {
    expect(arxivIdFromUrl('/abs/hep-th/9901001v1', 'https://arxiv.org/list/hep-th/new')).toEqual({
      id: 'hep-th/9901001',
      version: 1,
    });
    expect(canonicalId('/papers/2408.00203', 'https://huggingface.co/papers?date=2024-08-01')).toBe('2408.00203');
  });

  it('keeps journal DOIs and falls back to a normalised URL', () => {
    expect(canonicalId('https://doi.org/10.1101/696633')).toBe('10.1101/696633');
    expect(canonicalId('HTTP://Example.org/paper/1/?utm_source=x#top')).toBe('https://example.org/paper/1');
    expect(canonicalId('https://huggingface.co/papers/not-an-id')).toBe('https://huggingface.co/papers/not-an-id');
    expect(canonicalId('javascript:alert(1)')).toBeNull();
  });
});
