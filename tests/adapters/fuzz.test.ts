/**
 * Adapters fuzzed with mutated real pages (issue 8). Every saved HTML page in ../shared/fixtures is parsed again
 * and again and mutated by a seeded PRNG (the same copies on every run): elements deleted, attributes re-added in
 * another order, class names renamed to random strings, text nodes (and text inside hydration JSON, JSON-LD and
 * meta tags) replaced with hostile strings. For every copy:
 * - scanPage never throws;
 * - no string anywhere in a record holds a tag, a C0/C1 control (bar the abstract's paragraph breaks) or a
 *   bidirectional control; every URL field is http(s);
 * - for the mutations that leave the ids in place (all but deletions), every id of the unmutated page is found.
 * Most copies are parsed with linkedom (the command line's DOM, and fast); every fourth small page with
 * happy-dom's DOMParser, as a browser would.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { adapterForUrl } from '../../lib/adapters/registry';
import { type ScanResult, scanPage } from '../../lib/adapters/run';
import type { PaperRecord } from '../../lib/paper/schema';
import { type FixtureEntry, fixture, INDEX, type Parser, parse, TOO_BIG_TO_WALK } from './helpers';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const BIG = `${'<b>bold</b> &amp; <i onclick="alert(1)">x</i> \u202E '.repeat(2200)}end`; // ≈ 100 KB
/** What hostile page text looks like. Each carries some visible text: a title made only of controls is rightly no card. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u202Egnp.exe\u202C evil',
  '\u2066isolated\u2069 \u2067rtl\u2069 \u2068first\u2069',
  BIG,
  'nul\u0000 bell\u0007 esc\u001B[31m del\u007F c1\u0085\u009B',
  'lone \uD800 high, lone \uDC00 low, reversed \uDC00\uD800',
  '<scr<b>ipt>alert(1)</scr</b>ipt>',
  '<img\u0000 src=x onerror=alert(1)>caption',
  '<<svg/onload=alert(1)>svg>',
  '<!-- comment --> <![CDATA[x]]> &lt;b&gt;',
  '\uFEFFzero\u200Bwidth\u200D',
] as const;

/* ------------------------------------------------------------------ mutations */

/** What the adapters throw on purpose for a card they cannot read (lib/adapters): anything else thrown is a bug. */
const REFUSALS: ReadonlySet<string> = new Set([
  'listing entry without an /abs/ link',
  'search result without an /abs/ link',
  'abstract page without an arXiv id',
  'no paper link in the card',
  'the page metadata went missing',
  'card without a link to a paper',
]);

const KINDS = ['delete', 'attributes', 'classes', 'text', 'embedded'] as const;
type Kind = (typeof KINDS)[number];
/** Mutations that leave every id where the page keeps it: the ids of the unmutated page must all be found. */
const KEEPS_IDS: ReadonlySet<Kind> = new Set(['attributes', 'classes', 'text', 'embedded']);

function allElements(doc: Document): Element[] {
  return [...doc.querySelectorAll('*')];
}

/** Whether a string carries one of the page's ids (case-insensitive: DOIs are written in either case). */
function carriesId(text: string, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  const lower = text.toLowerCase();
  return tokens.some((t) => lower.includes(t));
}

function carriesIdInAttributes(el: Element, tokens: readonly string[]): boolean {
  for (const name of el.getAttributeNames()) {
    if (carriesId(el.getAttribute(name) ?? '', tokens)) return true;
  }
  return false;
}

function deleteElements(doc: Document, rng: Rng): number {
  const elements = allElements(doc).filter((el) => !['HTML', 'HEAD', 'BODY'].includes(el.tagName.toUpperCase()));
  const count = 1 + Math.floor(rng() * Math.max(1, elements.length * 0.03));
  let deleted = 0;
  for (let i = 0; i < count; i++) {
    const el = pick(rng, elements);
    if (el.parentNode) {
      el.parentNode.removeChild(el);
      deleted++;
    }
  }
  return deleted;
}

function shuffleAttributes(doc: Document, rng: Rng): number {
  let changed = 0;
  for (const el of allElements(doc)) {
    const names = el.getAttributeNames();
    if (names.length < 2) continue;
    const pairs = names.map((n) => [n, el.getAttribute(n) ?? ''] as const);
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [pairs[i], pairs[j]] = [pairs[j] as (typeof pairs)[number], pairs[i] as (typeof pairs)[number]];
    }
    for (const n of names) el.removeAttribute(n);
    for (const [n, v] of pairs) el.setAttribute(n, v);
    changed++;
  }
  return changed;
}

/** Every class name (all of them, or a random half) becomes a random string, the same one throughout the page. */
function renameClasses(doc: Document, rng: Rng): number {
  const all = rng() < 0.5;
  const renamed = new Map<string, string>();
  const nameFor = (token: string): string => {
    let name = renamed.get(token);
    if (name === undefined) {
      name = all || rng() < 0.5 ? `c${Math.floor(rng() * 2 ** 40).toString(36)}` : token;
      renamed.set(token, name);
    }
    return name;
  };
  for (const el of allElements(doc)) {
    const value = el.getAttribute('class');
    if (!value) continue;
    el.setAttribute('class', value.split(/\s+/).filter(Boolean).map(nameFor).join(' '));
  }
  return [...renamed].filter(([a, b]) => a !== b).length;
}

const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'TITLE']);

/**
 * Text nodes replaced with hostile strings: a random share of them (sometimes all), never inside an element whose
 * attributes carry an id (the id link "arXiv:2512.03003", whose text the search page is recognised by), never a
 * text holding an id (Google Scholar's "CoRR, abs/1206.5538"), never script or style (the JSON is `embedded`).
 */
function replaceText(doc: Document, rng: Rng, tokens: readonly string[]): number {
  const share = rng() < 0.25 ? 1 : 0.05 + rng() * 0.3;
  const texts: Node[] = [];
  const walk = (parent: Node, protectedAbove: boolean): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (!protectedAbove && (child.nodeValue ?? '').trim() && !carriesId(child.nodeValue ?? '', tokens)) {
          texts.push(child);
        }
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (SKIPPED_TEXT_PARENTS.has(el.tagName.toUpperCase())) continue;
        walk(el, protectedAbove || carriesIdInAttributes(el, tokens));
      }
    }
  };
  walk(doc, false);
  let replaced = 0;
  for (const node of texts) {
    if (rng() >= share) continue;
    node.nodeValue = pick(rng, HOSTILE);
    replaced++;
  }
  return replaced;
}

/** Strings inside hydration JSON (`data-props`), JSON-LD and meta tags replaced with hostile ones; ids kept. */
function replaceEmbedded(doc: Document, rng: Rng, tokens: readonly string[]): number {
  let replaced = 0;
  const hostile = (value: string): string => {
    if (carriesId(value, tokens) || rng() < 0.4) return value;
    replaced++;
    return pick(rng, HOSTILE);
  };
  const rewrite = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return key === 'id' || key.startsWith('@') ? value : hostile(value);
    if (Array.isArray(value)) return value.map((v) => rewrite(v, key));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = rewrite(v, k);
      return out;
    }
    return value;
  };
  const rewriteJson = (text: string): string | null => {
    try {
      return JSON.stringify(rewrite(JSON.parse(text), ''));
    } catch {
      return null;
    }
  };
  for (const island of doc.querySelectorAll('[data-props]')) {
    const next = rewriteJson(island.getAttribute('data-props') ?? '');
    if (next !== null) island.setAttribute('data-props', next);
  }
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const next = rewriteJson(script.textContent ?? '');
    if (next !== null) script.textContent = next;
  }
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const name = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase();
    // URLs and ids in meta are links, not text: a hostile pdf_url is another test (hostile handmade pages).
    if (/url|_id$|doi|identifier/.test(name)) continue;
    meta.setAttribute('content', hostile(meta.getAttribute('content') ?? ''));
  }
  return replaced;
}

function mutate(doc: Document, kind: Kind, rng: Rng, tokens: readonly string[]): number {
  switch (kind) {
    case 'delete':
      return deleteElements(doc, rng);
    case 'attributes':
      return shuffleAttributes(doc, rng);
    case 'classes':
      return renameClasses(doc, rng);
    case 'text':
      return replaceText(doc, rng, tokens);
    case 'embedded':
      return replaceEmbedded(doc, rng, tokens);
  }
}

/* ------------------------------------------------------------------ invariants */

const TAG = /<\/?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const URL_FIELDS = ['url', 'pdfUrl', 'codeUrl', 'projectUrl'] as const;

function stringsOf(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) stringsOf(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringsOf(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

function isHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && /^https?:\/\//i.test(value);
  } catch {
    return false;
  }
}

/** What is wrong with one record, as short sentences. */
function recordProblems(record: PaperRecord): string[] {
  const problems: string[] = [];
  for (const [path, value] of stringsOf(record, '', [])) {
    const tag = TAG.exec(value);
    if (tag) problems.push(`${path} holds markup ${JSON.stringify(tag[0].slice(0, 60))}`);
    // The abstract keeps its paragraph breaks ("\n\n"); nothing else has a line break.
    const control = CONTROL.exec(path === 'abstract' ? value : value.replace(/\n/g, '\u0009'));
    if (control) problems.push(`${path} holds control U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  for (const field of URL_FIELDS) {
    const value = record[field];
    if (value !== null && !isHttp(value)) problems.push(`${field} is not http(s): ${value.slice(0, 60)}`);
  }
  if (!isHttp(record.source.pageUrl)) problems.push('source.pageUrl is not http(s)');
  return problems;
}

/* ------------------------------------------------------------------ the run */

const HTML_FIXTURES = INDEX.filter((e) => e.file.endsWith('.html') && !TOO_BIG_TO_WALK.has(e.file));
/** Copies per page: enough to meet every mutation kind many times, fewer on the two pages of 0.5–1 MB. */
function copiesFor(html: string): number {
  if (html.length > 400_000) return 10;
  if (html.length > 150_000) return 25;
  return 60;
}

interface Stats {
  page: string;
  copies: number;
  perKind: Record<Kind, number>;
  cardsFound: number;
  failures: number;
  idsLostByDeletion: number;
  happyDom: number;
}
const STATS: Stats[] = [];

function scan(doc: Document, entry: FixtureEntry): ScanResult {
  return scanPage(doc, entry.url, { generic: adapterForUrl(entry.url) === null });
}

describe('adapters on mutated real pages', () => {
  for (const [pageIndex, entry] of HTML_FIXTURES.entries()) {
    it(`${entry.file}: never throws, never returns markup or controls, keeps every id`, () => {
      const { html } = fixture(entry.file);
      const base = scan(parse(html, 'linkedom'), entry);
      // Sanity: the unmutated page gives what index.json says, so "every id" means every card.
      expect(base.cards.length).toBe(entry.cards);
      const ids = base.cards.map((c) => c.record.id);
      const tokens = [
        ...new Set(base.cards.flatMap((c) => [c.record.arxivId, c.record.doi].filter((t): t is string => Boolean(t)))),
      ].map((t) => t.toLowerCase());

      const rng = prng(0x5eed + pageIndex * 7919);
      const copies = copiesFor(html);
      const stats: Stats = {
        page: entry.file,
        copies,
        perKind: { delete: 0, attributes: 0, classes: 0, text: 0, embedded: 0 },
        cardsFound: 0,
        failures: 0,
        idsLostByDeletion: 0,
        happyDom: 0,
      };
      const problems: string[] = [];
      for (let copy = 0; copy < copies; copy++) {
        const kind = KINDS[copy % KINDS.length] as Kind;
        const parser: Parser = html.length < 150_000 && copy % 4 === 3 ? 'domparser' : 'linkedom';
        if (parser === 'domparser') stats.happyDom++;
        const doc = parse(html, parser);
        const changed = mutate(doc, kind, rng, tokens);
        stats.perKind[kind]++;
        const label = `copy ${copy} (${kind}, ${changed} changes, ${parser})`;
        let result: ScanResult;
        try {
          result = scan(doc, entry);
        } catch (error) {
          problems.push(`${label}: scanPage threw ${String(error)}`);
          continue;
        }
        stats.cardsFound += result.cards.length;
        stats.failures += result.failures.length;
        // scanPage catches what an adapter throws and counts it: a throw other than an adapter's own refusals is
        // a crash, even where the card was deleted anyway.
        for (const { reason } of result.failures) {
          const thrown = /^(?:detect|findCards|extractCard): (.*)$/s.exec(reason)?.[1];
          if (thrown !== undefined && !REFUSALS.has(thrown)) problems.push(`${label}: ${reason.slice(0, 200)}`);
        }
        for (const { record } of result.cards) {
          for (const problem of recordProblems(record)) problems.push(`${label} ${record.id}: ${problem}`);
        }
        const found = new Set(result.cards.map((c) => c.record.id));
        const lost = ids.filter((id) => !found.has(id));
        if (KEEPS_IDS.has(kind) && lost.length) {
          const reasons = [...new Set(result.failures.map((f) => f.reason.slice(0, 120)))].slice(0, 3);
          problems.push(`${label}: lost ${lost.length} ids (${lost.slice(0, 3).join(', ')}); failures: ${reasons}`);
        } else if (lost.length) stats.idsLostByDeletion += lost.length;
      }
      STATS.push(stats);
      expect(problems.slice(0, 15)).toEqual([]);
    });
  }
});

afterAll(() => {
  const total = STATS.reduce((n, s) => n + s.copies, 0);
  const lines = STATS.map(
    (s) =>
      `${s.page}: ${s.copies} copies (${KINDS.map((k) => `${k} ${s.perKind[k]}`).join(', ')}; happy-dom ${s.happyDom}), ` +
      `${s.cardsFound} cards, ${s.failures} skipped cards, ${s.idsLostByDeletion} ids lost to deletions`,
  );
  console.log(`fuzz: ${STATS.length} pages × mutations = ${total} copies\n${lines.join('\n')}`);
});
