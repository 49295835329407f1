import memory from 'pouchdb-adapter-memory';
import { pouchFactory } from './pouch';

/** PouchDB in memory, for the command line and the tests. */
export const nodePouch = pouchFactory(memory, 'memory');
