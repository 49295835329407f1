import { describe, expect, it } from 'vitest';
import { beginScan, scanPage } from '../../lib/adapters/run';
import { allStrings, fixture, handmade, MARKUP, parse, records, scanHtml } from './helpers';

const NEW = fixture('arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');
const DAILY = fixture('huggingface/hf-daily-papers-2024-08-01.html');

describe('scanPage', () => {
  it('never throws on a URL it cannot parse', () => {
    const result = scanPage(parse('<p>x</p>'), 'not a url');
    expect(result).toMatchObject({ adapter: null, kind: null, cards: [], drift: false });
    expect(result.failures).toHaveLength(1);
  });

  it('reports nothing for a URL no site adapter reads (the generic one runs on demand only)', () => {
    const result = scanPage(parse('<a href="https://arxiv.org/abs/2106.09608">x</a>'), 'https://blog.example/');
    expect(result).toEqual({ adapter: null, kind: null, cards: [], failures: [], drift: false });
  });

  it('reports drift when paper links are there but no card is recognised', () => {
    // A listing whose markup changed: the links are there, the <dt>/<dd> pairs are not.
    const html = '<div id="dlpage"><dl><div><a href="/abs/2609.22268">arXiv:2609.22268</a></div></dl></div>';
    const result = scanPage(parse(html), 'https://arxiv.org/list/cs/new');
    expect(result.cards).toEqual([]);
    expect(result.drift).toBe(true);
  });

  it('counts a card that throws or fails validation, and goes on', () => {
    const doc = parse(NEW.html);
    // Break the second entry's title (empty) and the third entry's abs link (no id to read).
    const dds = doc.querySelectorAll('dd');
    for (const title of dds[1]?.querySelectorAll('.list-title') ?? []) title.textContent = '   ';
    const dts = doc.querySelectorAll('dt');
    dts[2]?.querySelector('a[href^="/abs/"]')?.setAttribute('href', '/abs/not-an-id');
    const result = scanPage(doc, NEW.url);
    expect(result.cards).toHaveLength(12);
    // The second fails validation; the third throws inside extractCard (its link names no paper): both counted.
    expect(result.failures).toEqual([
      { rank: 2, reason: 'title: must not be empty' },
      { rank: 3, reason: 'extractCard: listing entry without an /abs/ link' },
    ]);
    expect(records(result).map((r) => r.source.rank)).toEqual([1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('gives the same result a slice at a time as all at once, failures and drift included', () => {
    for (const file of ['arxiv/arxiv-search-200results-2025-12.html', 'huggingface/hf-daily-papers-2024-08-01.html']) {
      const { html, url } = fixture(file);
      const whole = scanPage(parse(html), url);
      const scan = beginScan(parse(html), url);
      expect(scan.total).toBeGreaterThan(0);
      let steps = 0;
      // A budget of zero still extracts (16 cards per clock read), so the scan always ends.
      while (!scan.step(0)) steps++;
      // 16 cards per clock read: a page of more is done in several steps.
      expect(steps).toBe(Math.ceil(scan.total / 16) - 1);
      expect(scan.step(0)).toBe(true);
      expect(records(scan.result)).toEqual(records(whole));
      expect(scan.result.failures).toEqual(whole.failures);
      expect(scan.result.drift).toBe(whole.drift);
    }
    // A page with paper links and no card: drift, once the (empty) scan is stepped.
    const drift = beginScan(
      parse('<main><a href="/abs/2609.22268">a paper</a></main>'),
      'https://arxiv.org/list/cs/new',
    );
    expect(drift.step()).toBe(true);
    expect(drift.result.drift).toBe(
      scanPage(parse('<main><a href="/abs/2609.22268">a paper</a></main>'), 'https://arxiv.org/list/cs/new').drift,
    );
  });

  it('takes the cards on screen first and still gives the result in page order (issue 19)', () => {
    const { html, url } = fixture('arxiv/arxiv-search-200results-2025-12.html');
    const whole = scanPage(parse(html), url);
    const scan = beginScan(parse(html), url);
    expect(scan.elements).toHaveLength(scan.total);
    const ahead = scan.first([120, 121, 122, 7]);
    expect(ahead.map((c) => c.record.id)).toEqual(
      [120, 121, 122, 7].map((i) => (whole.cards[i] as { record: { id: string } }).record.id),
    );
    expect(ahead[0]?.element).toBe(scan.elements[120]);
    // The next slices go on from the top, 16 cards each, and skip what was taken; a place taken twice gives nothing.
    const next = scan.next(0);
    expect(next.map((c) => c.record.id)).toEqual(
      records(whole)
        .slice(0, 17)
        .filter((_, i) => i !== 7)
        .map((r) => r.id),
    );
    expect(scan.first([7, 121])).toEqual([]);
    while (!scan.done) scan.next(0);
    expect(records(scan.result)).toEqual(records(whole));
    expect(scan.result.failures).toEqual(whole.failures);
  });

  it('scans a subtree that appeared later, with ranks counted on the whole page', () => {
    const doc = parse(NEW.html);
    const sections = doc.querySelectorAll('dl');
    const crossList = sections[1] as Element;
    const result = scanPage(doc, NEW.url, { within: crossList });
    expect(records(result).map((r) => [r.id, r.source.section, r.source.rank])).toEqual([
      ['2609.22118', 'cross-list', 13],
    ]);
    // The subtree may be the card itself.
    const card = crossList.querySelector('dt') as Element;
    expect(records(scanPage(doc, NEW.url, { within: card })).map((r) => r.id)).toEqual(['2609.22118']);
  });

  it('scans Hugging Face cards added later using the JSON read from the whole page', () => {
    const doc = parse(DAILY.html);
    const lastCard = doc.querySelectorAll('article')[12] as Element;
    const result = scanPage(doc, DAILY.url, { within: lastCard });
    expect(records(result)).toHaveLength(1);
    expect(records(result)[0]).toMatchObject({ id: '2404.01300', upvotes: 3, comments: 2, published: '2024-04-01' });
    expect(records(result)[0]?.source.rank).toBe(13);
  });
});

describe('hostile pages (handmade)', () => {
  it('counts a card nested in a card once', () => {
    const result = scanHtml(handmade('nested-cards.html'), 'https://huggingface.co/papers');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => r.id)).toEqual(['2601.10001', '2601.10002']);
  });

  it('keeps markup out of every field on every page', () => {
    const pages: [string, string, boolean][] = [
      [handmade('hf-hostile.html'), 'https://huggingface.co/papers', false],
      [handmade('nested-cards.html'), 'https://huggingface.co/papers', false],
      [handmade('arxiv-hostile.html'), 'https://arxiv.org/list/cs/new', false],
      [handmade('generic-link-list.html'), 'https://someone.example/', true],
    ];
    for (const [html, url, generic] of pages) {
      const result = scanHtml(html, url, { generic });
      expect(result.cards.length).toBeGreaterThan(0);
      for (const r of records(result)) for (const text of allStrings(r)) expect(text).not.toMatch(MARKUP);
    }
  });

  it('reads scripts and tags inside arXiv titles as text, never as markup', () => {
    const result = scanHtml(handmade('arxiv-hostile.html'), 'https://arxiv.org/list/cs/new');
    expect(result.failures).toEqual([]);
    expect(records(result).map((r) => r.title)).toEqual([
      'Bold claims about $x<y$ and $a > b$',
      'A title with an image and a frame',
    ]);
    expect(records(result)[1]?.authors).toEqual(['Alice Example']);
  });

  it('reads a page of several MB built from real entries without throwing', () => {
    const doc = parse(NEW.html);
    const dl = doc.querySelector('dl') as Element;
    const entries = [...dl.children].filter((el) => el.tagName === 'DT' || el.tagName === 'DD');
    // 12 entries × 170 ≈ 2,000 cards, ids made unique so that none is a duplicate.
    let n = 0;
    for (let copy = 0; copy < 170; copy++) {
      for (const el of entries) {
        const clone = el.cloneNode(true) as Element;
        if (clone.tagName === 'DT') {
          n++;
          const id = `2609.${String(30000 + n).padStart(5, '0')}`;
          for (const a of clone.querySelectorAll('a[href*="/abs/"]')) a.setAttribute('href', `/abs/${id}`);
        }
        dl.appendChild(clone);
      }
    }
    const size = doc.documentElement.outerHTML.length;
    expect(size).toBeGreaterThan(3_000_000);
    const result = scanPage(doc, NEW.url);
    expect(result.failures).toEqual([]);
    expect(result.cards).toHaveLength(14 + n);
    for (const r of records(result).slice(-5)) for (const text of allStrings(r)) expect(text).not.toMatch(MARKUP);
  });
});
