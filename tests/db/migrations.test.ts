/**
 * Fills a database at every earlier version with data in that version's shape, upgrades it,
 * and checks that every field of every record arrived (transformed as the migration promises).
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Library } from '../../lib/db/library';
import { DB_VERSION, type LibrarySchema, upgradeLibrary } from '../../lib/db/schema';
import type { LibraryPaper, Sighting } from '../../lib/paper/schema';
import { freshDbName, makeLibraryPaper } from '../helpers/papers';

type V1Paper = Omit<LibraryPaper, 'sites' | 'lastSeenAt' | 'venue' | 'aliases'> & { site: string };

function v1Paper(id: string, site: string, extra: Partial<LibraryPaper> = {}): V1Paper {
  const { sites: _sites, lastSeenAt: _last, venue: _venue, aliases: _aliases, ...rest } = makeLibraryPaper(id, extra);
  return { ...rest, site };
}

/** What v5 files each paper under: its id and its content key (year, first author, title); the arXiv URL is the id. */
const ALIASES_AFTER_V5: Record<string, string[]> = {
  '2401.00001': ['2401.00001', 'key:2025:lovelace:study of 2401 00001'],
  'hep-th/9901001': ['hep-th/9901001', 'key:2025:lovelace:study of hep th 9901001'],
  '2401.00003': ['2401.00003', 'key:2025:lovelace:study of 2401 00003'],
};

const V1_PAPERS: V1Paper[] = [
  v1Paper('2401.00001', 'arxiv', { saved: true, savedAt: 5, tags: ['llm', 'rl'], note: 'important\n\nsee §3' }),
  v1Paper('hep-th/9901001', 'huggingface', { status: 'dismissed', abstract: null }),
  v1Paper('2401.00003', 'arxiv', { status: 'read', codeUrl: 'https://github.com/a/b', githubStars: 12 }),
];
const V1_TAGS = [
  { name: 'llm', color: '#2563eb', createdAt: 1 },
  { name: 'rl', color: '#16a34a', createdAt: 2 },
];
const V2_SIGHTINGS: Sighting[] = [
  {
    paperId: '2401.00001',
    site: 'arxiv',
    pageUrl: 'https://arxiv.org/list/cs.LG/new',
    section: 'new',
    rank: 3,
    upvotes: null,
    comments: null,
    seenAt: 10,
  },
];

/** What each v1 paper must be after upgrading to the current version. */
function expectedFromV1(p: V1Paper): LibraryPaper {
  const { site, ...rest } = p;
  return { ...rest, sites: [site], lastSeenAt: null, venue: null, aliases: ALIASES_AFTER_V5[p.id] ?? [] };
}

/** A paper as versions 2 to 5 stored it: no `venue` before 4, no `aliases` before 5, then every field of today. */
function storedBefore(
  version: number,
  p: V1Paper,
): Omit<LibraryPaper, 'venue' | 'aliases'> & { venue?: string | null; aliases?: string[] } {
  const expected = expectedFromV1(p);
  if (version >= 5) return expected;
  const { venue, aliases: _aliases, ...rest } = expected;
  return version >= 4 ? { ...rest, venue } : rest;
}

/** The papers' indexes of the current version (v6 dropped `status`, `savedAt` and `lastSeenAt`, read by no code). */
const PAPER_INDEXES = ['addedAt', 'aliases', 'tags'];

async function fillAt(name: string, version: number): Promise<void> {
  const db = await openDB<LibrarySchema>(name, version, {
    upgrade(database, oldVersion, newVersion, tx) {
      void upgradeLibrary(database, oldVersion, newVersion ?? version, tx);
    },
  });
  const stores = version >= 2 ? (['papers', 'tags', 'sightings'] as const) : (['papers', 'tags'] as const);
  const tx = db.transaction([...stores], 'readwrite');
  const papers = version >= 2 ? V1_PAPERS.map((p) => storedBefore(version, p)) : V1_PAPERS;
  await Promise.all([
    ...papers.map((p) => tx.objectStore('papers').put(p as LibraryPaper)),
    ...V1_TAGS.map((t) => tx.objectStore('tags').put(t)),
    ...(version >= 2 ? V2_SIGHTINGS.map((s) => tx.objectStore('sightings').add(s)) : []),
  ]);
  await tx.done;
  db.close();
}

describe('database upgrades', () => {
  for (let version = 1; version < DB_VERSION; version++) {
    it(`upgrades a library filled at version ${version} to ${DB_VERSION} without losing anything`, async () => {
      const name = freshDbName();
      await fillAt(name, version);
      const library = await Library.open({ name });
      const contents = await library.exportContents();
      const byId = (a: LibraryPaper, b: LibraryPaper) => a.id.localeCompare(b.id);
      expect(contents.papers.sort(byId)).toEqual(V1_PAPERS.map(expectedFromV1).sort(byId));
      expect(contents.tags).toEqual(V1_TAGS);
      expect(contents.sightings).toEqual(version >= 2 ? V2_SIGHTINGS : []);
      // The indexes the current version promises work on upgraded data.
      expect((await library.listTags()).map((t) => [t.name, t.count])).toEqual([
        ['llm', 1],
        ['rl', 1],
      ]);
      expect(await library.getSightings('2401.00001')).toHaveLength(version >= 2 ? 1 : 0);
      // The aliases index finds an upgraded paper by its content key, as a card with no identifier asks.
      const key = 'key:2025:lovelace:study of 2401 00001';
      expect((await library.getStates([key]))[key]?.saved).toBe(true);
      expect((await library.getPaper(key))?.id).toBe('2401.00001');
      library.close();
      const db = await openDB(name);
      expect([...db.transaction('papers').store.indexNames].sort()).toEqual(PAPER_INDEXES);
      db.close();
    });
  }
});
