/**
 * One measured run for bench/import.bench.ts, in a fresh process so that peak RSS is this run's alone:
 *   tsx bench/import-measure.ts cli <file.bib>        the CLI's own code path: `import <file> --dry-run`
 *   tsx bench/import-measure.ts naive <file.bib>      baseline: decode, split at entry starts, read fields by regex
 *   tsx bench/import-measure.ts retorquere <file.bib> <entries>  @retorquere/bibtex-parser on the first entries
 * Prints one JSON line: { ms, cpuMs, maxRssMB, heapMB, entries }.
 */
import { readFileSync } from 'node:fs';

const [mode, file, limit] = process.argv.slice(2) as [string, string, string | undefined];
const started = performance.now();
const cpuStart = process.cpuUsage();
let entries = 0;
if (mode === 'cli') {
  const { run } = await import('../lib/cli/import-command');
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  // The plan is printed, not measured: keep it to count what was read.
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  const code = await run([file, '--dry-run']);
  process.stdout.write = write;
  const m = /: bibtex, ([\d,]+) papers?, ([\d,]+) entr/.exec(out);
  if (code !== 0 || !m) throw new Error(`import failed (${code}): ${out.slice(0, 300)}`);
  entries = Number((m[1] as string).replace(/,/g, '')) + Number((m[2] as string).replace(/,/g, ''));
} else if (mode === 'naive') {
  const text = new TextDecoder().decode(readFileSync(file));
  const records: Record<string, string>[] = [];
  for (const chunk of text.split(/\n(?=@)/)) {
    if (!/^@\w+\s*\{/.test(chunk) || /^@string/i.test(chunk)) continue;
    const fields: Record<string, string> = {};
    for (const f of chunk.matchAll(/^\s*(\w+)\s*=\s*[{"]?(.*?)[}"]?,?$/gm))
      fields[(f[1] as string).toLowerCase()] = f[2] as string;
    records.push(fields);
  }
  entries = records.length;
} else if (mode === 'retorquere') {
  const { parse } = await import('@retorquere/bibtex-parser');
  const text = readFileSync(file, 'utf8');
  let cut = 0;
  for (let i = 0, n = 0; i >= 0 && n <= Number(limit); n++) {
    cut = i;
    i = text.indexOf('\n@', i + 1);
  }
  const library = parse(text.slice(0, cut), { sentenceCase: false, english: false } as never);
  entries = library.entries.length;
}
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ms,
    cpuMs: (() => {
      const c = process.cpuUsage(cpuStart);
      return (c.user + c.system) / 1000;
    })(),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: process.memoryUsage().heapUsed / 1e6,
    entries,
  }),
);
