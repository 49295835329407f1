/** Real papers from ../shared/data for the cluster tests (read in place, never copied into the repo). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type LabelledPaper = { id: string; label: string; title: string; abstract: string; authors?: string[] };

/** Every labelled set of ../shared/data and its number of categories. */
export const LABELLED_SETS = [
  { file: 'arxiv20_10k.jsonl.gz', k: 20 },
  { file: 'arxiv_ml8_2k.jsonl', k: 8 },
  { file: 'naik_cs6_1296.jsonl', k: 6 },
  { file: 'arxiv_mix16_4800.jsonl.gz', k: 16 },
  { file: 'arxiv_close10_3000.jsonl.gz', k: 10 },
] as const;

export function loadSet(file: string): LabelledPaper[] {
  const raw = readFileSync(resolve(__dirname, '../../../shared/data', file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as LabelledPaper & { row?: number };
      // naik_cs6_1296.jsonl has no id, only a row number.
      return { ...row, id: row.id ?? String(row.row) };
    });
}

export function loadMl8(): LabelledPaper[] {
  return loadSet('arxiv_ml8_2k.jsonl');
}

/** Every `step`-th paper: a sample that keeps each set's mix of categories. */
export function everyNth<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}
