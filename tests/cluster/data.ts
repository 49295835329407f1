/** Real papers from ../shared/data for the cluster tests (read in place, never copied into the repo). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type LabelledPaper = { id: string; label: string; title: string; abstract: string };

export function loadMl8(): LabelledPaper[] {
  return readFileSync(resolve(__dirname, '../../../shared/data/arxiv_ml8_2k.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledPaper);
}
