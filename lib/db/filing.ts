/**
 * One transaction's filing of records into the library: the stored papers they may be are read first, by every key
 * of every record (one `aliases` index read per key, all at once), then each record is placed in memory
 * (lib/paper/resolve.ts), and the result written: papers put, papers merged into another deleted, their sightings
 * moved to the paper that absorbed them. What was there before is kept for undo.
 */
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import { lookupKeysOf, type WorkFields } from '../paper/identity';
import { type PaperIndex as Index, PaperIndex, place } from '../paper/resolve';
import type { LibraryPaper } from '../paper/schema';
import type { AliasChange, AliasMap } from './alias-map';
import type { LibrarySchema } from './schema';

type Stores = ('papers' | 'tags' | 'sightings' | 'meta')[];
type Papers = IDBPObjectStore<LibrarySchema, Stores, 'papers', 'readwrite'>;

/** A sighting that a merge moved to another paper: `key` goes back to `paperId` on undo. */
export type MovedSighting = { key: number; paperId: string };

export class Filing {
  /** The record id that filed each paper of this batch, for `distinct`. */
  private readonly placedBy = new Map<string, string>();
  private readonly index: Index;
  private readonly before = new Map<string, LibraryPaper | null>();
  private readonly redirect = new Map<string, string>();

  private constructor(
    private readonly originals: ReadonlyMap<string, LibraryPaper>,
    private readonly keysOf: ReadonlyMap<WorkFields, readonly string[]>,
  ) {
    this.index = new PaperIndex(originals.values(), { filed: true });
  }

  /** Reads every stored paper that any of `records` could be. */
  static async read(papers: Papers, records: readonly WorkFields[], aliasMap?: AliasMap): Promise<Filing> {
    const keys = new Set<string>();
    const keysOf = new Map<WorkFields, readonly string[]>();
    for (const record of records) {
      const own = lookupKeysOf(record);
      keysOf.set(record, own);
      for (const key of own) keys.add(key);
    }
    // The aliases index in memory when the background keeps it (lib/db/alias-map.ts), else one index read per key.
    const inMemory = await aliasMap?.papersFor(papers, [...keys]);
    const byAlias = papers.index('aliases');
    const found = inMemory ? [inMemory] : await Promise.all([...keys].map((key) => byAlias.getAll(key)));
    const originals = new Map<string, LibraryPaper>();
    for (const list of found) for (const paper of list) originals.set(paper.id, paper);
    return new Filing(originals, keysOf);
  }

  /** Places one record (see lib/paper/resolve.ts place) and returns the paper it now is. */
  place(record: WorkFields, combine: (stored: LibraryPaper | null) => LibraryPaper): LibraryPaper {
    // Two cards of one page under different ids are two works as the page shows them (a patent and its application
    // share title, first author and year on a Scholar profile): a weak identifier never joins them; a strong one does.
    const distinct = (paper: LibraryPaper) => {
      const by = this.placedBy.get(paper.id);
      return by !== undefined && by !== record.id;
    };
    const { paper, replaced } = place(this.index, record, combine, this.keysOf.get(record), distinct);
    this.placedBy.set(paper.id, record.id);
    for (const old of replaced) {
      this.touch(old.id);
      if (old.id !== paper.id) this.redirect.set(old.id, paper.id);
    }
    this.touch(paper.id);
    this.redirect.delete(paper.id);
    return paper;
  }

  private touch(id: string): void {
    if (!this.before.has(id)) this.before.set(id, this.originals.get(id) ?? null);
  }

  /** The id a paper has after this filing (a merged paper's id leads to the one that absorbed it). */
  finalId(id: string): string {
    let current = id;
    for (let hops = 0; hops < 100 && this.redirect.has(current); hops++) current = this.redirect.get(current) as string;
    return current;
  }

  /** Ids of every paper written or deleted. */
  touched(): string[] {
    return [...this.before.keys()];
  }

  /** Every paper as it was, for undo (null: it did not exist). */
  undoBefore(): { id: string; paper: LibraryPaper | null }[] {
    return [...this.before].map(([id, paper]) => ({ id, paper }));
  }

  /** The aliases of every paper `write` puts, and null for those it deletes (lib/db/alias-map.ts). */
  aliasChanges(): AliasChange[] {
    const changes: AliasChange[] = [];
    for (const id of this.before.keys()) {
      const paper = this.index.get(id);
      if (paper) changes.push({ id, aliases: paper.aliases ?? [] });
      else if (this.originals.has(id)) changes.push({ id, aliases: null });
    }
    return changes;
  }

  /**
   * Writes the papers and deletes the merged ones; with the sightings store, moves their sightings to the paper that
   * absorbed them and returns what moved.
   */
  async write(
    tx: IDBPTransaction<LibrarySchema, Stores, 'readwrite'>,
    moveSightings: boolean,
  ): Promise<MovedSighting[]> {
    const papers = tx.objectStore('papers');
    const writes: Promise<unknown>[] = [];
    const moved: MovedSighting[] = [];
    try {
      for (const id of this.before.keys()) {
        const paper = this.index.get(id);
        if (paper) writes.push(papers.put(paper));
        else if (this.originals.has(id)) writes.push(papers.delete(id));
      }
      if (moveSightings) {
        const byPaper = tx.objectStore('sightings').index('paperId');
        for (const id of this.redirect.keys()) {
          if (!this.originals.has(id)) continue;
          const to = this.finalId(id);
          let cursor = await byPaper.openCursor(id);
          while (cursor) {
            moved.push({ key: cursor.primaryKey, paperId: id });
            writes.push(cursor.update({ ...cursor.value, paperId: to }));
            cursor = await cursor.continue();
          }
        }
      }
    } catch (error) {
      // A request that throws as it is made (quota) aborts the transaction: the ones made before it reject too, and
      // are handled here so that no rejection goes unobserved while the caller sees this error.
      for (const write of writes) write.catch(() => {});
      throw error;
    }
    await Promise.all(writes);
    return moved;
  }
}
