/** Our exports read back by our own importers: same ids, titles and authors for every paper. */
import { describe, expect, test } from 'vitest';
import { fromLatex, importFile, splitName, toBiblatex, toBibtex, toCslJson, toRis } from '../../lib/export';
import { dateOf } from '../../lib/export/paper-input';
import type { LibraryPaper } from '../../lib/paper/schema';
import { hardPapers, realPapers } from './fixtures';

const papers = [...realPapers(), ...hardPapers()];

/**
 * What survives a bibliography format: the title exactly, or with its TeX accents and escapes turned into the
 * letters they stand for (`Shr\"odinger` → Schrödinger).
 */
function sameTitle(paper: LibraryPaper, read: string): boolean {
  return read === paper.title || read === fromLatex(paper.title);
}

/** Authors compared by their parts: "Heath, Jr., Robert W." comes back as "Robert W. Heath Jr.". */
function nameParts(author: string) {
  const n = splitName(fromLatex(author));
  return [n.literal, n.given, n.particle, n.family, n.suffix].join('|');
}

describe.each([
  ['bibtex', toBibtex],
  ['biblatex', toBiblatex],
  ['ris', toRis],
  ['csl-json', toCslJson],
] as const)('%s → our importer', (format, write) => {
  test('every paper comes back with the same id, title and authors', () => {
    const outcome = importFile(write(papers), 'auto');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 5)));
    expect(outcome.format).toBe(format === 'biblatex' ? 'bibtex' : format);
    const back = new Map(outcome.papers.map((p) => [p.id, p]));
    expect(back.size).toBe(papers.length);
    let exactTitles = 0;
    const mismatches: string[] = [];
    for (const paper of papers) {
      const read = back.get(paper.id);
      if (!read) {
        mismatches.push(`${paper.id}: missing`);
        continue;
      }
      if (read.title === paper.title) exactTitles++;
      if (!sameTitle(paper, read.title)) mismatches.push(`${paper.id} title: ${paper.title} → ${read.title}`);
      if (JSON.stringify(read.authors.map(nameParts)) !== JSON.stringify(paper.authors.map(nameParts))) {
        mismatches.push(`${paper.id} authors: ${paper.authors.slice(0, 3)} → ${read.authors.slice(0, 3)}`);
      }
      // Without a published date, the exports write the year and month of the arXiv id; they come back as such.
      const written = dateOf(paper);
      const expected =
        paper.published ?? (written ? `${written.year}-${String(written.month).padStart(2, '0')}` : null);
      if (read.published !== expected) mismatches.push(`${paper.id} published: ${expected} → ${read.published}`);
      if (read.venue !== paper.venue) mismatches.push(`${paper.id} venue: ${paper.venue} → ${read.venue}`);
      if (JSON.stringify(read.tags) !== JSON.stringify(paper.tags))
        mismatches.push(`${paper.id} tags: ${paper.tags} → ${read.tags}`);
    }
    console.log(
      `${format}: ${papers.length} papers round-tripped, ${exactTitles} titles byte-identical, ${mismatches.length} mismatches`,
    );
    expect(mismatches.slice(0, 10)).toEqual([]);
  }, 60_000);
});

test('the arXiv DOI and the version do not leak into the stored paper; a journal DOI is kept', () => {
  const hard = hardPapers();
  const outcome = importFile(toBibtex(hard));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const byId = new Map(outcome.papers.map((p) => [p.id, p]));
  expect(byId.get('1706.03762')?.doi).toBeNull();
  expect(byId.get('1512.03385')?.doi).toBe('10.1109/cvpr.2016.90');
  expect(byId.get('10.1038/nature14539')?.arxivId).toBeNull();
  expect(byId.get('https://example.org/papers/42')?.url).toBe('https://example.org/papers/42');
  expect(byId.get('2106.00006')?.authors).toHaveLength(500);
});
