/**
 * The messages between the side panel and its import worker (import-worker.ts, import-client.ts), checked with zod
 * at both ends like every other message.
 *
 * The papers inside a reply are checked for their shape here (each an object with an id), not field by field again:
 * the worker built them with the LibraryPaper schema from the file, and the background checks the whole library once
 * more when the import is written ('library/replace'). Checking 20,000 papers field by field costs close to a second
 * each time (measured in Node with compiled parsers; more in the extension, where zod cannot compile them).
 */

import { IMPORT_FORMATS } from '../export/import-file';
import { deferred, z } from '../paper/zod';
import { Settings } from '../settings';

const Id = z.number().int().positive();
const Mode = z.enum(['merge', 'replace']);

export const ImportWorkerRequest = deferred(() =>
  z.discriminatedUnion('type', [
    // The file as the panel picked it: its bytes (the encoding is told from them), or text.
    z.object({
      id: Id,
      type: z.literal('read'),
      text: z.union([z.string(), z.instanceof(Uint8Array)]),
      fileName: z.string().max(4096),
      now: z.number(),
    }),
    // A file the worker read before, named by the id of that request: the panel never sends papers back to it.
    z.object({ id: Id, type: z.literal('plan'), readId: Id, mode: Mode }),
  ]),
);
export type ImportWorkerRequest = z.infer<typeof ImportWorkerRequest>;

export const ImportWorkerReply = deferred(() =>
  z.discriminatedUnion('ok', [
    z.object({ id: Id, ok: z.literal(true), value: z.unknown() }),
    z.object({ id: Id, ok: z.literal(false), error: z.string() }),
  ]),
);
export type ImportWorkerReply = z.infer<typeof ImportWorkerReply>;

/** How far the worker is with a request: sent while a large file is read and planned, before the reply. */
export const ImportProgress = deferred(() =>
  z.object({
    stage: z.enum(['reading', 'library', 'planning']),
    /** 0 to 1 of the stage. */
    fraction: z.number().min(0).max(1),
    /** Entries read so far (reading), or papers compared (planning). */
    count: z.number().int().nonnegative(),
  }),
);
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportWorkerProgress = deferred(() => z.object({ id: Id, progress: ImportProgress }));
export type ImportWorkerProgress = z.infer<typeof ImportWorkerProgress>;

const Papers = z.array(z.looseObject({ id: z.string().min(1), title: z.string() }));
const Count = z.number().int().nonnegative();
const ImportErrorValue = z.object({ where: z.string(), line: z.number().int().nullable(), message: z.string() });

/** The value of a reply to 'read': the file's papers, or why it cannot be imported. */
export const ImportReadValue = deferred(() =>
  z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      fileName: z.string(),
      format: z.enum(IMPORT_FORMATS),
      papers: Papers,
      // Entries left out: the first ones with their number, line and reason, and how many in all.
      skipped: z.array(ImportErrorValue).default([]),
      skippedCount: Count.default(0),
      backup: z
        .looseObject({
          papers: Papers,
          tags: z.array(z.looseObject({ name: z.string() })),
          sightings: z.array(z.looseObject({ paperId: z.string() })),
          settings: Settings,
        })
        .nullable(),
    }),
    z.object({
      ok: z.literal(false),
      fileName: z.string(),
      errors: z.array(ImportErrorValue),
    }),
  ]),
);

/** The value of a reply to 'plan': what the import would do, and the library it would leave. */
export const ImportPlanValue = deferred(() =>
  z.object({
    mode: Mode,
    added: Count,
    updated: Count,
    unchanged: Count,
    removed: Count,
    tagsAdded: Count,
    sightingsAdded: Count,
    result: z.object({
      papers: Papers,
      tags: z.array(z.looseObject({ name: z.string() })),
      sightings: z.array(z.looseObject({ paperId: z.string() })),
      settings: Settings,
    }),
  }),
);
