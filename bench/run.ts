/**
 * `npm run bench`: every benchmark in one run (the npm script builds first). Each bench prints its own Markdown
 * table with ratios against a baseline measured in the same run and writes bench/out/<name>.json; this collects
 * them, adds the bundle sizes, and writes bench/results.json and bench/results.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const BENCHES = ['extract', 'cluster', 'triage', 'db', 'sidepanel', 'sync'];
const only = process.argv.slice(2);

function bundleSizes() {
  const rows: { file: string; bytes: number; gzip: number }[] = [];
  const dir = join(ROOT, '.output/chrome-mv3');
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css|html)$/.test(name)) {
        const body = readFileSync(path);
        rows.push({ file: relative(dir, path), bytes: body.length, gzip: gzipSync(body).length });
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return rows.sort((a, b) => b.gzip - a.gzip);
}

const started = Date.now();
const sections: string[] = [`# Paperlane benchmarks\n\n${new Date().toISOString()}, Node ${process.version}\n`];
const results: Record<string, unknown> = {};
for (const name of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  const t0 = Date.now();
  console.error(`\n▶ bench/${name}.bench.ts`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, `bench/${name}.bench.ts`)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 8 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - t0) / 1000;
  process.stdout.write(run.stdout ?? '');
  const outFile = join(ROOT, `bench/out/${name}.json`);
  const ok = run.status === 0 && existsSync(outFile);
  results[name] = ok
    ? { seconds, ...JSON.parse(readFileSync(outFile, 'utf8')) }
    : { seconds, error: `exit ${run.status ?? run.signal}` };
  sections.push(
    `## ${name} (${seconds.toFixed(0)} s)\n${ok ? (run.stdout ?? '').trim() : `**failed**: exit ${run.status ?? run.signal}`}\n`,
  );
}
const bundles = bundleSizes();
results.bundles = bundles;
sections.push(
  `## Bundle sizes (Chrome build)\n\n| file | bytes | gzipped |\n| --- | ---: | ---: |\n${bundles
    .map((b) => `| ${b.file} | ${b.bytes} | ${b.gzip} |`)
    .join('\n')}\n`,
);
sections.push(`Total time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(ROOT, 'bench/results.md'), sections.join('\n'));
console.log(`\nWrote bench/results.json and bench/results.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
