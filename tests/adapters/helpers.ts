/**
 * Shared by the adapter tests: real saved pages are read where they live (../shared/fixtures, never copied),
 * handmade ones from tests/adapters/pages. Pages are parsed by happy-dom's DOMParser (as a browser would)
 * or by linkedom (as the command line does).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { type ScanResult, scanPage } from '../../lib/adapters/run';
import { decodePage } from '../../lib/cli/decode';
import type { PaperRecord } from '../../lib/paper/schema';
import { type FixtureEntry, fixtureIndex } from '../../scripts/fixture-index';

/** The repository root: tests/adapters/../.. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The shared fixtures, relative to the repository root. */
export const FIXTURES = `${resolve(REPO_ROOT, '../shared/fixtures')}/`;

export type { FixtureEntry } from '../../scripts/fixture-index';
export { LANDED_DIRECTORIES } from '../../scripts/fixture-index';

/** index.json and the landed entries of index-next.json (scripts/fixture-index.ts). */
export const INDEX: FixtureEntry[] = fixtureIndex(FIXTURES);

/**
 * Pages too big for the walks that parse every page many times (fuzz: ten mutated copies; parsers: happy-dom, over
 * a minute for 2.7 MB on a shared machine). Their own test files cover the same: the OpenReview page is scanned with
 * happy-dom and again with linkedom with every class and data-id removed, and the records compared.
 */
export const TOO_BIG_TO_WALK: ReadonlySet<string> = new Set([
  'openreview/openreview-group-iclr2018-conference-browser-saved-2017-12.html',
]);

/** A saved page's text, decoded by its bytes (lib/cli/decode.ts: the command line reads pages the same way). */
export function readPage(path: string): string {
  return decodePage(readFileSync(path));
}

export function fixture(file: string): FixtureEntry & { html: string } {
  const entry = INDEX.find((e) => e.file === file);
  if (!entry) throw new Error(`no fixture ${file} in index.json or among the landed entries of index-next.json`);
  return { ...entry, html: readPage(`${FIXTURES}${file}`) };
}

export function handmade(name: string): string {
  const html = readFileSync(resolve(import.meta.dirname, 'pages', name), 'utf8');
  if (!/handmade/i.test(html)) throw new Error(`${name} must say it is handmade`);
  return html;
}

export type Parser = 'domparser' | 'linkedom';

export function parse(html: string, parser: Parser = 'domparser'): Document {
  if (parser === 'linkedom') return parseHTML(html).document as unknown as Document;
  return new DOMParser().parseFromString(html, 'text/html');
}

export function scanHtml(html: string, url: string, options: { generic?: boolean; parser?: Parser } = {}): ScanResult {
  return scanPage(parse(html, options.parser), url, { generic: options.generic });
}

export function records(result: ScanResult): PaperRecord[] {
  return result.cards.map((c) => c.record);
}

export function byId(result: ScanResult, id: string): PaperRecord {
  const found = result.cards.find((c) => c.record.id === id);
  if (!found) throw new Error(`no card ${id}; have ${result.cards.map((c) => c.record.id).join(', ')}`);
  return found.record;
}

/** Every string anywhere in a record. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/** Markup or script in a field: a tag, an event handler attribute, or a `javascript:` URL. */
export const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|\son\w+\s*=|javascript:/i;

/** The fields no listing site of issue 16 (Scholar, dblp, OpenReview, PubMed, ACL Anthology) gives: always empty. */
export const LISTING_EMPTY = {
  version: null,
  codeUrl: null,
  projectUrl: null,
  categories: [],
  upvotes: null,
  organization: null,
  submitter: null,
  githubStars: null,
} as const;
