/**
 * `npm run -s cli -- rank <library.jsonl> <candidates.jsonl>`: relevance of each candidate to a library.
 * Rows need an id and a `title`, and should have an `abstract` (read as `cli cluster` reads them). A library row is a NEGATIVE when `label` is "negative" or "dismissed",
 * or `dismissed` is true, or `status` is "dismissed"; every other library row is a POSITIVE (the library is what
 * the researcher kept: saved, tagged, or carrying any other label such as an arXiv category).
 * Prints one JSON object per candidate, best first: {"id", "score" (0…1), "reasons" [terms]}.
 */
import { type JudgedPaper, scoreCandidates } from '../cluster/relevance';
import { z } from '../paper/zod';
import { type PaperRow, paperRowFromJson, positionals, readJsonLines } from './cluster';
import type { LineResult } from './records';

const Judgement = z.object({
  label: z.string().optional(),
  saved: z.boolean().optional(),
  dismissed: z.boolean().optional(),
  status: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
/** A library row: a paper row, and the judgement fields beside it (checked by `Judgement`, one message a line). */
function libraryRowFromJson(value: unknown): LineResult<PaperRow & z.infer<typeof Judgement>> {
  const paper = paperRowFromJson(value);
  if (!paper.ok) return paper;
  const judgement = Judgement.safeParse(value);
  if (!judgement.success) {
    const [issue] = judgement.error.issues;
    return { ok: false, message: `${issue?.path.map(String).join('.') || 'record'}: ${issue?.message}` };
  }
  return { ok: true, value: { ...paper.value, ...judgement.data } };
}

export function judgementOf(row: z.infer<typeof Judgement>): JudgedPaper['judgement'] {
  const negative =
    row.label === 'negative' || row.label === 'dismissed' || row.dismissed === true || row.status === 'dismissed';
  return negative ? 'negative' : 'positive';
}

export async function run(args: string[]): Promise<number> {
  try {
    const [libraryPath, candidatesPath, ...extra] = positionals(args, []);
    if (libraryPath === undefined || candidatesPath === undefined || extra.length > 0) {
      throw new Error('usage: rank <library.jsonl[.gz]> <candidates.jsonl[.gz]>');
    }
    const library = readJsonLines(libraryPath, libraryRowFromJson).map((row) => ({
      id: row.id,
      title: row.title,
      abstract: row.abstract ?? null,
      ...(row.authors ? { authors: row.authors } : {}),
      judgement: judgementOf(row),
    }));
    const candidates = readJsonLines(candidatesPath, paperRowFromJson);
    const scores = scoreCandidates(library, candidates).sort((a, b) => b.score - a.score);
    process.stdout.write(
      scores.map((s) => JSON.stringify({ id: s.id, score: Number(s.score.toFixed(4)), reasons: s.reasons })).join('\n'),
    );
    process.stdout.write('\n');
    return 0;
  } catch (error) {
    process.stderr.write(`rank: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
