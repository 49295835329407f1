/**
 * `npm run -s cli -- rank <library.jsonl> <candidates.jsonl>`: relevance of each candidate to a library.
 * Rows need `id`, `title`, `abstract`. A library row is a NEGATIVE when `label` is "negative" or "dismissed",
 * or `dismissed` is true, or `status` is "dismissed"; every other library row is a POSITIVE (the library is what
 * the researcher kept: saved, tagged, or carrying any other label such as an arXiv category).
 * Prints one JSON object per candidate, best first: {"id", "score" (0…1), "reasons" [terms]}.
 */
import { type JudgedPaper, scoreCandidates } from '../cluster/relevance';
import { errorMessage } from '../errors';
import { z } from '../paper/zod';
import { PaperRow, positionals, readJsonLines } from './cluster-command';

const Judgement = z.object({
  label: z.string().optional(),
  saved: z.boolean().optional(),
  dismissed: z.boolean().optional(),
  status: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
const LibraryRow = z.unknown().transform((value, context) => {
  const paper = PaperRow.safeParse(value);
  const judgement = Judgement.safeParse(value);
  if (!paper.success || !judgement.success) {
    for (const issue of [...(paper.error?.issues ?? []), ...(judgement.error?.issues ?? [])])
      context.addIssue({ ...issue });
    return z.NEVER;
  }
  return { ...paper.data, ...judgement.data };
});

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
    const library = readJsonLines(libraryPath, LibraryRow).map((row) => ({
      id: row.id,
      title: row.title,
      abstract: row.abstract ?? null,
      ...(row.authors ? { authors: row.authors } : {}),
      judgement: judgementOf(row),
    }));
    const candidates = readJsonLines(candidatesPath, PaperRow);
    const scores = scoreCandidates(library, candidates).sort((a, b) => b.score - a.score);
    process.stdout.write(
      scores.map((s) => JSON.stringify({ id: s.id, score: Number(s.score.toFixed(4)), reasons: s.reasons })).join('\n'),
    );
    process.stdout.write('\n');
    return 0;
  } catch (error) {
    process.stderr.write(`rank: ${errorMessage(error)}\n`);
    return 1;
  }
}
