/**
 * PouchDB Server from npm, started by the tests on 127.0.0.1 on a free port: in memory, or on a LevelDB store in a
 * temporary folder (for a restart that keeps the data). It writes its config and log into that folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../node_modules/pouchdb-server/bin/pouchdb-server');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type Server = { origin: string; port: number; dir: string; stop(): Promise<void>; process: ChildProcess };

export async function startServer(options: { port?: number; dir?: string; inMemory?: boolean } = {}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'paperlane-couch-'));
  const args = [BIN, '--port', String(port), '--host', '127.0.0.1'];
  if (options.inMemory ?? true) args.push('--in-memory');
  else args.push('--dir', join(dir, 'data'));
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited: ${output}`);
    try {
      const res = await fetch(`${origin}/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`pouchdb-server did not start in 60 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    port,
    dir,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
  };
}

/** A database on the server, created (pouchdb-server lets anyone create one). */
export async function createDatabase(origin: string, name: string): Promise<string> {
  const url = `${origin}/${name}`;
  const res = await fetch(url, { method: 'PUT' });
  if (!res.ok && res.status !== 412) throw new Error(`could not create ${url}: ${res.status}`);
  return url;
}
