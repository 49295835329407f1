import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byId, FIXTURES, fixture, handmade, records, scanHtml } from './helpers';

const NEW = fixture('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');
const MONTH = fixture('arxiv/arxiv-list-cs-2301-month-show3-2024-06.html');
const EMPTY = fixture('arxiv/arxiv-list-cs-9101-empty-2024-06.html');
const SEARCH = fixture('arxiv/arxiv-search-200results-2025-12.html');
const ABS = fixture('arxiv/arxiv-abs-2106.09608-2021-12.html');
const HEAD_ONLY = fixture('arxiv/arxiv-abs-1902.02534-head-only-commonmeta.html');

/** Fields every arXiv record leaves empty: arXiv pages have no votes, code links or organisations. */
const NOTHING_ELSE = {
  codeUrl: null,
  projectUrl: null,
  upvotes: null,
  comments: null,
  organization: null,
  submitter: null,
  venue: null,
  githubStars: null,
  keywords: [],
  aliases: [],
};

describe('arXiv /new listing (2026 markup, excerpt)', () => {
  const result = scanHtml(NEW.html, NEW.url);
  const source = (section: string, rank: number) => ({ site: 'arxiv', pageUrl: NEW.url, section, rank });

  it('finds the 14 entries in page order, each with its section', () => {
    expect(result.adapter).toBe('arxiv');
    expect(result.kind).toBe('arxiv-listing');
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
    expect(records(result).map((r) => r.id)).toEqual([
      '2609.22268',
      '2609.22287',
      '2609.22341',
      '2609.22366',
      '2609.22376',
      '2609.22440',
      '2609.22461',
      '2609.22467',
      '2609.22472',
      '2609.22509',
      '2609.22558',
      '2609.22604',
      '2609.22118',
      '2411.19270',
    ]);
    expect(records(result).map((r) => r.source.section)).toEqual([
      ...Array(12).fill('new'),
      'cross-list',
      'replacement',
    ]);
    expect(result.cards.every((c) => c.element.tagName === 'DT')).toBe(true);
  });

  it('reads the first entry', () => {
    expect(byId(result, '2609.22268')).toEqual({
      id: '2609.22268',
      arxivId: '2609.22268',
      // From its HTML link, /html/2609.22268v1.
      version: 1,
      doi: null,
      title: 'Efficient spectral Galerkin framework for nonlinear transient heat transfer in finite domains',
      authors: ['Théo Andrieux', 'Andreas Ntinos', 'Manas V. Upadhyay'],
      authorCount: 3,
      abstract: expect.stringMatching(
        /^Accurately modelling the temporal evolution of heterogeneous temperature fields requires resolving .* The source code of the SG heat solver and some worked examples are available at this https URL under the Apache 2\.0 license\.$/,
      ),
      // A listing has no per-entry date; the heading's date is the announcement, not the paper's.
      published: null,
      url: 'https://arxiv.org/abs/2609.22268',
      pdfUrl: 'https://arxiv.org/pdf/2609.22268',
      categories: ['cond-mat.mtrl-sci'],
      ...NOTHING_ELSE,
      source: source('new', 1),
    });
  });

  it('leaves the version empty for an entry without an HTML link (2609.22604)', () => {
    expect(byId(result, '2609.22604')).toEqual({
      id: '2609.22604',
      arxivId: '2609.22604',
      version: null,
      doi: null,
      title: 'LiNiO2/NiO Phase Prediction Using Artificial Neural Networks',
      authors: ['Jonas Scheunert', 'Shamail Ahmed', 'Thomas Demuth', 'Andreas Beyer', 'Kerstin Volz'],
      authorCount: 5,
      abstract: expect.stringMatching(
        /^In the realm of material analysis, identifying different material phases is of key importance\. .* an area where traditional template-matching methods typically struggle\.$/,
      ),
      published: null,
      url: 'https://arxiv.org/abs/2609.22604',
      pdfUrl: 'https://arxiv.org/pdf/2609.22604',
      categories: ['cond-mat.mtrl-sci', 'physics.comp-ph'],
      ...NOTHING_ELSE,
      source: source('new', 12),
    });
  });

  it('reads the cross-list: primary category first, TeX kept in the abstract', () => {
    const r = byId(result, '2609.22118');
    expect(r).toEqual({
      id: '2609.22118',
      arxivId: '2609.22118',
      version: 1,
      doi: null,
      title:
        'Retrofitting a commercial RF induction generator into a computer-controlled, vacuum and gas integrated annealing system for reactive-metal grain growth',
      authors: [
        'Sterling G. Baird',
        'Ryan Weber',
        'Christopher Nyborg',
        'Ronald Guymon',
        'Gage Erickson',
        'Oliver K. Johnson',
      ],
      authorCount: 6,
      abstract: expect.stringMatching(
        /^High-temperature vacuum annealing near a metal's melting point drives controlled grain growth, .* direct anneal-to-EBSD characterization\.$/,
      ),
      published: null,
      url: 'https://arxiv.org/abs/2609.22118',
      pdfUrl: 'https://arxiv.org/pdf/2609.22118',
      categories: ['physics.ins-det', 'cond-mat.mtrl-sci'],
      ...NOTHING_ELSE,
      source: source('cross-list', 13),
    });
    expect(r.abstract).toContain('($R^2$ = 0.991)');
    expect(r.abstract).toContain('1201.2 $\\pm$ 1.3°');
  });

  it('reads the last entry, a replacement at v2 with five categories', () => {
    expect(byId(result, '2411.19270')).toEqual({
      id: '2411.19270',
      arxivId: '2411.19270',
      version: 2,
      doi: null,
      title: "Kirchhoff's analogy for a planar deformable ferromagnetic rod",
      authors: ['G. R. Krishna Chand Avatar', 'Vivekanand Dabade'],
      authorCount: 2,
      abstract: expect.stringMatching(
        /^Kirchhoff's kinetic analogy relates the equilibrium solutions of an elastic rod or strip to the motion of a spinning top\. .* which are absent in the phase portraits of purely elastic rods\.$/,
      ),
      published: null,
      url: 'https://arxiv.org/abs/2411.19270',
      pdfUrl: 'https://arxiv.org/pdf/2411.19270',
      categories: ['cond-mat.mtrl-sci', 'cond-mat.soft', 'math-ph', 'math.AP', 'math.DS'],
      ...NOTHING_ELSE,
      source: source('replacement', 14),
    });
  });
});

describe('arXiv monthly listing (2024 markup, re-indented)', () => {
  const result = scanHtml(MONTH.html, MONTH.url);
  const base = (rank: number) => ({
    version: null,
    doi: null,
    abstract: null,
    published: null,
    ...NOTHING_ELSE,
    source: { site: 'arxiv', pageUrl: MONTH.url, section: null, rank },
  });

  it('reads all three entries; names broken over lines are joined', () => {
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: '2301.00001',
        arxivId: '2301.00001',
        title: 'NFTrig',
        authors: ['Jordan Thompson', 'Ryan Benac', 'Kidus Olana', 'Talha Hassan', 'Andrew Sward', 'Tauheed Khan Mohd'],
        authorCount: 6,
        url: 'https://arxiv.org/abs/2301.00001',
        pdfUrl: 'https://arxiv.org/pdf/2301.00001',
        categories: ['cs.HC'],
        ...base(1),
      },
      {
        id: '2301.00002',
        arxivId: '2301.00002',
        title: 'Evaluating Alternative Glyph Design for Showing Large-Magnitude-Range Quantum Spins',
        authors: ['Henan Zhao', 'Garnett W. Bryant', 'Wesley Griffin', 'Judith E. Terrill', 'Jian Chen'],
        authorCount: 5,
        url: 'https://arxiv.org/abs/2301.00002',
        pdfUrl: 'https://arxiv.org/pdf/2301.00002',
        // Its comments link to arXiv:1905.02586; that is not this card's id.
        categories: ['cs.HC', 'cs.GR', 'quant-ph'],
        ...base(2),
      },
      {
        id: '2301.00003',
        arxivId: '2301.00003',
        title: 'Emotion in Cognitive Architecture: Emergent Properties from Interactions with Human Emotion',
        authors: ['Junya Morita'],
        authorCount: 1,
        url: 'https://arxiv.org/abs/2301.00003',
        pdfUrl: 'https://arxiv.org/pdf/2301.00003',
        categories: ['cs.HC', 'cs.AI'],
        ...base(3),
      },
    ]);
  });
});

describe('arXiv empty listing', () => {
  it('gives no card and no drift warning ("No updates for this time period.")', () => {
    const result = scanHtml(EMPTY.html, EMPTY.url);
    expect(result.kind).toBe('arxiv-listing');
    expect(result.cards).toEqual([]);
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
  });
});

describe('arXiv legacy listing markup (handmade page)', () => {
  const result = scanHtml(handmade('arxiv-legacy-new.html'), 'https://arxiv.org/list/cond-mat.mtrl-sci/new');

  it('pairs each dt with its dd, drops the descriptors, and finds sections from the h3 before each dl', () => {
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.source.section])).toEqual([
      ['2405.20001', 'new'],
      ['2405.20002', 'new'],
      ['2405.10003', 'cross-list'],
      ['2301.00004', 'replacement'],
    ]);
    expect(byId(result, '2405.20001')).toEqual({
      id: '2405.20001',
      arxivId: '2405.20001',
      version: null,
      doi: null,
      title: 'Strain tuning of Ga$_2$O$_3$ thin films',
      authors: ['Jane Doe', 'Richard Roe'],
      authorCount: 2,
      abstract: 'We tune strain in $\\beta$-Ga$_2$O$_3$ films.',
      published: null,
      url: 'https://arxiv.org/abs/2405.20001',
      pdfUrl: 'https://arxiv.org/pdf/2405.20001',
      categories: ['cond-mat.mtrl-sci', 'cond-mat.str-el'],
      ...NOTHING_ELSE,
      source: { site: 'arxiv', pageUrl: 'https://arxiv.org/list/cond-mat.mtrl-sci/new', section: 'new', rank: 1 },
    });
    expect(byId(result, '2405.10003').categories).toEqual(['physics.app-ph', 'cond-mat.mtrl-sci']);
  });

  it('takes a block by its first arXiv name when it has several, and codes only from the visible subjects', () => {
    // Handmade entries (current markup, altered): a title that also carries another block's name, and subjects
    // with a script, a label and a code broken across two blocks, none of which is a code a reader sees.
    const entry = (id: string, titleClass: string) => `
      <dt><a href="/abs/${id}" title="Abstract">arXiv:${id}</a></dt>
      <dd><div class="meta">
        <div class="${titleClass}"><span class="descriptor">Title:</span> Paper ${id}</div>
        <div class="list-authors"><a href="https://arxiv.org/search/cs?searchtype=author&amp;query=Doe,+J">Jane Doe</a></div>
        <div class="list-subjects"><span class="descriptor">Subjects (old):</span>
          <span class="primary-subject">Machine Learning (cs.LG)</span>; <script>"(evil.XX)"</script>
          <div>(ab</div><div>)</div> Computation and Language (cs.CL)</div>
        <p class="mathjax">An abstract.</p>
      </div></dd>`;
    const html = `<html><body><div id="dlpage"><dl>
      ${entry('2609.00001', 'list-comments list-title')}${entry('2609.00002', 'meta list-title mathjax')}
      </dl></div></body></html>`;
    const result = scanHtml(html, 'https://arxiv.org/list/cs/new');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.title, r.categories])).toEqual([
      ['2609.00001', 'Paper 2609.00001', ['cs.LG', 'cs.CL']],
      ['2609.00002', 'Paper 2609.00002', ['cs.LG', 'cs.CL']],
    ]);
  });

  it('takes a <dt> as an entry only by its /abs/ link: one with other links only is no card and no failure', () => {
    const entry = (id: string) => `<dt><a name="item">[1]</a> <a href="/abs/${id}" title="Abstract">arXiv:${id}</a>
        [<a href="/pdf/${id}">pdf</a>]</dt>
      <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Paper ${id}</div></div></dd>`;
    const html = `<html><body><div id="dlpage"><dl>
      ${entry('2609.00001')}
      <dt><a name="item">[2]</a> [<a href="/pdf/2609.00002">pdf</a>, <a href="/format/2609.00002">other</a>]</dt>
      <dd><div class="meta"><div class="list-title mathjax">Withdrawn</div></div></dd>
      ${entry('2609.00003')}
      </dl></div></body></html>`;
    const result = scanHtml(html, 'https://arxiv.org/list/cs/new');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.source.rank, r.pdfUrl])).toEqual([
      ['2609.00001', 1, 'https://arxiv.org/pdf/2609.00001'],
      ['2609.00003', 2, 'https://arxiv.org/pdf/2609.00003'],
    ]);
  });

  it('labels /recent sections with their day (handmade page, current markup)', () => {
    const recent = scanHtml(handmade('arxiv-recent-current.html'), 'https://arxiv.org/list/cs.CL/recent');
    expect(records(recent).map((r) => [r.id, r.source.section])).toEqual([
      ['2609.18001', 'Fri, 18 Sep 2026'],
      ['2609.17001', 'Thu, 17 Sep 2026'],
    ]);
  });
});

describe('arXiv search results (200 per page)', () => {
  const result = scanHtml(SEARCH.html, SEARCH.url);
  const source = (rank: number) => ({ site: 'arxiv', pageUrl: SEARCH.url, section: null, rank });

  it('finds all 200 results: the ids of the page source, in order', () => {
    expect(result.kind).toBe('arxiv-search');
    expect(result.failures).toEqual([]);
    // An independent reading of the raw page: the id link of each result's list-title paragraph.
    const raw = readFileSync(`${FIXTURES}${SEARCH.file}`, 'utf8');
    const expected = [
      ...raw.matchAll(/<p class="list-title is-inline-block"><a href="https:\/\/arxiv\.org\/abs\/([^"]+)">/g),
    ].map((m) => m[1]);
    expect(expected).toHaveLength(200);
    expect(records(result).map((r) => r.id)).toEqual(expected);
    expect(result.cards.every((c) => c.element.tagName === 'LI')).toBe(true);
  });

  it('reads the first result: the full abstract without its "Less" toggle', () => {
    expect(byId(result, '2512.03003')).toEqual({
      id: '2512.03003',
      arxivId: '2512.03003',
      version: 1,
      doi: null,
      title: 'The role of the top Yukawa coupling in triple Higgs production at the LHC',
      authors: ['Luca Panizzi'],
      authorCount: 1,
      abstract:
        'In this letter I quantify the effects of varying the top Yukawa coupling in the process of production of three Higgs bosons at the LHC. Modifications of the coupling within experimentally observed ranges have a sizeable impact on the total cross-section, but do not have large effects on the distributions of the invariant mass of the three-Higgs system and other global observables.',
      published: '2025-12-02',
      url: 'https://arxiv.org/abs/2512.03003',
      pdfUrl: 'https://arxiv.org/pdf/2512.03003',
      categories: ['hep-ph'],
      ...NOTHING_ELSE,
      source: source(1),
    });
  });

  it('counts the authors not shown ("et al. (11 additional authors not shown)")', () => {
    const r = byId(result, '2512.04147');
    expect(r.authors).toHaveLength(25);
    expect(r.authors[0]).toBe('W. Yu');
    expect(r.authors[24]).toBe('R. Naves Nogues');
    expect(r.authorCount).toBe(36);
    expect(r.categories).toEqual(['astro-ph.SR']);
  });

  it('reads the DOI tag, and keeps it apart from the categories (2512.10701)', () => {
    expect(byId(result, '2512.10701')).toEqual({
      id: '2512.10701',
      arxivId: '2512.10701',
      version: 1,
      doi: '10.1145/3773274.3774931',
      title: 'HybridVFL: Disentangled Feature Learning for Edge-Enabled Vertical Federated Multimodal Classification',
      authors: ['Mostafa Anoosha', 'Zeinab Dehghani', 'Kuniko Paxton', 'Koorosh Aslansefat', 'Dhavalkumar Thakker'],
      authorCount: 5,
      abstract: expect.stringMatching(
        /^Vertical Federated Learning \(VFL\) offers a privacy-preserving paradigm for Edge AI scenarios like mobile health diagnostics, where sensitive multimodal data reside on distributed, resource-constrained devices\. Yet, standard VFL systems often suffer performance limitations due to simplistic feature fusion\. .*[^\u25b3]$/,
      ),
      published: '2025-12-11',
      url: 'https://arxiv.org/abs/2512.10701',
      pdfUrl: 'https://arxiv.org/pdf/2512.10701',
      categories: ['cs.LG'],
      ...NOTHING_ELSE,
      source: source(21),
    });
  });

  it('keeps TeX in titles as written, and dates a revised paper by its first version (2512.03876, 2512.07321)', () => {
    expect(byId(result, '2512.03876').title).toBe(
      'Generalized Beth--Uhlenbeck entropy formula from the $Φ-$derivable approach',
    );
    expect(byId(result, '2512.03876').categories).toEqual(['nucl-th', 'hep-th', 'physics.plasm-ph']);
    const revised = byId(result, '2512.07321');
    expect(revised.version).toBe(2);
    expect(revised.published).toBe('2025-12-08');
  });

  it('reads the last result', () => {
    expect(byId(result, '2512.08261')).toMatchObject({
      title:
        'Beyond Traditional Diagnostics: Transforming Patient-Side Information into Predictive Insights with Knowledge Graphs and Prototypes',
      categories: ['cs.AI'],
      source: source(200),
    });
  });
});

describe('arXiv abstract pages', () => {
  it('reads the 2021 page from its citation_* meta, version from og:url, categories from the subjects cell', () => {
    const result = scanHtml(ABS.html, ABS.url);
    expect(result.kind).toBe('arxiv-abs');
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: '2106.09608',
        arxivId: '2106.09608',
        version: 2,
        doi: null,
        title: 'Learning Knowledge Graph-based World Models of Textual Environments',
        // citation_author "Ammanabrolu, Prithviraj" in reading order, as the page body shows it.
        authors: ['Prithviraj Ammanabrolu', 'Mark O. Riedl'],
        authorCount: 2,
        abstract: expect.stringMatching(
          /^World models improve a learning agent's ability to efficiently operate in interactive and situated environments\. .* as well as the importance of each of our contributions\.$/,
        ),
        // citation_date (v1); citation_online_date 2021/10/20 is the revision.
        published: '2021-06-17',
        url: 'https://arxiv.org/abs/2106.09608',
        pdfUrl: 'https://arxiv.org/pdf/2106.09608',
        categories: ['cs.LG', 'cs.AI', 'cs.CL'],
        ...NOTHING_ELSE,
        source: { site: 'arxiv', pageUrl: ABS.url, section: null, rank: 1 },
      },
    ]);
  });

  it('takes the title from the next source when the citation meta holds only a script (found by fuzzing)', () => {
    const title =
      'Crowdsourcing open citations with CROCI -- An analysis of the current status of open citations, and a proposal';
    const hostile = (html: string, names: string[]) =>
      html.replace(/(<meta (?:name|property)="([^"]+)" content=")[^"]*"/g, (all, start: string, name: string) =>
        names.includes(name) ? `${start}&lt;script&gt;alert(1)&lt;/script&gt;"` : all,
      );
    const replaced = hostile(HEAD_ONLY.html, ['citation_title', 'og:title']);
    expect(replaced.match(/content="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/g)).toHaveLength(2);
    const onlyOg = scanHtml(hostile(HEAD_ONLY.html, ['citation_title']), HEAD_ONLY.url);
    expect(records(onlyOg).map((r) => r.title)).toEqual([title]);
    // Every title meta hostile: the document title, less its "[1902.02534] " prefix.
    const none = scanHtml(replaced, HEAD_ONLY.url);
    expect(none.failures).toEqual([]);
    expect(records(none).map((r) => r.title)).toEqual([title]);
  });

  it('reads a page that is only its <head>', () => {
    const result = scanHtml(HEAD_ONLY.html, HEAD_ONLY.url);
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: '1902.02534',
        arxivId: '1902.02534',
        version: 2,
        doi: null,
        title:
          'Crowdsourcing open citations with CROCI -- An analysis of the current status of open citations, and a proposal',
        authors: ['Ivan Heibi', 'Silvio Peroni', 'David Shotton'],
        authorCount: 3,
        abstract: expect.stringMatching(
          /^In this paper, we analyse the current availability of open citations data in one particular dataset, namely COCI .* CROCI, the Crowdsourced Open Citations Index\.$/,
        ),
        published: '2019-02-07',
        url: 'https://arxiv.org/abs/1902.02534',
        // As the meta tag gives it (http).
        pdfUrl: 'http://arxiv.org/pdf/1902.02534',
        categories: [],
        ...NOTHING_ELSE,
        source: { site: 'arxiv', pageUrl: HEAD_ONLY.url, section: null, rank: 1 },
      },
    ]);
  });
});
