// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupJson, parseBackup } from '../../lib/export/backup';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { makeLibraryPaper } from '../helpers/papers';
import { createDatabase, freePort, type Server, startServer } from './server';

const ROOT = resolve(__dirname, '../..');
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'lib/cli/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, out, err) => done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

let server: Server;
let dir: string;
beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'paperlane-cli-sync-'));
  writeFileSync(join(dir, 'phrase'), 'a long passphrase\n');
  writeFileSync(join(dir, 'wrong'), 'not it\n');
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

describe('cli sync', () => {
  it('merges a backup and the remote both ways; wrong passphrase, address or server: a message and exit 1/2', async () => {
    const url = await createDatabase(server.origin, 'cli');
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    writeFileSync(
      first,
      backupJson({
        papers: [makeLibraryPaper('2504.00001', { note: 'from the lab', saved: true, savedAt: 1 })],
        tags: [],
        sightings: [],
        settings: DEFAULT_SETTINGS,
      }),
    );
    writeFileSync(
      second,
      backupJson({ papers: [makeLibraryPaper('2504.00002')], tags: [], sightings: [], settings: DEFAULT_SETTINGS }),
    );
    const phrase = ['--passphrase-file', join(dir, 'phrase')];
    const one = await cli(['sync', first, '--remote', url, ...phrase]);
    expect(one.err).toBe('');
    expect(one.code).toBe(0);
    const two = await cli(['sync', second, '--remote', url, ...phrase]);
    expect(two.code).toBe(0);
    const merged = parseBackup(readFileSync(second, 'utf8'));
    if (!merged.ok) throw new Error('not a backup');
    expect(merged.backup.papers.map((p) => [p.id, p.note])).toEqual([
      ['2504.00001', 'from the lab'],
      ['2504.00002', ''],
    ]);
    // The first backup gets the second's paper back.
    expect((await cli(['sync', first, '--remote', url, ...phrase])).code).toBe(0);
    expect(readFileSync(first, 'utf8')).toContain('2504.00002');

    const before = readFileSync(first, 'utf8');
    const wrong = await cli(['sync', first, '--remote', url, '--passphrase-file', join(dir, 'wrong')]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Wrong passphrase for this library');
    expect(wrong.err).not.toContain('not it');
    expect(readFileSync(first, 'utf8')).toBe(before);

    const badUrl = await cli(['sync', first, '--remote', 'ftp://example', ...phrase]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.err).toContain('not a server address');

    const closed = await cli(['sync', first, '--remote', `http://127.0.0.1:${await freePort()}/x`, ...phrase]);
    expect(closed.code).toBe(1);
    expect(closed.err).toContain('Server unreachable');
    expect(readFileSync(first, 'utf8')).toBe(before);
  }, 300_000);

  it('wrong credentials: a server answering 401 gives "Wrong password", exit 1, and the password is never printed', async () => {
    const seen: { url: string; auth: string | undefined }[] = [];
    const refusing = createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="server"' });
      res.end('{"error":"unauthorized","reason":"Name or password is incorrect."}');
    });
    await new Promise<void>((ready) => refusing.listen(0, '127.0.0.1', ready));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/lib`;
      const file = join(dir, 'creds.json');
      const contents = backupJson({
        papers: [makeLibraryPaper('2504.00003')],
        tags: [],
        sightings: [],
        settings: DEFAULT_SETTINGS,
      });
      writeFileSync(file, contents);
      const secret = 'hunter2-not-printed';
      const phrase = ['--passphrase-file', join(dir, 'phrase')];
      const refused = await cli(['sync', file, '--remote', url, '--user', 'ada', ...phrase], {
        PAPERLANE_SYNC_PASSWORD: secret,
      });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('Wrong password');
      for (const text of [refused.out, refused.err]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(Buffer.from(`ada:${secret}`).toString('base64'));
        expect(text).not.toContain('a long passphrase');
      }
      expect(readFileSync(file, 'utf8')).toBe(contents);
      // The credentials went to that server (and were refused there).
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.some((r) => r.auth === `Basic ${Buffer.from(`ada:${secret}`).toString('base64')}`)).toBe(true);

      // --user without any password is refused before any request.
      const asked = seen.length;
      const saved = process.env.PAPERLANE_SYNC_PASSWORD;
      delete process.env.PAPERLANE_SYNC_PASSWORD;
      try {
        const none = await cli(['sync', file, '--remote', url, '--user', 'ada', ...phrase]);
        expect(none.code).toBe(2);
        expect(none.err).toContain('--user needs a password');
      } finally {
        if (saved !== undefined) process.env.PAPERLANE_SYNC_PASSWORD = saved;
      }
      expect(seen.length).toBe(asked);
      expect(readFileSync(file, 'utf8')).toBe(contents);
    } finally {
      await new Promise((closed) => refusing.close(closed));
    }
  }, 300_000);
});
