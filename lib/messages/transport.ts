/**
 * Sending and answering protocol messages over `browser.runtime` / `browser.tabs`, with validation on receipt
 * at both ends: the receiver checks the request, the sender checks the reply.
 */
import { browser } from 'wxt/browser';
import {
  BackgroundProtocol,
  describeIssues,
  Envelope,
  LibraryChanged,
  type ParsedRequestOf,
  type Protocol,
  Reply,
  type RequestOf,
  type ResponseOf,
  TabProtocol,
} from './protocol';

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** The receiver answered and refused: retrying the same message would be refused again. */
export class RefusedError extends ProtocolError {
  override name = 'RefusedError';
}

/**
 * True for failures of delivery rather than refusals: the service worker stopped while answering ("message port
 * closed"), or was not there to receive ("Could not establish connection"). Such a message may be sent again.
 */
export function isTransient(error: unknown): boolean {
  return (
    !(error instanceof RefusedError) &&
    !(error instanceof Error && /Extension context invalidated/i.test(error.message))
  );
}

/** Who sent a message: a tab's content script (its tab, frame and page) or an extension page (all null). */
export type Sender = { tabId: number | null; frameId: number | null; url: string | null };

type Handlers<P extends Protocol> = {
  [K in keyof P]?: (request: ParsedRequestOf<P, K>, sender: Sender) => Promise<ResponseOf<P, K>>;
};

/**
 * Answers one message against a protocol map: unknown types and invalid payloads are refused with a clear error,
 * handler failures are reported as errors, never thrown across the boundary.
 */
export async function answer<P extends Protocol>(
  protocol: P,
  handlers: Handlers<P>,
  message: unknown,
  sender: Sender,
): Promise<Reply | undefined> {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return undefined; // not ours: leave it to other listeners
  const { type, payload } = envelope.data;
  const entry = Object.hasOwn(protocol, type) ? protocol[type] : undefined;
  const handler = Object.hasOwn(handlers, type) ? handlers[type as keyof P] : undefined;
  if (!entry || !handler) return { ok: false, error: `Unknown message "${type}".` };
  const request = entry.request.safeParse(payload);
  if (!request.success) return { ok: false, error: `Invalid "${type}" message: ${describeIssues(request.error)}` };
  try {
    const value = await handler(request.data as ParsedRequestOf<P, keyof P>, sender);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Registers `handlers` on `browser.runtime.onMessage`; returns the function that removes them. */
export function listen<P extends Protocol>(protocol: P, handlers: Handlers<P>): () => void {
  const listener = (
    message: unknown,
    sender: { tab?: { id?: number }; frameId?: number; url?: string },
    sendResponse: (r: unknown) => void,
  ) => {
    if (!Envelope.safeParse(message).success) return false;
    const from = { tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? null, url: sender.url ?? null };
    answer(protocol, handlers, message, from).then(sendResponse);
    // Answering through sendResponse and returning true keeps the channel open across the await (Chrome and the polyfill).
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}

function unwrap<P extends Protocol, K extends keyof P & string>(protocol: P, type: K, raw: unknown): ResponseOf<P, K> {
  const reply = Reply.safeParse(raw);
  if (!reply.success) throw new ProtocolError(`No valid answer to "${type}" (is Paperlane's background running?).`);
  if (!reply.data.ok) throw new RefusedError(reply.data.error);
  const entry = protocol[type];
  if (!entry) throw new ProtocolError(`Unknown message "${type}".`);
  const value = entry.response.safeParse(reply.data.value);
  if (!value.success) throw new ProtocolError(`Invalid answer to "${type}": ${describeIssues(value.error)}`);
  return value.data as ResponseOf<P, K>;
}

/** Asks the background. Rejects with the background's own error message when it refuses. */
export async function ask<K extends keyof typeof BackgroundProtocol & string>(
  type: K,
  payload: RequestOf<typeof BackgroundProtocol, K>,
  options: { timeoutMs?: number } = {},
): Promise<ResponseOf<typeof BackgroundProtocol, K>> {
  const sent = browser.runtime.sendMessage({ paperlane: 1, type, payload });
  const raw = await withTimeout(sent, options.timeoutMs ?? ASK_TIMEOUT_MS, type);
  return unwrap(BackgroundProtocol, type, raw);
}

/**
 * How long a view or page waits for the background. Bulk writes of thousands of papers take seconds; nothing
 * takes a minute. A background that never answers (a crash while starting) must not leave a page waiting forever.
 */
export const ASK_TIMEOUT_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number, type: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProtocolError(`No answer to "${type}" from Paperlane's background.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Asks the content script of one tab. */
export async function askTab<K extends keyof typeof TabProtocol & string>(
  tabId: number,
  type: K,
  payload: RequestOf<typeof TabProtocol, K>,
): Promise<ResponseOf<typeof TabProtocol, K>> {
  const raw = await browser.tabs.sendMessage(tabId, { paperlane: 1, type, payload });
  return unwrap(TabProtocol, type, raw);
}

export const EVENTS_PORT = 'paperlane/events';

/**
 * Follows "library changed" broadcasts. Views and content scripts hold a port to the background; when the service
 * worker stops the port closes and is opened again, unless the extension itself is gone (`onGone`).
 */
export function followLibraryChanges(onChange: (change: LibraryChanged) => void, onGone?: () => void): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const connect = () => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: EVENTS_PORT });
    } catch {
      // "Extension context invalidated": the extension was reloaded, disabled or updated under this page.
      stopped = true;
      onGone?.();
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      const envelope = Envelope.safeParse(message);
      if (!envelope.success || envelope.data.type !== 'event/libraryChanged') return;
      const change = LibraryChanged.safeParse(envelope.data.payload);
      if (change.success) onChange(change.data);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (!stopped) setTimeout(connect, 50);
    });
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
