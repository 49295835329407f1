/**
 * The CSL data schema (citation-style-language/schema, csl-data.json, v1.0.2) transcribed as a checker: the item
 * types, the name and date shapes, and its `additionalProperties: false` (only the properties the schema lists).
 */
const TYPES = new Set(
  'article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection dataset document entry entry-dictionary entry-encyclopedia figure graphic hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical personal_communication post post-weblog regulation report review review-book software song speech standard thesis treaty webpage'.split(
    ' ',
  ),
);
const NAME_FIELDS = new Set(
  'author chair collection-editor compiler composer container-author contributor curator director editor editorial-director executive-producer interviewer illustrator organizer original-author performer producer recipient reviewed-author translator'.split(
    ' ',
  ),
);
const DATE_FIELDS = new Set('accessed available-date container event-date issued original-date submitted'.split(' '));
const STRING_OR_NUMBER = new Set(
  'id chapter-number citation-number collection-number edition first-reference-note-number issue locator number number-of-pages number-of-volumes page page-first part printing supplement volume'.split(
    ' ',
  ),
);
const STRING_FIELDS = new Set(
  'language journalAbbreviation shortTitle abstract annote archive archive_collection archive_location archive-place authority call-number citation-label collection-title container-title container-title-short dimensions division DOI event event-place genre ISAN ISBN ISCI ISMN ISRC ISSN ISWC jurisdiction keyword medium note original-publisher original-publisher-place original-title part-title PMCID PMID publisher publisher-place references reviewed-title scale section source status title title-short translated-title translated-title-short URL version year-suffix'.split(
    ' ',
  ),
);
const NAME_PARTS = new Set([
  'family',
  'given',
  'dropping-particle',
  'non-dropping-particle',
  'suffix',
  'comma-suffix',
  'static-ordering',
  'literal',
  'parse-names',
]);
const DATE_PARTS = new Set(['date-parts', 'season', 'circa', 'literal', 'raw', 'edtf']);

const isStringOrNumber = (v: unknown) => typeof v === 'string' || typeof v === 'number';

/** Problems with a CSL-JSON array, as "[index].field: problem"; empty when it is valid. */
export function validateCslData(data: unknown): string[] {
  if (!Array.isArray(data)) return ['top level must be an array'];
  const problems: string[] = [];
  for (const [index, item] of (data as unknown[]).entries()) {
    const at = (field: string, problem: string) => problems.push(`[${index}].${field}: ${problem}`);
    if (typeof item !== 'object' || item === null) {
      at('', 'must be an object');
      continue;
    }
    const record = item as Record<string, unknown>;
    if (!('type' in record) || !('id' in record)) at('', 'type and id are required');
    for (const [key, value] of Object.entries(record)) {
      if (key === 'type') {
        if (typeof value !== 'string' || !TYPES.has(value)) at(key, `unknown type ${String(value)}`);
      } else if (key === 'categories') {
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) at(key, 'must be strings');
      } else if (key === 'custom') {
        if (typeof value !== 'object' || value === null) at(key, 'must be an object');
      } else if (NAME_FIELDS.has(key)) {
        if (!Array.isArray(value)) at(key, 'must be an array');
        else
          for (const name of value as unknown[]) {
            if (typeof name !== 'object' || name === null) at(key, 'name must be an object');
            else
              for (const [part, v] of Object.entries(name)) {
                if (!NAME_PARTS.has(part)) at(key, `name has unknown property ${part}`);
                else if (
                  ['family', 'given', 'dropping-particle', 'non-dropping-particle', 'suffix', 'literal'].includes(
                    part,
                  ) &&
                  typeof v !== 'string'
                ) {
                  at(key, `${part} must be a string`);
                }
              }
          }
      } else if (DATE_FIELDS.has(key)) {
        if (typeof value === 'string') continue;
        if (typeof value !== 'object' || value === null) at(key, 'must be a date object or EDTF string');
        else {
          for (const part of Object.keys(value)) if (!DATE_PARTS.has(part)) at(key, `unknown date property ${part}`);
          const parts = (value as Record<string, unknown>)['date-parts'];
          if (parts !== undefined) {
            const ok =
              Array.isArray(parts) &&
              parts.length >= 1 &&
              parts.length <= 2 &&
              parts.every((p) => Array.isArray(p) && p.length >= 1 && p.length <= 3 && p.every(isStringOrNumber));
            if (!ok) at(key, 'date-parts must be 1–2 arrays of 1–3 numbers or strings');
          }
        }
      } else if (STRING_OR_NUMBER.has(key)) {
        if (!isStringOrNumber(value)) at(key, 'must be a string or number');
      } else if (STRING_FIELDS.has(key)) {
        if (typeof value !== 'string') at(key, 'must be a string');
      } else {
        at(key, 'not a CSL property (the schema allows no additional properties)');
      }
    }
  }
  return problems;
}
