// @vitest-environment node
/**
 * The background's SyncService with a fake extension storage, against PouchDB Server on 127.0.0.1: "Stop syncing"
 * forgets the server, the credentials and the key, and leaves the library as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../lib/db/library';
import type { LibraryPaper } from '../../lib/paper/schema';
import { SyncEngine } from '../../lib/sync/engine';
import { libraryLocal } from '../../lib/sync/library-local';
import { nodePouch } from '../../lib/sync/pouch-node';
import { type KeyValueStorage, SyncService } from '../../lib/sync/service';
import { freshDbName, makeRecord } from '../helpers/papers';
import { createDatabase, type Server, startServer } from './server';

let server: Server;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

function fakeStorage(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => {
      data.set(key, structuredClone(value));
    },
    remove: async (key) => {
      data.delete(key);
    },
  };
}

const byId = (papers: LibraryPaper[]) => [...papers].sort((a, b) => (a.id < b.id ? -1 : 1));

async function until(check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('SyncService', () => {
  it('Stop syncing forgets the server, credentials and key; the library, with what sync brought, stays', {
    timeout: 120_000,
  }, async () => {
    const url = await createDatabase(server.origin, 'service');
    // Another device has put a paper on the server.
    const otherLibrary = await Library.open({ name: freshDbName() });
    await otherLibrary.savePapers([makeRecord('2503.00002')]);
    const other = new SyncEngine({
      pouch: nodePouch,
      local: libraryLocal(async () => otherLibrary),
      config: { url, username: null, password: null },
      device: 'otherdevice1',
    });
    await other.unlock({ passphrase: 'lab phrase' });
    await other.syncOnce();
    await other.close();

    const library = await Library.open({ name: freshDbName() });
    await library.savePapers([makeRecord('2503.00001')]);
    await library.updatePapers(['2503.00001'], { note: 'mine', status: 'reading' });
    const storage = fakeStorage();
    const service = new SyncService(async () => library, storage, nodePouch);
    expect(service.status().state).toBe('off');

    const started = await service.start({ url: `${url}/`, username: '', password: '', passphrase: 'lab phrase' });
    expect(started.state).not.toBe('error');
    const config = storage.data.get('paperlane.sync') as Record<string, unknown>;
    expect(config).toMatchObject({ url, username: '', password: '' });
    expect(typeof config.material).toBe('string');
    expect(JSON.stringify([...storage.data])).not.toContain('lab phrase');
    expect(service.status().url).toBe(url);
    await until(async () => (await library.getPaper('2503.00002')) !== undefined);
    await until(() => service.status().state === 'synced');
    const before = byId(await library.listPapers());
    expect(before.map((p) => p.id)).toEqual(['2503.00001', '2503.00002']);
    const device = storage.data.get('paperlane.sync.device');

    const stopped = await service.stop();
    expect(stopped.state).toBe('off');
    expect(service.status()).toMatchObject({ state: 'off', url: null, username: null });
    expect(storage.data.has('paperlane.sync')).toBe(false);
    // This device keeps its id (a later start is the same device to the others).
    expect(storage.data.get('paperlane.sync.device')).toBe(device);
    expect(byId(await library.listPapers())).toEqual(before);
    expect((await library.getPaper('2503.00001'))?.note).toBe('mine');

    // A background started again after the stop does not resume sync.
    const again = new SyncService(async () => library, storage, nodePouch);
    await again.resume();
    expect(again.status()).toMatchObject({ state: 'off', url: null });
    expect(byId(await library.listPapers())).toEqual(before);
  });
});
