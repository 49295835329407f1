/**
 * The side panel's rows packed for its search snapshot (issue 19): a few typed arrays and two strings instead of
 * 50,000 objects. IndexedDB takes a structured clone of what it stores, and at 50,000 rows of nested arrays reading
 * that clone back took longer than the rest of opening the panel (bench/sidepanel-profile.ts: the rows as objects
 * 0.7–1.2 s to read at load 30, the same rows packed like this 0.1–0.3 s, and their decoding here a single pass).
 *
 * Lossless for every row `toRow` makes: nulls stay nulls, any string (newlines and all) comes back as it went in.
 * Changing PaperRow fails to compile here (`unpackRows` builds each row as a PaperRow literal); bump
 * SEARCH_CACHE_FORMAT (lib/db/search-cache.ts) with any change to this layout.
 */
import type { Status } from '../paper/schema';
import type { PaperRow } from './library-query';

export type PackedRows = {
  count: number;
  /** Each row's strings, one after another: id, title, its authors, then published and url when not null. */
  text: string;
  /** The length of each of those strings, in the same order. */
  lengths: Uint32Array;
  /** Statuses, tags and sites, each distinct one once; rows refer to them by index in `refs`. */
  words: string[];
  /** Per row: its status, then its tags, then its sites (indices into `words`). */
  refs: Uint32Array;
  /** Per row: how many authors, tags and sites it has (three numbers). */
  counts: Uint32Array;
  /** Per row: authorCount, addedAt, savedAt, lastSeenAt, upvotes (NaN stands for null). */
  numbers: Float64Array;
  /** Per row: saved (1), hasNote (2), published not null (4), url not null (8). */
  flags: Uint8Array;
};

const NUMBERS = 5;
const SAVED = 1;
const HAS_NOTE = 2;
const HAS_PUBLISHED = 4;
const HAS_URL = 8;

const orNaN = (x: number | null) => (x === null ? Number.NaN : x);
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

export function packRows(rows: readonly PaperRow[]): PackedRows {
  const n = rows.length;
  const strings: string[] = [];
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const refs: number[] = [];
  const ref = (word: string) => {
    let i = wordIndex.get(word);
    if (i === undefined) {
      i = words.length;
      words.push(word);
      wordIndex.set(word, i);
    }
    refs.push(i);
  };
  const counts = new Uint32Array(n * 3);
  const numbers = new Float64Array(n * NUMBERS);
  const flags = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const row = rows[r] as PaperRow;
    strings.push(row.id, row.title);
    for (const author of row.authors) strings.push(author);
    if (row.published !== null) strings.push(row.published);
    if (row.url !== null) strings.push(row.url);
    ref(row.status);
    for (const tag of row.tags) ref(tag);
    for (const site of row.sites) ref(site);
    counts[r * 3] = row.authors.length;
    counts[r * 3 + 1] = row.tags.length;
    counts[r * 3 + 2] = row.sites.length;
    const at = r * NUMBERS;
    numbers[at] = row.authorCount;
    numbers[at + 1] = row.addedAt;
    numbers[at + 2] = orNaN(row.savedAt);
    numbers[at + 3] = orNaN(row.lastSeenAt);
    numbers[at + 4] = orNaN(row.upvotes);
    flags[r] =
      (row.saved ? SAVED : 0) |
      (row.hasNote ? HAS_NOTE : 0) |
      (row.published !== null ? HAS_PUBLISHED : 0) |
      (row.url !== null ? HAS_URL : 0);
  }
  const lengths = new Uint32Array(strings.length);
  for (let i = 0; i < strings.length; i++) lengths[i] = (strings[i] as string).length;
  return { count: n, text: strings.join(''), lengths, words, refs: Uint32Array.from(refs), counts, numbers, flags };
}

/** The rows back; throws when the parts do not fit together (the caller then reads the library instead). */
export function unpackRows(packed: PackedRows): PaperRow[] {
  const { count: n, text, lengths, words, refs, counts, numbers, flags } = packed;
  const fits =
    Number.isInteger(n) &&
    n >= 0 &&
    typeof text === 'string' &&
    Array.isArray(words) &&
    lengths instanceof Uint32Array &&
    refs instanceof Uint32Array &&
    counts instanceof Uint32Array &&
    counts.length === n * 3 &&
    numbers instanceof Float64Array &&
    numbers.length === n * NUMBERS &&
    flags instanceof Uint8Array &&
    flags.length === n;
  if (!fits) throw new Error('packed rows: their parts do not fit together');
  const rows: PaperRow[] = new Array(n);
  let s = 0; // next string
  let pos = 0; // where it starts in `text`
  let w = 0; // next ref
  const next = (): string => {
    if (s >= lengths.length) throw new Error('packed rows: fewer strings than rows need');
    const end = pos + (lengths[s++] as number);
    const out = text.slice(pos, end);
    pos = end;
    return out;
  };
  const word = (): string => {
    const out = words[refs[w++] as number];
    if (out === undefined) throw new Error('packed rows: a reference to no word');
    return out;
  };
  for (let r = 0; r < n; r++) {
    const id = next();
    const title = next();
    const authors: string[] = new Array(counts[r * 3] as number);
    for (let a = 0; a < authors.length; a++) authors[a] = next();
    const f = flags[r] as number;
    const published = f & HAS_PUBLISHED ? next() : null;
    const url = f & HAS_URL ? next() : null;
    const status = word() as Status;
    const tags: string[] = new Array(counts[r * 3 + 1] as number);
    for (let t = 0; t < tags.length; t++) tags[t] = word();
    const sites: string[] = new Array(counts[r * 3 + 2] as number);
    for (let t = 0; t < sites.length; t++) sites[t] = word();
    const at = r * NUMBERS;
    const row: PaperRow = {
      id,
      title,
      authors,
      authorCount: numbers[at] as number,
      published,
      addedAt: numbers[at + 1] as number,
      savedAt: orNull(numbers[at + 2] as number),
      lastSeenAt: orNull(numbers[at + 3] as number),
      status,
      saved: (f & SAVED) !== 0,
      tags,
      sites,
      upvotes: orNull(numbers[at + 4] as number),
      hasNote: (f & HAS_NOTE) !== 0,
      url,
    };
    rows[r] = row;
  }
  if (s !== lengths.length || pos !== text.length || w !== refs.length)
    throw new Error('packed rows: more strings or references than the rows hold');
  return rows;
}
