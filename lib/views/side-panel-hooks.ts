/**
 * What the side panel asks of its surroundings (files, the clipboard, tag suggestions, clustering, relevance), and
 * the one implementation of it, on the library's database and the background. Reads of many papers go in batches.
 */

import type { SiteAccessHooks } from '../../components/SiteAccessSettings';
import type { SyncHooks } from '../../components/SyncSettings';
import type { ClusterResult } from '../cluster/cluster';
import type { RelevanceProfile } from '../cluster/profile';
import type { LibraryReader } from '../db/reader';
import type { ImportMode, ImportPreview } from '../export/backup';
import type { PaperGroup } from '../export/markdown';
import { ask } from '../messages/transport';
import type { LibraryPaper } from '../paper/schema';
import { backupFile, bibtexOf, download, exportFile, type ImportRead, type PaperExportFormat } from './files';
import { ImportClient } from './import-client';
import type { ImportProgress } from './import-protocol';
import { TopicClusterer, type TopicRequest } from './topics';

export type ExportRequest = {
  ids: readonly string[];
  format: PaperExportFormat;
  /** Names the file: a tag, a topic, a view. */
  name: string | null;
  /** Markdown headings per topic, when topics are exported. */
  groups?: PaperGroup[];
  onProgress?: (done: number, total: number) => void;
};

export type SuggestedTag = { tag: string; score: number };

export type SidePanelHooks = {
  backup(): Promise<void>;
  /** Reads and checks an import file; nothing is compared or written yet. */
  readImport(file: File, onProgress?: (progress: ImportProgress) => void): Promise<ImportRead>;
  /** What importing would change in the library as it is now. */
  planImport(read: Extract<ImportRead, { ok: true }>, mode: ImportMode): Promise<ImportPreview>;
  exportPapers(request: ExportRequest): Promise<void>;
  copyBibtex(paper: LibraryPaper): Promise<void>;
  suggestTags(paper: { id: string; title: string; abstract: string | null }): Promise<SuggestedTag[]>;
  cluster(request: TopicRequest): Promise<ClusterResult>;
  /** Relevance of these papers to what the researcher kept (saved, tagged; dismissed counts against). */
  relevance(ids: readonly string[]): Promise<Map<string, number>>;
  /** What drives relevance (the background's `library/profile`). */
  profile(): Promise<RelevanceProfile>;
  /** The Sync section (components/SyncSettings.tsx); absent where sync cannot run. */
  sync?: SyncHooks;
  /** The optional sites' switches (issue 16); absent where the browser cannot grant them. */
  siteAccess?: SiteAccessHooks;
};

/** Papers read from the database at a time, for an export or for relevance. */
const READ_BATCH = 2000;

export function sidePanelHooks(reader: LibraryReader): SidePanelHooks {
  // The worker starts on the first request for topics, not with the panel.
  const topics = new TopicClusterer((ids) => reader.getPapers(ids));
  // Parsing and planning a large import take seconds: they run in a worker too.
  const imports = new ImportClient();
  async function* inBatches(ids: readonly string[]) {
    for (let start = 0; start < ids.length; start += READ_BATCH) {
      yield {
        papers: await reader.getPapers(ids.slice(start, start + READ_BATCH)),
        done: Math.min(ids.length, start + READ_BATCH),
      };
    }
  }
  return {
    backup: async () => download(backupFile(await reader.exportContents())),
    // The bytes, not file.text(): the worker tells UTF-8, UTF-16 and Latin-1 apart from them.
    readImport: async (file, onProgress) =>
      imports.read(new Uint8Array(await file.arrayBuffer()), file.name, Date.now(), onProgress),
    planImport: (read, mode) => imports.plan(read, mode),
    exportPapers: async ({ ids, format, name, groups, onProgress }) => {
      const papers = [];
      for await (const batch of inBatches(ids)) {
        papers.push(...batch.papers);
        onProgress?.(batch.done, ids.length);
      }
      download(exportFile(papers, format, { name, ...(groups ? { groups } : {}) }));
    },
    copyBibtex: (paper) => navigator.clipboard.writeText(bibtexOf(paper)),
    suggestTags: (paper) => ask('library/suggestTags', { paper, count: 5 }),
    cluster: (request) => topics.cluster(request),
    profile: () => ask('library/profile', null),
    relevance: async (ids) => {
      const papers = [];
      for await (const batch of inBatches(ids)) {
        for (const p of batch.papers) papers.push({ id: p.id, title: p.title, abstract: p.abstract });
      }
      const scores = await ask('page/relevance', { papers });
      return new Map(scores.map((s) => [s.id, s.score]));
    },
  };
}
