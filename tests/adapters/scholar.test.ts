import { describe, expect, it } from 'vitest';
import { scanPage } from '../../lib/adapters/run';
import { scholar, splitByline } from '../../lib/adapters/scholar';
import { fixture, LISTING_EMPTY, parse, records, scanHtml } from './helpers';

// Pages of ../shared/fixtures/index-next.json (tests/adapters/helpers.ts, LANDED_DIRECTORIES).
const RESULTS_2024 = fixture('scholar/gscholar-search-conversational-ai-num20-2024-07.html');
const RESULTS_2020 = fixture('scholar/gscholar-search-olympus-range-geology-10results-2020-11.html');
const ROBOT = fixture('scholar/gscholar-search-robot-check-0-cards-2020-11.html');
const PROFILE = fixture('scholar/gscholar-citations-profile-manmatha-pagesize100-2015-09.html');
// Pages of index.json.
const RESULTS_2016 = fixture('scholar/gscholar-results-learning-deep-architectures-2016-05.html');
const RESULTS_2016_B = fixture('scholar/gscholar-results-unsupervised-feature-learning-2016-05.html');

const source = (pageUrl: string, rank: number) => ({ site: 'scholar', pageUrl, section: null, rank });
const EMPTY = { ...LISTING_EMPTY, abstract: null, comments: null, keywords: [], aliases: [] };

describe('Google Scholar results, 2024 markup (num=20)', () => {
  const result = scanHtml(RESULTS_2024.html, RESULTS_2024.url);

  it('finds the 20 results, not the year header nor "Create alert"', () => {
    expect(result.adapter).toBe('scholar');
    expect(result.kind).toBe('scholar-results');
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
    expect(result.blocked).toBeUndefined();
    // Read off the page: the arXiv id of an arxiv.org title link, the DOI in a publisher's path, else the link.
    expect(records(result).map((r) => r.id)).toEqual([
      '1801.03604',
      '1910.07931',
      '1606.01541',
      '10.1007/978-3-030-15035-8_93',
      'https://ojs.aaai.org/index.php/AAAI/article/view/11923',
      '10.1145/3240508.3240605',
      '1701.06547',
      '10.1007/s10462-020-09866-x',
      '1503.02364',
      '1711.01731',
      // Links to the ACL Anthology name the paper by its Anthology id.
      'acl:P19-1081',
      '10.1145/3178876.3186083',
      'https://proceedings.neurips.cc/paper/2018/hash/800de15c79c8d840f4e78d3af937d4d4-Abstract.html',
      'https://proceedings.neurips.cc/paper/2020/hash/e946209592563be0f01c844ab2170f0c-Abstract.html',
      '10.1145/505282.505285',
      'https://aaai.org/ojs/index.php/AAAI/article/view/6394',
      '1905.05709',
      'https://ojs.aaai.org/index.php/AAAI/article/view/11977',
      'acl:W17-5522',
      'acl:P18-1103',
    ]);
    // The card is the result block with its cluster id, the thing the content script decorates.
    expect(result.cards.map((c) => c.element.getAttribute('data-cid')).slice(0, 2)).toEqual([
      'SjSotPRUqd4J',
      '8iSl_ohLDzsJ',
    ]);
  });

  it('reads the first result: an arXiv paper, its author list cut short, its venue cut short', () => {
    expect(records(result)[0]).toEqual({
      id: '1801.03604',
      arxivId: '1801.03604',
      doi: null,
      // The query's <b> highlights are text.
      title: 'Conversational ai: The science behind the alexa prize',
      // "A Ram, R Prasad, C Khatri, A Venkatesh… - arXiv preprint arXiv …, 2018 - arxiv.org"
      authors: ['A Ram', 'R Prasad', 'C Khatri', 'A Venkatesh'],
      authorCount: 4,
      published: '2018',
      url: 'https://arxiv.org/abs/1801.03604',
      pdfUrl: 'https://arxiv.org/pdf/1801.03604.pdf?fbclid=IwAR3dwqy06PSlnpFkyx2oTHCyt',
      // "arXiv preprint arXiv …" is cut, and an arXiv paper is told by its id.
      venue: null,
      ...EMPTY,
      source: source(RESULTS_2024.url, 1),
    });
  });

  it('reads a Springer chapter: the DOI in the publisher link, the full text from ResearchGate', () => {
    expect(records(result)[3]).toEqual({
      id: '10.1007/978-3-030-15035-8_93',
      arxivId: null,
      doi: '10.1007/978-3-030-15035-8_93',
      title: 'A survey on conversational agents/chatbots classification and design techniques',
      // A name without a profile link is a name all the same.
      authors: ['S Hussain', 'O Ameri Sianaki', 'N Ababneh'],
      authorCount: 3,
      published: '2019',
      url: 'https://link.springer.com/chapter/10.1007/978-3-030-15035-8_93',
      pdfUrl:
        'https://www.researchgate.net/profile/Nedal-Ababneh/publication/331746678_A_Survey_on_Conversational_AgentsChatbots_Classification_and_Design_Techniques/links/5d95c1b6458515c1d38f3303/A-Survey-on-Conversational-Agents-Chatbots-Classification-and-Design-Techniques.pdf',
      // "Web, Artificial Intelligence and …": cut by Scholar, so not kept.
      venue: null,
      ...EMPTY,
      source: source(RESULTS_2024.url, 4),
    });
  });

  it('reads the last result, an ACL Anthology paper, by its Anthology id', () => {
    expect(records(result)[19]).toEqual({
      id: 'acl:P18-1103',
      arxivId: null,
      doi: null,
      title: 'Multi-turn response selection for chatbots with deep attention matching network',
      authors: ['X Zhou', 'L Li', 'D Dong', 'Y Liu', 'Y Chen'],
      authorCount: 5,
      published: '2018',
      url: 'https://aclanthology.org/P18-1103/',
      pdfUrl: 'https://aclanthology.org/P18-1103.pdf',
      venue: null,
      ...EMPTY,
      aliases: ['acl:P18-1103'],
      source: source(RESULTS_2024.url, 20),
    });
  });

  it('keeps a venue Scholar shows whole', () => {
    // "H Chen, X Liu, D Yin, J Tang - Acm Sigkdd Explorations Newsletter, 2017 - dl.acm.org"
    expect(records(result)[9]?.venue).toBe('Acm Sigkdd Explorations Newsletter');
    // "… - Proceedings of the 26th ACM …, 2018 - dl.acm.org" is cut.
    expect(records(result)[5]?.venue).toBeNull();
  });
});

describe('Google Scholar results, 2020 markup (bytes UTF-8, meta says ISO-8859-1)', () => {
  const result = scanHtml(RESULTS_2020.html, RESULTS_2020.url);

  it('finds the 10 results', () => {
    expect(result.failures).toEqual([]);
    expect(result.cards).toHaveLength(10);
    expect(records(result).map((r) => r.id)).toEqual([
      'https://scholar.google.com/scholar?cluster=15801554877513113826',
      'https://sidst3.dst.unisi.it/english/Publications/TAP/TA_pdfs/Volume_09/TA_09_057_Forsyth.pdf',
      'https://pubs.geoscienceworld.org/gsa/gsabulletin/article/114/8/1007/183884',
      'https://eprints.utas.edu.au/14428',
      'https://epic.awi.de/id/eprint/27338/1/Sme2001m.pdf',
      'https://academic.oup.com/gji/article-abstract/155/3/870/631318',
      '10.1002/jqs.691',
      'https://pubs.geoscienceworld.org/gsa/gsabulletin/article/114/5/605/183863',
      'https://www.sciencedirect.com/science/article/pii/S0921818199000594',
      'https://digitalcommons.library.umaine.edu/etd/657',
    ]);
    // Decoded by the bytes: no "Â" before the dashes.
    for (const r of records(result)) for (const name of r.authors) expect(name).not.toMatch(/Â/);
  });

  it('reads the first result, a [CITATION] with no link: the title is the span, the id its cluster', () => {
    expect(records(result)[0]).toEqual({
      id: 'https://scholar.google.com/scholar?cluster=15801554877513113826',
      arxivId: null,
      doi: null,
      // "[CITATION][C]" is the kind of result, not its title.
      title: 'Geology of the Olympus Range Area, Southern Victoria Land',
      authors: ['MJ Isaac', 'TJ Chinn', 'SW Edbrooke', 'PJ Forsyth'],
      authorCount: 4,
      published: '1996',
      url: 'https://scholar.google.com/scholar?cluster=15801554877513113826',
      pdfUrl: null,
      venue: null,
      ...EMPTY,
      source: source(RESULTS_2020.url, 1),
    });
  });

  it('reads a Wiley article: the DOI from /doi/abs/', () => {
    expect(records(result)[6]).toEqual({
      id: '10.1002/jqs.691',
      arxivId: null,
      doi: '10.1002/jqs.691',
      // &#8208; is a hyphen, kept as the page has it.
      title:
        'Glacial Lake Victoria, a high\u2010level Antarctic lake inferred from lacustrine deposits in Victoria Valley',
      authors: ['BL Hall', 'GH Denton', 'B Overturf'],
      authorCount: 3,
      published: '2002',
      url: 'https://onlinelibrary.wiley.com/doi/abs/10.1002/jqs.691',
      pdfUrl: null,
      venue: null,
      ...EMPTY,
      source: source(RESULTS_2020.url, 7),
    });
  });

  it('reads the last result: "author - year - host", no venue', () => {
    expect(records(result)[9]).toEqual({
      id: 'https://digitalcommons.library.umaine.edu/etd/657',
      arxivId: null,
      doi: null,
      title:
        'Surficial geology and geomorphology of the western Olympus Range, Antarctica: Implications for ice-sheet history',
      authors: ['B VandenHeuvel'],
      authorCount: 1,
      published: '2002',
      url: 'https://digitalcommons.library.umaine.edu/etd/657/',
      pdfUrl: 'https://digitalcommons.library.umaine.edu/cgi/viewcontent.cgi?article=1546&context=etd',
      venue: null,
      ...EMPTY,
      source: source(RESULTS_2020.url, 10),
    });
  });
});

describe('Google Scholar results, 2016 markup (div.gs_r > div.gs_ri, no cluster id)', () => {
  it('reads the one result with the full-text link beside it', () => {
    const result = scanHtml(RESULTS_2016.html, RESULTS_2016.url);
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: 'https://dl.acm.org/citation.cfm?id=1658424',
        arxivId: null,
        doi: null,
        title: 'Learning deep architectures for AI',
        authors: ['Y Bengio'],
        authorCount: 1,
        published: '2009',
        url: 'http://dl.acm.org/citation.cfm?id=1658424',
        pdfUrl:
          'http://sanghv.com/download/soft/machine%20learning,%20artificial%20intelligence,%20mathematics%20ebooks/ML/learning%20deep%20architectures%20for%20AI%20(2009).pdf',
        venue: 'Foundations and trends® in Machine Learning',
        ...EMPTY,
        source: source(RESULTS_2016.url, 1),
      },
    ]);
    // The card is the whole row (body and full-text link), not the body alone.
    expect(result.cards[0]?.element.querySelector('h3')).not.toBeNull();
    expect(result.cards[0]?.element.textContent).toContain('from sanghv.com');
  });

  it('reads the CoRR paper of the second 2016 page by its arXiv id', () => {
    const result = scanHtml(RESULTS_2016_B.html, RESULTS_2016_B.url);
    // A [CITATION] without a link: "Y Bengio, AC Courville, P Vincent - CoRR, abs/1206.5538, 2012".
    expect(records(result)).toEqual([
      {
        id: '1206.5538',
        arxivId: '1206.5538',
        doi: null,
        title: 'Unsupervised feature learning and deep learning: A review and new perspectives',
        authors: ['Y Bengio', 'AC Courville', 'P Vincent'],
        authorCount: 3,
        published: '2012',
        url: 'https://scholar.google.com/scholar?cluster=1290425714414184502',
        pdfUrl: null,
        // "CoRR, abs/1206.5538" names arXiv, not a venue.
        venue: null,
        ...EMPTY,
        source: source(RESULTS_2016_B.url, 1),
      },
    ]);
  });
});

describe('Google Scholar robot check', () => {
  it('gives 0 cards, no drift, and says why', () => {
    const result = scanHtml(ROBOT.html, ROBOT.url);
    expect(result.cards).toEqual([]);
    expect(result.drift).toBe(false);
    expect(result.failures).toEqual([]);
    expect(result.blocked).toMatch(/^Google Scholar is asking you to prove you are not a robot/);
  });

  it('is the check that blocks, not the page: the same page with results is read', () => {
    const doc = parse(ROBOT.html);
    doc.getElementById('gs_captcha_ccl')?.remove();
    const result = scanPage(doc, ROBOT.url);
    expect(result.blocked).toBeUndefined();
  });
});

describe('Google Scholar author profile (2015, 100 rows, Latin-1 bytes)', () => {
  const result = scanHtml(PROFILE.html, PROFILE.url);
  const row = (rank: number, fields: object) => ({
    arxivId: null,
    doi: null,
    pdfUrl: null,
    ...EMPTY,
    ...fields,
    source: source(PROFILE.url, rank),
  });
  const view = (article: string) =>
    `https://scholar.google.com/citations?view_op=view_citation&citation_for_view=_0aMq28AAAAJ:${article}`;
  const id = (article: string) =>
    `https://scholar.google.com/citations?citation_for_view=_0aMq28AAAAJ%3A${article}&view_op=view_citation`;

  it('finds the 100 rows, not the stats table or the co-authors', () => {
    expect(result.kind).toBe('scholar-profile');
    expect(result.failures).toEqual([]);
    expect(result.cards).toHaveLength(100);
    expect(new Set(records(result).map((r) => r.id)).size).toBe(100);
    expect(result.cards.every((c) => c.element.tagName === 'TR')).toBe(true);
  });

  it('reads the first row, a patent', () => {
    expect(records(result)[0]).toEqual(
      row(1, {
        id: id('tYavs44e6CUC'),
        title:
          'Method and system for searching for information on a network in response to an image query sent by a user from a mobile communications device',
        authors: ['GD Ramkumar', 'R Manmatha', 'S Bhattacharyya', 'G Bhargava', 'MA Ruzon'],
        authorCount: 5,
        published: '2015',
        url: view('tYavs44e6CUC'),
        venue: 'US Patent 9,104,700',
      }),
    );
  });

  it('reads row 35, whose title has a Windows-1252 quote (byte 0x92)', () => {
    expect(records(result)[34]).toEqual(
      row(35, {
        id: id('PELIpwtuRlgC'),
        title: 'Team sri-sarnoff\u2019s aurora system@ trecvid 2011',
        authors: ['H Cheng', 'A Tamrakar', 'S Ali', 'Q Yu', 'O Javed', 'J Liu', 'A Divakaran'],
        authorCount: 7,
        published: '2011',
        url: view('PELIpwtuRlgC'),
        venue: 'Proceedings of NIST TRECVID, Workshop 101',
      }),
    );
  });

  it('reads row 38: a venue cut with "..." is not kept', () => {
    expect(records(result)[37]).toMatchObject({
      title: 'A fast alignment scheme for automatic ocr evaluation of books',
      authors: ['IZ Yalniz', 'R Manmatha'],
      published: '2011',
      venue: null,
    });
  });

  it('reads the last row, with an empty venue line', () => {
    expect(records(result)[99]).toEqual(
      row(100, {
        id: id('ZuybSZzF8UAC'),
        title: 'Modeling score distributions for meta search',
        authors: ['R Manmatha', 'T Rath', 'F Feng'],
        authorCount: 3,
        published: '2002',
        url: view('ZuybSZzF8UAC'),
        venue: null,
      }),
    );
  });
});

describe('Scholar byline', () => {
  it.each([
    [
      'Y Bengio - Foundations and trends® in Machine Learning, 2009 - dl.acm.org',
      ['Y Bengio'],
      'Foundations and trends® in Machine Learning',
      '2009',
    ],
    ['B VandenHeuvel - 2002 - digitalcommons.library.umaine.edu', ['B VandenHeuvel'], null, '2002'],
    ['J Smith-Jones, A Lee - books.google.com', ['J Smith-Jones', 'A Lee'], null, null],
    [
      'MJ Isaac, TJ Chinn\u00a0- Antarctica. Institute of Geological and …, 1996',
      ['MJ Isaac', 'TJ Chinn'],
      null,
      '1996',
    ],
  ])('%s', (text, authors, venue, year) => {
    expect(splitByline(text)).toEqual({ authors, venue, year });
  });

  it('has a matching URL only for results and profiles', () => {
    for (const url of [
      'https://scholar.google.com/',
      'https://scholar.google.com/citations?view_op=view_citation&citation_for_view=_0aMq28AAAAJ:tYavs44e6CUC',
      'https://scholar.google.com/scholar_lookup?title=x',
      'https://scholar.googleusercontent.com/scholar?q=cache:x',
    ]) {
      expect(scholar.matches(new URL(url))).toBe(false);
    }
  });
});
