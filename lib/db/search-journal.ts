/**
 * Which papers changed since the side panel's search snapshot was taken (issue 19), so that opening the panel
 * re-reads those papers and not the whole library.
 *
 * Two records in the library's `meta` store:
 * - `search:seq`, counted up inside every transaction that may write papers (Library's `write`): the truth of how
 *   many such transactions committed, and the database's own random `epoch`, so that a library deleted and made
 *   again never passes for the one a snapshot was taken of;
 * - `searchlog:<n>`, one entry per change the library reports (`changed`), numbered 1, 2, 3…: the ids it reported
 *   and the `search:seq` numbers of the transactions it covers.
 * An entry is written after its transaction committed (its ids are known only then). If the service worker dies in
 * between, that transaction's number is covered by no entry, and a reader sees the gap and builds afresh; so does
 * a reader whose entries were pruned. A change the journal cannot name paper by paper (a whole library replaced, or
 * more than `MAX_IDS` papers) is an entry of `all`.
 */
import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import type { LibrarySchema } from './schema';

const SEQ_KEY = 'search:seq';
const PREFIX = 'searchlog:';
/** Entries kept; a snapshot older than the oldest is rebuilt (each entry is one save, edit, delete or visit). */
const KEPT = 500;
const MAX_IDS = 5000;

type Seq = { count: number; epoch: string };
export type JournalEntry = { n: number; seqs: number[]; ids: string[] | 'all' };
/** Where a snapshot stands: the transactions and entries it has taken in. */
export type JournalState = { epoch: string; seq: number; last: number };

const keyOf = (n: number) => PREFIX + String(n).padStart(12, '0');
const ENTRIES = () => IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`);

type MetaStore = IDBPObjectStore<LibrarySchema, ('papers' | 'tags' | 'sightings' | 'meta')[], 'meta', 'readwrite'>;

/** Counts one more transaction that may write papers, inside it; resolves to its number. */
export function countPaperWrite(meta: MetaStore): Promise<number> {
  return meta.get(SEQ_KEY).then((record) => {
    const seq = (record?.value as Seq | undefined) ?? { count: 0, epoch: crypto.randomUUID() };
    const next = { count: seq.count + 1, epoch: seq.epoch };
    return meta.put({ key: SEQ_KEY, value: next }).then(() => next.count);
  });
}

/**
 * Writes one entry. The transaction is made before this returns, so that a reader who starts after a change's
 * broadcast already finds its entry.
 */
export function appendJournal(
  db: IDBPDatabase<LibrarySchema>,
  seqs: readonly number[],
  ids: readonly string[] | 'all',
): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.store;
  const write = async () => {
    const last = await meta.openCursor(ENTRIES(), 'prev');
    const n = last ? (last.value.value as JournalEntry).n + 1 : 1;
    const entry: JournalEntry = { n, seqs: [...seqs], ids: ids === 'all' || ids.length > MAX_IDS ? 'all' : [...ids] };
    await meta.put({ key: keyOf(n), value: entry });
    if (n % 50 === 0 && n > KEPT) await meta.delete(IDBKeyRange.bound(PREFIX, keyOf(n - KEPT), false, true));
  };
  return Promise.all([write(), tx.done]).then(() => {});
}

type ReadStore = IDBPObjectStore<LibrarySchema, ['meta'], 'meta', 'readonly'>;

async function readSeq(meta: ReadStore): Promise<Seq> {
  return ((await meta.get(SEQ_KEY))?.value as Seq | undefined) ?? { count: 0, epoch: '' };
}

async function lastEntry(meta: ReadStore): Promise<number> {
  const cursor = await meta.openCursor(ENTRIES(), 'prev');
  return cursor ? (cursor.value.value as JournalEntry).n : 0;
}

/** Where the journal stands now: what a snapshot built from reads that start after this has taken in. */
export async function journalState(db: IDBPDatabase<LibrarySchema>): Promise<JournalState> {
  const meta = db.transaction('meta').store;
  const [seq, last] = await Promise.all([readSeq(meta), lastEntry(meta)]);
  return { epoch: seq.epoch, seq: seq.count, last };
}

/**
 * The papers changed since `since`, and where the journal stands now; `all` when the journal cannot tell (another
 * library, entries pruned, a transaction that no entry covers, or a change too large to list).
 */
export async function journalSince(
  db: IDBPDatabase<LibrarySchema>,
  since: JournalState,
): Promise<{ state: JournalState; ids: Set<string> | 'all' }> {
  const meta = db.transaction('meta').store;
  const [seq, entries] = await Promise.all([
    readSeq(meta),
    meta.getAll(IDBKeyRange.bound(keyOf(since.last + 1), `${PREFIX}\uffff`)),
  ]);
  const list = entries.map((record) => record.value as JournalEntry);
  const state = {
    epoch: seq.epoch,
    seq: seq.count,
    last: list.length ? (list[list.length - 1] as JournalEntry).n : since.last,
  };
  if (seq.epoch !== since.epoch || seq.count < since.seq) return { state, ids: 'all' };
  const covered = new Set<number>();
  const ids = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as JournalEntry;
    if (entry.n !== since.last + 1 + i || entry.ids === 'all') return { state, ids: 'all' };
    for (const s of entry.seqs) covered.add(s);
    for (const id of entry.ids) ids.add(id);
  }
  for (let s = since.seq + 1; s <= seq.count; s++) if (!covered.has(s)) return { state, ids: 'all' };
  return { state, ids };
}
