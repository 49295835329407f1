/**
 * One list of saved pages for every reader of ../shared/fixtures (scripts/fixture-index.ts): the adapter tests, the
 * browser tests' server and `npm start` serve the pages of the landed sites (Scholar, dblp, …) too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureIndex, LANDED_DIRECTORIES } from '../../scripts/fixture-index';
import { FIXTURES, INDEX } from '../adapters/helpers';
import { FIXTURE_INDEX } from '../e2e/harness';

const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { file: string }[];

describe('the saved pages, one list', () => {
  it('is index.json and the landed entries of index-next.json, each once, for the adapter and browser tests alike', () => {
    const files = fixtureIndex(FIXTURES).map((e) => e.file);
    const landed = read('index-next.json')
      .map((e) => e.file)
      .filter((f) => LANDED_DIRECTORIES.some((d) => f.startsWith(d)));
    expect(files).toEqual([...read('index.json').map((e) => e.file), ...landed]);
    expect(landed).toContain('scholar/gscholar-search-conversational-ai-num20-2024-07.html');
    expect(new Set(files).size).toBe(files.length);
    expect(INDEX.map((e) => e.file)).toEqual(files);
    expect(FIXTURE_INDEX.map((e) => e.file)).toEqual(files);
  });

  it('is empty where there is no fixtures folder', () => {
    expect(fixtureIndex('/nonexistent/fixtures')).toEqual([]);
  });
});
