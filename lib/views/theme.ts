/**
 * The theme setting applied to a page: `data-theme="light|dark"` on the root element, which selects the CSS
 * variables. "Follow system" tracks the system preference while the page is open.
 */
import type { Settings } from '../settings';

export type ThemeChoice = Settings['theme'];

export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

/** Applies `choice` to `root`; returns the function that stops following the system preference. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): () => void {
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const set = () => {
    root.dataset.theme = resolveTheme(choice, media?.matches ?? false);
  };
  set();
  if (choice !== 'system' || !media) return () => {};
  media.addEventListener('change', set);
  return () => media.removeEventListener('change', set);
}
