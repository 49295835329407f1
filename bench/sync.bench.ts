/**
 * Sync speed: the first sync of N papers (push from a full library to an empty server, pull into an empty
 * library), one edit across with live sync, and memory, each beside a bare PouchDB replication of the same
 * documents (plaintext, no library) in the same run, against PouchDB Server in memory on 127.0.0.1.
 *
 * In Node the libraries are fake-indexeddb (slower than a browser's IndexedDB) and the device stores PouchDB's
 * memory adapter, so the figures bound the extension's from above. `node --import tsx bench/sync.bench.ts 10000 50000`
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Library } from '../lib/db/library';
import { newLibraryPaper } from '../lib/paper/merge';
import { SyncEngine } from '../lib/sync/engine';
import { libraryLocal } from '../lib/sync/library-local';
import { nodePouch } from '../lib/sync/pouch-node';
import { makeRecord } from '../tests/helpers/papers';
import { createDatabase, startServer } from '../tests/sync/server';

const ROOT = resolve(import.meta.dirname, '..');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000];

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T; rssMb: number }> {
  peak = process.memoryUsage().rss;
  const t0 = performance.now();
  const value = await run();
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms: performance.now() - t0, value, rssMb: Number(mb(peak)) };
}

async function untilTrue(check: () => Promise<boolean>, limitMs = 30_000): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > limitMs) return Number.NaN;
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

/** `SYNC_PROFILE=<dir>`: a CPU profile of each pull alone (the push and the baselines left out). */
const PROFILE_DIR = process.env.SYNC_PROFILE;
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** Cancels a live replication and waits until it has stopped, so that no request of it fails later. */
async function stopLive(replication: { cancel(): void; on(event: string, listener: () => void): unknown }) {
  const stopped = new Promise<void>((done) => {
    replication.on('complete', done);
    // A request in flight when it is cancelled may fail: no result of the bench, and not to be thrown.
    replication.on('error', done);
  });
  replication.cancel();
  await Promise.race([stopped, new Promise((r) => setTimeout(r, 5000))]);
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const server = await startServer();
const rows: Record<string, unknown>[] = [];
let dbs = 0;
for (const n of SIZES) {
  const records = Array.from({ length: n }, (_, i) =>
    makeRecord(`${2401 + Math.floor(i / 90_000)}.${String(i % 90_000).padStart(5, '0')}`),
  );
  // Baseline: the same papers as plain documents, replicated by PouchDB alone.
  const plain = nodePouch.local(`bench-plain-${n}`);
  for (let i = 0; i < n; i += 5000) {
    await plain.bulkDocs(records.slice(i, i + 5000).map((r) => ({ _id: r.id, ...newLibraryPaper(r, 1) })));
  }
  const plainUrl = await createDatabase(server.origin, `plain${dbs++}`);
  const plainRemote = nodePouch.remote(plainUrl, null);
  const bpush = await timed(() => plain.replicate.to(plainRemote, { batch_size: 500 }));
  const empty = nodePouch.local(`bench-plain-empty-${n}`);
  const barePullCpu0 = cpu();
  const bpull = await timed(() => empty.replicate.from(plainRemote, { batch_size: 500 }));
  const barePullCpuS = (cpu() - barePullCpu0) / 1000;

  // Paperlane: library → encrypted documents → server → another library.
  const url = await createDatabase(server.origin, `lib${dbs++}`);
  const a = await Library.open({ name: `bench-a-${n}` });
  for (let i = 0; i < n; i += 5000) await a.savePapers(records.slice(i, i + 5000));
  const engineA = new SyncEngine({
    pouch: nodePouch,
    local: libraryLocal(async () => a),
    config: { url, username: null, password: null },
    device: `bencha${n}`,
  });
  await engineA.unlock({ passphrase: 'bench' });
  const push = await timed(() => engineA.syncOnce());
  const b = await Library.open({ name: `bench-b-${n}` });
  const engineB = new SyncEngine({
    pouch: nodePouch,
    local: libraryLocal(async () => b),
    config: { url, username: null, password: null },
    device: `benchb${n}`,
  });
  const unlockB = await timed(() => engineB.unlock({ passphrase: 'bench' }));
  const pullCpu0 = cpu();
  const pull = await timed(() => profiled(`pull-${n}`, () => engineB.syncOnce()));
  const pullCpuS = (cpu() - pullCpu0) / 1000;
  const pulled = await b.countPapers();

  // One edit across, live, and the bare replication's.
  await engineA.startLive();
  await engineB.startLive();
  await new Promise((r) => setTimeout(r, 1000));
  const target = records[Math.floor(n / 2)]?.id as string;
  const edited = performance.now();
  const undo = await a.updatePapers([target], { note: 'across' });
  engineA.noteLocalChange({ ids: undo.before.map((x) => x.id), tags: false, settings: false });
  await untilTrue(async () => (await b.getPaper(target))?.note === 'across');
  const editMs = performance.now() - edited;
  const liveTo = plain.replicate.to(plainRemote, { live: true, retry: true });
  const liveFrom = empty.replicate.from(plainRemote, { live: true, retry: true });
  liveTo.catch(() => {});
  liveFrom.catch(() => {});
  await new Promise((r) => setTimeout(r, 1000));
  const doc = await plain.get(target);
  await plain.put({ ...doc, note: 'across' });
  const bareEditMs = await untilTrue(async () => (await empty.get(target)).note === 'across');
  // The bench used to crash after printing: a cancelled live replication's request failing later, as an 'error'
  // event nobody listened to. Each is now stopped and waited for, and the stores closed.
  await stopLive(liveTo);
  await stopLive(liveFrom);
  await Promise.all([plain.close(), empty.close(), plainRemote.close()]);
  await engineA.close();
  await engineB.close();

  const row = {
    papers: n,
    pushS: push.ms / 1000,
    barePushS: bpush.ms / 1000,
    unlockS: unlockB.ms / 1000,
    pullS: pull.ms / 1000,
    barePullS: bpull.ms / 1000,
    pullCpuS,
    barePullCpuS,
    loadAverage: os.loadavg()[0],
    pulled,
    editMs,
    bareEditMs,
    pushRssMb: push.rssMb,
    pullRssMb: pull.rssMb,
    bareRssMb: Math.max(bpush.rssMb, bpull.rssMb),
  };
  rows.push(row);
  console.error(JSON.stringify(row));
  a.close();
  b.close();
}
clearInterval(sampler);
// Every measurement is made. Stopping the server resets the long polls that cancelled replications leave open
// (pouchdb-fetch does not abort them), and their rejections, unhandled inside PouchDB, crashed the bench after it
// had printed its rows: a connection error now is no result of the bench.
process.on('unhandledRejection', (error) => {
  if ((error as { type?: string }).type === 'system') return;
  console.error(error);
  process.exit(1);
});
await server.stop();

const lines = [
  '| papers | push (s) | bare push (s) | ratio | pull (s) | bare pull (s) | ratio | pull CPU (s) | bare pull CPU (s) | one edit across (ms) | bare (ms) | peak RSS push / pull / bare (MB) | load |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => {
    const x = r as Record<string, number>;
    const f = (v: number | undefined, d = 1) => (v ?? Number.NaN).toFixed(d);
    return `| ${x.papers} | ${f(x.pushS)} | ${f(x.barePushS)} | ${f((x.pushS ?? 0) / (x.barePushS ?? 1), 2)} | ${f(x.pullS)} | ${f(x.barePullS)} | ${f((x.pullS ?? 0) / (x.barePullS ?? 1), 2)} | ${f(x.pullCpuS)} | ${f(x.barePullCpuS)} | ${f(x.editMs, 0)} | ${f(x.bareEditMs, 0)} | ${x.pushRssMb} / ${x.pullRssMb} / ${x.bareRssMb} | ${f(x.loadAverage)} |`;
  }),
  '',
  'Goals: 50,000 papers pulled into an empty library in ≤ 60 s; one edit across in ≤ 2 s. Pull includes the key derivation (PBKDF2, 600,000 rounds) only in "unlock", not in "pull".',
];
console.log(lines.join('\n'));
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/sync.json'), JSON.stringify({ rows }, null, 2));
process.exit(0);
