/**
 * Reads and plans imports off the side panel's main thread: parsing 20,000 BibTeX entries takes seconds, and the
 * plan compares them with the whole library. The worker shares the extension's origin, so it reads the library
 * from IndexedDB itself (read-only); the write stays with the background ('library/replace').
 */
import { LibraryReader } from '../db/reader';
import { previewImport, readImport } from './files';
import type { ImportWorkerReply, ImportWorkerRequest } from './import-client';

// Typed by hand: the project compiles against the DOM library, whose `self` is a Window, not a worker scope.
const scope = self as unknown as {
  postMessage(message: ImportWorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportWorkerRequest>) => void): void;
};

let reader: Promise<LibraryReader> | null = null;

scope.addEventListener('message', async (event) => {
  const request = event.data;
  try {
    if (request.type === 'read') {
      scope.postMessage({ id: request.id, ok: true, value: readImport(request.text, request.fileName, request.now) });
    } else {
      reader ??= LibraryReader.open();
      const existing = await (await reader).exportContents();
      scope.postMessage({ id: request.id, ok: true, value: previewImport(request.read, existing, request.mode) });
    }
  } catch (error) {
    scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
