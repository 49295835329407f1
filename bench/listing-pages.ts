/**
 * Large listing pages for benchmarks, built by repeating real entries of the saved arXiv /new page
 * (../shared/fixtures) under fresh, valid ids so that every card is a distinct paper.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../../shared/fixtures');
const NEW_LISTING = resolve(FIXTURES, 'arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html');

/** The saved /new page with its entries repeated until it lists `count` papers (ids 2609.30000 on). */
export function repeatedListing(count: number): string {
  const html = readFileSync(NEW_LISTING, 'utf8');
  const pairs = [...html.matchAll(/<dt>[\s\S]*?<\/dd>/g)].map((m) => m[0]);
  if (pairs.length === 0) throw new Error('no <dt>…</dd> entries in the saved listing');
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = pairs[i % pairs.length] ?? '';
    const original = /\/abs\/(\d{4}\.\d{5})/.exec(entry)?.[1] ?? '';
    const fresh = `2609.${String(30000 + i).padStart(5, '0')}`;
    entries.push(entry.split(original).join(fresh));
  }
  const firstDt = html.indexOf('<dt>');
  const start = html.lastIndexOf('<dl', firstDt);
  const end = html.lastIndexOf('</dl>') + '</dl>'.length;
  const head = html.slice(0, html.indexOf('>', start) + 1);
  return `${head}<!-- benchmark page: real entries repeated under fresh ids -->\n<h3>New submissions (showing ${count} of ${count} entries)</h3>\n${entries.join('\n')}\n</dl>${html.slice(end)}`;
}
