/**
 * Identity in the library: a paper is found by any identifier it has been known by, two papers one record names are
 * merged (with undo), and weak identifiers (a book's URL and ISBN, a title) never merge distinct works.
 */
import { describe, expect, it } from 'vitest';
import { Library } from '../../lib/db/library';
import { contentKeyOf, otherKeysOf, referenceIdOf } from '../../lib/paper/identity';
import type { PaperRecord, PaperRecordInput } from '../../lib/paper/schema';
import { freshDbName, makeRecord } from '../helpers/papers';

async function openLibrary() {
  let clock = 1_000;
  return Library.open({ name: freshDbName(), now: () => ++clock });
}

const NONE = { arxivId: null, version: null, doi: null } as const;
const scholar = { site: 'generic', pageUrl: 'https://scholar.google.com/scholar?q=x', section: null, rank: 1 };

/** A record with no arXiv id, keyed as given. */
function reference(fields: Partial<PaperRecordInput> & { id: string; title: string }): PaperRecord {
  return makeRecord('2501.00001', { ...NONE, url: null, pdfUrl: null, source: scholar, ...fields });
}

const TITLE = 'Sparse Attention for Long Documents';
const AUTHORS = ['Grace Hopper', 'Alan Turing'];
const KEY = 'key:2021:hopper:sparse attention for long documents';

describe('a paper known by several identifiers', () => {
  it('a Scholar card saved by content key and a journal page by DOI become one paper when arXiv shows both', async () => {
    const library = await openLibrary();
    const card = reference({ id: KEY, title: TITLE, authors: AUTHORS, published: '2021' });
    expect(contentKeyOf(card)).toBe(KEY);
    await library.recordSightings([card]);
    await library.savePapers([card], { tags: ['reading-group'] });
    const journal = reference({
      id: '10.1000/sparse.2021',
      doi: '10.1000/sparse.2021',
      title: 'Sparse attention for long documents.',
      authors: ['Hopper, Grace'],
      published: '2021-03-02',
      url: 'https://journal.example/sparse',
      source: { site: 'generic', pageUrl: 'https://journal.example/sparse', section: null, rank: 1 },
    });
    await library.recordSightings([journal]);
    await library.updatePapers(['10.1000/sparse.2021'], { status: 'reading', note: 'read §3' });
    // The content keys agree (same title, first author, year): the journal page is the Scholar paper, now filed
    // under its DOI, with the card's key among its aliases.
    const papers = await library.listPapers();
    expect(papers.map((p) => p.id)).toEqual(['10.1000/sparse.2021']);
    expect(papers[0]).toMatchObject({ saved: true, tags: ['reading-group'], status: 'reading', note: 'read §3' });
    expect(papers[0]?.aliases).toContain(KEY);
    expect((await library.getStates([KEY]))[KEY]?.saved).toBe(true);
  });

  it('merges two stored papers the moment one record names both, keeping every decision, and undoes it', async () => {
    const library = await openLibrary();
    // Two papers stored apart: a Scholar card (no identifier: its content key)…
    const card = reference({ id: KEY, title: TITLE, authors: AUTHORS, published: '2021' });
    await library.recordSightings([card]);
    await library.savePapers([card], { tags: ['reading-group'] });
    // …and the journal version a year later, by DOI: another year, so another content key.
    const journal = reference({
      id: '10.1000/sparse.2021',
      doi: '10.1000/sparse.2021',
      title: 'Sparse Attention for Long Documents',
      authors: ['Hopper, Grace'],
      published: '2022',
      url: 'https://journal.example/sparse',
    });
    await library.recordSightings([journal]);
    await library.updatePapers(['10.1000/sparse.2021'], { addTags: ['journal'], note: 'read §3' });
    expect((await library.listPapers()).map((p) => p.id).sort()).toEqual(['10.1000/sparse.2021', KEY]);
    const before = await library.exportContents();

    // arXiv shows the preprint with the DOI: it names the DOI paper (strong) and the card (its content key).
    const arxiv = makeRecord('2103.01234', {
      doi: '10.1000/sparse.2021',
      title: TITLE,
      authors: AUTHORS,
      published: '2021-03-01',
    });
    const undo = await library.savePapers([arxiv]);
    const papers = await library.listPapers();
    expect(papers.map((p) => p.id)).toEqual(['2103.01234']);
    const [merged] = papers;
    expect(merged).toMatchObject({ saved: true, note: 'read §3', doi: '10.1000/sparse.2021' });
    expect(merged?.tags.sort()).toEqual(['journal', 'reading-group']);
    expect(merged?.aliases).toEqual(
      expect.arrayContaining(['2103.01234', '10.1000/sparse.2021', KEY, 'https://journal.example/sparse']),
    );
    // Every sighting of both moved to the survivor.
    expect((await library.getSightings('2103.01234')).map((s) => s.site).sort()).toEqual(['generic', 'generic']);
    // Found by every identifier it has been known by, under the id the card asked with.
    const asked = [KEY, '10.1000/sparse.2021', '2103.01234'];
    const states = await library.getStates(asked);
    expect(Object.keys(states).sort()).toEqual([...asked].sort());
    for (const id of asked) expect(states[id]).toMatchObject({ id: '2103.01234', saved: true });
    const page = await library.openPage(asked, 'page');
    expect(Object.keys(page.states).sort()).toEqual([...asked].sort());

    // Undo: both papers back as they were, with their sightings.
    expect(undo.before.map((b) => b.id).sort()).toEqual(['10.1000/sparse.2021', '2103.01234', KEY]);
    await library.restore(undo);
    const after = await library.exportContents();
    expect(after.papers.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      before.papers.sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(after.sightings.map((s) => s.paperId).sort()).toEqual(before.sightings.map((s) => s.paperId).sort());
  });

  it('learns a strong alias: a PubMed record and a DOI record that names the PMID are one paper', async () => {
    const library = await openLibrary();
    const pubmed = reference({ id: 'pmid:31452104', aliases: ['pmid:31452104'], title: 'Gene X', published: '2019' });
    await library.savePapers([pubmed], { tags: ['bio'] });
    const doi = reference({
      id: '10.1038/s41586-019-1234-5',
      doi: '10.1038/s41586-019-1234-5',
      aliases: ['PMID: 31452104', 'PMC6712345'],
      title: 'Gene X: a different title from the publisher',
      published: '2019-08-01',
    });
    await library.recordSightings([doi]);
    const papers = await library.listPapers();
    expect(papers.map((p) => p.id)).toEqual(['10.1038/s41586-019-1234-5']);
    expect(papers[0]?.tags).toEqual(['bio']);
    expect(papers[0]?.aliases).toEqual(expect.arrayContaining(['pmid:31452104', 'pmcid:PMC6712345']));
    expect((await library.getPaper('pmid:31452104'))?.id).toBe('10.1038/s41586-019-1234-5');
    // A card that still says the PMID unsaves the paper it now is.
    await library.updatePapers(['pmcid:PMC6712345'], { saved: false });
    expect((await library.getPaper('10.1038/s41586-019-1234-5'))?.saved).toBe(false);
  });

  it('two records of one batch that are one paper are filed once', async () => {
    const library = await openLibrary();
    const a = reference({ id: 'pmid:7', aliases: ['pmid:7'], title: 'T' });
    const b = reference({ id: '10.1000/t', doi: '10.1000/t', aliases: ['pmid:7'], title: 'T' });
    const ids = await library.recordSightings([a, b]);
    expect(ids).toEqual(['pmid:7', '10.1000/t']);
    expect((await library.listPapers()).map((p) => p.id)).toEqual(['10.1000/t']);
    expect(await library.getSightings('10.1000/t')).toHaveLength(2);
  });
});

describe('weak identifiers never merge distinct works', () => {
  const BOOK_URL = 'https://publisher.example/handbook-of-things';
  const ISBN = 'isbn:9780262035613';
  const chapterTitles = Array.from(
    { length: 16 },
    (_, i) => `Chapter ${i + 1}: ${['Introduction', 'Methods', 'Results', 'Discussion'][i % 4]} of things`,
  );

  it('sixteen chapters of one book, sharing its URL and ISBN, keyed as an importer keys them, stay sixteen papers', async () => {
    const library = await openLibrary();
    const chapters = chapterTitles.map((title, i) => {
      const fields = {
        ...NONE,
        url: BOOK_URL,
        aliases: [ISBN],
        title,
        authors: [`Author${i} Smith`],
        published: '2019',
      };
      const id = referenceIdOf(fields, { partOfContainer: true }) as string;
      return reference({ ...fields, id });
    });
    await library.savePapers(chapters);
    const book = reference({
      ...NONE,
      id: ISBN,
      url: BOOK_URL,
      aliases: [ISBN],
      title: 'Handbook of Things',
      published: '2019',
    });
    await library.savePapers([book]);
    // seen again, one by one and all together: nothing merges
    await library.recordSightings(chapters.slice(0, 3));
    await library.recordSightings([...chapters].reverse());
    const papers = await library.listPapers();
    expect(papers).toHaveLength(17);
    expect(new Set(papers.map((p) => p.title)).size).toBe(17);
    // The URL and the ISBN name no one chapter: they find the book, whose own id the ISBN is.
    expect((await library.getPaper(ISBN))?.title).toBe('Handbook of Things');
    const states = await library.getStates([BOOK_URL]);
    expect(states[BOOK_URL]).toBeUndefined();
  });

  it('sixteen page cards that all link to the book URL (their canonical id) stay sixteen papers, beside two articles that link there too', async () => {
    const library = await openLibrary();
    // Two journal articles that link to the same landing page sort before it in the index (DOIs before URLs).
    const articles = ['10.1000/a', '10.1000/b'].map((doi) =>
      reference({ id: doi, doi, url: BOOK_URL, title: `Article ${doi}`, published: '2019' }),
    );
    await library.recordSightings(articles);
    const cards = chapterTitles.map((title) => reference({ id: BOOK_URL, url: BOOK_URL, title, published: '2019' }));
    await library.recordSightings(cards);
    await library.recordSightings(cards);
    const papers = await library.listPapers();
    expect(papers).toHaveLength(18);
    expect(papers.filter((p) => p.id === BOOK_URL)).toHaveLength(1);
    // the card that holds the URL keeps finding its own paper
    const first = await library.getStates([BOOK_URL]);
    expect(first[BOOK_URL]?.id).toBe(BOOK_URL);
    expect((await library.getSightings(BOOK_URL)).length).toBe(2);
  });

  it('near-duplicate titles, one title in two years, and two editions stay apart', async () => {
    const library = await openLibrary();
    const url = 'https://example.org/shared-landing-page';
    const works = [
      { title: 'Attention Is All You Need', published: '2017' },
      { title: 'Attention Is Not All You Need', published: '2017' },
      { title: 'Attention Is All You Need?', published: '2017', authors: ['Jane Doe'] },
      { title: 'Attention Is All You Need in Speech Separation', published: '2017' },
      { title: 'Introduction', published: '2019' },
      { title: 'Introduction', published: '2020' },
      { title: 'Pattern Recognition and Machine Learning', published: '2006', aliases: ['isbn:9780387310732'] },
      { title: 'Pattern Recognition and Machine Learning', published: '2016', aliases: ['isbn:9781493938438'] },
    ];
    const records = works.map((w) =>
      reference({
        id: referenceIdOf({ ...NONE, url, authors: ['Ada Lovelace'], ...w }, { partOfContainer: true }) as string,
        url,
        authors: ['Ada Lovelace'],
        ...w,
      }),
    );
    // one at a time, then all at once, then a page card per work keyed by the shared URL
    for (const r of records) await library.savePapers([r]);
    await library.savePapers(records);
    await library.recordSightings(
      works.map((w) => reference({ id: url, url, authors: ['Ada Lovelace'], ...w, aliases: [] })),
    );
    const papers = await library.listPapers();
    expect(papers.map((p) => `${p.title} ${p.published}`).sort()).toEqual(
      works.map((w) => `${w.title} ${w.published}`).sort(),
    );
  });
});

describe("a page's cards, looked up by every identifier they carry (issue 16)", () => {
  it('find their saved papers in the first read, before any of their sightings is filed; near duplicates find none', async () => {
    const library = await openLibrary();
    // Saved from a journal page: known by its DOI alone.
    const journal = reference({
      id: '10.1000/sparse.2021',
      doi: '10.1000/sparse.2021',
      title: TITLE,
      authors: AUTHORS,
      published: '2021',
    });
    // Saved from arXiv: its arXiv id and its content key.
    const preprint = makeRecord('2104.04321', {
      title: 'Dense Retrieval at Scale',
      authors: ['Ada Lovelace'],
      published: '2021-04-09',
    });
    await library.savePapers([journal, preprint]);

    // An arXiv listing's card naming the journal DOI: its id is the arXiv id, which the library does not know.
    const arxivCard = makeRecord('2103.01234', {
      doi: '10.1000/sparse.2021',
      title: TITLE,
      authors: AUTHORS,
      published: '2021-03-01',
    });
    // A Scholar result with a publisher link only: its id is the link, its content key the preprint's.
    const scholarCard = reference({
      id: 'https://publisher.example/dense',
      url: 'https://publisher.example/dense',
      title: 'Dense retrieval at scale',
      authors: ['A Lovelace'],
      published: '2021',
    });
    // Near duplicates: one word more in the title; the preprint's content key but a DOI of its own (another work
    // where the preprint has a DOI; here the library holds one for it, below).
    const longer = reference({
      id: 'https://publisher.example/dense2',
      url: 'https://publisher.example/dense2',
      title: 'Dense Retrieval at Scale, Revisited',
      authors: ['Ada Lovelace'],
      published: '2021',
    });
    const otherDoi = reference({
      id: '10.1000/other',
      doi: '10.1000/other',
      title: 'Sparse attention for long documents',
      authors: ['Grace Hopper'],
      published: '2021',
    });
    const cards = [arxivCard, scholarCard, longer, otherDoi];
    const ids = cards.map((c) => c.id);
    const keys = otherKeysOf(cards);
    expect(keys['2103.01234']).toContain('10.1000/sparse.2021');
    expect(keys['https://publisher.example/dense']).toEqual(['key:2021:lovelace:dense retrieval at scale']);

    for (const states of [await library.getStates(ids, keys), (await library.openPage(ids, 'p', keys)).states]) {
      expect(states['2103.01234']).toMatchObject({ id: '10.1000/sparse.2021', saved: true });
      expect(states['https://publisher.example/dense']).toMatchObject({ id: '2104.04321', saved: true });
      // The other DOI shares the journal paper's content key, but two DOIs are two works.
      expect(Object.keys(states).sort()).toEqual(['2103.01234', 'https://publisher.example/dense']);
    }
    // By their own ids alone, as before, neither is found.
    expect(await library.getStates(ids)).toEqual({});
  });
});
