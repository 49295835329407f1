/**
 * One protocol map for every message between the content script, the background, the popup and the side panel.
 * Names say direction and domain: `library/*` and `page/*` go to the background (which owns the library),
 * `tab/*` go from a view to the content script of one tab, `event/*` are broadcast by the background.
 * Every payload is validated with zod where it is received; a bad one is refused with a message naming the field.
 */

import { LibraryPaper, PaperRecord, Sighting, Status, TagInfo, TagName } from '../paper/schema';
import { deferred, z } from '../paper/zod';
import { Settings, SettingsPatch } from '../settings';
import { settingsEditSchema } from '../watchlist/schema';

const Ids = deferred(() => z.array(z.string().min(1).max(2048)).max(100_000));
/** Each card's other lookup keys by its id (lib/paper/identity.ts otherKeysOf). */
const CardKeys = deferred(() => z.record(z.string().max(2048), z.array(z.string().min(1).max(2048)).max(32)));
const Records = deferred(() => z.array(PaperRecord).max(20_000));
const Nothing = deferred(() => z.null());

/** What text features need of a paper: relevance and tag suggestions read only this. */
const PaperText = deferred(() =>
  z.object({
    id: z.string().min(1).max(2048),
    title: z.string().max(100_000),
    abstract: z.string().max(200_000).nullable(),
    /** Optional: the watchlist matches followed authors by them. */
    authors: z.array(z.string().max(1000)).max(5000).optional(),
  }),
);

export const PaperState = deferred(() =>
  z.object({
    id: z.string(),
    saved: z.boolean(),
    status: Status,
    tags: z.array(z.string()),
    lastSeenAt: z.number().nullable(),
    hasNote: z.boolean(),
  }),
);
export type PaperState = z.infer<typeof PaperState>;

/**
 * What a mutation hands back for undo: the papers it touched and the tokens under which the background keeps the
 * previous versions (lib/db/library.ts `keepUndo`). `library/restore` takes the tokens back; the papers themselves
 * never travel, so a 50,000-paper delete is undone with one small message.
 */
const UndoToken = deferred(() => z.string().regex(/^\d{15}-[0-9a-f-]{36}$/));
export const UndoTicket = deferred(() => z.object({ ids: Ids, tokens: z.array(UndoToken).max(10_000) }));

const PaperChange = deferred(() =>
  z.object({
    saved: z.boolean().optional(),
    status: Status.optional(),
    addTags: z.array(TagName).max(100).optional(),
    removeTags: z.array(TagName).max(100).optional(),
    note: z.string().max(100_000).optional(),
  }),
);

export const LibraryContents = deferred(() =>
  z.object({
    papers: z.array(LibraryPaper),
    tags: z.array(TagInfo),
    sightings: z.array(Sighting),
    settings: Settings,
  }),
);

/** What the content script knows about its page, for the popup. */
export const PageSummary = deferred(() =>
  z.object({
    url: z.string(),
    adapter: z.string().nullable(),
    kind: z.string().nullable(),
    cards: z.number().int().nonnegative(),
    saved: z.number().int().nonnegative(),
    newSinceLastVisit: z.number().int().nonnegative(),
    failures: z.number().int().nonnegative(),
    drift: z.boolean(),
    /** Why a page has no cards when its site blocked it (a robot check, a challenge page); null otherwise. Issue 16. */
    blocked: z.string().max(500).nullish(),
  }),
);
export type PageSummary = z.infer<typeof PageSummary>;

export const LibraryChanged = deferred(() =>
  z.object({
    ids: z.array(z.string()),
    tags: z.boolean(),
    settings: z.boolean(),
    at: z.number(),
  }),
);
export type LibraryChanged = z.infer<typeof LibraryChanged>;

/**
 * A protocol entry whose schemas are built the first time a message of its kind is checked. The triage script
 * uses a handful of the forty kinds: building every schema when it is injected made a long task of the
 * injection on every digest page (bench/triage.bench.ts, traced).
 */
function lazy<E extends { request: z.ZodType; response: z.ZodType }>(make: () => E): E {
  let built: E | undefined;
  const get = (): E => {
    built ??= make();
    return built;
  };
  return {
    get request() {
      return get().request;
    },
    get response() {
      return get().response;
    },
  } as E;
}

// ---- sync (lib/sync, issue 15): the side panel's Sync section and the background's engine ----
const SyncStatusMessage = deferred(() =>
  z.object({
    state: z.enum(['off', 'connecting', 'syncing', 'synced', 'offline', 'error']),
    message: z.string().max(500),
    lastSyncedAt: z.number().nullable(),
    pending: z.number().int().nonnegative(),
    progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
    skipped: z.number().int().nonnegative(),
  }),
);
export const SyncProtocol = {
  'sync/status': lazy(() => ({
    request: Nothing,
    response: SyncStatusMessage.extend({ url: z.string().nullable(), username: z.string().nullable() }),
  })),
  'sync/start': lazy(() => ({
    request: z.object({
      url: z.string().url().max(2048),
      username: z.string().max(256),
      password: z.string().max(1024),
      passphrase: z.string().min(1).max(1024),
    }),
    response: SyncStatusMessage,
  })),
  'sync/stop': lazy(() => ({ request: Nothing, response: SyncStatusMessage })),
} as const;

/** Requests answered by the background. */
export const BackgroundProtocol = {
  'page/cardsSeen': lazy(() => ({ request: z.object({ records: Records }), response: z.object({ ids: Ids }) })),
  'page/open': lazy(() => ({
    request: z.object({ ids: Ids, keys: CardKeys.optional(), pageKey: z.string().max(4096) }),
    response: z.object({
      states: z.record(z.string(), PaperState),
      settings: Settings,
      tags: z.array(z.string()),
      previousVisit: z.number().nullable(),
    }),
  })),
  /** Whether the library holds anything kept to score against: asked before sending a whole page's text. */
  'page/canScore': lazy(() => ({ request: Nothing, response: z.boolean() })),
  'page/relevance': lazy(() => ({
    request: z.object({ papers: z.array(PaperText).max(5_000) }),
    response: z.array(z.object({ id: z.string(), score: z.number(), reasons: z.array(z.string()) })),
  })),
  'page/cluster': lazy(() => ({
    request: z.object({ papers: z.array(PaperText).min(2).max(5_000), k: z.number().int().min(2).max(100).optional() }),
    response: z.object({
      clusters: z.array(
        z.object({
          label: z.string(),
          terms: z.array(z.string()),
          size: z.number().int(),
          members: z.array(z.string()),
        }),
      ),
    }),
  })),
  'library/suggestTags': lazy(() => ({
    request: z.object({ paper: PaperText, count: z.number().int().min(1).max(10).optional() }),
    response: z.array(z.object({ tag: z.string(), score: z.number() })),
  })),
  'library/bibtex': lazy(() => ({
    request: z.object({ records: Records }),
    response: z.object({ bibtex: z.string() }),
  })),
  'page/getStates': lazy(() => ({
    request: z.object({ ids: Ids, keys: CardKeys.optional() }),
    response: z.record(z.string(), PaperState),
  })),
  'library/save': lazy(() => ({
    request: z.object({ records: Records, tags: z.array(TagName).max(100).optional() }),
    response: UndoTicket,
  })),
  'library/updateFromRecords': lazy(() => ({
    request: z.object({ records: Records, change: PaperChange }),
    response: UndoTicket,
  })),
  'library/update': lazy(() => ({ request: z.object({ ids: Ids, change: PaperChange }), response: UndoTicket })),
  'library/delete': lazy(() => ({ request: z.object({ ids: Ids }), response: UndoTicket })),
  'library/restore': lazy(() => ({ request: z.object({ tokens: UndoTicket.shape.tokens }), response: Nothing })),
  'library/get': lazy(() => ({
    request: z.object({ id: z.string() }),
    response: z.object({ paper: LibraryPaper.nullable(), sightings: z.array(Sighting) }),
  })),
  'library/tags': lazy(() => ({ request: Nothing, response: z.array(TagInfo.extend({ count: z.number().int() })) })),
  'library/renameTag': lazy(() => ({ request: z.object({ from: TagName, to: TagName }), response: Nothing })),
  'library/deleteTag': lazy(() => ({ request: z.object({ name: TagName }), response: Nothing })),
  'library/setTagColor': lazy(() => ({
    request: z.object({ name: TagName, color: TagInfo.shape.color }),
    response: Nothing,
  })),
  'library/replace': lazy(() => ({ request: LibraryContents, response: Nothing })),
  'settings/get': lazy(() => ({ request: Nothing, response: Settings })),
  'settings/update': lazy(() => ({ request: SettingsPatch, response: Settings })),
  /** Follow or unfollow, pin, ban, forget, reset (issue 17): applied to the stored settings in one transaction. */
  'settings/edit': lazy(() => ({ request: settingsEditSchema(), response: Settings })),
  /** What drives relevance: the terms and authors that weigh most, each with the papers behind it (issue 17). */
  'library/profile': lazy(() => {
    const entry = z.object({
      term: z.string(),
      weight: z.number(),
      papers: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          judgement: z.enum(['positive', 'negative']),
          contribution: z.number(),
        }),
      ),
    });
    return { request: Nothing, response: z.object({ terms: z.array(entry), authors: z.array(entry) }) };
  }),
  /** The loader content script on a digest page that has loaded (entrypoints/loader.ts): inject triage. */
  'page/boot': lazy(() => ({ request: Nothing, response: Nothing })),
  /**
   * The triage of a page that shows MathJax 3 formulas, before it reads them: copy their TeX onto the page
   * (lib/views/math-sources.ts), which only the page's own world can read. Answers how many were copied.
   */
  'page/markMath': lazy(() => ({ request: Nothing, response: z.number().int().min(0) })),
  'view/extractActiveTab': lazy(() => ({
    request: z.object({ tabId: z.number().int() }),
    response: z.object({ papers: z.number().int() }),
  })),
  ...SyncProtocol,
} as const;

/** Requests a view sends to the content script of one tab. */
export const TabProtocol = {
  'tab/summary': lazy(() => ({ request: Nothing, response: PageSummary })),
  'tab/saveAll': lazy(() => ({ request: Nothing, response: z.object({ saved: z.number().int() }) })),
} as const;

export type Protocol = Record<string, { request: z.ZodType; response: z.ZodType }>;
export type RequestOf<P extends Protocol, K extends keyof P> = z.input<P[K]['request']>;
export type ParsedRequestOf<P extends Protocol, K extends keyof P> = z.output<P[K]['request']>;
export type ResponseOf<P extends Protocol, K extends keyof P> = z.output<P[K]['response']>;

/** The envelope every message travels in; `type` names an entry of a protocol map. */
export const Envelope = deferred(() =>
  z.object({ paperlane: z.literal(1), type: z.string().max(100), payload: z.unknown() }),
);
/**
 * A reply too large for one message (lib/messages/transport.ts) names the parts its JSON text was cut into, which
 * the asker then takes one by one ('transfer/take').
 */
export const PartsRef = deferred(() =>
  z.object({ id: z.string().min(1).max(64), count: z.number().int().positive().max(MAX_PARTS) }),
);
export const Reply = deferred(() =>
  z.union([
    z.object({ ok: z.literal(true), parts: PartsRef }),
    z.object({ ok: z.literal(true), value: z.unknown() }),
    /** `retry`: the request was not carried out (it arrived incomplete) and may be sent again as it is. */
    z.object({ ok: z.literal(false), error: z.string(), retry: z.literal(true).optional() }),
  ]),
);

/**
 * Chrome refuses an extension message whose serialized form is over 64 MiB. A payload whose JSON text is longer than
 * `WHOLE_CHARS` travels in parts of `PART_CHARS` characters (at most 3 bytes each as UTF-8: 24 MiB), at most
 * `MAX_PARTS` of them.
 */
export const PART_CHARS = 8 * 1024 * 1024;
/** The longest JSON text sent whole: 20M characters are at most 60 MiB as UTF-8. */
export const WHOLE_CHARS = 20 * 1024 * 1024;
/** 32 parts: 256M characters, half of the longest string V8 can hold, which the parts are joined into. */
export const MAX_PARTS = 32;

/** The transport's own messages, which carry a large request or reply in parts. */
export const TransferPart = deferred(() =>
  z.object({
    id: z.string().min(1).max(64),
    index: z.number().int().nonnegative(),
    count: z.number().int().positive().max(MAX_PARTS),
    text: z.string().max(PART_CHARS),
  }),
);
export const TransferSend = deferred(() => z.object({ id: z.string().min(1).max(64), type: z.string().max(100) }));
export const TransferTake = deferred(() =>
  z.object({ id: z.string().min(1).max(64), index: z.number().int().nonnegative() }),
);
export type Reply = z.infer<typeof Reply>;

/** Formats a zod error as "field.path: problem" lines, for messages people read. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(payload)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return lines.join('; ') + more;
}
