/**
 * `npm run -s cli -- cluster <papers.jsonl[.gz]> [--k N] [--seed S]`: topic clusters of a JSON Lines file whose
 * rows have at least an id and a `title` (see `paperRowFromJson`; arXiv's metadata snapshot lines are such rows). Prints {"assignments": {id: cluster}, "clusters": [{label, terms,
 * size}]}; without --k the number of clusters is chosen automatically.
 */
import { clusterPapers } from '../cluster/cluster';
import { authorsOfLine, type LineResult, parseJsonLines, readTextFile, recordFromJson } from './records';

/** A row to cluster or rank: an id, a title, and the abstract and authors when the line has them. */
export type PaperRow = { id: string; title: string; abstract: string | null; authors?: string[] };

/**
 * A paper row from one JSON line, forgiving as lib/cli/records.ts is: `id` (a string or number; naik_cs6_1296.jsonl
 * has only a `row` number, which then serves as the id; failing both, the canonical id of arxivId, doi or url),
 * `title`; `abstract` and `authors` (a list, one string, or arXiv's `authors_parsed`) when there.
 */
export function paperRowFromJson(value: unknown): LineResult<PaperRow> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'must be a JSON object with at least an id and a title' };
  }
  const line = value as Record<string, unknown>;
  const field = (name: string, message: string): LineResult<PaperRow> => ({
    ok: false,
    message: `${name}: ${message}`,
  });
  if (typeof line.title !== 'string' || line.title.trim() === '') {
    return field('title', line.title === undefined ? 'missing' : 'must be a non-empty text');
  }
  let id: string | null = null;
  if (typeof line.id === 'string' && line.id.trim() !== '') id = line.id;
  else if (typeof line.id === 'number') id = String(line.id);
  else if (line.id !== undefined && line.id !== null) return field('id', 'must be a text or a number');
  else if (Number.isInteger(line.row)) id = String(line.row);
  else {
    const record = recordFromJson(line);
    if (record.ok) id = record.value.id;
  }
  if (id === null) return field('id', 'missing: give an id (or a row number, or arxivId, doi or url)');
  if (line.abstract !== undefined && line.abstract !== null && typeof line.abstract !== 'string') {
    return field('abstract', 'must be a text');
  }
  const authors = authorsOfLine(line);
  if (!authors.ok) return authors;
  return {
    ok: true,
    value: {
      id,
      title: line.title,
      abstract: typeof line.abstract === 'string' ? line.abstract : null,
      // Optional: shared authors help the clustering a little (arxiv20_10k V +0.01); rows without them are fine.
      ...(authors.value ? { authors: authors.value } : {}),
    },
  };
}

/** Rows of a JSON Lines file (gzip when the name ends in .gz), each read by `readLine`; throws with every bad line. */
export function readJsonLines<T>(path: string, readLine: (value: unknown) => LineResult<T>): T[] {
  return parseJsonLines(readTextFile(path), path, readLine);
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
    const papers = readJsonLines(path, paperRowFromJson);
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
    process.stderr.write(`cluster: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
