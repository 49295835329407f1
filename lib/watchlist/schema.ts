/**
 * Stored shapes of the watchlist and of the relevance-profile steering: fields of the library's settings (so a
 * backup carries them). Kept apart from the matching code so that the settings schema pulls in zod only.
 */
import { z } from '../paper/zod';

export const MAX_WATCH_ENTRIES = 500;
export const MAX_ENTRY_LENGTH = 120;

const entries = (max: number) => z.array(z.string().trim().min(1).max(MAX_ENTRY_LENGTH)).max(max).default([]);

/** Followed authors (as typed or as a page wrote them) and keywords (a word or phrase, no TeX). */
export function watchlistSchema() {
  return z.object({ authors: entries(MAX_WATCH_ENTRIES), keywords: entries(MAX_WATCH_ENTRIES) });
}
export type Watchlist = { authors: string[]; keywords: string[] };

/** Pinned terms (always boost), banned terms (never boost), papers (canonical ids) whose influence is forgotten. */
export function profileSteeringSchema() {
  return z.object({
    pinned: entries(1000),
    banned: entries(1000),
    forgotten: z.array(z.string().min(1).max(400)).max(20_000).default([]),
  });
}
export type ProfileSteering = { pinned: string[]; banned: string[]; forgotten: string[] };

/**
 * One change to the watchlist or the steering, applied by the background to the settings as they are in the
 * database (lib/watchlist/edit.ts), so that a follow in one tab and a pin in the side panel never undo each other.
 */
export function settingsEditSchema() {
  const entry = z.string().trim().min(1).max(MAX_ENTRY_LENGTH);
  return z.discriminatedUnion('op', [
    z.object({ op: z.enum(['follow', 'unfollow']), kind: z.enum(['author', 'keyword']), entry }),
    z.object({ op: z.enum(['pin', 'ban', 'clear']), term: entry }),
    z.object({ op: z.literal('forget'), id: z.string().min(1).max(400) }),
    z.object({ op: z.literal('reset') }),
  ]);
}
export type SettingsEdit =
  | { op: 'follow' | 'unfollow'; kind: 'author' | 'keyword'; entry: string }
  | { op: 'pin' | 'ban' | 'clear'; term: string }
  | { op: 'forget'; id: string }
  | { op: 'reset' };
