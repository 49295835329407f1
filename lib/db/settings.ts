import { deferred, z } from '../paper/zod';
import { profileSteeringSchema, watchlistSchema } from '../watchlist/schema';

// Written out rather than parsed from `{}` when the module loads, which built both schemas in the task that injects
// the triage script; tests/db/settings.test.ts checks that they are what the schemas give for `{}`.
const DEFAULT_KEYS = Object.freeze({
  next: 'j',
  previous: 'k',
  save: 's',
  dismiss: 'x',
  tag: 't',
  note: 'n',
  open: 'o',
  help: '?',
});

/** One key binding: a printable key, or a name such as `ArrowDown`. */
const binding = () => z.string().min(1).max(16);
const key = (fallback: string) => binding().default(fallback);

/** Triage keys on digest pages; each is one printable key, configurable in the side panel. */
export const KeyBindings = deferred(() =>
  z.object({
    next: key(DEFAULT_KEYS.next),
    previous: key(DEFAULT_KEYS.previous),
    save: key(DEFAULT_KEYS.save),
    dismiss: key(DEFAULT_KEYS.dismiss),
    tag: key(DEFAULT_KEYS.tag),
    note: key(DEFAULT_KEYS.note),
    open: key(DEFAULT_KEYS.open),
    help: key(DEFAULT_KEYS.help),
  }),
);
export type KeyBindings = z.infer<typeof KeyBindings>;

/** User settings, kept in the library database so that a backup carries them. */
export const Settings = deferred(() =>
  z.object({
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    keys: KeyBindings.default({ ...DEFAULT_KEYS }),
    /** Adapter ids switched off by the user; their pages are left alone. */
    disabledSites: z.array(z.string()).default([]),
    hideDismissed: z.boolean().default(false),
    /** Followed authors and keywords (lib/watchlist). */
    watchlist: watchlistSchema().default({ authors: [], keywords: [] }),
    /** Pinned and banned terms, forgotten papers (lib/cluster/profile.ts). */
    relevanceProfile: profileSteeringSchema().default({ pinned: [], banned: [], forgotten: [] }),
  }),
);
export type Settings = z.infer<typeof Settings>;

/**
 * A change to the settings: only the fields it names, each checked as in `Settings` but with no default filled in.
 * (`Settings.partial()` would fill every absent field with its default, and a change of one setting would reset
 * all the others.) Key bindings change as a whole set.
 */
export const SettingsPatch = deferred(() =>
  z.object({
    theme: z.enum(['system', 'light', 'dark']).optional(),
    keys: z
      .object({
        next: binding(),
        previous: binding(),
        save: binding(),
        dismiss: binding(),
        tag: binding(),
        note: binding(),
        open: binding(),
        help: binding(),
      })
      .optional(),
    disabledSites: z.array(z.string()).optional(),
    hideDismissed: z.boolean().optional(),
    watchlist: watchlistSchema().optional(),
    relevanceProfile: profileSteeringSchema().optional(),
  }),
);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  keys: DEFAULT_KEYS,
  disabledSites: Object.freeze([]) as readonly string[] as string[],
  hideDismissed: false,
  watchlist: Object.freeze({
    authors: Object.freeze([]),
    keywords: Object.freeze([]),
  }) as unknown as Settings['watchlist'],
  relevanceProfile: Object.freeze({
    pinned: Object.freeze([]),
    banned: Object.freeze([]),
    forgotten: Object.freeze([]),
  }) as unknown as Settings['relevanceProfile'],
});
