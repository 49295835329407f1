import { describe, expect, it } from 'vitest';
import { arxivIdOfDblpKey, dblp } from '../../lib/adapters/dblp';
import { scanPage } from '../../lib/adapters/run';
import { fixture, handmade, LISTING_EMPTY, parse, records, scanHtml } from './helpers';

// Pages of ../shared/fixtures/index-next.json (tests/adapters/helpers.ts, LANDED_DIRECTORIES).
const PERSON = fixture('dblp/dblp-person-clauset-2015-08.html');
const SEARCH = fixture('dblp/dblp-search-lai-man-po-face-liveness-2025-11.html');

const EMPTY = { ...LISTING_EMPTY, abstract: null, comments: null, keywords: [], pdfUrl: null };
/** Every record carries its dblp key. */
const key = (k: string) => ({ aliases: [`dblp:${k}`] });
const source = (pageUrl: string, rank: number) => ({ site: 'dblp', pageUrl, section: null, rank });

describe('dblp person page (2015 markup, dblp.uni-trier.de)', () => {
  const result = scanHtml(PERSON.html, PERSON.url);

  it('finds the 31 records, not the year rows or the co-author index', () => {
    expect(result.adapter).toBe('dblp');
    expect(result.kind).toBe('dblp-person');
    expect(result.failures).toEqual([]);
    expect(result.cards).toHaveLength(31);
    // The card is the record's <li>, with its dblp key as id.
    expect(result.cards.map((c) => c.element.getAttribute('id'))).toEqual([
      'conf/aaai/PeelC15',
      'journals/corr/JacobsWUC15',
      'journals/corr/PeelC15',
      'journals/corr/GhasemianZCMP15',
      'journals/corr/TaylorMCPM15',
      'journals/corr/NewmanC15',
      'journals/bmcbi/SahSCB14',
      'journals/corr/PeelC14',
      'journals/corr/LarremoreCJ14',
      'journals/corr/AicherJC14',
      'journals/corr/JacobsC14',
      'journals/ploscb/LarremoreCB13',
      'conf/cscw/MasonC13',
      'conf/icwsm/MerrittJMC13',
      'journals/corr/abs-1303-6372',
      'journals/corr/abs-1304-1039',
      'journals/corr/abs-1305-5782',
      'journals/corr/MerrittC13',
      'journals/corr/MerrittC13a',
      'journals/corr/abs-1203-2268',
      'journals/corr/abs-1209-0089',
      'journals/corr/abs-1103-0949',
      'journals/jacm/AchlioptasCKM09',
      'journals/siamrev/ClausetSN09',
      'conf/aaaiss/EagleCQ09',
      'conf/pervasive/EagleQC09',
      'journals/corr/abs-physics-0610051',
      'journals/jcisd/XiaoCHBSS05',
      'conf/stoc/AchlioptasCKM05',
      'journals/corr/abs-cond-mat-0503087',
      'journals/jcamd/BayramSHXCS04',
    ]);
    // CoRR records are their arXiv papers; the others their DOIs or electronic editions.
    expect(
      records(result)
        .map((r) => r.id)
        .slice(0, 8),
    ).toEqual([
      'dblp:conf/aaai/PeelC15',
      '1503.06772',
      '1504.05872',
      '1506.06179',
      '1507.01266',
      '1507.04001',
      '10.1186/1471-2105-15-220',
      '1403.0989',
    ]);
    // ACM's own resolver (doi.acm.org) is a DOI.
    expect(records(result)[12]?.doi).toBe('10.1145/2441776.2441820');
  });

  it("reads the first record: the page owner is an author (a span, not a link), the title loses dblp's full stop", () => {
    expect(records(result)[0]).toEqual({
      id: 'dblp:conf/aaai/PeelC15',
      arxivId: null,
      doi: null,
      title: 'Detecting Change Points in the Large-Scale Structure of Evolving Networks',
      authors: ['Leto Peel', 'Aaron Clauset'],
      authorCount: 2,
      published: '2015',
      url: 'http://www.aaai.org/ocs/index.php/AAAI/AAAI15/paper/view/9485',
      venue: 'AAAI',
      ...EMPTY,
      ...key('conf/aaai/PeelC15'),
      source: source(PERSON.url, 1),
    });
  });

  it('reads an old-style arXiv id from a CoRR key (record 27)', () => {
    expect(records(result)[26]).toEqual({
      id: 'physics/0610051',
      arxivId: 'physics/0610051',
      doi: null,
      title: 'Structural Inference of Hierarchies in Networks',
      authors: ['Aaron Clauset', 'Cristopher Moore', 'Mark E. J. Newman'],
      authorCount: 3,
      published: '2006',
      url: 'http://arxiv.org/abs/physics/0610051',
      // "CoRR" is arXiv, told by the id.
      venue: null,
      ...EMPTY,
      ...key('journals/corr/abs-physics-0610051'),
      source: source(PERSON.url, 27),
    });
  });

  it('reads the last record, a journal article with a DOI', () => {
    expect(records(result)[30]).toEqual({
      id: '10.1007/s10822-004-5321-2',
      arxivId: null,
      doi: '10.1007/s10822-004-5321-2',
      title:
        'Genetic algorithms and self-organizing maps: a powerful combination for modeling complex QSAR and QSPR problems',
      authors: [
        'Ersin Bayram',
        'Peter Santago II',
        'Rebecca Harris',
        'Yun-De Xiao',
        'Aaron Clauset',
        'Jeffrey D. Schmitt',
      ],
      authorCount: 6,
      published: '2004',
      url: 'http://dx.doi.org/10.1007/s10822-004-5321-2',
      venue: 'Journal of Computer-Aided Molecular Design',
      ...EMPTY,
      ...key('journals/jcamd/BayramSHXCS04'),
      source: source(PERSON.url, 31),
    });
  });
});

describe('dblp search (2025 markup)', () => {
  const result = scanHtml(SEARCH.html, SEARCH.url);

  it('finds the 7 publications; the empty author and venue sections give none', () => {
    expect(result.kind).toBe('dblp-search');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => r.id)).toEqual([
      '10.1016/j.eswa.2019.113002',
      '10.1117/1.jei.28.1.013003',
      '10.1016/j.jvcir.2019.02.014',
      '10.1007/978-3-030-20005-3_1',
      '10.1016/j.eswa.2018.05.004',
      '10.1117/1.jei.25.4.043014',
      '10.1109/icassp.2016.7471800',
    ]);
  });

  it('reads the first publication', () => {
    expect(records(result)[0]).toEqual({
      id: '10.1016/j.eswa.2019.113002',
      arxivId: null,
      doi: '10.1016/j.eswa.2019.113002',
      title: 'SLNet: Stereo face liveness detection via dynamic disparity-maps and convolutional neural network',
      authors: ['Yasar Abbas Ur Rehman', 'Lai-Man Po', 'Mengyang Liu'],
      authorCount: 3,
      published: '2020',
      url: 'https://doi.org/10.1016/j.eswa.2019.113002',
      // The Periodical, not the PublicationVolume "142".
      venue: 'Expert Syst. Appl.',
      ...EMPTY,
      ...key('journals/eswa/RehmanPL20'),
      source: source(SEARCH.url, 1),
    });
  });

  it('reads a proceedings paper (record 4)', () => {
    expect(records(result)[3]).toMatchObject({
      id: '10.1007/978-3-030-20005-3_1',
      doi: '10.1007/978-3-030-20005-3_1',
      authors: ['Yasar Abbas Ur Rehman', 'Lai-Man Po', 'Mengyang Liu', 'Zijie Zou', expect.any(String)],
      published: '2019',
      venue: 'CISIS-ICEUTE',
      source: source(SEARCH.url, 4),
    });
  });

  it('reads the last publication', () => {
    expect(records(result)[6]).toEqual({
      id: '10.1109/icassp.2016.7471800',
      arxivId: null,
      doi: '10.1109/icassp.2016.7471800',
      title: 'Face liveness detection and recognition using shearlet based feature descriptors',
      authors: ['Yuming Li', 'Lai-Man Po', 'Xuyuan Xu', 'Litong Feng', 'Fang Yuan'],
      authorCount: 5,
      published: '2016',
      url: 'https://doi.org/10.1109/ICASSP.2016.7471800',
      venue: 'ICASSP',
      ...EMPTY,
      ...key('conf/icassp/LiPXFY16'),
      source: source(SEARCH.url, 7),
    });
  });

  it('reads a record by its microdata when every class name is gone', () => {
    const doc = parse(SEARCH.html);
    for (const el of doc.querySelectorAll('[class]')) el.removeAttribute('class');
    expect(records(scanPage(doc, SEARCH.url))).toEqual(records(result));
  });
});

describe('dblp keys and URLs', () => {
  it.each([
    ['journals/corr/abs-1303-6372', '1303.6372'],
    ['journals/corr/abs-physics-0610051', 'physics/0610051'],
    ['journals/corr/abs-cond-mat-0503087', 'cond-mat/0503087'],
    ['journals/corr/abs-2301-12345', '2301.12345'],
    ['journals/corr/PeelC15', null],
    ['conf/aaai/PeelC15', null],
  ])('%s → %s', (key, id) => expect(arxivIdOfDblpKey(key)).toBe(id));

  it('reads no venue index, FAQ or home page', () => {
    for (const url of [
      'https://dblp.org/',
      'https://dblp.org/db/conf/aaai/index.html',
      'https://dblp.org/faq/1474790',
    ]) {
      expect(dblp.matches(new URL(url))).toBe(false);
    }
  });
});

describe('dblp tables of contents (handmade: no saved copy in ../shared/fixtures)', () => {
  const CONF = 'https://dblp.org/db/conf/icwsm/icwsm2013.html';
  const JOURNAL = 'https://dblp.org/db/journals/siamrev/siamrev51.html';

  it('proceedings (db/conf/…): the 5 papers of both sessions, not the proceedings record itself', () => {
    const result = scanHtml(handmade('dblp-toc-conf-handmade.html'), CONF);
    expect(result.kind).toBe('dblp-toc');
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
    expect(result.cards.map((c) => c.element.getAttribute('id'))).toEqual([
      'conf/icwsm/MerrittJMC13',
      'conf/icwsm/HandmadeA13',
      'conf/icwsm/HandmadeB13',
      'conf/icwsm/HandmadeC13',
      'conf/icwsm/HandmadeD13',
    ]);
    // By an arXiv link, a DOI link, or the dblp key when the record links nothing else.
    expect(records(result).map((r) => r.id)).toEqual([
      'dblp:conf/icwsm/MerrittJMC13',
      '1304.0001',
      'dblp:conf/icwsm/HandmadeB13',
      '10.1609/icwsm.v7i1.99999',
      'dblp:conf/icwsm/HandmadeD13',
    ]);
    expect(records(result)[0]).toEqual({
      id: 'dblp:conf/icwsm/MerrittJMC13',
      arxivId: null,
      doi: null,
      title: 'Detecting Friendship Within Dynamic Online Interaction Networks',
      authors: ['Sears Merritt', 'Abigail Z. Jacobs', 'Winter Mason', 'Aaron Clauset'],
      authorCount: 4,
      published: '2013',
      url: 'https://ojs.aaai.org/index.php/ICWSM/article/view/14412',
      venue: 'ICWSM',
      ...EMPTY,
      ...key('conf/icwsm/MerrittJMC13'),
      source: source(CONF, 1),
    });
  });

  it('a journal volume (db/journals/…): the 3 articles, the venue the journal (not its volume or issue)', () => {
    const result = scanHtml(handmade('dblp-toc-journal-handmade.html'), JOURNAL);
    expect(result.kind).toBe('dblp-toc');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => r.id)).toEqual([
      '10.1137/000000001',
      '0706.1062',
      'dblp:journals/siamrev/HandmadeF09',
    ]);
    expect(records(result)[1]).toEqual({
      id: '0706.1062',
      arxivId: '0706.1062',
      doi: '10.1137/070710111',
      title: 'Power-Law Distributions in Empirical Data',
      authors: ['Aaron Clauset', 'Cosma Rohilla Shalizi', 'Mark E. J. Newman'],
      authorCount: 3,
      published: '2009',
      url: 'https://doi.org/10.1137/070710111',
      venue: 'SIAM Rev.',
      ...EMPTY,
      ...key('journals/siamrev/ClausetSN09'),
      source: source(JOURNAL, 2),
    });
  });
});
