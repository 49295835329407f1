/** Loading the labelled paper sets of ../shared/data for the cluster bench (never copied into the repo). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export type LabelledPaper = {
  id: string;
  label: string;
  title: string;
  abstract: string;
  /** Present in the arXiv sets, absent from naik_cs6_1296; the clustering uses them when present. */
  authors?: string[];
  rank_in_class?: number;
};

export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data');

export function loadDataset(file: string): LabelledPaper[] {
  const raw = readFileSync(resolve(DATA_DIR, file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const row = JSON.parse(line) as LabelledPaper & { row?: number };
      // naik_cs6_1296.jsonl has no id, only a row number.
      return { ...row, id: row.id ?? String(row.row) };
    });
}
