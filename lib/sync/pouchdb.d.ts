/**
 * The part of PouchDB 9's API that sync uses, typed here: the DefinitelyTyped packages describe PouchDB 7 and
 * pull in type packages that change how Node's Buffer checks elsewhere in the project.
 */
declare module 'pouchdb-core' {
  export type Doc = { _id: string; _rev?: string; _deleted?: boolean; _conflicts?: string[]; [key: string]: unknown };
  export type AllDocsRow = {
    id?: string;
    key?: string;
    error?: string;
    value?: { rev: string; deleted?: boolean };
    doc?: Doc | null;
  };
  export type WriteResult = {
    ok?: boolean;
    id?: string;
    rev?: string;
    error?: string | boolean;
    status?: number;
    name?: string;
    message?: string;
    reason?: string;
  };
  export type ReplicationInfo = {
    docs_read?: number;
    docs_written?: number;
    doc_write_failures?: number;
    pending?: number;
    last_seq?: unknown;
    ok?: boolean;
    status?: string;
    errors?: unknown[];
  };
  export interface EventEmitterLike<T> extends Promise<T> {
    on(event: string, listener: (info: unknown) => void): this;
    cancel(): void;
  }
  export type ChangesOptions = {
    since?: number | string | 'now';
    live?: boolean;
    include_docs?: boolean;
    limit?: number;
    return_docs?: boolean;
  };
  export type ReplicateOptions = {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    batches_limit?: number;
    checkpoint?: 'source' | 'target' | false;
    back_off_function?: (delay: number) => number;
  };
  export interface Database {
    readonly name: string;
    info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
    get(id: string, options?: { rev?: string }): Promise<Doc>;
    put(doc: Doc): Promise<WriteResult>;
    bulkDocs(docs: Doc[]): Promise<WriteResult[]>;
    bulkGet(options: {
      docs: { id: string; rev?: string }[];
    }): Promise<{ results: { id: string; docs: ({ ok: Doc } | { error: unknown })[] }[] }>;
    allDocs(options: {
      keys?: string[];
      include_docs?: boolean;
      conflicts?: boolean;
      limit?: number;
      startkey?: string;
    }): Promise<{ total_rows: number; rows: AllDocsRow[] }>;
    changes(
      options: ChangesOptions,
    ): EventEmitterLike<{ results: { id: string; seq: number | string }[]; last_seq: number | string }>;
    replicate: {
      to(target: Database | string, options?: ReplicateOptions): EventEmitterLike<ReplicationInfo>;
      from(source: Database | string, options?: ReplicateOptions): EventEmitterLike<ReplicationInfo>;
    };
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export type Plugin = unknown;
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    plugin(plugin: Plugin): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
