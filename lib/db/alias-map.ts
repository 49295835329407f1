/**
 * The papers' `aliases` index held in memory by the background's Library, so that filing records finds the stored
 * papers they may be without one index read per key (issue 19: at 10,000 papers those reads were a third of a bulk
 * save, bench/db.bench.ts). It answers what the index answers — which papers list this key among their aliases —
 * and the papers it names are then read by id.
 *
 * It stays true because the background's Library is the library's only writer (views open readonly transactions):
 * - a transaction that files records (lib/db/filing.ts) hands over what it wrote, which applies in its `complete`
 *   event, before any later transaction's request can answer; an aborted one changes nothing;
 * - every other write to the papers store (sync, undo, delete, tag edits, replace, whatever comes later) forgets the
 *   map as it starts. Transactions that write papers run in the order they were opened, so a map built or updated
 *   by a transaction opened before that write is dropped (the generation), and one built after it reads its result;
 * - a filing transaction waits for one request of its own before it reads the map, so that every write opened
 *   before it has completed and been applied.
 *
 * Built only where it pays, inside a filing transaction: once the keys looked up one index read at a time since the
 * map was last forgotten would have cost about what reading every paper once does (PAPERS_PER_KEY; measured in
 * Chromium, an index read per key costs about what reading four papers does). A card saved now and then never
 * builds it; a bulk save builds it within its first batches, at most doubling what those batches spent reading.
 */
import type { LibraryPaper } from '../paper/schema';

/** What the map reads of the papers store, inside the filing transaction. */
interface Papers {
  get(id: string): Promise<LibraryPaper | undefined>;
  getKey(id: string): Promise<unknown>;
  getAll(query: IDBKeyRange | null, count: number): Promise<LibraryPaper[]>;
  count(): Promise<number>;
}

/** One paper's aliases after a filing transaction (null: the paper was deleted). */
export type AliasChange = { id: string; aliases: readonly string[] | null };

/** `auto`: built when it pays (above); `always` and `never` are for tests, which check both ways agree. */
export type AliasMapPolicy = 'auto' | 'always' | 'never';

const PAPERS_PER_KEY = 4;
/** Below this many keys looked up, the papers are not even counted: a card saved now and then costs no more. */
const MIN_KEYS = 250;
const BUILD_CHUNK = 2000;

export class AliasMap {
  private kept: Entries | null = null;
  private generation = 0;
  private lookedUp = 0;

  constructor(private readonly policy: AliasMapPolicy = 'auto') {}

  /** A write to the papers store that does not say what it changed is starting. */
  forget(): void {
    this.kept = null;
    this.generation++;
    this.lookedUp = 0;
  }

  /**
   * The stored papers whose aliases hold any of `keys`, in the order index reads of `keys` would find them; null
   * when the map is not kept and not worth building yet (the caller reads the index).
   */
  async papersFor(papers: Papers, keys: readonly string[]): Promise<LibraryPaper[] | null> {
    if (this.policy === 'never') return null;
    if (this.kept) {
      // Every transaction opened before this one has completed once this answers, and has applied its changes.
      await papers.getKey('');
    } else {
      this.lookedUp += keys.length;
      const worth =
        this.policy === 'always' ||
        (this.lookedUp >= MIN_KEYS && this.lookedUp * PAPERS_PER_KEY >= (await papers.count()));
      if (!worth) return null;
      await this.build(papers);
    }
    const kept = this.kept as Entries | null;
    if (!kept) return null;
    const ids = new Set<string>();
    for (const key of keys) for (const id of kept.idsOf(key)) ids.add(id);
    const found = await Promise.all([...ids].map((id) => papers.get(id)));
    return found.filter((paper): paper is LibraryPaper => paper !== undefined);
  }

  /** What a filing transaction wrote, applied when it completes (and only if the map it read is still the one kept). */
  applyWhenDone(tx: { addEventListener(type: 'complete', listener: () => void): void }, changes: AliasChange[]): void {
    const generation = this.generation;
    tx.addEventListener('complete', () => {
      const kept = this.kept;
      if (generation !== this.generation || !kept) return;
      for (const { id, aliases } of changes) {
        kept.remove(id);
        if (aliases) kept.add(id, aliases);
      }
    });
  }

  /** Every key and the ids listing it, for tests to compare with the index itself; null when not kept. */
  entries(): Map<string, string[]> | null {
    return this.kept?.all() ?? null;
  }

  /** Reads every paper, in chunks, inside the caller's transaction; keeps the result unless forgotten meanwhile. */
  private async build(papers: Papers): Promise<void> {
    const generation = this.generation;
    const built = new Entries();
    let after: string | null = null;
    for (;;) {
      const chunk: LibraryPaper[] = await papers.getAll(
        after === null ? null : IDBKeyRange.lowerBound(after, true),
        BUILD_CHUNK,
      );
      for (const paper of chunk) built.add(paper.id, paper.aliases ?? []);
      const last = chunk.at(-1);
      if (!last || chunk.length < BUILD_CHUNK) break;
      after = last.id;
    }
    // Forgotten meanwhile (a write opened after this transaction): what was read is already out of date.
    if (generation === this.generation) this.kept = built;
  }
}

/** Keys and the papers listing them, both ways. */
class Entries {
  /** Key → the ids of the papers that list it; one id is kept bare. */
  private readonly byKey = new Map<string, string | string[]>();
  private readonly aliasesById = new Map<string, readonly string[]>();

  /** The ids listing `key`, in the order the index gives them (by primary key: strings compare by code unit). */
  idsOf(key: string): readonly string[] {
    const ids = this.byKey.get(key);
    if (ids === undefined) return [];
    return typeof ids === 'string' ? [ids] : [...ids].sort(byCodeUnit);
  }

  add(id: string, aliases: readonly unknown[]): void {
    // As the multi-entry index files them: each string once (the library stores no other kind of alias).
    const keys = [...new Set(aliases.filter((a): a is string => typeof a === 'string'))];
    this.aliasesById.set(id, keys);
    for (const key of keys) {
      const ids = this.byKey.get(key);
      if (ids === undefined) this.byKey.set(key, id);
      else if (typeof ids === 'string') this.byKey.set(key, [ids, id]);
      else ids.push(id);
    }
  }

  remove(id: string): void {
    for (const key of this.aliasesById.get(id) ?? []) {
      const ids = this.byKey.get(key);
      if (ids === id) this.byKey.delete(key);
      else if (Array.isArray(ids)) {
        const rest = ids.filter((other) => other !== id);
        this.byKey.set(key, rest.length === 1 ? (rest[0] as string) : rest);
      }
    }
    this.aliasesById.delete(id);
  }

  all(): Map<string, string[]> {
    return new Map([...this.byKey.keys()].map((key) => [key, [...this.idsOf(key)]]));
  }
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
