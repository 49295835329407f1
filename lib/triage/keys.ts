import type { MessageKey } from '../i18n';
import type { KeyBindings } from '../settings';

export type TriageAction = keyof KeyBindings;

/** Every triage action, in the order the keyboard help and the settings list them, with its label. */
export const TRIAGE_KEYS: readonly (readonly [TriageAction, MessageKey])[] = [
  ['next', 'keyNext'],
  ['previous', 'keyPrevious'],
  ['save', 'keySave'],
  ['dismiss', 'keyDismiss'],
  ['tag', 'keyTag'],
  ['note', 'keyNote'],
  ['open', 'keyOpen'],
  ['help', 'keyHelp'],
];

/** True when a key press belongs to what the user is typing, not to triage. */
export function isTypingTarget(event: KeyboardEvent): boolean {
  // composedPath()[0] sees through shadow roots: our own tag input lives in one.
  const target = (event.composedPath()[0] ?? event.target) as Element | null;
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const tag = (target as HTMLElement).tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  return (target as HTMLElement).isContentEditable === true;
}

/** The triage action a key press asks for, or null when it is not ours (the site keeps it). */
export function actionForKey(event: KeyboardEvent, keys: KeyBindings): TriageAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event)) return null;
  for (const [action, key] of Object.entries(keys) as [TriageAction, string][]) {
    if (event.key === key) return action;
  }
  return null;
}
