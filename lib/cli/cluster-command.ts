/**
 * `npm run -s cli -- cluster <papers.jsonl[.gz]> [--k N] [--seed S]`: topic clusters of a JSON Lines file whose
 * rows have at least `id`, `title`, `abstract`. Prints {"assignments": {id: cluster}, "clusters": [{label, terms,
 * size}]}; without --k the number of clusters is chosen automatically.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { clusterPapers } from '../cluster/cluster';
import { errorMessage } from '../errors';
import { z } from '../paper/zod';

/** A paper row. naik_cs6_1296.jsonl has no `id`, only a `row` number, which then serves as the id. */
export const PaperRow = z
  .object({
    id: z.union([z.string().min(1), z.number()]).optional(),
    row: z.number().int().optional(),
    title: z.string(),
    abstract: z.string().nullable().optional(),
    /** Optional: shared authors help the clustering a little (arxiv20_10k V +0.01); rows without them are fine. */
    authors: z.array(z.string()).nullable().optional(),
  })
  .refine((row) => row.id !== undefined || row.row !== undefined, { message: 'needs an id (or a row number)' })
  .transform(({ id, row, title, abstract, authors }) => ({
    id: String(id ?? row),
    title,
    abstract: abstract ?? null,
    ...(authors ? { authors } : {}),
  }));

/** Rows of a JSON Lines file (gzip when the name ends in .gz), each checked by `schema`; throws with the line. */
export function readJsonLines<T extends z.ZodType>(path: string, schema: T): z.infer<T>[] {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${errorMessage(error)}`);
  }
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const rows: z.infer<T>[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${index + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`${path}:${index + 1}: ${z.prettifyError(parsed.error)}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** Value of `--name N` as an integer, or undefined when absent; throws on a malformed value. */
export function integerOption(args: string[], name: string): number | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value)) throw new Error(`${name} needs an integer`);
  return value;
}

/** Arguments that are neither options nor option values. */
export function positionals(args: string[], optionsWithValue: string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--') && !optionsWithValue.includes(args[i - 1] ?? ''));
}

export async function run(args: string[]): Promise<number> {
  try {
    const [path, ...extra] = positionals(args, ['--k', '--seed']);
    if (path === undefined || extra.length > 0)
      throw new Error('usage: cluster <papers.jsonl[.gz]> [--k N] [--seed S]');
    const k = integerOption(args, '--k');
    if (k !== undefined && k < 1) throw new Error('--k must be at least 1');
    const seed = integerOption(args, '--seed');
    const papers = readJsonLines(path, PaperRow);
    if (papers.length === 0) throw new Error(`${path}: no papers`);
    const result = clusterPapers(papers, {
      ...(k === undefined ? {} : { k }),
      ...(seed === undefined ? {} : { seed }),
    });
    const output = {
      assignments: result.assignments,
      clusters: result.clusters.map(({ label, terms, size }) => ({ label, terms, size })),
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`cluster: ${errorMessage(error)}\n`);
    return 1;
  }
}
