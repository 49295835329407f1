/**
 * The one date rule for the names of exported files (library exports, backups, a page topic's BibTeX): the local
 * calendar day the researcher sees, not the UTC day. An export made at 00:30 in Tokyo is named for that day, as
 * the researcher's own calendar says (tests/export/file-date.test.ts).
 */
export function fileDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
