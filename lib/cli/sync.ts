/**
 * `npm run -s cli -- sync <backup.json> --remote <url> [--user U] [--passphrase-file F]`: merges a backup file and
 * the remote library both ways through the extension's own sync code (lib/sync), and writes the merged backup
 * back. A headless replica for a lab server or a nightly backup.
 *
 * Secrets never travel as arguments (a process list shows those): the password is read from the environment
 * (PAPERLANE_SYNC_PASSWORD) or --password-file, the passphrase from --passphrase-file or PAPERLANE_SYNC_PASSPHRASE.
 * Neither is ever printed.
 *
 * A backup holds no sync shadows: each run joins the remote library as a library that was never synced (fields
 * dated by each paper's updatedAt, values nobody chose ranked lowest, lib/sync/records.ts). So a paper missing
 * from the backup is brought back from the remote, not deleted from it; deletions replicate from the extension.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import english from '../../public/_locales/en/messages.json';
import { backupJson, EMPTY_LIBRARY, type LibraryContents, parseBackup } from '../export/backup';
import { setFallbackMessages } from '../i18n';
import { describeSyncError, SyncEngine } from '../sync/engine';
import { MemoryLocal } from '../sync/memory-local';
import { nodePouch } from '../sync/pouch-node';
import { hashValue } from '../sync/records';

// No browser here: the status words come from the English messages.
setFallbackMessages(english);

export const USAGE =
  'sync <backup.json> --remote <url> [--user U] [--passphrase-file F] [--password-file P]  (password also from PAPERLANE_SYNC_PASSWORD)';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function secretFrom(file: string | undefined, env: string): Promise<string | null> {
  if (file) return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  return process.env[env] ?? null;
}

export async function run(args: string[]): Promise<number> {
  const valued = new Set(['--remote', '--user', '--passphrase-file', '--password-file']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const remote = option(args, '--remote');
  if (!file || !remote) {
    process.stderr.write(`usage: npm run -s cli -- ${USAGE}\n`);
    return 2;
  }
  let url: URL;
  try {
    url = new URL(remote);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    if (url.username || url.password) throw new Error('credentials in the URL');
  } catch {
    process.stderr.write(
      `sync: "${remote}" is not a server address (an http(s) URL of a database, without a password in it)\n`,
    );
    return 2;
  }
  const user = option(args, '--user') ?? null;
  let passphrase: string | null;
  let password: string | null;
  try {
    passphrase = await secretFrom(option(args, '--passphrase-file'), 'PAPERLANE_SYNC_PASSPHRASE');
    password = await secretFrom(option(args, '--password-file'), 'PAPERLANE_SYNC_PASSWORD');
  } catch (error) {
    process.stderr.write(
      `sync: cannot read a secret file: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  if (!passphrase) {
    process.stderr.write('sync: no passphrase (--passphrase-file F, or PAPERLANE_SYNC_PASSPHRASE)\n');
    return 2;
  }
  if (user && password === null) {
    process.stderr.write('sync: --user needs a password (PAPERLANE_SYNC_PASSWORD or --password-file)\n');
    return 2;
  }

  let contents: LibraryContents = EMPTY_LIBRARY;
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') {
      process.stderr.write(`sync: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  if (text !== null) {
    const parsed = parseBackup(text);
    if (!parsed.ok) {
      const lines = parsed.errors.slice(0, 5).map((e) => `  ${e.where}: ${e.message}`);
      process.stderr.write(`sync: ${file} is not a valid backup:\n${lines.join('\n')}\n`);
      return 1;
    }
    contents = parsed.backup;
  }

  const local = new MemoryLocal(contents);
  const engine = new SyncEngine({
    pouch: nodePouch,
    local,
    config: { url: url.href.replace(/\/$/, ''), username: user, password },
    device: `cli${hashValue(file).slice(0, 8)}`,
  });
  try {
    await engine.unlock({ passphrase });
    const { sent, received, report } = await engine.syncOnce();
    const merged = backupJson(local.contents());
    await writeFile(`${file}.tmp`, merged);
    await rename(`${file}.tmp`, file);
    const papers = local.contents().papers.length;
    process.stdout.write(
      `sync: ${sent} documents sent, ${received} received, ${report.invalid} skipped; wrote ${file} (${papers} papers)\n`,
    );
    for (const problem of report.problems.slice(0, 20)) process.stderr.write(`  skipped: ${problem}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`sync: ${describeSyncError(error).message} (${url.origin}); ${file} was not changed\n`);
    return 1;
  } finally {
    await engine.close();
  }
}
