/**
 * An in-memory stand-in for a device's PouchDB, faithful where the merge depends on it: a revision tree per
 * document, CouchDB's choice of winner (most edits, then the larger revision id), conflicts as several live
 * leaves, deterministic revision ids, and replication as the union of revision trees.
 */

import { type SyncDoc, stableJson } from '../../lib/sync/doc';
import type { DocKind, DocStore, DocVersions, DocWrite } from '../../lib/sync/reconcile';
import { hashValue } from '../../lib/sync/records';

type Rev = { parent: string | null; gen: number; doc: SyncDoc | null };

export class MemoryDocs implements DocStore {
  readonly trees = new Map<string, Map<string, Rev>>();
  /** Documents written since the last replication, as a check that a pass writes only what changed. */
  writes = 0;

  async docId(kind: DocKind, key: string): Promise<string> {
    return `${kind}:${key}`;
  }

  private leaves(tree: Map<string, Rev>): string[] {
    const parents = new Set<string>();
    for (const rev of tree.values()) if (rev.parent) parents.add(rev.parent);
    return [...tree.keys()].filter((r) => !parents.has(r));
  }

  private versions(tree: Map<string, Rev>): DocVersions {
    const live = this.leaves(tree)
      .filter((r) => tree.get(r)?.doc)
      .sort((a, b) => {
        const ga = tree.get(a)?.gen ?? 0;
        const gb = tree.get(b)?.gen ?? 0;
        return gb - ga || (a < b ? 1 : a > b ? -1 : 0);
      });
    const [winnerRev = null, ...losers] = live;
    const docOf = (r: string) => tree.get(r)?.doc as SyncDoc;
    return {
      winnerRev,
      winner: winnerRev ? docOf(winnerRev) : null,
      docs: live.map(docOf),
      loserRevs: losers,
      invalid: 0,
    };
  }

  async read(docIds: readonly string[]): Promise<Map<string, DocVersions>> {
    const out = new Map<string, DocVersions>();
    for (const id of docIds) {
      const tree = this.trees.get(id);
      if (tree) out.set(id, this.versions(tree));
    }
    return out;
  }

  async readAll(): Promise<Map<string, DocVersions>> {
    return this.read([...this.trees.keys()]);
  }

  async write(writes: readonly DocWrite[]): Promise<string[]> {
    const refused: string[] = [];
    for (const w of writes) {
      const tree = this.trees.get(w.docId) ?? new Map<string, Rev>();
      const leaves = new Set(this.leaves(tree));
      const current = this.versions(tree).winnerRev;
      if (w.winnerRev !== current || w.loserRevs.some((r) => !leaves.has(r))) {
        refused.push(w.docId);
        continue;
      }
      if (w.doc) {
        const gen = (w.winnerRev ? (tree.get(w.winnerRev)?.gen ?? 0) : 0) + 1;
        const rev = `${gen}-${hashValue([w.winnerRev, stableJson(w.doc)])}`;
        tree.set(rev, { parent: w.winnerRev, gen, doc: structuredClone(w.doc) });
      }
      for (const loser of w.loserRevs) {
        const gen = (tree.get(loser)?.gen ?? 0) + 1;
        tree.set(`${gen}-${hashValue([loser, 'deleted'])}`, { parent: loser, gen, doc: null });
      }
      this.trees.set(w.docId, tree);
      this.writes++;
    }
    return refused;
  }

  /** Replication of the documents named (all when omitted) from `this` into `target`. */
  replicateTo(target: MemoryDocs, docIds?: readonly string[]): void {
    for (const id of docIds ?? [...this.trees.keys()]) {
      const tree = this.trees.get(id);
      if (!tree) continue;
      const theirs = target.trees.get(id) ?? new Map<string, Rev>();
      for (const [rev, value] of tree) if (!theirs.has(rev)) theirs.set(rev, value);
      target.trees.set(id, theirs);
    }
  }

  /** The winning plaintext of every document, for comparing devices. */
  winners(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, tree] of this.trees) {
      const v = this.versions(tree);
      out[id] = v.winner ? stableJson(v.winner) : 'deleted';
    }
    return out;
  }
}
