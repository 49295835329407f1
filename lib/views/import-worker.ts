/**
 * Reads and plans imports off the side panel's main thread: parsing 20,000 BibTeX entries takes seconds, and the
 * plan compares them with the whole library. The worker shares the extension's origin, so it reads the library
 * from IndexedDB itself (read-only); the write stays with the background ('library/replace'). Requests and replies
 * are checked with zod (import-protocol.ts); a file read here stays here until it is planned.
 */
import { LibraryReader } from '../db/reader';
import { errorMessage } from '../errors';
import { describeIssues } from '../messages/protocol';
import { type ImportRead, previewImport, readImport } from './files';
import {
  type ImportProgress,
  type ImportWorkerProgress,
  type ImportWorkerReply,
  ImportWorkerRequest,
} from './import-protocol';

// Typed by hand: the project compiles against the DOM library, whose `self` is a Window, not a worker scope.
const scope = self as unknown as {
  postMessage(message: ImportWorkerReply | ImportWorkerProgress): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
};

let reader: Promise<LibraryReader> | null = null;
/** The files read and not yet planned, by the id of the request that read them; the panel shows one at a time. */
const reads = new Map<number, Extract<ImportRead, { ok: true }>>();
const KEPT_READS = 2;

scope.addEventListener('message', async (event) => {
  const parsed = ImportWorkerRequest.safeParse(event.data);
  if (!parsed.success) {
    const id = (event.data as { id?: unknown } | null)?.id;
    // Without a usable id the reply could not be matched: there is nobody to tell.
    if (typeof id === 'number' && Number.isInteger(id) && id > 0)
      scope.postMessage({ id, ok: false, error: `bad request to the import worker: ${describeIssues(parsed.error)}` });
    return;
  }
  const request = parsed.data;
  const progress = (stage: ImportProgress['stage'], fraction: number, count: number) =>
    scope.postMessage({ id: request.id, progress: { stage, fraction: Math.min(1, Math.max(0, fraction)), count } });
  try {
    if (request.type === 'read') {
      progress('reading', 0, 0);
      // Sent from inside the synchronous read: the panel's thread is free and shows each one as it arrives.
      const read = readImport(request.text, request.fileName, request.now, (fraction, entries) =>
        progress('reading', fraction, entries),
      );
      if (read.ok) {
        reads.set(request.id, read);
        for (const old of reads.keys()) if (reads.size > KEPT_READS) reads.delete(old);
      }
      scope.postMessage({ id: request.id, ok: true, value: read });
    } else {
      const read = reads.get(request.readId);
      if (!read) throw new Error('That file is no longer open here: choose it again.');
      progress('library', 0, 0);
      reader ??= LibraryReader.open();
      const existing = await (await reader).exportContents();
      progress('planning', 0, read.papers.length);
      scope.postMessage({ id: request.id, ok: true, value: previewImport(read, existing, request.mode) });
    }
  } catch (error) {
    scope.postMessage({ id: request.id, ok: false, error: errorMessage(error) });
  }
});
