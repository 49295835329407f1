import { newLibraryPaper } from '../../lib/paper/merge';
import { type LibraryPaper, PaperRecord, type PaperRecordInput } from '../../lib/paper/schema';

/** A valid page record for tests; `overrides` replace any field. */
export function makeRecord(arxivId: string, overrides: Partial<PaperRecordInput> = {}): PaperRecord {
  return PaperRecord.parse({
    id: arxivId,
    arxivId,
    version: 1,
    doi: null,
    title: `A study of ${arxivId}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    authorCount: 2,
    abstract: 'We study things.',
    published: '2025-02-17',
    url: `https://arxiv.org/abs/${arxivId}`,
    pdfUrl: `https://arxiv.org/pdf/${arxivId}`,
    codeUrl: null,
    projectUrl: null,
    categories: ['cs.LG'],
    upvotes: 3,
    comments: 1,
    organization: null,
    submitter: null,
    venue: null,
    githubStars: null,
    keywords: [],
    source: { site: 'arxiv', pageUrl: 'https://arxiv.org/list/cs.LG/new', section: 'new', rank: 1 },
    ...overrides,
  });
}

export function makeLibraryPaper(arxivId: string, overrides: Partial<LibraryPaper> = {}): LibraryPaper {
  return { ...newLibraryPaper(makeRecord(arxivId), 1_700_000_000_000), ...overrides };
}

let counter = 0;
/** A database name no other test uses (fake-indexeddb is shared within a test file). */
export function freshDbName(): string {
  counter += 1;
  return `paperlane-test-${counter}-${Math.random().toString(36).slice(2)}`;
}
