/**
 * PouchDB with the plugins sync needs. The storage adapter differs by place: IndexedDB in the extension
 * (lib/sync/pouch-browser.ts), memory in Node (lib/sync/pouch-node.ts: the command line and the tests).
 */

import http from 'pouchdb-adapter-http';
import PouchDB, { type Database, type Plugin } from 'pouchdb-core';
import replication from 'pouchdb-replication';

PouchDB.plugin(http).plugin(replication);

export type Pouch = Database;
export type PouchFactory = {
  /** The device's own store of the replicated (encrypted) documents. */
  local(name: string): Pouch;
  /** The server's database at `url`, with these credentials sent to it alone. */
  remote(url: string, auth: { username: string; password: string } | null, fetch?: typeof globalThis.fetch): Pouch;
};

export function pouchFactory(plugin: Plugin, adapter: string): PouchFactory {
  PouchDB.plugin(plugin);
  return {
    local: (name) => new PouchDB(name, { adapter, auto_compaction: true }),
    remote: (url, auth, fetch) =>
      new PouchDB(url, {
        adapter: 'http',
        skip_setup: true,
        ...(auth ? { auth } : {}),
        ...(fetch ? { fetch } : {}),
      }),
  };
}
