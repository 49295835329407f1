import { describe, expect, it } from 'vitest';
import { importFile } from '../../lib/export';
import { isoDate } from '../../lib/export/import-result';

const publishedOf = (text: string) => {
  const outcome = importFile(text, 'auto');
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.papers.map((p) => p.published);
};

describe('imported dates keep the precision their source has', () => {
  it('builds a date from as many parts as are there and valid', () => {
    expect(isoDate('2014')).toBe('2014');
    expect(isoDate(2014, 3)).toBe('2014-03');
    expect(isoDate('2014', '3', '9')).toBe('2014-03-09');
    expect(isoDate('2014', '', '')).toBe('2014');
    expect(isoDate('2014', '13', '1')).toBe('2014');
    expect(isoDate('2023', '2', '29')).toBe('2023-02');
    expect(isoDate('2024', '2', '29')).toBe('2024-02-29');
    expect(isoDate('14', '3', '9')).toBeNull();
    expect(isoDate(undefined, '3', '9')).toBeNull();
    expect(isoDate('2014a')).toBeNull();
  });

  it('reads a year alone and a year with a month from BibTeX', () => {
    const bib = `@article{powell1964, title = {Powell's method}, author = {Powell, M. J. D.}, year = {1964}, doi = {10.1093/comjnl/7.4.308}}
@article{lecun1998, title = {Gradient-based learning}, author = {LeCun, Yann}, year = 1998, month = nov, doi = {10.1109/5.726791}}
@online{partial, title = {A biblatex date}, author = {Doe, Jane}, date = {2001-07}, url = {https://example.org/a}}`;
    expect(publishedOf(bib)).toEqual(['1964', '1998-11', '2001-07']);
  });

  it('reads them from RIS and CSL-JSON', () => {
    const ris =
      'TY  - JOUR\nTI  - Powell\nAU  - Powell, M. J. D.\nPY  - 1964///\nDO  - 10.1093/comjnl/7.4.308\nER  - \n';
    expect(publishedOf(ris)).toEqual(['1964']);
    const csl = JSON.stringify([
      { id: 'a', type: 'article-journal', title: 'Year', DOI: '10.1000/a', issued: { 'date-parts': [[1964]] } },
      { id: 'b', type: 'article-journal', title: 'Month', DOI: '10.1000/b', issued: { 'date-parts': [[1998, 11]] } },
      { id: 'c', type: 'article-journal', title: 'Raw', DOI: '10.1000/c', issued: { raw: '2001-07' } },
    ]);
    expect(publishedOf(csl)).toEqual(['1964', '1998-11', '2001-07']);
  });
});
