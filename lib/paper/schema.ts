/**
 * The only definition of a paper. Adapters return `PaperRecord`s, the library stores `LibraryPaper`s and
 * `Sighting`s; every type is inferred from these schemas.
 */
import { isValidIdOf, parseIdentifier } from './identity';
import { plainParagraphs, plainText } from './text';
import { deferred, once, z } from './zod';

// Field schemas are single zod nodes where they can be: cleaning is an `overwrite` check on the string, not a
// transform piped into a second schema, so that zod (jitless in the extension: lib/paper/zod.ts) runs one node per
// field. A listing of 2,000 cards validates each of them (bench/extract.bench.ts).

// A link as pages write most of them (scheme, host, a plain path): an http(s) URL without asking the URL parser.
const PLAIN_HTTP_URL = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?::\d{1,4})?(?:\/[A-Za-z0-9._~/-]*)?$/;

// Built together, once, the first time any schema of this module is used (see `deferred`): the content script
// injected into digest pages imports this module, and used to build all of it in the task of its injection.
const parts = once(() => {
  /** One line of text, cleaned of markup, controls and extra white space. */
  const Text = z.string().overwrite(plainText);
  const NonEmptyText = z.string().overwrite(plainText).min(1, 'must not be empty');
  const OptionalText = z
    .string()
    .nullable()
    .overwrite((v) => (v == null ? null : plainText(v) || null));
  const OptionalParagraphs = z
    .string()
    .nullable()
    .overwrite((v) => (v == null ? null : plainParagraphs(v) || null));

  /** Only http(s) links are kept: a `javascript:` or `data:` URL from a page must never reach a view. */
  const HttpUrl = z
    .string()
    .trim()
    .refine((v) => {
      if (PLAIN_HTTP_URL.test(v)) return true;
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'must be an http(s) URL');
  const OptionalUrl = HttpUrl.nullable();

  const Count = z.number().int().nonnegative().nullable();
  // A hostile file or synced document could hold thousands; no real paper has been known by more than a few.
  const Aliases = z
    .array(z.string().max(2048))
    .max(500)
    .overwrite((list) => {
      if (list.length === 0) return list;
      const out = new Set<string>();
      for (const alias of list) {
        const id = parseIdentifier(alias);
        if (id) out.add(id);
      }
      return [...out];
    });
  /**
   * Calendar date as precise as its source: `YYYY-MM-DD` (what pages give), or `YYYY-MM` / `YYYY` (ISO 8601's
   * reduced precision), what an imported reference often has: a year is kept, never thrown away for want of a day.
   */
  const IsoDate = z
    .string()
    .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date YYYY-MM-DD, YYYY-MM or YYYY');

  const Source = z.object({
    /** Adapter id that found the card: `huggingface`, `arxiv`, `generic`, or `import`. */
    site: z.string().min(1).max(64),
    pageUrl: z.string().max(4096),
    /** Listing section: `new`, `cross-list`, `replacement` on arXiv /new; the day heading on /recent; null elsewhere. */
    section: z.string().max(200).nullable(),
    /** 1-based position on the page. */
    rank: z.number().int().positive().nullable(),
  });

  /** Bibliographic and page fields, shared by the adapter record and the stored paper. */
  const PaperFields = {
    id: z.string().min(1).max(2048),
    arxivId: z.string().nullable(),
    version: z.number().int().positive().nullable(),
    doi: z.string().nullable(),
    title: NonEmptyText,
    authors: z.array(NonEmptyText),
    authorCount: z.number().int().nonnegative(),
    abstract: OptionalParagraphs,
    published: IsoDate.nullable(),
    url: OptionalUrl,
    pdfUrl: OptionalUrl,
    codeUrl: OptionalUrl,
    projectUrl: OptionalUrl,
    categories: z.array(NonEmptyText),
    upvotes: Count,
    comments: Count,
    organization: OptionalText,
    submitter: OptionalText,
    /**
     * Where the paper appeared, as its source names it: a journal, proceedings, or a preprint server such as bioRxiv
     * (arXiv papers are told by their arXiv id instead); null where no source said. Optional on input: records and
     * backups from before it existed read as null.
     */
    venue: OptionalText.default(null),
    githubStars: Count,
    keywords: z.array(NonEmptyText),
    /**
     * Identifiers besides arxivId, doi and url, in canonical form (lib/paper/identity.ts): `pmid:31452104`,
     * `isbn:9780262035613`, `dblp:conf/iclr/SmithJ18`, a content key… A stored paper keeps every identifier it has
     * been known by, its id included (the library finds papers through them). Each is read into its canonical form
     * and one that names nothing is dropped. Optional on input: records and backups from before read as [].
     */
    aliases: Aliases.default([]),
  };

  const Status = z.enum(['unread', 'reading', 'read', 'dismissed']);
  const TagName = z
    .string()
    .overwrite(plainText)
    .min(1, 'a tag needs a name')
    .max(64, 'a tag name has at most 64 characters');
  return { Text, HttpUrl, IsoDate, Count, Source, PaperFields, Status, TagName };
});

/** One line of text, cleaned of markup, controls and extra white space. */
export const Text = deferred(() => parts().Text);

/** Only http(s) links are kept: a `javascript:` or `data:` URL from a page must never reach a view. */
export const HttpUrl = deferred(() => parts().HttpUrl);
/** Calendar date `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where that is all the source says. */
export const IsoDate = deferred(() => parts().IsoDate);
export const Source = deferred(() => parts().Source);
export type Source = z.infer<typeof Source>;

const idMatchesIdentifiers = (p: {
  id: string;
  arxivId: string | null;
  doi: string | null;
  url: string | null;
  aliases: string[];
  title: string;
  authors: string[];
  published: string | null;
}) => isValidIdOf(p, p.id);
const ID_MESSAGE = {
  message:
    'id must be the canonical id of the identifiers (arxivId, doi, aliases, url) or, without a strong one, a content key',
  path: ['id'],
};

/** What an adapter extracts from one card. */
export const PaperRecord = deferred(() =>
  z.object({ ...parts().PaperFields, source: parts().Source }).refine(idMatchesIdentifiers, ID_MESSAGE),
);
export type PaperRecord = z.infer<typeof PaperRecord>;
export type PaperRecordInput = z.input<typeof PaperRecord>;

export const Status = deferred(() => parts().Status);
export type Status = z.infer<typeof Status>;

export const TagName = deferred(() => parts().TagName);

/** A paper in the library: what pages said of it, and what the user decided. */
export const LibraryPaper = deferred(() => {
  const { PaperFields, Status, TagName } = parts();
  return z
    .object({
      ...PaperFields,
      saved: z.boolean(),
      status: Status,
      tags: z.array(TagName),
      note: z.string().max(100_000),
      /** When first recorded in the library (seen or saved), ms since epoch. */
      addedAt: z.number(),
      savedAt: z.number().nullable(),
      updatedAt: z.number(),
      /** Sites the paper was seen on, for the "where seen" filter without reading every sighting. */
      sites: z.array(z.string()),
      lastSeenAt: z.number().nullable(),
    })
    .refine(idMatchesIdentifiers, ID_MESSAGE);
});
export type LibraryPaper = z.infer<typeof LibraryPaper>;

/** One time a card was on screen: where, and its counts at that moment. */
export const Sighting = deferred(() =>
  z.object({
    paperId: z.string().min(1),
    site: z.string().min(1),
    pageUrl: z.string(),
    section: z.string().nullable(),
    rank: z.number().int().positive().nullable(),
    upvotes: parts().Count,
    comments: parts().Count,
    seenAt: z.number(),
  }),
);
export type Sighting = z.infer<typeof Sighting>;

export const TagInfo = deferred(() =>
  z.object({
    name: parts().TagName,
    /** CSS hex colour. */
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
    createdAt: z.number(),
  }),
);
export type TagInfo = z.infer<typeof TagInfo>;
