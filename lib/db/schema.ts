/**
 * The library database: its typed schema and every upgrade since the first version.
 *
 * Versions (each upgrade falls through to the next, so any earlier database reaches the current one):
 * 1. `papers` keyed by canonical id (indexes: status, savedAt, tags multi-entry), `tags` keyed by name.
 *    A v1 paper recorded the one site it was first found on as `site`.
 * 2. `sightings` (out-of-line auto-increment keys; indexes paperId, seenAt). Papers move from `site` to
 *    `sites: string[]` and gain `lastSeenAt`, so "where seen" and "seen today" need no scan of sightings.
 * 3. `meta` (settings, last visit per digest page), papers indexed by addedAt and lastSeenAt.
 * 4. Papers gain `venue` (journal or proceedings), null for every paper stored before.
 * 5. Papers gain `aliases`: every key a paper is found by (its id, arXiv id, DOI, URL, other identifiers, content
 *    key; lib/paper/identity.ts), filled from each stored paper's fields, and a multi-entry index on them, so a card
 *    or record finds its paper by any identifier in one index read.
 * 6. The papers' `status`, `savedAt` and `lastSeenAt` indexes are dropped: no code reads them (views filter the
 *    papers they hold in memory), and each cost every paper write an index entry (bench/db.bench.ts, issue 19).
 *    Records are not touched.
 * Versions 1 and 2 are the schemas the library went through while it was built; they are kept so that the
 * upgrade path is exercised from the start (tests/db/migrations.test.ts fills each and upgrades it).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { withLookupKeys } from '../paper/resolve';
import type { LibraryPaper, Sighting, TagInfo } from '../paper/schema';

export const DB_NAME = 'paperlane';
export const DB_VERSION = 6;

export type MetaRecord = { key: string; value: unknown };

export interface LibrarySchema extends DBSchema {
  papers: {
    key: string;
    value: LibraryPaper;
    indexes: { tags: string; addedAt: number; aliases: string };
  };
  tags: { key: string; value: TagInfo };
  sightings: { key: number; value: Sighting; indexes: { paperId: string; seenAt: number } };
  meta: { key: string; value: MetaRecord };
}

type UpgradeTransaction = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<LibrarySchema>, tx: UpgradeTransaction) => Promise<void> | void;

/** The papers' indexes of versions 1 to 5 that version 6 drops: no longer in the typed schema. */
type DroppedIndex = 'status' | 'savedAt' | 'lastSeenAt';
const withDroppedIndexes = (papers: object) =>
  papers as { createIndex(name: DroppedIndex, keyPath: string): unknown; deleteIndex(name: DroppedIndex): void };

/** `MIGRATIONS[n - 1]` takes a database from version n - 1 to version n. */
export const MIGRATIONS: readonly Migration[] = [
  // 1: papers and tags
  (db) => {
    const papers = db.createObjectStore('papers', { keyPath: 'id' });
    withDroppedIndexes(papers).createIndex('status', 'status');
    withDroppedIndexes(papers).createIndex('savedAt', 'savedAt');
    papers.createIndex('tags', 'tags', { multiEntry: true });
    db.createObjectStore('tags', { keyPath: 'name' });
  },
  // 2: sightings; `site` → `sites`, plus `lastSeenAt`
  async (db, tx) => {
    const sightings = db.createObjectStore('sightings', { autoIncrement: true });
    sightings.createIndex('paperId', 'paperId');
    sightings.createIndex('seenAt', 'seenAt');
    // Only IDB requests are awaited here: anything else would let the upgrade transaction commit early.
    let cursor = await tx.objectStore('papers').openCursor();
    while (cursor) {
      const { site, ...rest } = cursor.value as LibraryPaper & { site?: string };
      await cursor.update({ ...rest, sites: site ? [site] : [], lastSeenAt: null } as LibraryPaper);
      cursor = await cursor.continue();
    }
  },
  // 3: meta store, more paper indexes
  (db, tx) => {
    db.createObjectStore('meta', { keyPath: 'key' });
    const papers = tx.objectStore('papers');
    papers.createIndex('addedAt', 'addedAt');
    withDroppedIndexes(papers).createIndex('lastSeenAt', 'lastSeenAt');
  },
  // 4: `venue`
  async (_db, tx) => {
    let cursor = await tx.objectStore('papers').openCursor();
    while (cursor) {
      if (cursor.value.venue === undefined) await cursor.update({ ...cursor.value, venue: null });
      cursor = await cursor.continue();
    }
  },
  // 5: `aliases`, indexed. Two papers that share an identifier stay two here: merging is a decision the library
  // makes, with undo, the next time a record names them both.
  async (_db, tx) => {
    const papers = tx.objectStore('papers');
    papers.createIndex('aliases', 'aliases', { multiEntry: true });
    let cursor = await papers.openCursor();
    while (cursor) {
      await cursor.update(withLookupKeys({ ...cursor.value, aliases: cursor.value.aliases ?? [] }));
      cursor = await cursor.continue();
    }
  },
  // 6: the unused indexes go; every record stays as it is
  (_db, tx) => {
    const papers = withDroppedIndexes(tx.objectStore('papers'));
    for (const name of ['status', 'savedAt', 'lastSeenAt'] as const) papers.deleteIndex(name);
  },
];

if (MIGRATIONS.length !== DB_VERSION) throw new Error('every database version needs exactly one migration');

/** Runs the migrations from `oldVersion` up to `newVersion` inside the upgrade transaction. */
export async function upgradeLibrary(
  db: IDBPDatabase<LibrarySchema>,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const migrate = MIGRATIONS[version - 1];
    if (!migrate) throw new Error(`no migration to database version ${version}`);
    await migrate(db, tx);
  }
}
