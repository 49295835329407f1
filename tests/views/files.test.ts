/** Export files (names, Markdown grouped by topic), the clipboard's BibTeX, import reading and its error lines. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../lib/export';
import { bibtexOf, describeImportError, exportFile, readImport } from '../../lib/views/files';
import { makeLibraryPaper } from '../helpers/papers';

const day = new Date(2026, 0, 31);
const a = makeLibraryPaper('2501.00001', { title: 'Alpha', tags: ['ml'] });
const b = makeLibraryPaper('2501.00002', { title: 'Beta', tags: [] });

describe('exportFile', () => {
  it('names the file after the tag or topic and the day', () => {
    expect(exportFile([a, b], 'bibtex', { name: 'Graph neural nets', now: day }).name).toBe(
      'paperlane-graph-neural-nets-2026-01-31.bib',
    );
    expect(exportFile([a], 'csl-json', { now: day }).name).toBe('paperlane-library-2026-01-31.json');
    expect(exportFile([a], 'ris', { now: day }).type).toBe('application/x-research-info-systems');
  });

  it('groups Markdown by topic when groups are given, by tag otherwise', () => {
    const byTopic = exportFile([a, b], 'markdown', {
      groups: [
        { name: 'first topic', paperIds: [b.id] },
        { name: 'second topic', paperIds: [a.id] },
      ],
      now: day,
    }).text;
    expect(byTopic.indexOf('first topic')).toBeLessThan(byTopic.indexOf('Beta'));
    expect(byTopic.indexOf('Beta')).toBeLessThan(byTopic.indexOf('second topic'));
    const byTag = exportFile([a, b], 'markdown', { now: day }).text;
    expect(byTag).toMatch(/ml/);
    expect(byTag).toMatch(/Untagged/);
  });

  it('exports BibTeX that reads back to the same papers', () => {
    const back = importFile(exportFile([a, b], 'bibtex', { now: day }).text, 'auto');
    expect(back.ok && back.papers.map((p) => p.id).sort()).toEqual([a.id, b.id]);
    expect(bibtexOf(a)).toMatch(/^@misc\{/);
  });
});

describe('readImport', () => {
  it('locates errors by entry and line', () => {
    const read = readImport('@article{,\n}\n', 'bad.bib');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(describeImportError(read.errors[0] as never)).toBe(
      'entry 1, line 1: no title and nothing else to name it by: the entry holds no fields',
    );
    expect(describeImportError({ where: '', line: null, message: 'plain' })).toBe('plain');
  });
});
