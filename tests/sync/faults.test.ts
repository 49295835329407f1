// @vitest-environment node
/**
 * The server killed in the middle of the first sync of 10,000 papers, then started again on its LevelDB store:
 * the devices converge with every paper once. And live sync: an edit on one device reaches the other within 5 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Library } from '../../lib/db/library';
import { SyncEngine, type SyncStatus } from '../../lib/sync/engine';
import { libraryLocal } from '../../lib/sync/library-local';
import { nodePouch } from '../../lib/sync/pouch-node';
import { freshDbName, makeRecord } from '../helpers/papers';
import { createDatabase, freePort, type Server, startServer } from './server';

const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

let n = 0;
async function device(url: string, onStatus?: (status: SyncStatus) => void) {
  n++;
  const library = await Library.open({ name: freshDbName() });
  const engine = new SyncEngine({
    pouch: nodePouch,
    local: libraryLocal(async () => library),
    config: { url, username: null, password: null },
    device: `fault${n}`,
    iterations: 10_000,
    batchSize: 250,
    ...(onStatus ? { onStatus } : {}),
  });
  return { library, engine };
}

describe('faults', () => {
  it('server killed during the first sync of 10,000 papers, restarted: 0 lost, 0 duplicated', async () => {
    const port = await freePort();
    let server = await startServer({ port, inMemory: false });
    servers.push(server);
    const url = await createDatabase(server.origin, 'big');
    const a = await device(url);
    const records = Array.from({ length: 10_000 }, (_, i) => makeRecord(`2505.${String(i).padStart(5, '0')}`));
    await a.library.savePapers(records);
    await a.engine.unlock({ passphrase: 'kill me' });
    const first = a.engine.syncOnce();
    first.catch(() => {});
    // Killed once the server holds part of the library.
    for (;;) {
      // A busy server may close a connection: asked again.
      const info = (await fetch(url)
        .then((r) => r.json())
        .catch(() => ({ doc_count: 0 }))) as { doc_count: number };
      if (info.doc_count > 1000) break;
      expect(server.process.exitCode).toBeNull();
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.stop();
    await expect(first).rejects.toBeTruthy();
    expect(a.engine.status.message).toBe('Server unreachable');
    server = await startServer({ port, dir: server.dir, inMemory: false });
    servers.push(server);
    const before = ((await (await fetch(url)).json()) as { doc_count: number }).doc_count;
    expect(before).toBeGreaterThan(1000);
    const second = await a.engine.syncOnce();
    // Resumed from the checkpoint: what the server already had is not sent again (a batch in flight may be).
    expect(second.sent).toBeLessThanOrEqual(10_000 - before + 1 + 250);
    const info = (await (await fetch(url)).json()) as { doc_count: number };
    expect(info.doc_count).toBe(10_001); // the papers and the key document

    const b = await device(url);
    await b.engine.unlock({ passphrase: 'kill me' });
    await b.engine.syncOnce();
    const ids = (await b.library.listPapers()).map((p) => p.id);
    expect(ids.length).toBe(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.sort()).toEqual(records.map((r) => r.id).sort());

    // A third device's first sync, as the background runs it (live): it tells its progress as the papers arrive.
    const statuses: SyncStatus[] = [];
    const c = await device(url, (status) => statuses.push(status));
    await c.engine.unlock({ passphrase: 'kill me' });
    await c.engine.startLive();
    const waited = Date.now();
    while (c.engine.status.state !== 'synced' || (await c.library.listPapers()).length < 10_000) {
      if (Date.now() - waited > 300_000) throw new Error('the third device did not sync in 300 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    await c.engine.idle();
    const progress = statuses.flatMap((s) => (s.state === 'syncing' && s.progress ? [s.progress] : []));
    expect(progress.length).toBeGreaterThan(1);
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([10_001]));
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]?.done ?? 0).toBeGreaterThanOrEqual(progress[i - 1]?.done ?? 0);
    expect(progress[0]?.done ?? 0).toBeLessThan(progress.at(-1)?.done ?? 0);
    expect(progress.at(-1)?.done).toBe(10_001);
    expect(statuses.at(-1)).toMatchObject({ state: 'synced', progress: null });
    expect((await c.library.listPapers()).length).toBe(10_000);
    await a.engine.close();
    await b.engine.close();
    await c.engine.close();
  }, 900_000);

  it('live: an edit on one device shows on the other within 5 s', async () => {
    const server = await startServer();
    servers.push(server);
    const url = await createDatabase(server.origin, 'live');
    const a = await device(url);
    const b = await device(url);
    await a.library.savePapers([makeRecord('2506.00001')]);
    await a.engine.unlock({ passphrase: 'live' });
    await a.engine.syncOnce();
    await b.engine.unlock({ passphrase: 'live' });
    await b.engine.syncOnce();
    let seen = 0;
    await a.engine.startLive();
    await b.engine.startLive();
    // The background forwards the library's changes to the engine (entrypoints/background.ts); here by hand.
    const edited = Date.now();
    const change = await a.library.updatePapers(['2506.00001'], { note: 'live edit', addTags: ['now'] });
    a.engine.noteLocalChange({ ids: change.before.map((x) => x.id), tags: true, settings: false });
    for (;;) {
      const paper = await b.library.getPaper('2506.00001');
      if (paper?.note === 'live edit') {
        seen = Date.now() - edited;
        break;
      }
      if (Date.now() - edited > 10_000) throw new Error('the edit did not arrive in 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBeLessThan(5_000);
    expect((await b.library.getPaper('2506.00001'))?.tags).toEqual(['now']);
    await a.engine.close();
    await b.engine.close();
  }, 120_000);
});
