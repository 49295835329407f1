/**
 * bench/sidepanel.bench.ts over several builds, alternated round by round (A B A B …), each run a fresh Chromium, so
 * that a load that comes and goes falls on every build alike. Prints issue 19's three figures per build and size:
 * search covers the whole library after the panel opens, first screen, key → its results listed (median of each run's
 * keys), as the median over the runs with the lowest and highest run in brackets; and the same for the first open
 * after the papers were written (no snapshot yet).
 *
 * `SIDEPANEL_BUILDS=before=/tmp/a,after=.output/chrome-mv3 SIDEPANEL_ROUNDS=3 SIDEPANEL_SIZES=50000 \
 *   nice -n 10 npx tsx bench/sidepanel-alternate.ts`
 * Each run's figures stay in bench/out/sidepanel-<build>-<round>.json.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from '../tests/e2e/harness';

type Run = Record<string, number> & { papers: number };

const builds = (process.env.SIDEPANEL_BUILDS ?? `this=${join(ROOT, '.output/chrome-mv3')}`).split(',').map((pair) => {
  const [name, dir] = pair.split('=');
  if (!name || !dir) throw new Error(`SIDEPANEL_BUILDS: "${pair}" is not name=dir`);
  return { name, dir: resolve(dir) };
});
const rounds = Number(process.env.SIDEPANEL_ROUNDS ?? 3);

const runs = new Map<string, Run[]>();
const loads: string[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const build of builds) {
    const tag = `${build.name}-${round}`;
    const before = loadavg()[0] as number;
    const started = Date.now();
    const child = spawnSync('npx', ['tsx', join(ROOT, 'bench/sidepanel.bench.ts')], {
      cwd: ROOT,
      env: { ...process.env, PAPERLANE_EXTENSION_DIR: build.dir, SIDEPANEL_RUN: tag },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`run ${tag} failed (${child.status})`);
    const load = `${tag}: ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${before.toFixed(1)} → ${(loadavg()[0] as number).toFixed(1)}`;
    loads.push(load);
    console.error(load);
    const out = JSON.parse(readFileSync(join(ROOT, `bench/out/sidepanel-${tag}.json`), 'utf8')) as { results: Run[] };
    for (const r of out.results) {
      const key = `${build.name} ${r.papers}`;
      runs.set(key, [...(runs.get(key) ?? []), r]);
    }
  }
}

const FIGURES: [string, string][] = [
  ['search covers the whole library (ms)', 'allReadAndIndexedMs'],
  ['first screen (ms)', 'firstScreenMs'],
  ['key → its results listed, median (ms)', 'listMedianMs'],
  ['key → its results listed, p95 (ms)', 'listP95Ms'],
  ['first open after writing: search covers all (ms)', 'firstOpenAllReadAndIndexedMs'],
  ['first open after writing: first screen (ms)', 'firstOpenFirstScreenMs'],
  ['in-run baseline: getAll + 500 rows (ms)', 'baselineFirstScreenMs'],
];
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
function summary(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const mid =
    s.length % 2
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  return `${fmt(mid)} (${fmt(s[0] as number)}–${fmt(s[s.length - 1] as number)})`;
}

const sizes = [...new Set([...runs.values()].flat().map((r) => r.papers))];
const lines = [
  `${rounds} rounds alternated (${builds.map((b) => b.name).join(', ')}), ${cpus().length} cores; median of the runs (lowest–highest)`,
  '',
  `| papers | measure | ${builds.map((b) => b.name).join(' | ')} |`,
  `| --- | --- | ${builds.map(() => '---:').join(' | ')} |`,
];
for (const n of sizes) {
  for (const [label, key] of FIGURES) {
    const cells = builds.map((b) => summary((runs.get(`${b.name} ${n}`) ?? []).map((r) => r[key] as number)));
    lines.push(`| ${n.toLocaleString('en-US')} | ${label} | ${cells.join(' | ')} |`);
  }
}
lines.push('', ...loads.map((l) => `- ${l}`));
console.log(lines.join('\n'));
