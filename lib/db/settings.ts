import { deferred, z } from '../paper/zod';

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

const key = (fallback: string) => z.string().min(1).max(16).default(fallback);

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
  }),
);
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  keys: DEFAULT_KEYS,
  disabledSites: Object.freeze([]) as readonly string[] as string[],
  hideDismissed: false,
});
