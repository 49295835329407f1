/**
 * What the background's Library and the views' LibraryReader both do: open the database (running the upgrades)
 * and the reads that do not depend on who asks.
 */
import { type IDBPDatabase, openDB } from 'idb';
import type { LibraryPaper, Sighting, TagInfo } from '../paper/schema';
import { DEFAULT_SETTINGS, Settings } from '../settings';
import { DB_NAME, DB_VERSION, type LibrarySchema, upgradeLibrary } from './schema';

export type TagWithCount = TagInfo & { count: number };

export type LibraryContents = {
  papers: LibraryPaper[];
  tags: TagInfo[];
  sightings: Sighting[];
  settings: Settings;
};

/** Opens (and if needed upgrades) the library database; the connection gives way to a newer extension version. */
export async function openLibraryDb(name = DB_NAME): Promise<IDBPDatabase<LibrarySchema>> {
  const db: IDBPDatabase<LibrarySchema> = await openDB<LibrarySchema>(name, DB_VERSION, {
    upgrade(database, oldVersion, newVersion, tx) {
      void upgradeLibrary(database, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it, this connection is done.
      db.close();
    },
  });
  return db;
}

/** Settings as stored, or the defaults when none (or an unreadable value) are. */
export function settingsFrom(value: unknown): Settings {
  const parsed = Settings.safeParse(value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function readSightings(db: IDBPDatabase<LibrarySchema>, paperId: string): Promise<Sighting[]> {
  const sightings = await db.getAllFromIndex('sightings', 'paperId', paperId);
  return sightings.sort((a, b) => a.seenAt - b.seenAt);
}

export async function readTags(db: IDBPDatabase<LibrarySchema>): Promise<TagWithCount[]> {
  const tx = db.transaction(['tags', 'papers']);
  const tags = await tx.objectStore('tags').getAll();
  const index = tx.objectStore('papers').index('tags');
  const counts = await Promise.all(tags.map((t) => index.count(t.name)));
  return tags.map((t, i) => ({ ...t, count: counts[i] ?? 0 })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function readSettings(db: IDBPDatabase<LibrarySchema>): Promise<Settings> {
  return settingsFrom((await db.get('meta', 'settings'))?.value);
}

/** Everything, in one transaction: what a backup holds. */
export async function readContents(db: IDBPDatabase<LibrarySchema>): Promise<LibraryContents> {
  const tx = db.transaction(['papers', 'tags', 'sightings', 'meta']);
  const [papers, tags, sightings, settings] = await Promise.all([
    tx.objectStore('papers').getAll(),
    tx.objectStore('tags').getAll(),
    tx.objectStore('sightings').getAll(),
    tx.objectStore('meta').get('settings'),
  ]);
  return { papers, tags, sightings, settings: settingsFrom(settings?.value) };
}
