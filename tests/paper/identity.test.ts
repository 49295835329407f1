import { describe, expect, it } from 'vitest';
import {
  canonicalIdOf,
  contentKey,
  contentKeyOf,
  identifiersOf,
  idKind,
  isStrongKind,
  isValidIdOf,
  normalizeFamily,
  normalizeTitle,
  parseAclId,
  parseDblpKey,
  parseIdentifier,
  parseIsbn,
  parseOpenReviewId,
  parsePmcid,
  parsePmid,
  RANK,
  referenceIdOf,
  sameWork,
} from '../../lib/paper/identity';
import { canonicalIdOf as fromIds, idKind as idKindFromIds, normalizeDoi } from '../../lib/paper/ids';
import { PaperRecord } from '../../lib/paper/schema';
import { makeRecord } from '../helpers/papers';

describe('identifier parsers', () => {
  it.each([
    ['31452104', 'pmid:31452104'],
    ['PMID: 31452104', 'pmid:31452104'],
    ['pmid:031452104', 'pmid:31452104'],
    ['https://pubmed.ncbi.nlm.nih.gov/31452104/', 'pmid:31452104'],
    ['https://www.ncbi.nlm.nih.gov/pubmed/31452104', 'pmid:31452104'],
  ])('PMID %s → %s', (raw, id) => expect(parsePmid(raw)).toBe(id));
  it.each(['0', 'PMC123', '12a', '1234567890'])('PMID rejects %s', (raw) => expect(parsePmid(raw)).toBeNull());

  it.each([
    ['PMC6712345', 'pmcid:PMC6712345'],
    ['pmc6712345', 'pmcid:PMC6712345'],
    ['PMCID: PMC6712345', 'pmcid:PMC6712345'],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6712345/', 'pmcid:PMC6712345'],
    ['https://pmc.ncbi.nlm.nih.gov/articles/PMC6712345/', 'pmcid:PMC6712345'],
  ])('PMCID %s → %s', (raw, id) => expect(parsePmcid(raw)).toBe(id));
  it.each(['6712345', 'PMC', 'PMC0'])('PMCID rejects %s', (raw) => expect(parsePmcid(raw)).toBeNull());

  it.each([
    ['978-0-262-03561-3', 'isbn:9780262035613'],
    ['0-262-03561-8', 'isbn:9780262035613'],
    ['0262035618', 'isbn:9780262035613'],
    ['ISBN-13: 978 0 262 03561 3', 'isbn:9780262035613'],
    ['isbn:9780262035613', 'isbn:9780262035613'],
    ['0-8044-2957-X', 'isbn:9780804429573'],
    ['979-10-90636-07-1', 'isbn:9791090636071'],
  ])('ISBN %s → %s', (raw, id) => expect(parseIsbn(raw)).toBe(id));
  it.each([
    '978-0-262-03561-4', // wrong check digit
    '0-262-03561-9',
    '977-0-262-03561-3', // not a book prefix
    'X262035618',
    '12345',
  ])('ISBN rejects %s', (raw) => expect(parseIsbn(raw)).toBeNull());

  it.each([
    ['2023.acl-long.1', 'acl:2023.acl-long.1'],
    ['2020.EMNLP-main.17', 'acl:2020.emnlp-main.17'],
    ['acl:2021.findings-acl.12', 'acl:2021.findings-acl.12'],
    ['P18-1001', 'acl:P18-1001'],
    ['p18-1001', 'acl:P18-1001'],
    ['https://aclanthology.org/2023.acl-long.1/', 'acl:2023.acl-long.1'],
    ['https://aclanthology.org/P18-1001.pdf', 'acl:P18-1001'],
    ['https://www.aclweb.org/anthology/N19-1423', 'acl:N19-1423'],
  ])('ACL %s → %s', (raw, id) => expect(parseAclId(raw)).toBe(id));
  it.each(['P18-100', '18-1001', '2023.acl-long', 'https://example.org/P18-1001'])('ACL rejects %s', (raw) =>
    expect(parseAclId(raw)).toBeNull(),
  );

  it.each([
    ['openreview:B1xsqj09Fm', 'openreview:B1xsqj09Fm'],
    ['https://openreview.net/forum?id=B1xsqj09Fm', 'openreview:B1xsqj09Fm'],
    ['https://openreview.net/pdf?id=B1xsqj09Fm', 'openreview:B1xsqj09Fm'],
  ])('OpenReview %s → %s (case kept)', (raw, id) => expect(parseOpenReviewId(raw)).toBe(id));
  it.each(['https://openreview.net/group?id=ICLR.cc/2018', 'https://example.org/forum?id=B1xsqj09Fm', 'B1x'])(
    'OpenReview rejects %s',
    (raw) => expect(parseOpenReviewId(raw)).toBeNull(),
  );

  it.each([
    ['conf/iclr/SmithJ18', 'dblp:conf/iclr/SmithJ18'],
    ['dblp:journals/corr/abs-1706-03762', 'dblp:journals/corr/abs-1706-03762'],
    ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html', 'dblp:conf/nips/VaswaniSPUJGKP17'],
    ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.bib', 'dblp:conf/nips/VaswaniSPUJGKP17'],
  ])('dblp %s → %s', (raw, id) => expect(parseDblpKey(raw)).toBe(id));
  it.each(['homepages/s/JohnSmith', 'conf/iclr', 'SmithJ18'])('dblp rejects %s', (raw) =>
    expect(parseDblpKey(raw)).toBeNull(),
  );

  it('short DOIs are DOIs', () => {
    expect(normalizeDoi('10/FQD6HJ')).toBe('10/fqd6hj');
    expect(normalizeDoi('https://doi.org/10/fqd6hj')).toBe('10/fqd6hj');
    expect(idKind('10/fqd6hj')).toBe('doi');
    expect(parseIdentifier('doi:10/fqd6hj')).toBe('10/fqd6hj');
    expect(normalizeDoi('10/')).toBeNull();
  });

  it('reads any written identifier into its canonical form, and links into what they name', () => {
    expect(parseIdentifier('arXiv:2502.12345v2')).toBe('2502.12345');
    expect(parseIdentifier('https://doi.org/10.48550/arXiv.2502.12345')).toBe('2502.12345');
    expect(parseIdentifier('10.1038/NATURE14539')).toBe('10.1038/nature14539');
    expect(parseIdentifier('https://pubmed.ncbi.nlm.nih.gov/31452104/')).toBe('pmid:31452104');
    expect(parseIdentifier('https://aclanthology.org/P18-1001/')).toBe('acl:P18-1001');
    expect(parseIdentifier('HTTP://Example.org/paper/?utm_source=x#top')).toBe('https://example.org/paper');
    expect(parseIdentifier('PMC6712345')).toBe('pmcid:PMC6712345');
    // A bare number is not taken for a PMID: too many things are numbers.
    expect(parseIdentifier('31452104')).toBeNull();
    expect(parseIdentifier('javascript:alert(1)')).toBeNull();
  });
});

describe('idKind', () => {
  it.each([
    ['2502.12345', 'arxiv'],
    ['hep-th/9901001', 'arxiv'],
    ['10.1038/nature14539', 'doi'],
    ['pmid:1', 'pmid'],
    ['pmcid:PMC1', 'pmcid'],
    ['isbn:9780262035613', 'isbn'],
    ['acl:P18-1001', 'acl'],
    ['openreview:B1xsqj09Fm', 'openreview'],
    ['dblp:conf/iclr/SmithJ18', 'dblp'],
    ['https://example.org/a', 'url'],
    ['key:2017:vaswani:attention is all you need', 'key'],
  ])('%s is %s', (id, kind) => {
    expect(idKind(id)).toBe(kind);
    expect(idKindFromIds(id)).toBe(kind);
  });
  it('only URL, ISBN and the content key are weak', () => {
    expect(RANK.filter((k) => !isStrongKind(k))).toEqual(['isbn', 'url', 'key']);
  });
});

describe('the content key', () => {
  it('is key:<year>:<family>:<title>', () => {
    expect(contentKey('Attention Is All You Need', 'Vaswani', '2017-06-12')).toBe(
      'key:2017:vaswani:attention is all you need',
    );
    expect(contentKey('Attention Is All You Need', null, null)).toBe('key:::attention is all you need');
    expect(contentKey('?!', 'Vaswani', 2017)).toBeNull();
  });

  it('reads TeX, Unicode, case and punctuation alike', () => {
    const spellings = [
      'Mart{\\\'i}nez {\\"u}ber Stra{\\ss}e --- the {C}ase',
      'Mart\\\'{\\i}nez \\"uber Stra\\ss e: the case',
      'Martínez über Straße: the Case',
      'MARTÍNEZ ÜBER STRASSE - THE CASE',
      'Marti\u0301nez u\u0308ber Strasse. The case.',
    ];
    const keys = new Set(spellings.map(normalizeTitle));
    expect([...keys]).toEqual(['martinez uber strasse the case']);
  });

  it('reads a literal brace or dollar (stored escaped, `\\{`) as it reads a brace: no word is split', () => {
    const spellings = ['\\{S\\}urface on \\{112\\} for \\$5', '{S}urface on {112} for $5', 'Surface on 112 for 5'];
    expect([...new Set(spellings.map(normalizeTitle))]).toEqual(['surface on 112 for 5']);
  });

  it('drops a leading article only', () => {
    expect(normalizeTitle('The Elements of Statistical Learning')).toBe('elements of statistical learning');
    expect(normalizeTitle('A Theory of Learning')).toBe('theory of learning');
    expect(normalizeTitle('An Introduction')).toBe('introduction');
    expect(normalizeTitle('Attention Is All You Need: The Sequel')).toBe('attention is all you need the sequel');
    expect(normalizeTitle('A')).toBe('a');
  });

  it('keeps the subtitle: two works share a main title more often than a source drops a subtitle', () => {
    expect(normalizeTitle('Deep Learning: A Review')).not.toBe(
      normalizeTitle('Deep Learning: Methods and Applications'),
    );
  });

  it('keeps the last word of a family name, whatever a source counts as its particle', () => {
    for (const family of ['van den Berg', 'Berg', 'Van Den Berg', 'van den {B}erg']) {
      expect(normalizeFamily(family)).toBe('berg');
    }
    expect(normalizeFamily('García Márquez')).toBe('marquez');
    expect(normalizeFamily('Smith-Jones')).toBe('jones');
    expect(normalizeFamily('King Jr.')).toBe('king');
    expect(normalizeFamily('de')).toBe('de');
    expect(contentKeyOf({ title: 'X', authors: ['van den Berg, Sarah'], published: '2019' })).toBe(
      contentKeyOf({ title: 'X', authors: ['Sarah van Den Berg'], published: '2019-04-01' }),
    );
  });

  it('tells apart the same title in different years', () => {
    expect(contentKey('Introduction', 'Smith', 2019)).not.toBe(contentKey('Introduction', 'Smith', 2020));
  });
});

describe('canonicalIdOf: the best identifier wins', () => {
  const all: { arxivId: string | null; doi: string | null; url: string | null; aliases: string[]; title: string } = {
    arxivId: '1706.03762',
    doi: '10.5555/3295222.3295349',
    url: 'https://example.org/paper',
    aliases: [
      'key:2017:vaswani:attention is all you need',
      'dblp:conf/nips/VaswaniSPUJGKP17',
      'openreview:B1xsqj09Fm',
      'acl:P18-1001',
      'isbn:9780262035613',
      'pmcid:PMC6712345',
      'pmid:31452104',
    ],
    title: 'Attention Is All You Need',
  };
  it('in the documented order', () => {
    const order: string[] = [];
    let r: typeof all = { ...all };
    for (;;) {
      const id = canonicalIdOf(r);
      if (!id) break;
      order.push(idKind(id));
      r = {
        ...r,
        arxivId: idKind(id) === 'arxiv' ? null : r.arxivId,
        doi: idKind(id) === 'doi' ? null : r.doi,
        url: idKind(id) === 'url' ? null : r.url,
        aliases: r.aliases.filter((a) => a !== id),
        title: idKind(id) === 'key' ? '' : r.title,
      };
    }
    // As README's "Identity" gives it: arXiv id, DOI, PMID, PMCID, ISBN, ACL Anthology id, OpenReview forum id,
    // dblp key, URL, content key. Written out here, not read from RANK, so that a change to RANK fails this test.
    expect(order).toEqual(['arxiv', 'doi', 'pmid', 'pmcid', 'isbn', 'acl', 'openreview', 'dblp', 'url', 'key']);
  });
  it('is the same function through lib/paper/ids.ts, and reads records as before', () => {
    expect(fromIds).toBe(canonicalIdOf);
    expect(canonicalIdOf({ arxivId: null, doi: '10.48550/arXiv.2502.12345', url: null })).toBe('2502.12345');
    expect(canonicalIdOf({ arxivId: null, doi: null, url: 'https://arxiv.org/abs/2502.12345v2' })).toBe('2502.12345');
    expect(canonicalIdOf({ arxivId: null, doi: null, url: null })).toBeNull();
  });
  it('falls back to the content key of a titled record with no identifier', () => {
    expect(
      canonicalIdOf({
        arxivId: null,
        doi: null,
        url: null,
        title: 'On Things',
        authors: ['Ada Lovelace'],
        published: '1843',
      }),
    ).toBe('key:1843:lovelace:on things');
  });
  it('identifiersOf lists fields, then aliases, each once', () => {
    expect(
      identifiersOf({
        arxivId: '2502.12345v2',
        doi: '10.1000/X',
        url: 'https://arxiv.org/abs/2502.12345',
        aliases: ['10.1000/x', 'pmid:1'],
      }),
    ).toEqual(['2502.12345', '10.1000/x', 'pmid:1']);
  });
});

describe('the id rule of the schema', () => {
  const chapter = (n: number) => ({
    arxivId: null,
    doi: null,
    url: 'https://example.org/handbook',
    aliases: ['isbn:9780262035613'],
    title: `Chapter ${n}: things`,
    authors: ['Ada Lovelace'],
    published: '2019',
  });

  it('a part of a container with only weak identifiers is keyed by its content key', () => {
    expect(referenceIdOf(chapter(1), { partOfContainer: true })).toBe('key:2019:lovelace:chapter 1 things');
    expect(referenceIdOf(chapter(1), { partOfContainer: false })).toBe('isbn:9780262035613');
    expect(referenceIdOf({ ...chapter(1), doi: '10.1000/ch1' }, { partOfContainer: true })).toBe('10.1000/ch1');
  });

  it('accepts the canonical id, or a content key when no identifier is strong', () => {
    expect(isValidIdOf(chapter(1), 'isbn:9780262035613')).toBe(true);
    expect(isValidIdOf(chapter(1), 'key:2019:lovelace:chapter 1 things')).toBe(true);
    expect(isValidIdOf(chapter(1), 'key:2019:lovelace:chapter 2 things')).toBe(false);
    expect(isValidIdOf(chapter(1), 'https://example.org/handbook')).toBe(false);
    expect(isValidIdOf({ ...chapter(1), doi: '10.1000/ch1' }, 'key:2019:lovelace:chapter 1 things')).toBe(false);
    // a stored paper whose title was refined keeps the key it was filed under, listed among its aliases
    const refined = {
      ...chapter(1),
      title: 'Chapter 1: Things, revised',
      aliases: ['key:2019:lovelace:chapter 1 things'],
    };
    expect(isValidIdOf({ ...refined, url: null }, 'key:2019:lovelace:chapter 1 things')).toBe(true);
  });

  it('PaperRecord and LibraryPaper follow it, and read aliases from before as []', () => {
    const r = makeRecord('2502.12345');
    const { aliases: _dropped, ...old } = r;
    expect(PaperRecord.parse(old).aliases).toEqual([]);
    const keyed = {
      ...r,
      id: 'key:2025:lovelace:paper',
      arxivId: null,
      url: null,
      title: 'A paper',
      authors: ['Ada Lovelace'],
      published: '2025-01-01',
    };
    expect(PaperRecord.safeParse(keyed).success).toBe(true);
    expect(PaperRecord.safeParse({ ...keyed, id: 'key:2024:lovelace:paper' }).success).toBe(false);
    const pmid = { ...r, id: 'pmid:31452104', arxivId: null, url: null, aliases: ['PMID: 31452104'] };
    expect(PaperRecord.parse(pmid).aliases).toEqual(['pmid:31452104']);
    expect(PaperRecord.safeParse({ ...pmid, id: 'key:2025:lovelace:paper' }).success).toBe(false);
  });

  it('reads every alias into its canonical form and drops what names nothing', () => {
    const r = makeRecord('2502.12345');
    const parsed = PaperRecord.parse({
      ...r,
      aliases: ['ISBN 0-262-03561-8', 'isbn:9780262035613', 'nonsense', '', 'P18-1001'],
    });
    expect(parsed.aliases).toEqual(['isbn:9780262035613', 'acl:P18-1001']);
  });
});

describe('sameWork: a weak identifier is one work only where the content agrees', () => {
  const base = {
    id: 'https://example.org/handbook',
    arxivId: null,
    doi: null,
    url: 'https://example.org/handbook',
    title: 'Handbook of Things',
    authors: ['Ada Lovelace'],
    published: '2019',
  };
  it('same title, year and first author: one work', () => {
    expect(sameWork(base, { ...base, title: 'The handbook of things.', authors: ['Lovelace, A.'] })).toBe(true);
    expect(sameWork(base, { ...base, published: null, authors: [] })).toBe(true);
  });
  it.each([
    ['another chapter', { title: 'Handbook of Things: Chapter 2' }],
    ['a near-duplicate title', { title: 'Handbook of Thing' }],
    ['another year (an edition, a reprint)', { published: '2021' }],
    ['another first author', { authors: ['Alan Turing'] }],
    ['another DOI', { doi: '10.1000/b', id: '10.1000/b' }],
  ])('%s: two works', (_name, change) => {
    expect(sameWork({ ...base, doi: '10.1000/a' }, { ...base, ...change })).toBe(false);
  });
});
