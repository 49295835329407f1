// @vitest-environment node
/**
 * Sync against a real CouchDB-protocol server: PouchDB Server from npm, started here on 127.0.0.1.
 * Two devices each have their own IndexedDB library (fake-indexeddb) and their own PouchDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../lib/db/library';
import type { LibraryPaper } from '../../lib/paper/schema';
import { documentId, encryptDoc, keysFromMaterial, WrongPassphraseError } from '../../lib/sync/crypto';
import { SyncEngine } from '../../lib/sync/engine';
import { libraryLocal } from '../../lib/sync/library-local';
import { nodePouch } from '../../lib/sync/pouch-node';
import { syncStatusText } from '../../lib/sync/status-text';
import { freshDbName, makeRecord } from '../helpers/papers';
import { createDatabase, type Server, startServer } from './server';

let server: Server;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

let devices = 0;
async function device(url: string, options: { fetch?: typeof fetch; library?: Library } = {}) {
  devices++;
  const library = options.library ?? (await Library.open({ name: freshDbName() }));
  const engine = new SyncEngine({
    pouch: nodePouch,
    local: libraryLocal(async () => library),
    config: { url, username: null, password: null },
    device: `dev${devices}`,
    iterations: 10_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { library, engine };
}

const byId = (papers: LibraryPaper[]) => [...papers].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('sync through PouchDB Server', () => {
  it('two devices converge: papers, decisions, tags with colours, notes, deletes and their undo', async () => {
    const url = await createDatabase(server.origin, 'converge');
    const a = await device(url);
    await a.library.savePapers([makeRecord('2502.00001'), makeRecord('2502.00002'), makeRecord('2502.00003')], {
      tags: ['graphs'],
    });
    await a.library.updatePapers(['2502.00001'], { note: 'Read the appendix first.', status: 'reading' });
    await a.library.setTagColor('graphs', '#abcdef');
    await a.engine.unlock({ passphrase: 'correct horse battery staple' });
    await a.engine.syncOnce();

    const b = await device(url);
    await b.engine.unlock({ passphrase: 'correct horse battery staple' });
    await b.engine.syncOnce();
    expect(byId(await b.library.listPapers())).toEqual(byId(await a.library.listPapers()));
    expect((await b.library.listTags()).map((t) => [t.name, t.color, t.count])).toEqual([['graphs', '#abcdef', 3]]);

    // Offline edits on both sides, then both sync.
    await b.library.updatePapers(['2502.00002'], { note: 'From B', removeTags: ['graphs'] });
    const undo = await a.library.deletePapers(['2502.00003']);
    await a.library.updatePapers(['2502.00001'], { addTags: ['survey'] });
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const onA = byId(await a.library.listPapers());
    expect(onA.map((p) => p.id)).toEqual(['2502.00001', '2502.00002']);
    expect(byId(await b.library.listPapers())).toEqual(onA);
    expect(onA[1]?.note).toBe('From B');
    expect(onA[1]?.tags).toEqual([]);
    expect(onA[0]?.tags).toEqual(['graphs', 'survey']);

    // The undo of the delete restores the paper on the other device too.
    await a.library.restore(undo);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect((await b.library.getPaper('2502.00003'))?.tags).toEqual(['graphs']);
    await a.engine.close();
    await b.engine.close();
  });

  it('the server sees no title, author, tag, note or identifier', async () => {
    const url = await createDatabase(server.origin, 'opaque');
    const a = await device(url);
    await a.library.savePapers(
      [makeRecord('2502.01234', { doi: '10.1234/secret.doi', title: 'Attention Is Unusual' })],
      {
        tags: ['secret-tag'],
      },
    );
    await a.library.updatePapers(['2502.01234'], { note: 'private thoughts' });
    await a.engine.unlock({ passphrase: 'p4ss' });
    await a.engine.syncOnce();
    const raw = await (await fetch(`${url}/_all_docs?include_docs=true`)).text();
    const rows = JSON.parse(raw).rows as unknown[];
    expect(rows.length).toBeGreaterThanOrEqual(3); // key document, paper, tag, settings
    for (const secret of [
      '2502.01234',
      '2502',
      'secret.doi',
      '10.1234',
      'Attention',
      'Unusual',
      'Lovelace',
      'Turing',
      'secret-tag',
      'private thoughts',
      'arxiv',
      'graphs',
      'note',
      'title',
    ]) {
      expect(raw.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    await a.engine.close();
  });

  it('a wrong passphrase is refused with a message and writes nothing', async () => {
    const url = await createDatabase(server.origin, 'passphrase');
    const a = await device(url);
    await a.library.savePapers([makeRecord('2502.00010')]);
    await a.engine.unlock({ passphrase: 'right' });
    await a.engine.syncOnce();
    const before = await (await fetch(`${url}/_all_docs`)).json();

    const b = await device(url);
    await b.library.savePapers([makeRecord('2502.00011')]);
    await expect(b.engine.unlock({ passphrase: 'wrong' })).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(b.engine.status.message).toBe('Wrong passphrase for this library');
    expect(await (await fetch(`${url}/_all_docs`)).json()).toEqual(before);
    expect((await b.library.listPapers()).map((p) => p.id)).toEqual(['2502.00011']);
    await a.engine.close();
    await b.engine.close();
  });

  it('401, 500 and garbage answers give messages and lose nothing', async () => {
    const url = await createDatabase(server.origin, 'faults');
    const a = await device(url);
    await a.engine.unlock({ passphrase: 'x' });
    await a.library.savePapers([makeRecord('2502.00020')]);
    await a.engine.syncOnce();
    let mode: 'ok' | '401' | '500' | 'garbage' | 'down' = 'ok';
    const faulty: typeof fetch = async (input, init) => {
      if (mode === '401')
        return new Response('{"error":"unauthorized","reason":"Name or password is incorrect."}', { status: 401 });
      if (mode === '500') return new Response('{"error":"internal","reason":"boom"}', { status: 500 });
      if (mode === 'garbage')
        return new Response('<html>not json', { status: 200, headers: { 'content-type': 'application/json' } });
      if (mode === 'down') throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const b = await device(url, { fetch: faulty });
    await b.engine.unlock({ passphrase: 'x' });
    await b.engine.syncOnce();
    await b.library.updatePapers(['2502.00020'], { note: 'kept through every failure' });
    const expected: Record<string, string> = {
      '401': 'Wrong password',
      '500': 'The server failed (error 500)',
      garbage: 'The server answered with something that is not CouchDB',
      down: 'Server unreachable',
    };
    for (const m of ['401', '500', 'garbage', 'down'] as const) {
      mode = m;
      await expect(b.engine.syncOnce()).rejects.toBeTruthy();
      expect(b.engine.status.message, m).toBe(expected[m]);
      expect((await b.library.getPaper('2502.00020'))?.note).toBe('kept through every failure');
    }
    // Server down: the local change still waits, and the panel says how many.
    expect(b.engine.status.state).toBe('offline');
    expect(b.engine.status.pending).toBeGreaterThan(0);
    expect(syncStatusText(b.engine.status, Date.now())).toBe(`Offline: ${b.engine.status.pending} changes waiting`);
    mode = 'ok';
    await b.engine.syncOnce();
    expect(b.engine.status.pending).toBe(0);
    expect(syncStatusText(b.engine.status, Date.now())).toMatch(/^Synced \d+ s ago$/);
    await a.engine.syncOnce();
    expect((await a.library.getPaper('2502.00020'))?.note).toBe('kept through every failure');
    await a.engine.close();
    await b.engine.close();
  });

  it('a full server (507, 413, CouchDB out of disk, a quota) is told as "The server is full"; nothing is lost', async () => {
    const url = await createDatabase(server.origin, 'full');
    const a = await device(url);
    await a.engine.unlock({ passphrase: 'f' });
    await a.library.savePapers([makeRecord('2502.00040')]);
    await a.engine.syncOnce();
    // Reads are answered; every write is refused the way each kind of server says it has no room.
    type Mode = 'ok' | '507' | '413' | 'enospc' | 'quota';
    let mode: Mode = 'ok';
    const refusals: Record<Exclude<Mode, 'ok'>, () => Response> = {
      '507': () => new Response('{"error":"insufficient_storage","reason":"Insufficient Storage"}', { status: 507 }),
      '413': () => new Response('{"error":"too_large","reason":"the request entity is too large"}', { status: 413 }),
      enospc: () => new Response('{"error":"unknown_error","reason":"enospc"}', { status: 500 }),
      quota: () => new Response('{"error":"forbidden_quota","reason":"Data quota exceeded"}', { status: 400 }),
    };
    const full: typeof fetch = async (input, init) => {
      const method = (init?.method ?? 'GET').toUpperCase();
      if (mode !== 'ok' && (method === 'POST' || method === 'PUT')) {
        const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
        // Replication's own bookkeeping (_revs_diff, _local checkpoints) goes through; the documents do not.
        if (!path.includes('/_revs_diff')) return refusals[mode]();
      }
      return fetch(input, init);
    };
    const b = await device(url, { fetch: full });
    await b.engine.unlock({ passphrase: 'f' });
    await b.engine.syncOnce();
    for (const m of ['507', '413', 'enospc', 'quota'] as const) {
      mode = m;
      await b.library.updatePapers(['2502.00040'], { note: `written while ${m}` });
      await expect(b.engine.syncOnce(), m).rejects.toBeTruthy();
      expect(b.engine.status.message, m).toBe('The server is full');
      expect(b.engine.status.state, m).toBe('offline');
      expect((await b.library.getPaper('2502.00040'))?.note, m).toBe(`written while ${m}`);
    }
    mode = 'ok';
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    expect((await a.library.getPaper('2502.00040'))?.note).toBe('written while quota');
    await a.engine.close();
    await b.engine.close();
  });

  it('documents that fail are skipped and counted; fields of a newer version are kept', async () => {
    const url = await createDatabase(server.origin, 'hostile');
    const a = await device(url);
    const material = await a.engine.unlock({ passphrase: 'k' });
    await a.library.savePapers([makeRecord('2502.00030')]);
    await a.engine.syncOnce();
    const keys = await keysFromMaterial(material);
    // A newer Paperlane wrote a field and a top-level key this version does not know.
    const newer = {
      format: 1,
      kind: 'paper',
      key: '2502.00031',
      f: {
        ...Object.fromEntries(
          Object.entries({
            ids: { arxivId: '2502.00031', doi: null, url: 'https://arxiv.org/abs/2502.00031' },
            version: 1,
            title: '<img src=x onerror=alert(1)>Hostile title',
            authors: ['A. Person'],
            authorCount: 1,
            abstract: null,
            published: null,
            pdfUrl: null,
            codeUrl: null,
            projectUrl: null,
            categories: [],
            upvotes: null,
            comments: null,
            organization: null,
            submitter: null,
            venue: null,
            githubStars: null,
            keywords: [],
            saved: { saved: true, savedAt: 5 },
            status: 'unread',
            note: '',
            addedAt: 5,
            updatedAt: 5,
            lastSeenAt: null,
            deleted: false,
            readingTime: 42,
          }).map(([k, v]) => [k, { v, s: '000000001.0000.future' }]),
        ),
      },
      sets: {},
      g: [],
      futureKey: { anything: true },
    };
    const newerId = await documentId(keys, 'paper', '2502.00031');
    await fetch(`${url}/${newerId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await encryptDoc(keys, newerId, newer)),
    });
    // A server's own inventions: a body that does not decrypt, and a valid ciphertext moved to another id.
    await fetch(`${url}/${'ab'.repeat(32)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ e: 1, iv: 'AAAAAAAAAAAAAAAA', ct: 'bm90IGEgY2lwaGVydGV4dA==' }),
    });
    const moved = await encryptDoc(keys, newerId, newer);
    await fetch(`${url}/${'cd'.repeat(32)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...moved, _id: 'cd'.repeat(32) }),
    });
    await fetch(`${url}/not-ours`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"<script>alert(1)</script>"}',
    });

    const b = await device(url);
    await b.engine.unlock({ passphrase: 'k' });
    const { report } = await b.engine.syncOnce();
    expect(report.invalid).toBe(3);
    expect(b.engine.status.skipped).toBe(3);
    const ids = (await b.library.listPapers()).map((p) => p.id).sort();
    expect(ids).toEqual(['2502.00030', '2502.00031']);
    const hostile = await b.library.getPaper('2502.00031');
    expect(hostile?.title).toBe('Hostile title');
    // Edited here, the document keeps what the newer version wrote.
    await b.library.updatePapers(['2502.00031'], { note: 'edited by the older version' });
    await b.engine.syncOnce();
    const stored = await (await fetch(`${url}/${newerId}`)).json();
    const { decryptDoc } = await import('../../lib/sync/crypto');
    const plain = (await decryptDoc(keys, stored)) as typeof newer & { f: Record<string, { v: unknown }> };
    expect(plain.f.readingTime?.v).toBe(42);
    expect(plain.futureKey).toEqual({ anything: true });
    expect(plain.f.note?.v).toBe('edited by the older version');
    await a.engine.close();
    await b.engine.close();
  });

  it('resumes from its checkpoint: a second sync sends only what changed', async () => {
    const url = await createDatabase(server.origin, 'resume');
    const a = await device(url);
    await a.library.savePapers(Array.from({ length: 200 }, (_, i) => makeRecord(`2503.${String(i).padStart(5, '0')}`)));
    await a.engine.unlock({ passphrase: 'r' });
    const first = await a.engine.syncOnce();
    expect(first.sent).toBe(200); // one document per paper; default settings and no tags write none
    await a.engine.close();
    // A new engine on the same library and store (a service worker that stopped and started again).
    await a.library.updatePapers(['2503.00007'], { note: 'one change' });
    const engine = new SyncEngine({
      pouch: nodePouch,
      local: libraryLocal(async () => a.library),
      config: { url, username: null, password: null },
      device: `dev${devices - 1}`,
    });
    await engine.unlock({ passphrase: 'r' });
    const second = await engine.syncOnce();
    expect(second.sent).toBe(1);
    await engine.close();
  });
});
