/** How import problems read for people, the same in the command line and the side panel. */
import { type ImportError, MAX_ERRORS } from './import-result';

/** "1 paper", "2 papers", "1 entry", "3 entries". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "entry 12, line 240: no title". */
export function describeProblem(error: ImportError): string {
  const hasLine = error.line !== null && !error.where.includes(`line ${error.line}`);
  const place = [error.where, hasLine ? `line ${error.line}` : ''].filter(Boolean).join(', ');
  return place ? `${place}: ${error.message}` : error.message;
}

/** The first `max` problems, one line each, then "and N more" when there are more. */
export function describeProblems(errors: readonly ImportError[], max = MAX_ERRORS): string[] {
  const lines = errors.slice(0, max).map(describeProblem);
  if (errors.length > max) lines.push(`and ${(errors.length - max).toLocaleString('en-US')} more`);
  return lines;
}
