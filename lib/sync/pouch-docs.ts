/**
 * The replicated documents in a device's PouchDB, encrypted as the server holds them: decrypted and checked with
 * zod on every read, encrypted on every write. Replication copies the ciphertext as it is; only this module sees
 * a plaintext.
 */
import type { AllDocsRow, Database, Doc } from 'pouchdb-core';
import { decryptDoc, documentId, encryptDoc, KEY_DOC_ID, type SyncKeys } from './crypto';
import { SyncDoc, type SyncDoc as SyncDocType } from './doc';
import type { DocKind, DocStore, DocVersions, DocWrite } from './reconcile';

type Row = AllDocsRow;

const PAGE = 1000;

export class PouchDocs implements DocStore {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly keys: SyncKeys,
  ) {}

  async docId(kind: DocKind, key: string): Promise<string> {
    const name = `${kind}\u0000${key}`;
    let id = this.ids.get(name);
    if (!id) {
      id = await documentId(this.keys, kind, key);
      this.ids.set(name, id);
    }
    return id;
  }

  /** A decrypted, checked plaintext, or null (counted as invalid by the caller). */
  async open(doc: unknown): Promise<SyncDocType | null> {
    const plain = await decryptDoc(this.keys, doc);
    if (plain === null) return null;
    const parsed = SyncDoc.safeParse(plain);
    if (!parsed.success) return null;
    const value = parsed.data as SyncDocType;
    // A document is only ever read under the id its own kind and key give: a server cannot move one.
    const id = (doc as { _id: string })._id;
    if ((await this.docId(value.kind as DocKind, value.key)) !== id) return null;
    return value;
  }

  private async versionsOf(rows: Row[]): Promise<Map<string, DocVersions>> {
    const out = new Map<string, DocVersions>();
    const conflicts: { id: string; rev: string }[] = [];
    const live = rows.filter(
      (row) =>
        row.id &&
        !row.error &&
        row.value &&
        !row.value.deleted &&
        row.doc &&
        row.id !== KEY_DOC_ID &&
        !row.id.startsWith('_design/'),
    );
    // Decrypted side by side: WebCrypto works off the caller's thread, so one page at a time in order would wait
    // for each document in turn (measured: most of a first pull was that waiting).
    const opened = await Promise.all(live.map((row) => this.open(row.doc)));
    for (const [i, row] of live.entries()) {
      if (!row.id || !row.value || !row.doc) continue;
      const winner = opened[i] ?? null;
      out.set(row.id, {
        winnerRev: row.value.rev,
        winner,
        docs: winner ? [winner] : [],
        loserRevs: [],
        invalid: winner ? 0 : 1,
      });
      for (const rev of (row.doc._conflicts as string[] | undefined) ?? []) conflicts.push({ id: row.id, rev });
    }
    if (conflicts.length) {
      const result = await this.db.bulkGet({ docs: conflicts });
      for (const entry of result.results) {
        const versions = out.get(entry.id);
        if (!versions) continue;
        const docs = entry.docs.map((got) => ('ok' in got ? got.ok : null));
        const readable = await Promise.all(docs.map((doc) => (doc ? this.open(doc) : null)));
        for (const [i, doc] of docs.entries()) {
          const opened = readable[i];
          if (opened && doc) {
            versions.docs.push(opened);
            versions.loserRevs.push(doc._rev as string);
          } else versions.invalid++;
        }
      }
    }
    return out;
  }

  async read(docIds: readonly string[]): Promise<Map<string, DocVersions>> {
    const out = new Map<string, DocVersions>();
    for (let i = 0; i < docIds.length; i += PAGE) {
      const keys = docIds.slice(i, i + PAGE);
      const result = await this.db.allDocs({ keys, include_docs: true, conflicts: true });
      for (const [id, v] of await this.versionsOf(result.rows as Row[])) out.set(id, v);
    }
    return out;
  }

  async readAll(): Promise<Map<string, DocVersions>> {
    const out = new Map<string, DocVersions>();
    let startkey: string | undefined;
    for (;;) {
      const result = await this.db.allDocs({
        include_docs: true,
        conflicts: true,
        limit: PAGE + 1,
        ...(startkey === undefined ? {} : { startkey }),
      });
      const rows = result.rows as Row[];
      const page = rows.length > PAGE ? rows.slice(0, PAGE) : rows;
      for (const [id, v] of await this.versionsOf(page)) out.set(id, v);
      if (rows.length <= PAGE) return out;
      startkey = rows[PAGE]?.id;
    }
  }

  async write(writes: readonly DocWrite[]): Promise<string[]> {
    const docs: Doc[] = [];
    const encrypted = await Promise.all(writes.map((w) => (w.doc ? encryptDoc(this.keys, w.docId, w.doc) : null)));
    for (const [i, w] of writes.entries()) {
      const doc = encrypted[i];
      if (doc) docs.push(w.winnerRev ? { ...doc, _rev: w.winnerRev } : { ...doc });
      for (const rev of w.loserRevs) docs.push({ _id: w.docId, _rev: rev, _deleted: true });
    }
    const refused = new Set<string>();
    for (let i = 0; i < docs.length; i += PAGE) {
      const results = await this.db.bulkDocs(docs.slice(i, i + PAGE));
      for (const r of results) {
        if ('error' in r && r.error) {
          if (r.status === 409 && r.id) refused.add(r.id);
          else throw new Error(`the local sync store refused a write: ${r.message ?? r.name ?? 'unknown error'}`);
        }
      }
    }
    return [...refused];
  }
}
