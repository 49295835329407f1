import { z } from '../paper/zod';

/** Triage keys on digest pages; each is one printable key, configurable in the side panel. */
export const KeyBindings = z.object({
  next: z.string().min(1).max(16).default('j'),
  previous: z.string().min(1).max(16).default('k'),
  save: z.string().min(1).max(16).default('s'),
  dismiss: z.string().min(1).max(16).default('x'),
  tag: z.string().min(1).max(16).default('t'),
  note: z.string().min(1).max(16).default('n'),
  open: z.string().min(1).max(16).default('o'),
  help: z.string().min(1).max(16).default('?'),
});
export type KeyBindings = z.infer<typeof KeyBindings>;

/** User settings, kept in the library database so that a backup carries them. */
export const Settings = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  keys: KeyBindings.default(KeyBindings.parse({})),
  /** Adapter ids switched off by the user; their pages are left alone. */
  disabledSites: z.array(z.string()).default([]),
  hideDismissed: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
