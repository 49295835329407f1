import { describe, expect, it } from 'vitest';
import { importFile, toBiblatex, toBibtex, toCslItems, toMarkdown, toRis } from '../../lib/export';
import { paper } from './fixtures';

const imported = (text: string) => {
  const outcome = importFile(text, 'auto');
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.papers;
};

describe('venue: the journal or proceedings a paper appeared in', () => {
  const nature = paper({
    id: '10.1038/nature14539',
    doi: '10.1038/nature14539',
    title: 'Deep learning',
    authors: ['Yann LeCun'],
    published: '2015-05-27',
    venue: 'Nature',
  });

  it('is written as the journal of an @article, T2 in RIS, container-title in CSL, and in Markdown', () => {
    expect(toBibtex([nature])).toMatch(/^\s*journal = \{Nature\},$/m);
    expect(toBiblatex([nature])).toMatch(/^\s*journaltitle = \{Nature\},$/m);
    expect(toRis([nature])).toMatch(/^T2 {2}- Nature$/m);
    expect(toCslItems([nature])[0]?.['container-title']).toBe('Nature');
    expect(toMarkdown([nature])).toContain('*Nature*');
  });

  it('is read from BibTeX journal, journaltitle and booktitle, but not from an arXiv citation string', () => {
    const papers =
      imported(`@article{a, title = {A}, author = {Doe, Jane}, journal = {Phys. Rev. B}, doi = {10.1103/a.1}}
@inproceedings{b, title = {B}, author = {Doe, Jane}, booktitle = {Advances in Neural Information Processing Systems}, url = {https://example.org/b}}
@article{c, title = {C}, author = {Doe, Jane}, journal = {arXiv preprint arXiv:1706.03762}}
@article{d, title = {D}, author = {Doe, Jane}, journal = {CoRR}, volume = {abs/1706.03763}, eprint = {1706.03763}}
@online{e, title = {E}, author = {Doe, Jane}, journaltitle = {Journal of Machine Learning Research}, url = {https://example.org/e}}`);
    expect(papers.map((p) => [p.id, p.venue])).toEqual([
      ['10.1103/a.1', 'Phys. Rev. B'],
      // A paper in proceedings with only a URL is keyed by its content: the URL may be the proceedings' (identity.ts).
      ['key::doe:b', 'Advances in Neural Information Processing Systems'],
      ['1706.03762', null],
      ['1706.03763', null],
      ['https://example.org/e', 'Journal of Machine Learning Research'],
    ]);
  });

  it('outside an @article, is written as howpublished and read back from it, but a link there is not a venue', () => {
    const preprint = paper({
      id: '1706.03762',
      arxivId: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani'],
      venue: 'NeurIPS',
    });
    expect(toBibtex([preprint])).toMatch(/^@misc\{/);
    expect(toBibtex([preprint])).toMatch(/^\s*howpublished\s*= \{NeurIPS\},$/m);
    expect(imported(toBiblatex([preprint]))[0]?.venue).toBe('NeurIPS');
    const page = imported(
      '@misc{p, title = {P}, author = {Doe, Jane}, howpublished = {\\url{https://example.org/p}}, url = {https://example.org/p}}',
    );
    expect(page.map((p) => [p.id, p.venue])).toEqual([['https://example.org/p', null]]);
  });

  it('is read from RIS T2/JO and CSL container-title', () => {
    const ris = imported('TY  - JOUR\nTI  - A\nAU  - Doe, Jane\nJO  - Nature\nDO  - 10.1038/a\nER  - \n');
    expect(ris[0]?.venue).toBe('Nature');
    const csl = imported(
      JSON.stringify([{ id: 'x', type: 'article-journal', title: 'X', DOI: '10.1000/x', 'container-title': 'Cell' }]),
    );
    expect(csl[0]?.venue).toBe('Cell');
  });
});
