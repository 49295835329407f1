import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Library, StorageFullError } from '../../lib/db/library';
import { DB_VERSION, type LibrarySchema, upgradeLibrary } from '../../lib/db/schema';
import { importFile } from '../../lib/export';
import { planImport } from '../../lib/export/backup';
import type { LibraryPaper } from '../../lib/paper/schema';
import { freshDbName, makeLibraryPaper, makeRecord } from '../helpers/papers';

afterEach(() => vi.restoreAllMocks());

describe('storage quota exceeded', () => {
  it('says what happened and how to free space, and changes nothing', async () => {
    const library = await Library.open({ name: freshDbName() });
    await library.savePapers([makeRecord('2503.00001')], { tags: ['kept'] });
    const before = await library.exportContents();
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    // The browser refuses the third write of the transaction, as it does when the origin's quota is used up.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      calls++;
      if (calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<IDBObjectStore['put']>);
    });
    const attempt = library.savePapers(
      ['2503.00002', '2503.00003', '2503.00004', '2503.00005'].map((id) => makeRecord(id)),
      { tags: ['new-tag'] },
    );
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toThrow(/storage quota exceeded\).*Nothing was changed.*Free space/);
    vi.restoreAllMocks();
    expect(await library.exportContents()).toEqual(before);
  });
});

describe('storage quota exceeded while a bulk save keeps its undo', () => {
  // The save's undo is written in the save's own transaction (savePapersKeepingUndo, issue 19): a batch whose undo
  // the browser refuses must leave none of its papers behind, or they would be saved with no way to undo them.
  for (const refused of ['the undo', 'a paper'] as const) {
    it(`changes nothing when the browser refuses ${refused}`, async () => {
      const library = await Library.open({ name: freshDbName() });
      await library.savePapers([makeRecord('2503.00001')], { tags: ['kept'] });
      const before = await library.exportContents();
      const put = IDBObjectStore.prototype.put;
      let papers = 0;
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
        const key = (args[0] as { key?: unknown }).key;
        const isUndo = this.name === 'meta' && typeof key === 'string' && key.startsWith('undo:');
        if (this.name === 'papers') papers++;
        if (refused === 'the undo' ? isUndo : papers === 40) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args as Parameters<IDBObjectStore['put']>);
      });
      const records = Array.from({ length: 60 }, (_, i) => makeRecord(`2503.${String(10002 + i)}`));
      await expect(library.savePapersKeepingUndo(records)).rejects.toBeInstanceOf(StorageFullError);
      vi.restoreAllMocks();
      expect(await library.exportContents()).toEqual(before);
      expect(await library.countPapers()).toBe(1);
      // The library still saves once space is free, and that save is undoable.
      const ticket = await library.savePapersKeepingUndo(records.slice(0, 5));
      expect(await library.countPapers()).toBe(6);
      await library.restoreTokens(ticket.tokens);
      expect(await library.exportContents()).toEqual(before);
    });
  }
});

describe('storage quota exceeded while an import is written', () => {
  it('leaves the library as it was: the confirmed import is written whole or not at all', async () => {
    const library = await Library.open({ name: freshDbName() });
    await library.savePapers([makeRecord('2503.00001')], { tags: ['kept'] });
    const before = await library.exportContents();
    const bib = ['2503.00002', '2503.00003', '2503.00004', '2503.00005']
      .map((id, i) => `@misc{p${i},\n  title = {Imported ${i}},\n  eprint = {${id}},\n  keywords = {imported}\n}\n`)
      .join('');
    const read = importFile(bib);
    if (!read.ok) throw new Error('the file should read');
    // As the side panel's confirm does it: planned against the library, then one replaceContents.
    const plan = planImport(before, { papers: read.papers }, 'merge');
    expect(plan.added).toBe(4);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    // The stores are cleared first; the browser then refuses the third write, as when the quota is used up.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      calls++;
      if (calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<IDBObjectStore['put']>);
    });
    const attempt = library.replaceContents(plan.result);
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toThrow(/storage quota exceeded\).*Nothing was changed/);
    vi.restoreAllMocks();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(await library.exportContents()).toEqual(before);
    expect((await library.exportContents()).papers.map((p) => p.id)).toEqual(['2503.00001']);
  });
});

describe('upgrading a 10,000-paper library from every earlier version', () => {
  const N = 10_000;
  const paperAt = (i: number): LibraryPaper =>
    makeLibraryPaper(`2401.${String(10000 + i).padStart(5, '0')}`, {
      saved: i % 3 === 0,
      savedAt: i % 3 === 0 ? i : null,
      tags: i % 5 === 0 ? ['five', `t${i % 7}`] : [],
      note: i % 11 === 0 ? `note ${i}` : '',
      status: (['unread', 'reading', 'read', 'dismissed'] as const)[i % 4] ?? 'unread',
    });

  /** v5 files every paper under its id and content key (the arXiv URL names the same id); v6 keeps records as they are. */
  const upgradedAt = (i: number): LibraryPaper => {
    const paper = paperAt(i);
    return { ...paper, aliases: [paper.id, `key:2025:lovelace:study of ${paper.id.replace('.', ' ')}`] };
  };

  for (let version = 1; version < DB_VERSION; version++) {
    it(`from version ${version}: every paper and field arrives`, async () => {
      const name = freshDbName();
      const db = await openDB<LibrarySchema>(name, version, {
        upgrade(database, oldVersion, newVersion, tx) {
          void upgradeLibrary(database, oldVersion, newVersion ?? version, tx);
        },
      });
      const tx = db.transaction('papers', 'readwrite');
      for (let i = 0; i < N; i++) {
        // As each version stored papers: `site` before `sites` (v2), no `venue` before v4, no `aliases` before v5.
        const { sites, lastSeenAt, venue, aliases: _aliases, ...v1 } = paperAt(i);
        const stored = version === 1 ? { ...v1, site: sites[0] } : { ...v1, sites, lastSeenAt };
        const fields = version < 4 ? stored : version < 5 ? { ...stored, venue } : upgradedAt(i);
        void tx.store.put(fields as LibraryPaper);
      }
      await tx.done;
      db.close();
      const library = await Library.open({ name });
      const papers = await library.listPapers();
      expect(papers).toHaveLength(N);
      const byId = new Map(papers.map((p) => [p.id, p]));
      for (let i = 0; i < N; i += 97) {
        const expected = upgradedAt(i);
        expect(byId.get(expected.id)).toEqual(expected);
      }
      const tags = await library.getStates(papers.slice(0, 5).map((p) => p.id));
      expect(Object.keys(tags)).toHaveLength(5);
      library.close();
    }, 60_000);
  }
});
