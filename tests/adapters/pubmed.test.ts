import { describe, expect, it } from 'vitest';
import { ncbiDate, pubmed } from '../../lib/adapters/pubmed';
import { fixture, LISTING_EMPTY, records, scanHtml } from './helpers';

// Pages of ../shared/fixtures/index-next.json (tests/adapters/helpers.ts, LANDED_DIRECTORIES).
const SEARCH = fixture('pubmed/pubmed-search-endometriosis-2-docsum-excerpt-2023-11.html');
const ARTICLE_2009 = fixture('pubmed/pubmed-legacy-abstractplus-15940349-2009-07.html');
const ARTICLE_2015 = fixture('pubmed/pubmed-legacy-abstract-25817406-2015-04.html');
const PMC = fixture('pubmed/pmc-entrez-search-results-vacuum-rewarming-2009-07.html');

const EMPTY = { ...LISTING_EMPTY, arxivId: null, comments: null, keywords: [] };
const source = (pageUrl: string, rank: number) => ({ site: 'pubmed', pageUrl, section: null, rank });

describe('PubMed search (2023 markup, excerpt of 2 results)', () => {
  const result = scanHtml(SEARCH.html, SEARCH.url);

  it('finds both results, by the PMID of their title links', () => {
    expect(result.kind).toBe('pubmed-search');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.aliases])).toEqual([
      ['10.1177/10497323231214114', ['pmid:37988744']],
      ['10.1007/s00404-023-07246-8', ['pmid:37987824']],
    ]);
    expect(result.cards.every((c) => c.element.tagName === 'ARTICLE')).toBe(true);
  });

  it('reads the first result: the full author list and citation, not the short copies', () => {
    expect(records(result)[0]).toEqual({
      id: '10.1177/10497323231214114',
      doi: '10.1177/10497323231214114',
      title:
        "Living With Endometriosis: A Reflexive Thematic Analysis Examining Women's Experiences With the Irish Healthcare Services",
      authors: ['Lightbourne A', 'Foley S', 'Dempsey M', 'Cronin M'],
      authorCount: 4,
      // The snippet is cut short: not the abstract.
      abstract: null,
      // "Qual Health Res. 2023 Nov 21:10497323231214114. doi: … Online ahead of print."
      published: '2023-11-21',
      url: 'https://pubmed.ncbi.nlm.nih.gov/37988744/',
      pdfUrl: null,
      venue: 'Qual Health Res',
      aliases: ['pmid:37988744'],
      ...EMPTY,
      source: source(SEARCH.url, 1),
    });
  });

  it('reads the last result', () => {
    expect(records(result)[1]).toEqual({
      id: '10.1007/s00404-023-07246-8',
      doi: '10.1007/s00404-023-07246-8',
      title:
        'Pilot study of treatment of patients with deep infiltrative endometriosis with methotrexate carried in lipid nanoparticles',
      authors: [
        'Avila-Tavares R',
        'Gibran L',
        'Brito LGO',
        'Tavoni TM',
        'Gonçalves MO',
        'Baracat EC',
        'Maranhão RC',
        'Podgaec S',
      ],
      authorCount: 8,
      abstract: null,
      published: '2023-11-21',
      url: 'https://pubmed.ncbi.nlm.nih.gov/37987824/',
      pdfUrl: null,
      venue: 'Arch Gynecol Obstet',
      aliases: ['pmid:37987824'],
      ...EMPTY,
      source: source(SEARCH.url, 2),
    });
  });
});

describe('PubMed article pages (legacy 2009 and 2015)', () => {
  it('2009 AbstractPlus: the abstract block, not the "Related articles" list', () => {
    const result = scanHtml(ARTICLE_2009.html, ARTICLE_2009.url);
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: 'pmid:15940349',
        doi: null,
        title: "Isolation and characterization of pigeon breast muscle cytosolic 5'-nucleotidase-I (cN-I)",
        authors: ['Tkacz-Stachowska K', 'Lechward K', 'Skladanowski AC'],
        authorCount: 3,
        abstract: expect.stringMatching(
          /^5'-Nucleotidase specific towards dCMP and AMP was isolated from avian breast muscle and characterized\. .* a similar physiological function is suggested for cN-I in both types of muscle\.$/,
        ),
        // The 2009 page gives its citation nowhere in the abstract block.
        published: null,
        url: 'https://pubmed.ncbi.nlm.nih.gov/15940349/',
        pdfUrl: null,
        venue: null,
        aliases: ['pmid:15940349'],
        ...EMPTY,
        source: source(ARTICLE_2009.url, 1),
      },
    ]);
  });

  it('2015: the h1 inside the report (not the logo), authors without their affiliation numbers, the DOI', () => {
    const result = scanHtml(ARTICLE_2015.html, ARTICLE_2015.url);
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: '10.1016/j.psyneuen.2015.03.010',
        doi: '10.1016/j.psyneuen.2015.03.010',
        title: 'Circadian cortisol and fatigue severity in relapsing-remitting multiple sclerosis',
        authors: ['Powell DJ', 'Moss-Morris R', 'Liossi C', 'Schlotz W'],
        authorCount: 4,
        // The copyright line is not part of the abstract.
        abstract: expect.stringMatching(
          /^Cortisol is a key regulator of the immune system, .* whether it is a causal factor remains unclear\.$/,
        ),
        published: '2015-03-12',
        url: 'https://pubmed.ncbi.nlm.nih.gov/25817406/',
        pdfUrl: null,
        venue: 'Psychoneuroendocrinology',
        aliases: ['pmid:25817406'],
        ...EMPTY,
        source: source(ARTICLE_2015.url, 1),
      },
    ]);
  });
});

describe('PubMed Central search (Entrez, 2009)', () => {
  const result = scanHtml(PMC.html, PMC.url);

  it('finds the 20 entries, each with its PMCID', () => {
    expect(result.kind).toBe('pmc-search');
    expect(result.failures).toEqual([]);
    expect(result.cards).toHaveLength(20);
    expect(records(result).every((r) => r.aliases.length === 1 && r.aliases[0]?.startsWith('pmcid:PMC'))).toBe(true);
  });

  const entry = (pmcid: string, rank: number, fields: object) => ({
    url: `https://www.ncbi.nlm.nih.gov/pmc/articles/${pmcid}/`,
    pdfUrl: `http://www.pubmedcentral.nih.gov/picrender.fcgi?artid=${pmcid.slice(3)}&blobtype=pdf`,
    abstract: null,
    aliases: [`pmcid:${pmcid}`],
    ...EMPTY,
    ...fields,
    source: source(PMC.url, rank),
  });

  it('reads the first entry: its DOI outranks its PMCID', () => {
    expect(records(result)[0]).toEqual(
      entry('PMC1817736', 1, {
        id: '10.1113/jphysiol.2006.110320',
        doi: '10.1113/jphysiol.2006.110320',
        title:
          '\u2018Simplification\u2019 of responses of complex cells in cat striate cortex: suppressive surrounds and \u2018feedback\u2019 inactivation',
        // "Cedric Bardy, …, Thomas FitzGibbon, and Bogdan Dreher"
        authors: ['Cedric Bardy', 'Jin Yu Huang', 'Chun Wang', 'Thomas FitzGibbon', 'Bogdan Dreher'],
        authorCount: 5,
        published: '2006-08-01',
        venue: 'J Physiol',
      }),
    );
  });

  it('reads entry 9, front matter with no authors and no DOI', () => {
    expect(records(result)[8]).toEqual(
      entry('PMC555376', 9, {
        id: 'pmcid:PMC555376',
        doi: null,
        title: 'Free Communications, Poster Presentations: Chest, Abdomen, and Pelvis',
        authors: [],
        authorCount: 0,
        published: '2004-04',
        venue: 'J Athl Train',
      }),
    );
  });

  it('reads the last entry', () => {
    expect(records(result)[19]).toEqual(
      entry('PMC59452', 20, {
        id: 'pmcid:PMC59452',
        doi: null,
        title:
          'The Progression of Cavitation in Earlywood Vessels of Fraxinus mandshurica var japonica during Freezing and Thawing',
        authors: ['Yasuhiro Utsumi', 'Yuzou Sano', 'Ryo Funada', 'Seizo Fujikawa', 'Jun Ohtani'],
        authorCount: 5,
        published: '1999-11',
        venue: 'Plant Physiol',
      }),
    );
  });
});

describe('PubMed dates and URLs', () => {
  it.each([
    ['Qual Health Res. 2023 Nov 21:1049.', '2023-11-21'],
    ['2006 August 1; ', '2006-08-01'],
    ['J Athl Train. 2004 Apr', '2004-04'],
    ['1957', '1957'],
    ['no date', null],
  ])('%s → %s', (text, date) => expect(ncbiDate(text)).toBe(date));

  it('reads no home, help or single-citation page', () => {
    for (const url of [
      'https://pubmed.ncbi.nlm.nih.gov/',
      'https://pubmed.ncbi.nlm.nih.gov/help/',
      'https://www.ncbi.nlm.nih.gov/pmc/',
    ]) {
      expect(pubmed.matches(new URL(url))).toBe(false);
    }
  });
});
