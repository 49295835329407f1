// @vitest-environment node
/**
 * The merge rule, tried on random histories: three devices edit, delete and undo while replication runs between
 * random pairs in random order, and each device reconciles at random moments. When everything has replicated,
 * every device must hold the same library, and every edit a device had synced (an acknowledged edit) must be in
 * it unless a later acknowledged edit replaced it.
 *
 * The oracle is independent of the engine's shadows: the test keeps, per device, the library as it was after that
 * device's last reconcile, and counts as acknowledged every user field (saved, status, note, each tag, being in
 * the library) that differs from it at the next reconcile. Every device reads one wall clock that advances one
 * millisecond per step, so the acknowledgement made at the later step must win.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Library, type Undo } from '../../lib/db/library';
import { contentKeyOf } from '../../lib/paper/identity';
import { mergeStoredPapers, withLookupKeys } from '../../lib/paper/resolve';
import type { LibraryPaper, Sighting } from '../../lib/paper/schema';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { sightingKey, stableJson } from '../../lib/sync/doc';
import { HybridClock } from '../../lib/sync/hlc';
import { libraryLocal } from '../../lib/sync/library-local';
import { MemoryLocal } from '../../lib/sync/memory-local';
import { reconcile } from '../../lib/sync/reconcile';
import { freshDbName, makeLibraryPaper } from '../helpers/papers';
import { MemoryDocs } from './memory-docs';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Two references known only by their DOI: each may turn out to be one of the arXiv papers (a merge).
const IDS = ['2501.00001', '2501.00002', '2501.00003', '10.5555/four', '10.5555/five'];
const isDoi = (id: string) => id.startsWith('10.');

function startingPaper(id: string, at: number): LibraryPaper {
  if (!isDoi(id)) return makeLibraryPaper(id, { addedAt: at, updatedAt: at });
  return makeLibraryPaper('2501.09999', {
    id,
    arxivId: null,
    doi: id,
    url: null,
    pdfUrl: null,
    title: `The paper at ${id}`,
    aliases: [id],
    addedAt: at,
    updatedAt: at,
  });
}
const TAGS = ['ml', 'theory', 'to-read'];
const NOTES = ['', 'good', 'read §3', 'check the proofs'];
const STATUSES = ['unread', 'reading', 'read', 'dismissed'] as const;

type Device = {
  name: string;
  local: MemoryLocal;
  docs: MemoryDocs;
  clock: HybridClock;
  /** Each change's undo: the papers it touched as they were (a merge touches two). */
  undo: { id: string; paper: LibraryPaper | null; sightings: Sighting[] }[][];
  /** Merges made since this device's last reconcile: merged-away paper and survivor. */
  merges: { from: string; into: string }[];
  /** The library as it was after this device's last reconcile (the oracle's own view, not the engine's shadow). */
  view: Map<string, { present: boolean; paper: LibraryPaper }>;
};

type Ack = { at: number; value: string };

function userFields(paper: LibraryPaper): Record<string, string> {
  const out: Record<string, string> = {
    saved: String(paper.saved),
    status: paper.status,
    note: paper.note,
  };
  for (const tag of TAGS) out[`tag:${tag}`] = String(paper.tags.includes(tag));
  return out;
}

async function runHistory(seed: number, steps: number): Promise<void> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  let now = 1_800_000_000_000;
  const wall = () => now;
  const acks = new Map<string, Ack>();
  const sightingsAcked = new Map<string, Set<string>>();
  const ack = (key: string, value: string) => {
    const known = acks.get(key);
    if (!known || known.at <= now) acks.set(key, { at: now, value });
  };

  const devices: Device[] = ['a', 'b', 'c'].map((name) => ({
    name,
    local: new MemoryLocal({ papers: [], tags: [], sightings: [], settings: DEFAULT_SETTINGS }),
    docs: new MemoryDocs(),
    clock: new HybridClock(`dev${name}`, wall),
    undo: [],
    merges: [],
    view: new Map(),
  }));
  // Device a starts with the papers, already in step (as after its first sync).
  const first = devices[0] as Device;
  for (const id of IDS) first.local.papers.set(id, startingPaper(id, now - 10));
  /** When a paper was merged into another (acknowledged), and which: the latest present=false ack, if a merge's. */
  const mergeAcks = new Map<string, { at: number; into: string }>();
  /** The times at which a survivor's fields were decided by a merge. */
  const mergeTimes = new Map<string, Set<number>>();
  // A merge the engine makes itself (two papers that replication shows to share a DOI, lib/sync/identity-merge.ts)
  // is acknowledged like one the test makes: the merged-away paper's absence, and the survivor's merged fields, are
  // decisions made at that moment.
  for (const d of devices) {
    const merge = d.local.merge.bind(d.local);
    d.local.merge = async (m) => {
      const done = await merge(m);
      if (done) {
        ack(`${m.loser}:present`, 'false');
        mergeAcks.set(m.loser, { at: now, into: m.survivor });
        mergeTimes.set(m.survivor, (mergeTimes.get(m.survivor) ?? new Set()).add(now));
      }
      return done;
    };
  }

  const sync = async (d: Device) => {
    now += 1;
    // A merge is acknowledged when the merged-away paper's absence is (it was in step before, the survivor is here).
    for (const { from, into } of d.merges) {
      if (d.view.get(from)?.present && !d.local.papers.has(from) && d.local.papers.get(into)?.aliases.includes(from)) {
        mergeAcks.set(from, { at: now, into });
        mergeTimes.set(into, (mergeTimes.get(into) ?? new Set()).add(now));
      }
    }
    d.merges = [];
    // What the oracle counts as acknowledged: every user field that differs from the device's view.
    for (const id of IDS) {
      const paper = d.local.papers.get(id);
      const seen = d.view.get(id);
      if (!paper && !seen) continue;
      if (!seen) {
        // Never synced: the engine dates its fields by updatedAt, which is before every step.
        continue;
      }
      if (Boolean(paper) !== seen.present) ack(`${id}:present`, String(Boolean(paper)));
      if (paper) {
        const was = userFields(seen.paper);
        for (const [field, value] of Object.entries(userFields(paper)))
          if (was[field] !== value) ack(`${id}:${field}`, value);
        const acked = sightingsAcked.get(id) ?? new Set<string>();
        for (const s of d.local.sightings.get(id) ?? []) acked.add(sightingKey(s));
        sightingsAcked.set(id, acked);
      }
    }
    await reconcile(d.docs, d.local, d.clock, { papers: 'all', tags: true, settings: true });
    for (const id of IDS) {
      const paper = d.local.papers.get(id);
      const seen = d.view.get(id);
      if (paper) d.view.set(id, { present: true, paper });
      else if (seen) d.view.set(id, { present: false, paper: seen.paper });
    }
  };

  await sync(first);
  for (const id of IDS) {
    const paper = first.local.papers.get(id) as LibraryPaper;
    for (const [field, value] of Object.entries(userFields(paper))) acks.set(`${id}:${field}`, { at: 0, value });
    acks.set(`${id}:present`, { at: 0, value: 'true' });
  }

  for (let step = 0; step < steps; step++) {
    now += 1;
    const d = pick(devices);
    const roll = rnd();
    const id = pick(IDS);
    const paper = d.local.papers.get(id);
    if (roll < 0.35 && paper) {
      const before = { id, paper, sightings: [...(d.local.sightings.get(id) ?? [])] };
      const next: LibraryPaper = { ...paper, updatedAt: now };
      const what = rnd();
      if (what < 0.25) next.note = pick(NOTES);
      else if (what < 0.45) next.status = pick(STATUSES);
      else if (what < 0.6) {
        next.saved = !paper.saved;
        next.savedAt = next.saved ? (paper.savedAt ?? now) : null;
      } else if (what < 0.8) {
        const tag = pick(TAGS);
        next.tags = [...new Set([...paper.tags, tag])];
        if (!d.local.tags.has(tag))
          d.local.tags.set(tag, { name: tag, color: pick(['#111111', '#222222']), createdAt: now });
      } else if (what < 0.9) next.tags = paper.tags.filter((t) => t !== pick(TAGS));
      else {
        const sighting: Sighting = {
          paperId: id,
          site: 'arxiv',
          pageUrl: `https://arxiv.org/list/cs.LG/${d.name}`,
          section: null,
          rank: 1 + step,
          upvotes: null,
          comments: null,
          seenAt: now,
        };
        d.local.sightings.set(id, [...(d.local.sightings.get(id) ?? []), sighting]);
        next.lastSeenAt = now;
      }
      d.undo.push([before]);
      d.local.papers.set(id, next);
    } else if (roll < 0.45 && paper) {
      d.undo.push([{ id, paper, sightings: [...(d.local.sightings.get(id) ?? [])] }]);
      d.local.papers.delete(id);
      d.local.sightings.delete(id);
    } else if (roll < 0.55 && d.undo.length) {
      // Undo puts the paper back as it was before the last change (a delete's undo restores it).
      const entries = d.undo.pop() as Device['undo'][number];
      const merge = entries.length > 1;
      for (const last of entries) {
        if (!last.paper) continue;
        d.local.papers.set(last.id, last.paper);
        const have = new Set((d.local.sightings.get(last.id) ?? []).map(sightingKey));
        // A merge's undo moves the sightings back (lib/db/library.ts restore).
        d.local.sightings.set(
          last.id,
          merge
            ? last.sightings
            : [...(d.local.sightings.get(last.id) ?? []), ...last.sightings.filter((s) => !have.has(sightingKey(s)))],
        );
      }
    } else if (roll < 0.6) {
      // A page gives an arXiv paper's DOI, which another paper of the library has: the two are merged (what
      // lib/paper/resolve.ts does), the DOI paper into the arXiv one.
      const from = pick(IDS.filter((x) => isDoi(x) && d.local.papers.has(x)));
      const into = pick(IDS.filter((x) => !isDoi(x) && d.local.papers.get(x)?.doi === null));
      const x = into ? d.local.papers.get(into) : undefined;
      const y = from ? d.local.papers.get(from) : undefined;
      if (x && y && from && into) {
        d.undo.push([x, y].map((p) => ({ id: p.id, paper: p, sightings: [...(d.local.sightings.get(p.id) ?? [])] })));
        d.local.papers.set(into, { ...mergeStoredPapers([x, y]), id: into, doi: from, updatedAt: now });
        d.local.papers.delete(from);
        const moved = (d.local.sightings.get(from) ?? []).map((s) => ({ ...s, paperId: into }));
        d.local.sightings.set(into, [...(d.local.sightings.get(into) ?? []), ...moved]);
        d.local.sightings.delete(from);
        d.merges.push({ from, into });
      }
    } else if (roll < 0.8) await sync(d);
    else {
      const to = pick(devices.filter((x) => x !== d));
      // Replication of part of the documents, as a batch cut short would leave it.
      const ids = [...d.docs.trees.keys()].filter(() => rnd() < 0.7);
      d.docs.replicateTo(to.docs, ids);
    }
  }

  // Everything replicates, every device reconciles, until nothing changes.
  for (let round = 0; ; round++) {
    now += 1;
    for (const d of devices) await sync(d);
    for (const from of devices) for (const to of devices) if (from !== to) from.docs.replicateTo(to.docs);
    for (const d of devices) await sync(d);
    const winners = devices.map((d) => stableJson(d.docs.winners()));
    const libraries = devices.map((d) => stableJson(normalise(d.local)));
    if (new Set(winners).size === 1 && new Set(libraries).size === 1) break;
    if (round > 5) throw new Error(`seed ${seed}: no convergence after ${round} rounds\n${libraries.join('\n')}`);
  }

  // No acknowledged edit lost: each field holds the value of its latest acknowledgement. A paper merged into
  // another (its latest acknowledged absence was that merge's) is gone, and its acknowledgements count for the
  // survivor: where the latest acknowledgement of a field, on either, came after the merge, it holds. A value the
  // merge itself decided is dated by what the merging device had seen (lib/sync/records.ts), which the oracle does
  // not follow, so a field whose latest acknowledgement is a merge's is not checked.
  const final = first.local;
  const mergedInto = new Map<string, string>();
  for (const id of IDS) {
    const merge = mergeAcks.get(id);
    if (merge && merge.at === acks.get(`${id}:present`)?.at) mergedInto.set(id, merge.into);
  }
  for (const id of IDS) {
    const present = acks.get(`${id}:present`)?.value === 'true';
    expect(final.papers.has(id), `seed ${seed}: ${id} present`).toBe(present);
    const paper = final.papers.get(id);
    if (!paper) continue;
    const sources = [id, ...[...mergedInto].filter(([, into]) => into === id).map(([from]) => from)];
    const decided = new Set([
      ...(mergeTimes.get(id) ?? []),
      ...sources.slice(1).map((from) => mergeAcks.get(from)?.at ?? 0),
    ]);
    const lastMerge = Math.max(0, ...sources.slice(1).map((from) => mergeAcks.get(from)?.at ?? 0));
    for (const [field, value] of Object.entries(userFields(paper))) {
      let latest: Ack | undefined;
      for (const source of sources) {
        const a = acks.get(`${source}:${field}`);
        if (a && (!latest || a.at > latest.at)) latest = a;
      }
      if (!latest || decided.has(latest.at) || latest.at < lastMerge) continue;
      expect(value, `seed ${seed}: ${id} ${field}`).toBe(latest.value);
    }
    const have = new Set((final.sightings.get(id) ?? []).map(sightingKey));
    for (const source of sources) {
      for (const key of sightingsAcked.get(source) ?? []) {
        const s = JSON.parse(key) as unknown[];
        s[0] = id;
        expect(have.has(JSON.stringify(s)), `seed ${seed}: sighting of ${source} on ${id}`).toBe(true);
      }
    }
  }
}

function normalise(local: MemoryLocal) {
  const c = local.contents();
  return {
    papers: [...c.papers].sort((a, b) => (a.id < b.id ? -1 : 1)),
    tags: [...c.tags].sort((a, b) => (a.name < b.name ? -1 : 1)),
    sightings: [...c.sightings].map(sightingKey).sort(),
    settings: c.settings,
  };
}

describe('three devices converge, whatever the order', () => {
  it('1,000 random histories of edits, deletes, undos, merges and partial replications', {
    timeout: 600_000,
  }, async () => {
    for (let seed = 1; seed <= Number(process.env.SEEDS ?? 1000); seed++) await runHistory(seed, 30);
  });

  it('a tag added on one device and removed on another: the later action wins on every device', async () => {
    let now = 1_800_000_000_000;
    const wall = () => now;
    const make = (name: string) => ({
      local: new MemoryLocal({
        papers: [makeLibraryPaper('2501.00009', { tags: ['ml'] })],
        tags: [{ name: 'ml', color: '#123456', createdAt: 1 }],
        sightings: [],
        settings: DEFAULT_SETTINGS,
      }),
      docs: new MemoryDocs(),
      clock: new HybridClock(name, wall),
    });
    const a = make('a');
    const b = make('b');
    const all = { papers: 'all', tags: true, settings: true } as const;
    await reconcile(a.docs, a.local, a.clock, all);
    a.docs.replicateTo(b.docs);
    await reconcile(b.docs, b.local, b.clock, all);
    // b removes the tag, then (later) a adds "theory" and removes nothing; then b's removal of "ml" is older than
    // a's re-adding of "ml".
    now += 10;
    b.local.papers.set('2501.00009', { ...(b.local.papers.get('2501.00009') as LibraryPaper), tags: [] });
    await reconcile(b.docs, b.local, b.clock, all);
    now += 10;
    a.local.papers.set('2501.00009', { ...(a.local.papers.get('2501.00009') as LibraryPaper), tags: ['ml', 'theory'] });
    await reconcile(a.docs, a.local, a.clock, all);
    a.docs.replicateTo(b.docs);
    b.docs.replicateTo(a.docs);
    await reconcile(a.docs, a.local, a.clock, all);
    await reconcile(b.docs, b.local, b.clock, all);
    // "ml" was never removed on a after b's removal reached it... a's list still held "ml" but a did not re-add
    // it: b's removal is the latest decision about "ml"; a's "theory" is the latest about "theory".
    expect(a.local.papers.get('2501.00009')?.tags).toEqual(['theory']);
    expect(b.local.papers.get('2501.00009')?.tags).toEqual(['theory']);
  });

  it('a note edited on both devices: both keep the later edit whole, whichever replicates first', async () => {
    for (const firstEditor of ['a', 'b'] as const) {
      let now = 1_800_000_000_000;
      const wall = () => now;
      const make = (name: string) => ({
        local: new MemoryLocal({
          papers: [makeLibraryPaper('2501.00010', { note: 'first thoughts' })],
          tags: [],
          sightings: [],
          settings: DEFAULT_SETTINGS,
        }),
        docs: new MemoryDocs(),
        clock: new HybridClock(name, wall),
      });
      const devices = { a: make('a'), b: make('b') };
      const all = { papers: 'all', tags: true, settings: true } as const;
      await reconcile(devices.a.docs, devices.a.local, devices.a.clock, all);
      devices.a.docs.replicateTo(devices.b.docs);
      await reconcile(devices.b.docs, devices.b.local, devices.b.clock, all);
      const early = devices[firstEditor];
      const late = devices[firstEditor === 'a' ? 'b' : 'a'];
      const edit = async (device: typeof early, note: string) => {
        now += 10;
        const paper = device.local.papers.get('2501.00010') as LibraryPaper;
        device.local.papers.set('2501.00010', { ...paper, note, updatedAt: now });
        await reconcile(device.docs, device.local, device.clock, all);
      };
      await edit(early, 'first thoughts\nthe proof of lemma 2 is wrong');
      await edit(late, 'first thoughts\nsee the appendix');
      // The later edit's device replicates first, then the earlier one's.
      late.docs.replicateTo(early.docs);
      await reconcile(early.docs, early.local, early.clock, all);
      early.docs.replicateTo(late.docs);
      await reconcile(late.docs, late.local, late.clock, all);
      await reconcile(early.docs, early.local, early.clock, all);
      for (const device of [devices.a, devices.b]) {
        expect(device.local.papers.get('2501.00010')?.note, `first editor ${firstEditor}`).toBe(
          'first thoughts\nsee the appendix',
        );
      }
    }
  });
});

describe('a merge of two records reaches every device the same way', () => {
  it("the loser's document becomes a tombstone naming the survivor, which carries the union", async () => {
    const now = 1_800_000_000_000;
    const paperX = makeLibraryPaper('2501.00007', { tags: ['x-tag'], addedAt: now - 5, updatedAt: now - 5 });
    const paperY = makeLibraryPaper('2501.00008', { addedAt: now - 5, updatedAt: now - 5 });
    const make = (name: string) => ({
      local: new MemoryLocal({ papers: [paperX, paperY], tags: [], sightings: [], settings: DEFAULT_SETTINGS }),
      docs: new MemoryDocs(),
      clock: new HybridClock(name, () => now),
    });
    const a = make('a');
    const b = make('b');
    const all = { papers: 'all', tags: true, settings: true } as const;
    await reconcile(a.docs, a.local, a.clock, all);
    a.docs.replicateTo(b.docs);
    await reconcile(b.docs, b.local, b.clock, all);
    // Device a learns the two are one work: X is merged into Y (what lib/paper/identity.ts's merge does).
    a.local.papers.delete(paperX.id);
    a.local.papers.set(paperY.id, { ...paperY, aliases: [paperY.id, paperX.id], tags: ['x-tag'], updatedAt: now });
    await reconcile(a.docs, a.local, a.clock, all);
    const tombstone = (await a.docs.read(['paper:2501.00007'])).get('paper:2501.00007')?.winner;
    expect(tombstone?.f.deleted?.v).toBe(true);
    expect(tombstone?.f.mergedInto?.v).toBe(paperY.id);
    a.docs.replicateTo(b.docs);
    await reconcile(b.docs, b.local, b.clock, all);
    expect([...b.local.papers.keys()]).toEqual([paperY.id]);
    expect(b.local.papers.get(paperY.id)?.aliases).toEqual([paperX.id, paperY.id]);
    expect(b.local.papers.get(paperY.id)?.tags).toEqual(['x-tag']);
    expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
  });
});

describe('an edit to a paper that another device merged away folds into the survivor', () => {
  // X from arXiv, Y from an imported reference with only its DOI: a page that gives X's DOI shows them to be one.
  const X = '2501.00011';
  const Y = '10.5555/shared';
  const all = { papers: 'all', tags: true, settings: true } as const;

  type Twin = { local: MemoryLocal; docs: MemoryDocs; clock: HybridClock };

  /** Two devices holding X and Y, in step. */
  async function twins(wall: () => number): Promise<{ a: Twin; b: Twin }> {
    const paperX = makeLibraryPaper(X, { tags: ['x-tag'], note: 'from X', addedAt: 10, updatedAt: 10 });
    const paperY = makeLibraryPaper('2501.00012', {
      id: Y,
      arxivId: null,
      doi: Y,
      url: null,
      pdfUrl: null,
      aliases: [Y],
      addedAt: 20,
      updatedAt: 20,
    });
    const make = (name: string): Twin => ({
      local: new MemoryLocal({ papers: [paperX, paperY], tags: [], sightings: [], settings: DEFAULT_SETTINGS }),
      docs: new MemoryDocs(),
      clock: new HybridClock(name, wall),
    });
    const a = make('a');
    const b = make('b');
    await reconcile(a.docs, a.local, a.clock, all);
    a.docs.replicateTo(b.docs);
    await reconcile(b.docs, b.local, b.clock, all);
    return { a, b };
  }

  /** What the library's merge does when one record names both (lib/paper/resolve.ts): Y into X. */
  function mergeYIntoX(d: Twin): { id: string; paper: LibraryPaper | null; sightings: Sighting[] }[] {
    const x = d.local.papers.get(X) as LibraryPaper;
    const y = d.local.papers.get(Y) as LibraryPaper;
    const undo = [X, Y].map((id) => ({
      id,
      paper: d.local.papers.get(id) ?? null,
      sightings: [...(d.local.sightings.get(id) ?? [])],
    }));
    d.local.papers.set(X, { ...mergeStoredPapers([x, y]), id: X, doi: Y });
    d.local.papers.delete(Y);
    const moved = (d.local.sightings.get(Y) ?? []).map((s) => ({ ...s, paperId: X }));
    d.local.sightings.set(X, [...(d.local.sightings.get(X) ?? []), ...moved]);
    d.local.sightings.delete(Y);
    return undo;
  }

  function editY(d: Twin, at: number): void {
    const y = d.local.papers.get(Y) as LibraryPaper;
    d.local.papers.set(Y, { ...y, tags: [...y.tags, 'b-tag'], note: 'written on b', status: 'read', updatedAt: at });
  }

  const orders = ['a-then-b', 'b-then-a', 'both-then-reconcile', 'b-unsynced-edit'] as const;
  for (const editFirst of [true, false]) {
    for (const order of orders) {
      it(`${order}, the edit made ${editFirst ? 'before' : 'after'} the merge`, async () => {
        let now = 1_800_000_000_000;
        const { a, b } = await twins(() => now);
        now += 10;
        // b's edit is acknowledged (stamped into b's documents) when it is made, except in the last order, where
        // a's merge reaches b before b's next pass.
        const edit = async () => {
          editY(b, now);
          if (order !== 'b-unsynced-edit') await reconcile(b.docs, b.local, b.clock, all);
        };
        if (editFirst) await edit();
        now += 10;
        mergeYIntoX(a);
        await reconcile(a.docs, a.local, a.clock, all);
        now += 10;
        if (!editFirst) await edit();
        for (let round = 0; round < 3; round++) {
          now += 10;
          if (order === 'a-then-b' || order === 'b-unsynced-edit') {
            a.docs.replicateTo(b.docs);
            await reconcile(b.docs, b.local, b.clock, all);
            b.docs.replicateTo(a.docs);
            await reconcile(a.docs, a.local, a.clock, all);
          } else if (order === 'b-then-a') {
            b.docs.replicateTo(a.docs);
            await reconcile(a.docs, a.local, a.clock, all);
            a.docs.replicateTo(b.docs);
            await reconcile(b.docs, b.local, b.clock, all);
          } else {
            a.docs.replicateTo(b.docs);
            b.docs.replicateTo(a.docs);
            await reconcile(a.docs, a.local, a.clock, all);
            await reconcile(b.docs, b.local, b.clock, all);
          }
        }
        for (const d of [a, b]) {
          expect([...d.local.papers.keys()]).toEqual([X]);
          const x = d.local.papers.get(X) as LibraryPaper;
          expect(x.tags).toEqual(expect.arrayContaining(['x-tag', 'b-tag']));
          expect(x.note).toBe('written on b');
          expect(x.status).toBe('read');
          expect(x.aliases).toContain(Y);
        }
        expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
        expect(stableJson(b.docs.winners())).toBe(stableJson(a.docs.winners()));
      });
    }
  }

  it('the undo of the merge restores both papers on every device, the edit on the paper it was made to', async () => {
    let now = 1_800_000_000_000;
    const { a, b } = await twins(() => now);
    now += 10;
    editY(b, now);
    await reconcile(b.docs, b.local, b.clock, all);
    now += 10;
    const undo = mergeYIntoX(a);
    await reconcile(a.docs, a.local, a.clock, all);
    now += 10;
    a.docs.replicateTo(b.docs);
    b.docs.replicateTo(a.docs);
    await reconcile(a.docs, a.local, a.clock, all);
    await reconcile(b.docs, b.local, b.clock, all);
    // Both hold the merged paper with b's edit folded in.
    expect([...b.local.papers.keys()]).toEqual([X]);
    expect(a.local.papers.get(X)?.tags).toContain('b-tag');
    now += 10;
    // a undoes the merge: both records as they were before it.
    for (const u of undo) {
      if (u.paper) a.local.papers.set(u.id, u.paper);
      a.local.sightings.set(u.id, u.sightings);
    }
    await reconcile(a.docs, a.local, a.clock, all);
    for (let round = 0; round < 2; round++) {
      now += 10;
      a.docs.replicateTo(b.docs);
      await reconcile(b.docs, b.local, b.clock, all);
      b.docs.replicateTo(a.docs);
      await reconcile(a.docs, a.local, a.clock, all);
    }
    // An edit of Y after the undo stays on Y: it is folded into X no more.
    now += 10;
    const y = b.local.papers.get(Y) as LibraryPaper;
    b.local.papers.set(Y, { ...y, tags: [...y.tags, 'after-undo'], updatedAt: now });
    await reconcile(b.docs, b.local, b.clock, all);
    b.docs.replicateTo(a.docs);
    await reconcile(a.docs, a.local, a.clock, all);
    a.docs.replicateTo(b.docs);
    await reconcile(b.docs, b.local, b.clock, all);
    for (const d of [a, b]) {
      expect([...d.local.papers.keys()].sort()).toEqual([X, Y].sort());
      const x = d.local.papers.get(X) as LibraryPaper;
      const y = d.local.papers.get(Y) as LibraryPaper;
      expect(x.tags).toEqual(['x-tag']);
      expect(x.note).toBe('from X');
      expect(x.aliases).not.toContain(Y);
      expect(y.tags).toEqual(['b-tag', 'after-undo']);
      expect(y.note).toBe('written on b');
      expect(y.status).toBe('read');
    }
    expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
  });
});

describe('two records of one paper on two devices are merged alike on both', () => {
  // A saved X from arXiv, and its page gave the DOI; B saved the same work from Scholar, known only by that DOI.
  const X = '2501.00021';
  const D = '10.5555/same-work';
  const all = { papers: 'all', tags: true, settings: true } as const;
  type Dev = { local: MemoryLocal; docs: MemoryDocs; clock: HybridClock };
  const title = 'Attention to the same work';
  const authors = ['Ada Lovelace', 'Alan Turing'];

  const paperX = () =>
    makeLibraryPaper(X, {
      title,
      authors,
      doi: D,
      aliases: [X, D],
      tags: ['a-tag'],
      note: 'from A',
      addedAt: 10,
      updatedAt: 10,
    });
  const doiPaper = (doi: string, extra: Partial<LibraryPaper> = {}) =>
    makeLibraryPaper('2501.09998', {
      id: doi,
      arxivId: null,
      doi,
      url: null,
      pdfUrl: null,
      title,
      authors,
      aliases: [doi],
      addedAt: 20,
      updatedAt: 20,
      ...extra,
    });

  function device(name: string, papers: LibraryPaper[], wall: () => number): Dev {
    return {
      local: new MemoryLocal({ papers, tags: [], sightings: [], settings: DEFAULT_SETTINGS }),
      docs: new MemoryDocs(),
      clock: new HybridClock(name, wall),
    };
  }

  async function replicate(order: string, a: Dev, b: Dev): Promise<void> {
    if (order === 'a-first') {
      a.docs.replicateTo(b.docs);
      await reconcile(b.docs, b.local, b.clock, all);
      b.docs.replicateTo(a.docs);
      await reconcile(a.docs, a.local, a.clock, all);
    } else if (order === 'b-first') {
      b.docs.replicateTo(a.docs);
      await reconcile(a.docs, a.local, a.clock, all);
      a.docs.replicateTo(b.docs);
      await reconcile(b.docs, b.local, b.clock, all);
    } else {
      // Both learn of the other's record at once, and each makes the merge on its own.
      a.docs.replicateTo(b.docs);
      b.docs.replicateTo(a.docs);
      await reconcile(a.docs, a.local, a.clock, all);
      await reconcile(b.docs, b.local, b.clock, all);
    }
  }

  it('two arXiv papers that give one DOI are not merged (a wrong DOI on one); an arXiv paper and its DOI are', async () => {
    const now = 1_800_000_000_000;
    const W = '2501.00023';
    const X3 = '2501.00024';
    const D3 = '10.5555/third';
    const a = device(
      'a',
      [paperX(), makeLibraryPaper(X3, { doi: D3, aliases: [X3, D3], addedAt: 10, updatedAt: 10 })],
      () => now,
    );
    const b = device(
      'b',
      [
        makeLibraryPaper(W, { doi: D, aliases: [W, D], tags: ['w-tag'], addedAt: 20, updatedAt: 20 }),
        doiPaper(D3, { tags: ['b-tag'] }),
      ],
      () => now,
    );
    await reconcile(a.docs, a.local, a.clock, all);
    await reconcile(b.docs, b.local, b.clock, all);
    for (let round = 0; round < 2; round++) await replicate('at-once', a, b);
    for (const d of [a, b]) {
      expect([...d.local.papers.keys()].sort()).toEqual([W, X, X3].sort());
      expect(d.local.papers.get(W)?.tags).toEqual(['w-tag']);
      expect(d.local.papers.get(X)?.tags).toEqual(['a-tag']);
      expect(d.local.papers.get(X3)?.tags).toEqual(['b-tag']);
    }
    expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
  });

  for (const order of ['a-first', 'b-first', 'at-once'] as const) {
    it(`${order}: both end with the survivor, carrying both devices' decisions`, async () => {
      let now = 1_800_000_000_000;
      const wall = () => now;
      const sighting: Sighting = {
        paperId: D,
        site: 'scholar',
        pageUrl: 'https://scholar.google.com/scholar?q=same',
        section: null,
        rank: 1,
        upvotes: null,
        comments: null,
        seenAt: 20,
      };
      const a = device('a', [paperX()], wall);
      const b = device('b', [doiPaper(D, { tags: ['b-tag'], saved: true, savedAt: 20, status: 'read' })], wall);
      b.local.sightings.set(D, [sighting]);
      await reconcile(a.docs, a.local, a.clock, all);
      await reconcile(b.docs, b.local, b.clock, all);
      let merges = 0;
      for (const d of [a, b]) {
        const merge = d.local.merge.bind(d.local);
        d.local.merge = async (m) => {
          merges++;
          return merge(m);
        };
      }
      for (let round = 0; round < 3; round++) {
        now += 10;
        await replicate(order, a, b);
      }
      for (const d of [a, b]) {
        expect([...d.local.papers.keys()]).toEqual([X]);
        const x = d.local.papers.get(X) as LibraryPaper;
        expect(x.tags).toEqual(expect.arrayContaining(['a-tag', 'b-tag']));
        expect(x.note).toBe('from A');
        expect(x.status).toBe('read');
        expect(x.saved).toBe(true);
        expect(x.aliases).toEqual(expect.arrayContaining([X, D]));
        expect((d.local.sightings.get(X) ?? []).map((s) => s.pageUrl)).toEqual([sighting.pageUrl]);
        const tombstone = (await d.docs.read([`paper:${D}`])).get(`paper:${D}`)?.winner;
        expect(tombstone?.f.mergedInto?.v).toBe(X);
      }
      // At once, each device made the same merge; otherwise the one that saw both first, and the other followed.
      expect(merges).toBe(order === 'at-once' ? 2 : 1);
      expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
      expect(stableJson(b.docs.winners())).toBe(stableJson(a.docs.winners()));

      // Later edits on either device reach the survivor on both.
      now += 10;
      const bx = b.local.papers.get(X) as LibraryPaper;
      b.local.papers.set(X, { ...bx, note: 'edited on b', updatedAt: now });
      await reconcile(b.docs, b.local, b.clock, all);
      now += 10;
      await replicate(order, a, b);
      expect(a.local.papers.get(X)?.note).toBe('edited on b');
      expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
    });
  }

  it('a near-duplicate with another DOI is not merged; the one sharing the DOI is', async () => {
    const now = 1_800_000_000_000;
    const other = '10.5555/another-work';
    const a = device('a', [withLookupKeys(paperX())], () => now);
    // Two chapters of one book, each linking to the book: one has a DOI, the other nothing but the shared URL.
    const book = 'https://example.org/book';
    const chapter = (title: string, extra: Partial<LibraryPaper>) => {
      const base = doiPaper(D, { title, url: book, ...extra });
      return withLookupKeys({ ...base, id: extra.id ?? (contentKeyOf(base) as string), aliases: [] });
    };
    a.local.papers.set('10.5555/ch1', chapter('Chapter one', { id: '10.5555/ch1', doi: '10.5555/ch1' }));
    const second = chapter('Chapter two', { doi: null });
    // As the library stores them: every key among the aliases, the content key (which all three share) too.
    const b = device(
      'b',
      [doiPaper(D, { tags: ['b-tag'] }), doiPaper(other, { tags: ['other'] })].map(withLookupKeys).concat(second),
      () => now,
    );
    await reconcile(a.docs, a.local, a.clock, all);
    await reconcile(b.docs, b.local, b.clock, all);
    for (let round = 0; round < 2; round++) await replicate('a-first', a, b);
    for (const d of [a, b]) {
      expect([...d.local.papers.keys()].sort()).toEqual([other, X, '10.5555/ch1', second.id].sort());
      expect(d.local.papers.get(other)?.tags).toEqual(['other']);
      expect(d.local.papers.get(X)?.tags).toEqual(expect.arrayContaining(['a-tag', 'b-tag']));
    }
    expect(stableJson(normalise(b.local))).toBe(stableJson(normalise(a.local)));
  });
});

describe('the same merge in the extension library (IndexedDB)', () => {
  it('merges through the library, moves the sightings, and its undo puts both papers back without a new merge', async () => {
    let now = 1_800_000_000_000;
    const wall = () => now;
    const X = '2501.00041';
    const D = '10.5555/idb-work';
    const all = { papers: 'all', tags: true, settings: true } as const;
    const a = {
      local: new MemoryLocal({
        papers: [makeLibraryPaper(X, { doi: D, aliases: [X, D], tags: ['a-tag'], addedAt: 10, updatedAt: 10 })],
        tags: [],
        sightings: [],
        settings: DEFAULT_SETTINGS,
      }),
      docs: new MemoryDocs(),
      clock: new HybridClock('a', wall),
    };
    const library = await Library.open({ name: freshDbName() });
    await library.replaceContents({
      papers: [
        makeLibraryPaper('2501.09997', {
          id: D,
          arxivId: null,
          doi: D,
          url: null,
          pdfUrl: null,
          aliases: [D],
          tags: ['b-tag'],
          status: 'read',
          addedAt: 20,
          updatedAt: 20,
        }),
      ],
      tags: [],
      sightings: [
        {
          paperId: D,
          site: 'scholar',
          pageUrl: 'https://scholar.google.com/scholar?q=idb',
          section: null,
          rank: 1,
          upvotes: null,
          comments: null,
          seenAt: 20,
        },
      ],
      settings: DEFAULT_SETTINGS,
    });
    const undos: Undo[] = [];
    const local = libraryLocal(async () => library);
    local.merge = async (m) => {
      const undo = await library.syncMerge(m);
      if (undo) undos.push(undo);
      return undo !== null;
    };
    const b = { local, docs: new MemoryDocs(), clock: new HybridClock('b', wall) };
    const round = async () => {
      now += 10;
      a.docs.replicateTo(b.docs);
      await reconcile(b.docs, b.local, b.clock, all);
      b.docs.replicateTo(a.docs);
      await reconcile(a.docs, a.local, a.clock, all);
    };
    await reconcile(a.docs, a.local, a.clock, all);
    await reconcile(b.docs, b.local, b.clock, all);
    await round();
    await round();
    expect((await library.listPapers()).map((p) => p.id)).toEqual([X]);
    const merged = (await library.getPaper(X)) as LibraryPaper;
    expect(merged.tags).toEqual(expect.arrayContaining(['a-tag', 'b-tag']));
    expect(merged.status).toBe('read');
    expect((await library.getSightings(X)).map((s) => s.site)).toEqual(['scholar']);
    expect([...a.local.papers.keys()]).toEqual([X]);
    expect(a.local.papers.get(X)?.tags).toEqual(expect.arrayContaining(['a-tag', 'b-tag']));
    expect(undos).toHaveLength(1);

    // The person undoes the merge on b: both papers come back on both devices, and neither device merges them again.
    now += 10;
    await library.restore(undos[0] as Undo);
    await reconcile(b.docs, b.local, b.clock, all);
    await round();
    await round();
    expect((await library.listPapers()).map((p) => p.id).sort()).toEqual([D, X].sort());
    expect([...a.local.papers.keys()].sort()).toEqual([D, X].sort());
    expect(a.local.papers.get(D)?.tags).toEqual(['b-tag']);
    expect(a.local.papers.get(X)?.tags).toEqual(['a-tag']);
    expect((await library.getSightings(D)).map((s) => s.site)).toEqual(['scholar']);
    expect(undos).toHaveLength(1);
    library.close();
  });
});
