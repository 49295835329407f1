/**
 * The saved pages of ../shared/fixtures as one list: index.json plus the entries of index-next.json whose sites'
 * adapters have landed (issue 16). ../shared is read-only, so those entries are not moved into index.json; this
 * list is the repo's side of that move, read by the adapter tests (tests/adapters/helpers.ts), the browser tests'
 * server (tests/e2e/harness.ts) and `npm start` (scripts/start.ts). Node only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureEntry {
  file: string;
  url: string;
  kind: string;
  cards: number;
}

/** `biorxiv/` here is only the Cloudflare challenge page, the one bioRxiv entry of index-next.json. */
export const LANDED_DIRECTORIES = ['scholar/', 'biorxiv/', 'dblp/', 'openreview/', 'pubmed/', 'acl/'];

function readIndex(path: string): FixtureEntry[] {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FixtureEntry[]) : [];
}

/** index.json, then the landed entries of index-next.json; none when the folder is not there. */
export function fixtureIndex(fixtures: string): FixtureEntry[] {
  return [
    ...readIndex(join(fixtures, 'index.json')),
    ...readIndex(join(fixtures, 'index-next.json')).filter((e) => LANDED_DIRECTORIES.some((d) => e.file.startsWith(d))),
  ];
}
