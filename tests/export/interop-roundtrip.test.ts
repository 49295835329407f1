/**
 * Every file of ../shared/interop imported, exported as BibTeX, BibLaTeX, RIS and CSL-JSON, and read back by the
 * independent readers (@retorquere/bibtex-parser for BibTeX and BibLaTeX, citation-js for RIS and CSL-JSON): the same
 * titles, authors (count, order, family names), years, DOIs and arXiv ids. @retorquere/bibtex-parser reads a few
 * hundred entries a second here, so a file gives at most SAMPLE papers, spread evenly over it; every file is used.
 */

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Cite } from '@citation-js/core';
import { parse as parseBibtexRetorquere } from '@retorquere/bibtex-parser';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { describe, expect, test } from 'vitest';
import {
  citationKeys,
  fromLatex,
  importFile,
  splitName,
  toBiblatex,
  toBibtex,
  toCslItems,
  toRis,
} from '../../lib/export';
import { arxivIdOf, citeDoiOf, dateOf } from '../../lib/export/paper-input';
import { arxivIdFromUrl } from '../../lib/paper/ids';
import type { LibraryPaper } from '../../lib/paper/schema';

const INTEROP = resolve(import.meta.dirname, '../../../shared/interop');
const SAMPLE = 30;

const index = JSON.parse(readFileSync(join(INTEROP, 'index.json'), 'utf8')) as { file: string }[];
const perFile = new Map<string, LibraryPaper[]>();
let refused = 0;
for (const { file } of index) {
  const outcome = importFile(new Uint8Array(readFileSync(join(INTEROP, file))));
  if (!outcome.ok) {
    refused++;
    continue;
  }
  const all = outcome.papers;
  const step = Math.max(1, Math.floor(all.length / SAMPLE));
  perFile.set(file, all.filter((_, i) => i % step === 0).slice(0, SAMPLE));
}
// One paper once: files share papers (one DOI written differently in two files).
const seen = new Set<string>();
const papers = [...perFile.values()].flat().filter((p) => !seen.has(p.id) && seen.add(p.id));

/** Letters and digits only: readers render TeX, markup and punctuation each their own way. */
function textKey(text: string): string {
  return fromLatex(text)
    .replace(/<\/?[a-z]+[^>]*>/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\\[A-Za-z]+/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/** Each author's family name as we split it (a whole name for an organisation). */
function families(paper: LibraryPaper): string[] {
  return paper.authors.map((a) => {
    const n = splitName(a);
    return n.literal === null ? familyKey(n.family) : textKey(n.literal);
  });
}

type Fields = { title: string; families: string[]; year: string | null; doi: string | null; arxiv: string | null };
function ours(paper: LibraryPaper): Fields {
  const date = dateOf(paper);
  return {
    title: textKey(paper.title),
    families: families(paper),
    year: date ? String(date.year) : null,
    doi: citeDoiOf(paper)?.toLowerCase() ?? null,
    arxiv: arxivIdOf(paper),
  };
}

const TEX = /\$[^$]*\$|\\[A-Za-z]+(?:\{[^{}]*\})?/g;

/**
 * Whether a reader's title says what ours says. A title that keeps TeX commands (`\phi`, `\href{…}{…}`, math) is
 * rendered by each reader its own way (φ, the link text), so there the text between the commands must appear in order.
 */
function sameTitle(paper: LibraryPaper, theirs: string): boolean {
  if (!TEX.test(paper.title)) return textKey(paper.title) === theirs;
  let from = 0;
  for (const segment of paper.title.split(TEX).map(textKey).filter(Boolean)) {
    const at = theirs.indexOf(segment, from);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
}

// Readers differ on whether "van den" belongs to the family name; the family name proper is what must survive.
const PARTICLE = /^(?:(?:van|von|der|den|de|del|della|di|da|das|dos|du|la|le|ter|ten|zu|y)\s+)+/i;
function familyKey(family: string): string {
  return textKey(family.replace(PARTICLE, ''));
}

/**
 * Mismatches a reader has that are not losses in our file, each seen in this corpus and checked by hand. Any other
 * mismatch is a loss, and the list printed above says which.
 */
const KNOWN_BIBTEX = new Set([
  // `author = {at Work, American Rights}`: BibTeX takes a lowercase word as a particle, so the reader's family is
  // "Work"; we keep "at Work" as the file wrote it, and write it back the same.
  'https://www.americanrightsatwork.org/blogcategory-275 families',
  // An initial glued to the family name in the source (`A.Bernal`, `A.Ostapenko`): one word to BibTeX, as we read
  // it; the reader splits it.
  '10.1021/nn2050517 families',
  '10.1103/physrevb.84.035313 families',
  // citation-js's commands.bib: the reader renders the unknown commands `\phi` and `\gamma` as symbols.
  'key:::phi title',
  'key:::qux title',
]);
const KNOWN_CSL = new Set([
  // A corporate author whose name holds commas ("Council on Cardiopulmonary, Critical Care, Perioperative and
  // Resuscitation"): RIS's AU has no mark for an organisation, so a reader splits it at the first comma.
  '10.1161/cir.0b013e318288b4dd families',
  // citation-js's label.bib writes `author = {, foo}`: an empty family name, which RIS cannot carry either.
  'key::foo:b families',
]);

function losses(mismatches: string[], known: Set<string>): string[] {
  return mismatches.filter((m) => ![...known].some((k) => m.startsWith(`${k}: `)));
}

function compare(name: string, read: (Fields | undefined)[]): string[] {
  const mismatches: string[] = [];
  for (const [i, paper] of papers.entries()) {
    const expected = ours(paper);
    const got = read[i];
    for (const field of ['title', 'families', 'year', 'doi', 'arxiv'] as const) {
      if (field === 'title' && got && sameTitle(paper, got.title)) continue;
      if (JSON.stringify(expected[field]) !== JSON.stringify(got?.[field] ?? null)) {
        mismatches.push(`${paper.id} ${field}: ${JSON.stringify(expected[field])} ≠ ${JSON.stringify(got?.[field])}`);
      }
    }
  }
  if (mismatches.length)
    console.log(`${name}: ${mismatches.length} mismatches\n  ${mismatches.slice(0, 10).join('\n  ')}`);
  return mismatches;
}

describe(`every file of ../shared/interop (${index.length} files) round-trips`, () => {
  test('the sample covers every file that holds papers', () => {
    expect(perFile.size + refused).toBe(index.length);
    expect(perFile.size).toBeGreaterThan(250);
    expect(papers.length).toBeGreaterThan(400);
  });

  for (const dialect of ['bibtex', 'biblatex'] as const) {
    test(`${dialect} read by @retorquere/bibtex-parser`, () => {
      const text = dialect === 'bibtex' ? toBibtex(papers) : toBiblatex(papers);
      const library = parseBibtexRetorquere(text, { sentenceCase: false, unsupported: 'ignore' });
      const keys = citationKeys(papers);
      const byKey = new Map(library.entries.map((e) => [e.key, e]));
      const read = papers.map((paper): Fields | undefined => {
        const entry = byKey.get(keys.get(paper.id) as string);
        if (!entry) return undefined;
        const f = entry.fields;
        const year = f.year ?? (typeof f.date === 'string' ? f.date.slice(0, 4) : undefined);
        return {
          title: textKey(String(f.title ?? '')),
          families: (f.author ?? []).map((c) => (c.name ? textKey(c.name) : familyKey(c.lastName ?? ''))),
          year: year ? String(year) : null,
          doi: f.doi ? String(f.doi).toLowerCase() : null,
          arxiv: f.eprint ? String(f.eprint) : null,
        };
      });
      expect(losses(compare(`retorquere ${dialect}`, read), KNOWN_BIBTEX)).toEqual([]);
    }, 300_000);
  }

  test('RIS read by citation-js', () => {
    const items = new Cite(toRis(papers), { forceType: '@ris/file' }).data as Record<string, unknown>[];
    expect(items).toHaveLength(papers.length);
    expect(losses(compare('citation-js ris', items.map(cslFields)), KNOWN_CSL)).toEqual([]);
  }, 300_000);

  test('CSL-JSON read by citation-js', () => {
    const items = new Cite(JSON.parse(JSON.stringify(toCslItems(papers)))).data as Record<string, unknown>[];
    expect(items).toHaveLength(papers.length);
    expect(losses(compare('citation-js csl', items.map(cslFields)), KNOWN_CSL)).toEqual([]);
  }, 300_000);
});

function cslFields(item: Record<string, unknown>): Fields {
  const issued = item.issued as { 'date-parts'?: number[][] } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0];
  const number = typeof item.number === 'string' ? /^arXiv:(.+)$/.exec(item.number)?.[1] : undefined;
  // citation-js maps no RIS field to the arXiv id: it comes back in the abstract page's URL.
  const fromUrl = typeof item.URL === 'string' ? arxivIdFromUrl(item.URL)?.id : undefined;
  return {
    title: textKey(String(item.title ?? '')),
    families: ((item.author as Record<string, string>[] | undefined) ?? []).map((n) =>
      n.literal ? textKey(n.literal) : familyKey(n.family ?? ''),
    ),
    year: year === undefined ? null : String(year),
    doi: typeof item.DOI === 'string' ? item.DOI.toLowerCase() : null,
    arxiv: number ?? fromUrl ?? null,
  };
}
