import { describe, expect, test } from 'vitest';
import {
  backupJson,
  EMPTY_LIBRARY,
  importFile,
  type LibraryContents,
  makeBackup,
  parseBackup,
  planImport,
} from '../../lib/export';
import { toBibtex } from '../../lib/export/bibtex';
import type { Sighting } from '../../lib/paper/schema';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { hardPapers, paper, realPapers } from './fixtures';

function library(): LibraryContents {
  const papers = [...realPapers().slice(0, 300), ...hardPapers()];
  const sightings: Sighting[] = papers.slice(0, 50).map((p, i) => ({
    paperId: p.id,
    site: 'arxiv',
    pageUrl: 'https://arxiv.org/list/cs.LG/new',
    section: 'new',
    rank: i + 1,
    upvotes: null,
    comments: null,
    seenAt: 1_700_000_000_000 + i,
  }));
  const tagNames = [...new Set(papers.flatMap((p) => p.tags))];
  const tags = tagNames.map((name, i) => ({ name, color: '#4e79a7', createdAt: 1_700_000_000_000 + i }));
  return { papers, tags, sightings, settings: { ...DEFAULT_SETTINGS, theme: 'dark', hideDismissed: true } };
}

const withoutTime = (text: string) => {
  const { exportedAt: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

describe('backup', () => {
  test('backup → restore into an empty library → backup again gives the same content', () => {
    const first = backupJson(library(), new Date('2025-01-01T00:00:00Z'));
    const parsed = parseBackup(first);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan = planImport(EMPTY_LIBRARY, parsed.backup, 'replace');
    expect(plan.added).toBe(library().papers.length);
    const second = backupJson(plan.result, new Date('2025-06-01T00:00:00Z'));
    expect(withoutTime(second)).toEqual(withoutTime(first));
    // And through merge into an empty library as well.
    const merged = planImport(EMPTY_LIBRARY, parsed.backup, 'merge');
    expect(withoutTime(backupJson({ ...merged.result, settings: parsed.backup.settings }))).toEqual(withoutTime(first));
  });

  test('a backup written before papers had a venue reads with venue null, the rest unchanged', () => {
    const backup = JSON.parse(backupJson(library())) as { papers: Record<string, unknown>[] };
    for (const p of backup.papers) delete p.venue;
    const parsed = parseBackup(JSON.stringify(backup));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.backup.papers.map((p) => p.venue)).toEqual(backup.papers.map(() => null));
    expect(parsed.backup.papers.map((p) => p.id)).toEqual(backup.papers.map((p) => p.id));
  });

  test('a bad backup names what is wrong and where', () => {
    const backup = JSON.parse(backupJson(library())) as { papers: { title: string }[] };
    (backup.papers[12] as { title: string }).title = '';
    const parsed = parseBackup(JSON.stringify(backup));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toContainEqual({ where: 'papers[12].title', line: null, message: 'must not be empty' });
  });

  test('not JSON, not a backup, a newer version: one clear error each', () => {
    const bad = parseBackup('{"format": "paperlane-backup",\n "version": 1,\n oops}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[0]?.message).toMatch(/not valid JSON/);
      expect(bad.errors[0]?.line).toBe(3);
    }
    const other = parseBackup('{"hello": 1}');
    expect(other.ok ? [] : other.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/not a Paperlane backup/),
    ]);
    const newer = parseBackup(JSON.stringify({ ...makeBackup(library()), version: 2 }));
    expect(newer.ok ? [] : newer.errors.map((e) => e.message)).toEqual([expect.stringMatching(/newer Paperlane/)]);
  });

  test('merge preview counts added, updated, unchanged, tags and sightings; duplicates meet through the canonical id', () => {
    const existing = library();
    const known = existing.papers[0];
    if (!known) throw new Error('fixture');
    const incoming = {
      papers: [
        { ...known, tags: [...known.tags, 'new-tag'], updatedAt: known.updatedAt + 1 }, // updated
        existing.papers[1] as (typeof existing.papers)[number], // unchanged
        paper({ id: '2401.00001', arxivId: '2401.00001', title: 'A new paper' }), // added
        paper({ id: '2401.00001', arxivId: '2401.00001', title: 'A new paper', tags: ['dup'] }), // same paper twice
      ],
      sightings: [...existing.sightings.slice(0, 2), { ...(existing.sightings[0] as Sighting), seenAt: 1 }],
    };
    const plan = planImport(existing, incoming, 'merge', 42);
    expect({ added: plan.added, updated: plan.updated, unchanged: plan.unchanged, removed: plan.removed }).toEqual({
      added: 1,
      updated: 1,
      unchanged: 1,
      removed: 0,
    });
    expect(plan.tagsAdded).toBe(2); // new-tag and dup, each with a colour
    expect(plan.sightingsAdded).toBe(1);
    expect(plan.result.papers).toHaveLength(existing.papers.length + 1);
    expect(plan.result.papers.find((p) => p.id === '2401.00001')?.tags).toEqual(['dup']);
    expect(plan.result.settings).toEqual(existing.settings);
    // Nothing changed in place: the plan is a preview.
    expect(existing.papers[0]?.tags).not.toContain('new-tag');
  });

  test('replace preview counts the papers it drops and takes the settings of the backup', () => {
    const existing = library();
    const incoming = { ...existing, papers: existing.papers.slice(0, 10), settings: DEFAULT_SETTINGS };
    const plan = planImport(existing, incoming, 'replace');
    expect(plan.removed).toBe(existing.papers.length - 10);
    expect(plan.unchanged).toBe(10);
    expect(plan.result.settings).toEqual(DEFAULT_SETTINGS);
  });

  test('importFile reads a backup with everything in it', () => {
    const outcome = importFile(backupJson(library()));
    expect(outcome.ok && outcome.format).toBe('backup');
    if (outcome.ok) expect(outcome.backup?.sightings).toHaveLength(50);
  });

  test('a file read once is planned as if it were filed again: the same plan in every mode and library', () => {
    // importFile hands over its papers filed; planImport takes them as they are when filing found no duplicate,
    // and must give what filing them again gives (a copy of the list is not known to be filed).
    const papers = [...realPapers().slice(0, 200), ...hardPapers()];
    const files = [toBibtex(papers), toBibtex([...papers, ...papers.slice(0, 30)])];
    const libraries = [EMPTY_LIBRARY, library(), { ...EMPTY_LIBRARY, papers: realPapers().slice(150, 260) }];
    for (const file of files) {
      const outcome = importFile(file, 'auto', 7);
      if (!outcome.ok) throw new Error('not read');
      for (const existing of libraries) {
        for (const mode of ['merge', 'replace'] as const) {
          const filed = planImport(existing, { papers: outcome.papers }, mode, 9);
          const again = planImport(existing, { papers: [...outcome.papers] }, mode, 9);
          expect(filed).toEqual(again);
          expect(filed.result.papers.map((p) => p.id)).toEqual(again.result.papers.map((p) => p.id));
        }
      }
    }
  });
});
