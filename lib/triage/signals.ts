/** Small helpers that tie work to an `AbortSignal`, so that stopping a feature is aborting its signal. */

/** Calls `fn` when the signal aborts (at once if it has). */
export function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener('abort', fn, { once: true });
}

/** A timer that never fires once the signal has aborted; returns a function that cancels it. */
export function later(signal: AbortSignal, ms: number, fn: () => void): () => void {
  if (signal.aborted) return () => {};
  const clear = () => clearTimeout(timer);
  const timer = setTimeout(() => {
    signal.removeEventListener('abort', clear);
    fn();
  }, ms);
  signal.addEventListener('abort', clear, { once: true });
  return () => {
    clear();
    signal.removeEventListener('abort', clear);
  };
}

/**
 * Lets the browser run other tasks before going on, rendering included: a timer, not `scheduler.yield()`, whose
 * continuations run ahead of the frames, so that strips would pile up into one long rendering task.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

type PostTask = (callback: () => void, options: { priority: 'user-blocking' }) => Promise<void>;

/**
 * A task of its own that runs ahead of the page's other tasks where the browser can say so
 * (`scheduler.postTask`, priority 'user-blocking'; else a timer): for the first strips only, so that a frame
 * the page still has pending after its load is drawn with them, not before them (issue 19).
 */
export function urgentTask(): Promise<void> {
  const postTask = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler?.postTask;
  if (typeof postTask !== 'function') return nextTask();
  return postTask.call((globalThis as { scheduler?: unknown }).scheduler, () => {}, { priority: 'user-blocking' });
}

/** Typed events whose listeners go when the signal they were added with aborts. */
export class Events<T extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof T, Set<(value: never) => void>>();

  on<K extends keyof T>(type: K, handler: (value: T[K]) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    const listener = handler as (value: never) => void;
    set.add(listener);
    onAbort(signal, () => set.delete(listener));
  }

  emit<K extends keyof T>(type: K, value: T[K]): void {
    for (const handler of [...(this.listeners.get(type) ?? [])]) (handler as (value: T[K]) => void)(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}
