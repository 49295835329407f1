import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '../../lib/adapters/registry';
import { fixture, handmade, records, scanHtml } from './helpers';

const S2 = fixture('semanticscholar/s2-paper-crosswalk-metascraper.html');
const GS1 = fixture('scholar/gscholar-results-learning-deep-architectures-2016-05.html');
const GS2 = fixture('scholar/gscholar-results-unsupervised-feature-learning-2016-05.html');
const BIORXIV = fixture('biorxiv/biorxiv-content-page-2019-08-postlight.html');

const EMPTY_EXTRAS = {
  version: null,
  codeUrl: null,
  projectUrl: null,
  categories: [],
  upvotes: null,
  comments: null,
  organization: null,
  submitter: null,
  venue: null,
  githubStars: null,
  keywords: [],
  aliases: [],
};
const source = (pageUrl: string, rank = 1) => ({ site: 'generic', pageUrl, section: null, rank });

describe('generic extractor', () => {
  it('is never chosen by URL', () => {
    for (const page of [S2, BIORXIV]) expect(adapterForUrl(page.url)).toBeNull();
    // Scholar's result pages have their own adapter since issue 16: the generic one still reads them when asked.
    expect(adapterForUrl(GS1.url)?.id).toBe('scholar');
  });

  it('Semantic Scholar paper page: citation_* meta, with the full date from JSON-LD; reference rows are not cards', () => {
    const result = scanHtml(S2.html, S2.url, { generic: true });
    expect(result.kind).toBe('generic-paper');
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: '10.1177/23998083221081530',
        arxivId: null,
        doi: '10.1177/23998083221081530',
        title: 'Where the Crosswalk Ends: Mapping Crosswalk Coverage via Satellite Imagery in San Francisco',
        authors: ['Marcel E. Moran'],
        authorCount: 1,
        abstract: expect.stringMatching(
          /^Marked crosswalks are the primary means of safeguarding pedestrian travel at intersections in American cities\. .* notable gaps exist—in their pursuit of Vision Zero goals\.$/,
        ),
        // citation_publication_date says only "2022"; JSON-LD datePublished "4 April 2022".
        published: '2022-04-04',
        url: S2.url,
        // The page's own citation_pdf_url, a doi.org link.
        pdfUrl: 'https://doi.org/10.1177/23998083221081530',
        ...EMPTY_EXTRAS,
        // citation_journal_title, ahead of JSON-LD's "publication" (which has a colon after "B").
        venue: 'Environment and Planning B Urban Analytics and City Science',
        source: source(S2.url),
      },
    ]);
  });

  it('Google Scholar result with a link and a PDF beside it', () => {
    const result = scanHtml(GS1.html, GS1.url, { generic: true });
    expect(result.kind).toBe('generic-list');
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        // No DOI or arXiv id on the card: the result's link is the id.
        id: 'https://dl.acm.org/citation.cfm?id=1658424',
        arxivId: null,
        doi: null,
        title: 'Learning deep architectures for AI',
        authors: ['Y Bengio'],
        authorCount: 1,
        // The snippet ("Abstract Theoretical results … ...") is cut short: not the abstract.
        abstract: null,
        // "2009" alone is not a date.
        published: null,
        url: 'http://dl.acm.org/citation.cfm?id=1658424',
        pdfUrl:
          'http://sanghv.com/download/soft/machine%20learning,%20artificial%20intelligence,%20mathematics%20ebooks/ML/learning%20deep%20architectures%20for%20AI%20(2009).pdf',
        ...EMPTY_EXTRAS,
        source: source(GS1.url),
      },
    ]);
  });

  it('Google Scholar [CITATION] result without a link: the arXiv id from "CoRR, abs/1206.5538"', () => {
    const result = scanHtml(GS2.html, GS2.url, { generic: true });
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        id: '1206.5538',
        arxivId: '1206.5538',
        doi: null,
        title: 'Unsupervised feature learning and deep learning: A review and new perspectives',
        authors: ['Y Bengio', 'AC Courville', 'P Vincent'],
        authorCount: 3,
        abstract: null,
        published: null,
        url: null,
        pdfUrl: null,
        ...EMPTY_EXTRAS,
        source: source(GS2.url),
      },
    ]);
  });

  it('bioRxiv: Highwire meta (saved with value= for content=), a placeholder Jan 1st replaced by DC.Date', () => {
    const result = scanHtml(BIORXIV.html, BIORXIV.url, { generic: true });
    expect(result.failures).toEqual([]);
    const [r] = records(result);
    expect(records(result)).toHaveLength(1);
    expect(r).toEqual({
      id: '10.1101/696633',
      arxivId: null,
      doi: '10.1101/696633',
      title: 'Sub-nucleosomal organization in urine cell-free DNA',
      authors: [
        'Havell Markus',
        'Jun Zhao',
        'Tania Contente-Cuomo',
        'Elizabeth Raupach',
        'Ahuva Odenheimer-Bergman',
        'Sydney Connor',
        'Bradon R. McDonald',
        'Elizabeth Hutchins',
        'Marissa McGilvery',
        'Michelina C. de la Maza',
        'Kendall Van Keuren-Jensen',
        'Patrick Pirrotte',
        'Ajay Goel',
        'Carlos Becerra',
        'Daniel D. Von Hoff',
        'Scott A. Celinski',
        'Pooja Hingorani',
        'Muhammed Murtaza',
      ],
      authorCount: 18,
      // citation_abstract wraps the text in <p>…</p>: the markup is gone.
      abstract: expect.stringMatching(
        /^Cell-free DNA \(cfDNA\) in urine is a promising analyte for noninvasive diagnostics\. .* genome-wide fragmentation analysis of urine cfDNA can enable cancer diagnostics\.$/,
      ),
      // citation_publication_date says 2019/01/01 (and COinS 2019-01-01); DC.Date 2019-07-11.
      published: '2019-07-11',
      url: 'https://www.biorxiv.org/content/10.1101/696633v1',
      pdfUrl: 'https://www.biorxiv.org/content/biorxiv/early/2019/07/11/696633.full.pdf',
      ...EMPTY_EXTRAS,
      // citation_journal_title: the preprint server, as the page names it.
      venue: 'bioRxiv',
      source: source(BIORXIV.url),
    });
  });

  it('reads the venue from JSON-LD isPartOf (a journal issue inside its periodical) ahead of COinS (handmade)', () => {
    const url = 'https://journal.example/articles/widgets';
    const result = scanHtml(handmade('generic-venue-jsonld-coins.html'), url, { generic: true });
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.venue, r.published])).toEqual([
      ['10.5555/widgets.2023', 'Journal of Widget Studies', '2023-03-14'],
    ]);
    // Without the JSON-LD, the COinS span's journal title is what the page says.
    const coinsOnly = handmade('generic-venue-jsonld-coins.html').replace(
      /<script type="application\/ld\+json">[\s\S]*?<\/script>/,
      '',
    );
    expect(records(scanHtml(coinsOnly, url, { generic: true })).map((r) => r.venue)).toEqual(['J. Widget Stud.']);
  });

  it('takes no venue from a WebSite the article is part of, nor from a page that names arXiv as its journal', () => {
    const url = 'https://journal.example/articles/widgets';
    const page = handmade('generic-venue-jsonld-coins.html').replace(/<span class="Z3988"[^>]*><\/span>/, '');
    const website = page.replace('"@type": "PublicationIssue"', '"@type": "WebSite"');
    expect(records(scanHtml(website, url, { generic: true })).map((r) => r.venue)).toEqual([null]);
    const arxivMeta =
      '<meta charset="utf-8"><meta name="citation_title" content="Sparse Widgets in Dense Gadgets"><meta name="citation_journal_title" content="ArXiv">';
    const arxivOnly = website.replace('<meta charset="utf-8">', arxivMeta);
    expect(records(scanHtml(arxivOnly, url, { generic: true })).map((r) => r.venue)).toEqual([null]);
    // Beside it, the periodical the JSON-LD names is the venue.
    const both = page.replace('<meta charset="utf-8">', arxivMeta);
    expect(records(scanHtml(both, url, { generic: true })).map((r) => r.venue)).toEqual(['Journal of Widget Studies']);
  });

  it('gives zero cards, and no drift, on a page that is not about papers (handmade)', () => {
    const result = scanHtml(handmade('not-about-papers.html'), 'https://cooking.example/lentil-soup', {
      generic: true,
    });
    expect(result.adapter).toBe('generic');
    expect(result.kind).toBeNull();
    expect(result.cards).toEqual([]);
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
  });

  it('groups arXiv and DOI links into cards on a reading list (handmade), once per paper', () => {
    const url = 'https://someone.example/reading';
    const result = scanHtml(handmade('generic-link-list.html'), url, { generic: true });
    expect(result.kind).toBe('generic-list');
    expect(records(result).map((r) => [r.id, r.title])).toEqual([
      ['1706.03762', 'Attention Is All You Need'],
      ['1512.03385', 'Deep Residual Learning for Image Recognition'],
      ['10.1038/nature14539', 'Deep learning review in Nature'],
      ['10.1038/323533a0', 'Learning representations by back-propagating errors'],
    ]);
    // The bare DOI has no title anywhere near it: counted as a failure, not made into a junk card.
    expect(result.failures).toEqual([{ rank: 4, reason: 'title: must not be empty' }]);
    const coins = records(result)[3];
    expect(coins).toMatchObject({
      authors: ['David E. Rumelhart', 'Geoffrey E. Hinton'],
      published: '1986-10-09',
      doi: '10.1038/323533a0',
    });
    expect(records(result)[1]?.version).toBeNull();
  });
});
