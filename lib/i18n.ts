/**
 * Every user-facing string goes through the extension's i18n messages (public/_locales/<lang>/messages.json).
 * In the extension the browser looks them up in the user's language. Where there is no extension API (unit tests,
 * the command line) the English file is registered once with `setFallbackMessages`, so the extension's bundles
 * do not carry a second copy of the strings.
 */
import type english from '../public/_locales/en/messages.json';

type Messages = Record<string, { message: string; description?: string }>;
export type MessageKey = keyof typeof english;

let fallback: Messages = {};

/** Registers the messages used when the browser has no i18n API (tests, command line). */
export function setFallbackMessages(messages: Messages): void {
  fallback = messages;
  cache.clear();
}

type I18nApi = { getMessage(name: string, substitutions?: string | string[]): string };
function browserI18n(): I18nApi | null {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n ?? null;
}

// Looked-up messages, by key and substitutions. The browser's getMessage crosses into native code on every call,
// and a page of 2,000 cards asks for the same dozen strings 2,000 times; the locale cannot change while we run.
const cache = new Map<string, string>();

/** The message `key` with `$1`… filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  const cacheKey = subs.length ? `${key}\u0000${subs.join('\u0001')}` : key;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const text = lookup(key, subs);
  // Messages with substitutions vary without end (counts, titles): keep the cache to a bounded size.
  if (cache.size > 5_000) cache.clear();
  cache.set(cacheKey, text);
  return text;
}

function lookup(key: MessageKey, subs: string[]): string {
  const api = browserI18n();
  if (api) {
    try {
      const text = api.getMessage(key, subs);
      if (text) return text;
    } catch {
      // a fake or partial i18n API (tests): use the registered messages
    }
  }
  const template = fallback[key]?.message ?? key;
  return template.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
