/**
 * Shared by the adapter tests: real saved pages are read where they live (../shared/fixtures, never copied),
 * handmade ones from tests/adapters/pages. Pages are parsed by happy-dom's DOMParser (as a browser would)
 * or by linkedom (as the command line does).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { type ScanResult, scanPage } from '../../lib/adapters/run';
import type { PaperRecord } from '../../lib/paper/schema';

/** The repository root: tests/adapters/../.. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The shared fixtures, relative to the repository root. */
export const FIXTURES = `${resolve(REPO_ROOT, '../shared/fixtures')}/`;

export interface FixtureEntry {
  file: string;
  url: string;
  kind: string;
  cards: number;
}

export const INDEX: FixtureEntry[] = JSON.parse(readFileSync(`${FIXTURES}index.json`, 'utf8'));

export function fixture(file: string): FixtureEntry & { html: string } {
  const entry = INDEX.find((e) => e.file === file);
  if (!entry) throw new Error(`no fixture ${file} in index.json`);
  return { ...entry, html: readFileSync(`${FIXTURES}${file}`, 'utf8') };
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
