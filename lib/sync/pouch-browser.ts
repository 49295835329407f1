import idb from 'pouchdb-adapter-idb';
import { pouchFactory } from './pouch';

/** PouchDB in the extension's IndexedDB (its own databases, beside the library's). */
export const browserPouch = pouchFactory(idb, 'idb');
