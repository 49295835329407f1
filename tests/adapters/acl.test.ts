import { describe, expect, it } from 'vitest';
import { acl, yearOfAclId } from '../../lib/adapters/acl';
import { fixture, handmade, LISTING_EMPTY, records, scanHtml } from './helpers';

// Pages of ../shared/fixtures/index-next.json (tests/adapters/helpers.ts, LANDED_DIRECTORIES).
const PEOPLE = fixture('acl/acl-anthology-people-andreas-madsack-2021-08.html');
const PAPER = fixture('acl/acl-anthology-paper-2021.naacl-main.208-2026-02.html');

const EMPTY = { ...LISTING_EMPTY, arxivId: null, doi: null, comments: null, keywords: [] };
const listed = (id: string, pageUrl: string, rank: number, fields: object) => ({
  id: `acl:${id}`,
  url: `https://aclanthology.org/${id}/`,
  pdfUrl: `https://aclanthology.org/${id}.pdf`,
  aliases: [`acl:${id}`],
  ...EMPTY,
  ...fields,
  source: { site: 'acl', pageUrl, section: null, rank },
});

describe('ACL Anthology author page (2021 markup)', () => {
  const result = scanHtml(PEOPLE.html, PEOPLE.url);

  it('finds the 5 papers by their title links', () => {
    expect(result.kind).toBe('acl-list');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => r.id)).toEqual([
      'acl:W19-4201',
      'acl:W18-3607',
      'acl:W18-6560',
      'acl:K18-3004',
      'acl:W17-3524',
    ]);
  });

  it('reads the first paper: authors from people links (not the "abs" badge), abstract from its collapsed block', () => {
    expect(records(result)[0]).toEqual(
      listed('W19-4201', PEOPLE.url, 1, {
        title: 'AX Semantics\u2019 Submission to the SIGMORPHON 2019 Shared Task',
        authors: ['Andreas Madsack', 'Robert Weißgraeber'],
        authorCount: 2,
        abstract: expect.stringMatching(
          /^This paper describes the AX Semantics’ submission to the SIGMORPHON 2019 shared task .* to facilitate easy operation and reuse\.$/,
        ),
        // The year is in the Anthology id (W19).
        published: '2019',
        venue: 'Proceedings of the 16th Workshop on Computational Research in Phonetics, Phonology, and Morphology',
      }),
    );
  });

  it('reads paper 4, which has no abstract', () => {
    expect(records(result)[3]).toEqual(
      listed('K18-3004', PEOPLE.url, 4, {
        title: 'AX Semantics\u2019 Submission to the CoNLL\u2013SIGMORPHON 2018 Shared Task',
        authors: ['Andreas Madsack', 'Alessia Cavallo', 'Johanna Heininger', 'Robert Weißgraeber'],
        authorCount: 4,
        abstract: null,
        published: '2018',
        venue: 'Proceedings of the CoNLL\u2013SIGMORPHON 2018 Shared Task: Universal Morphological Reinflection',
      }),
    );
  });

  it('reads the last paper', () => {
    expect(records(result)[4]).toEqual(
      listed('W17-3524', PEOPLE.url, 5, {
        title: 'A working, non-trivial, topically indifferent NLG System for 17 languages',
        authors: ['Robert Weißgraeber', 'Andreas Madsack'],
        authorCount: 2,
        abstract: expect.stringMatching(/^A fully fledged practical working application for a rule-based NLG system/),
        published: '2017',
        venue: 'Proceedings of the 10th International Conference on Natural Language Generation',
      }),
    );
  });
});

describe('ACL Anthology paper page (2026)', () => {
  it('reads the citation meta: the DOI is the id, the Anthology id an alias', () => {
    const result = scanHtml(PAPER.html, PAPER.url);
    expect(result.kind).toBe('acl-paper');
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        ...EMPTY,
        id: '10.18653/v1/2021.naacl-main.208',
        doi: '10.18653/v1/2021.naacl-main.208',
        title: 'How many data points is a prompt worth?',
        authors: ['Teven Le Scao', 'Alexander M. Rush'],
        authorCount: 2,
        abstract: expect.stringMatching(
          /^When fine-tuning pretrained models for classification, researchers either use/,
        ),
        // citation_publication_date "2021/6"
        published: '2021-06',
        url: 'https://aclanthology.org/2021.naacl-main.208/',
        pdfUrl: 'https://aclanthology.org/2021.naacl-main.208.pdf',
        venue:
          'Proceedings of the 2021 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies',
        aliases: ['acl:2021.naacl-main.208'],
        source: { site: 'acl', pageUrl: PAPER.url, section: null, rank: 1 },
      },
    ]);
  });
});

describe('ACL Anthology volume page (handmade, other markup)', () => {
  it('finds the front matter and the paper by their title links; a link in running text is no card', () => {
    const url = 'https://aclanthology.org/volumes/2023.acl-long/';
    const result = scanHtml(handmade('acl-volume.html'), url);
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.authors, r.published, r.pdfUrl])).toEqual([
      [
        'acl:2023.acl-long.0',
        ['Anna Rogers', 'Jordan Boyd-Graber'],
        '2023',
        'https://aclanthology.org/2023.acl-long.0.pdf',
      ],
      ['acl:2023.acl-long.1', ['Enshen Zhou', 'Ada Lovelace'], '2023', 'https://aclanthology.org/2023.acl-long.1.pdf'],
    ]);
    expect(new Set(records(result).map((r) => r.venue))).toEqual(
      new Set([
        'Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)',
      ]),
    );
  });

  it.each([
    ['2021.naacl-main.208', '2021'],
    ['W19-4201', '2019'],
    ['P98-1001', '1998'],
    ['nothing', null],
  ])('year of %s is %s', (id, year) => expect(yearOfAclId(id)).toBe(year));

  it('reads no PDF, home or search page', () => {
    for (const url of [
      'https://aclanthology.org/',
      'https://aclanthology.org/W19-4201.pdf',
      'https://aclanthology.org/search/?q=x',
    ]) {
      expect(acl.matches(new URL(url))).toBe(false);
    }
  });
});

describe('ACL Anthology event and volume pages (handmade, in the 2021 author page markup)', () => {
  const EVENT = 'https://aclanthology.org/events/emnlp-2019/';
  const VOLUME = 'https://aclanthology.org/volumes/D19-60/';

  it('an event page: every row of both volumes, front matter first, not the volume headings or the contents', () => {
    const result = scanHtml(handmade('acl-event-handmade.html'), EVENT);
    expect(result.kind).toBe('acl-list');
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
    expect(records(result).map((r) => r.id)).toEqual([
      'acl:D19-1000',
      'acl:D19-1001',
      'acl:D19-1002',
      'acl:D19-1003',
      'acl:D19-6000',
      'acl:D19-6001',
      'acl:D19-6002',
    ]);
    // The last row of the first volume: three authors, its abstract from the collapsed block below the row. Its
    // venue is the volume named in the heading above the rows (the row itself links no volume).
    expect(records(result)[3]).toEqual(
      listed('D19-1003', EVENT, 4, {
        title: 'The Last Handmade Long Paper',
        authors: ['Kurt Gödel', 'John von Neumann', 'Marie Curie'],
        authorCount: 3,
        abstract: 'Another invented abstract.',
        published: '2019',
        venue: 'Proceedings of a Handmade Conference (Volume 1: Long Papers)',
      }),
    );
    // Each row has the volume of the heading above it, the front matter too; never the "Contents" heading's.
    const FIRST = 'Proceedings of a Handmade Conference (Volume 1: Long Papers)';
    const WORKSHOP = 'Proceedings of a Handmade Workshop';
    expect(records(result).map((r) => r.venue)).toEqual([FIRST, FIRST, FIRST, FIRST, WORKSHOP, WORKSHOP, WORKSHOP]);
  });

  it('a volume page: its 3 rows; a paper linked from the running text is no card', () => {
    const result = scanHtml(handmade('acl-volume-handmade.html'), VOLUME);
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => [r.id, r.authors])).toEqual([
      ['acl:D19-6000', ['Sofia Kovalevskaya']],
      ['acl:D19-6001', ['Henri Poincaré']],
      ['acl:D19-6002', ['Srinivasa Ramanujan', 'G. H. Hardy']],
    ]);
    // The volume is the page's title; the lead's link to a paper of another volume changes nothing.
    expect(records(result).map((r) => r.venue)).toEqual(Array(3).fill('Proceedings of a Handmade Workshop'));
  });
});
