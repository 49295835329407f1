/**
 * Sending and answering protocol messages over `browser.runtime` / `browser.tabs`, with validation on receipt
 * at both ends: the receiver checks the request, the sender checks the reply.
 */
import { browser } from 'wxt/browser';
import { errorMessage } from '../errors';
import type { z } from '../paper/zod';
import {
  BackgroundProtocol,
  describeIssues,
  Envelope,
  LibraryChanged,
  MAX_PARTS,
  PART_CHARS,
  type ParsedRequestOf,
  type Protocol,
  Reply,
  type RequestOf,
  type ResponseOf,
  TabProtocol,
  TransferPart,
  TransferSend,
  TransferTake,
  WHOLE_CHARS,
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

/** How large a payload may be before it travels in parts, and how large the parts are (tests make both small). */
export type TransferOptions = { partChars?: number };

/**
 * At least the length of `JSON.stringify(value)`, or Infinity once it passes `limit` (or for values other than plain
 * data): computed without building the text, so that a message of ordinary size is not serialized twice just to
 * learn that it fits. A string counts 6 characters a character (the longest escape, `\u001f`).
 */
export function jsonLengthBound(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') total += 2 + 6 * item.length;
    else if (typeof item === 'number') total += 24;
    else if (item === null || typeof item === 'boolean' || item === undefined) total += 5;
    else if (Array.isArray(item)) {
      total += 2 + item.length;
      for (const element of item) stack.push(element);
    } else if (typeof item === 'object' && isPlainObject(item)) {
      total += 2;
      for (const [key, field] of Object.entries(item)) {
        total += 4 + 6 * key.length;
        stack.push(field);
      }
    } else return Number.POSITIVE_INFINITY;
    if (total > limit) return Number.POSITIVE_INFINITY;
  }
  return total;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The JSON text of `value` when it may be longer than `limit` characters; null when it is sure to fit. */
function textIfLong(value: unknown, limit: number): string | null {
  if (jsonLengthBound(value, limit) <= limit) return null;
  const text = JSON.stringify(value) as string | undefined;
  return text !== undefined && text.length > limit ? text : null;
}

/* Payloads in transit, on the answering side: the parts of requests still arriving, and of replies still to be
   taken. Both are dropped when they are complete, or a few minutes after they began (an asker that went away),
   looked for on every message and by a timer. At most MAX_PARTS × PART_CHARS characters are held at once. */
type Transit = { parts: (string | undefined)[]; left: number; at: number; chars: number };
const arriving = new Map<string, Transit>();
const leaving = new Map<string, Transit>();
const TRANSIT_MS = 5 * 60_000;
const MAX_TRANSIT_CHARS = MAX_PARTS * PART_CHARS;
let sweep: ReturnType<typeof setTimeout> | undefined;

function dropStale(now: number): void {
  for (const transits of [arriving, leaving]) {
    for (const [id, transit] of transits) if (now - transit.at > TRANSIT_MS) transits.delete(id);
  }
  clearTimeout(sweep);
  sweep = arriving.size + leaving.size > 0 ? setTimeout(() => dropStale(Date.now()), TRANSIT_MS + 1000) : undefined;
}

function charsInTransit(): number {
  let chars = 0;
  for (const transits of [arriving, leaving]) for (const transit of transits.values()) chars += transit.chars;
  return chars;
}

/** How many large requests and replies are held in parts on this side (arriving, or not yet taken). */
export function transfersInTransit(): number {
  return arriving.size + leaving.size;
}

/** `text` in parts of at most `partChars` characters, never between the two halves of a surrogate pair. */
export function partsOf(text: string, partChars: number): string[] {
  const size = Math.max(2, partChars);
  const parts: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

const invalid = (type: string, error: z.ZodError): Reply => ({
  ok: false,
  error: `Invalid "${type}" message: ${describeIssues(error)}`,
});

/** A part of a large request arriving. */
function takePart(payload: unknown): Reply {
  const part = TransferPart.safeParse(payload);
  if (!part.success) return invalid('transfer/part', part.error);
  const { id, index, count, text } = part.data;
  const transit = arriving.get(id) ?? {
    parts: new Array(count).fill(undefined),
    left: count,
    at: Date.now(),
    chars: 0,
  };
  if (transit.parts.length !== count || index >= count) {
    return { ok: false, error: `Part ${index + 1} of transfer ${id} does not fit it.` };
  }
  const previous = transit.parts[index]?.length;
  if (charsInTransit() - (previous ?? 0) + text.length > MAX_TRANSIT_CHARS) {
    return { ok: false, error: 'Too much is being sent to Paperlane at once: try again in a moment.', retry: true };
  }
  if (previous === undefined) transit.left--;
  transit.chars += text.length - (previous ?? 0);
  transit.parts[index] = text;
  arriving.set(id, transit);
  dropStale(Date.now());
  return { ok: true, value: null };
}

/** A part of a large reply, taken by the asker. */
function givePart(payload: unknown): Reply {
  const take = TransferTake.safeParse(payload);
  if (!take.success) return invalid('transfer/take', take.error);
  const transit = leaving.get(take.data.id);
  const text = transit?.parts[take.data.index];
  // Never to be sent again: the request it answers was carried out (a delete would delete nothing the second time).
  if (!transit || text === undefined) return { ok: false, error: 'The answer is no longer kept.' };
  transit.parts[take.data.index] = undefined;
  transit.chars -= text.length;
  if (--transit.left === 0) leaving.delete(take.data.id);
  return { ok: true, value: text };
}

/** The transport's own messages: parts of a large request arriving, the request they make up, parts of a reply. */
async function answerTransfer<P extends Protocol>(
  protocol: P,
  handlers: Handlers<P>,
  type: string,
  payload: unknown,
  sender: Sender,
  options: TransferOptions,
): Promise<Reply> {
  if (type === 'transfer/part') return takePart(payload);
  if (type === 'transfer/take') return givePart(payload);
  if (type !== 'transfer/send') return { ok: false, error: `Unknown message "${type}".` };
  const send = TransferSend.safeParse(payload);
  if (!send.success) return invalid(type, send.error);
  const transit = arriving.get(send.data.id);
  arriving.delete(send.data.id);
  if (send.data.type.startsWith('transfer/')) return { ok: false, error: `Unknown message "${send.data.type}".` };
  // Not carried out, so safe to send again (the background may have stopped between two parts).
  if (!transit || transit.left > 0) {
    return { ok: false, error: `"${send.data.type}" arrived incomplete: send it again.`, retry: true };
  }
  let whole: unknown;
  try {
    whole = JSON.parse(transit.parts.join(''));
  } catch {
    return { ok: false, error: `"${send.data.type}" arrived unreadable: send it again.`, retry: true };
  }
  const request = { paperlane: 1, type: send.data.type, payload: whole };
  return (await answer(protocol, handlers, request, sender, options)) as Reply;
}

/** A reply as sent: itself, or where its JSON text is too long for one message, the name of its parts. */
function outgoing(reply: Reply, options: TransferOptions): Reply {
  if (!reply.ok || !('value' in reply)) return reply;
  const text = textIfLong(reply.value, options.partChars ?? WHOLE_CHARS);
  if (text === null) return reply;
  const parts = partsOf(text, options.partChars ?? PART_CHARS);
  if (parts.length > MAX_PARTS) return { ok: false, error: 'The answer is too large to send.' };
  const id = crypto.randomUUID();
  leaving.set(id, { parts, left: parts.length, at: Date.now(), chars: text.length });
  dropStale(Date.now());
  return { ok: true, parts: { id, count: parts.length } };
}

/**
 * Answers one message against a protocol map: unknown types and invalid payloads are refused with a clear error,
 * handler failures are reported as errors, never thrown across the boundary. A request or reply too large for one
 * message travels in parts (`PART_CHARS`).
 */
export async function answer<P extends Protocol>(
  protocol: P,
  handlers: Handlers<P>,
  message: unknown,
  sender: Sender,
  options: TransferOptions = {},
): Promise<Reply | undefined> {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return undefined; // not ours: leave it to other listeners
  const { type, payload } = envelope.data;
  if (arriving.size + leaving.size > 0) dropStale(Date.now());
  if (type.startsWith('transfer/')) return answerTransfer(protocol, handlers, type, payload, sender, options);
  const entry = Object.hasOwn(protocol, type) ? protocol[type] : undefined;
  const handler = Object.hasOwn(handlers, type) ? handlers[type as keyof P] : undefined;
  if (!entry || !handler) return { ok: false, error: `Unknown message "${type}".` };
  const request = entry.request.safeParse(payload);
  if (!request.success) return { ok: false, error: `Invalid "${type}" message: ${describeIssues(request.error)}` };
  try {
    const value = await handler(request.data as ParsedRequestOf<P, keyof P>, sender);
    return outgoing({ ok: true, value: value ?? null }, options);
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/** Registers `handlers` on `browser.runtime.onMessage`; returns the function that removes them. */
export function listen<P extends Protocol>(
  protocol: P,
  handlers: Handlers<P>,
  options: TransferOptions = {},
): () => void {
  const listener = (
    message: unknown,
    sender: { tab?: { id?: number }; frameId?: number; url?: string },
    sendResponse: (r: unknown) => void,
  ) => {
    if (!Envelope.safeParse(message).success) return false;
    const from = { tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? null, url: sender.url ?? null };
    answer(protocol, handlers, message, from, options).then(sendResponse);
    // Answering through sendResponse and returning true keeps the channel open across the await (Chrome and the polyfill).
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}

function unwrap<P extends Protocol, K extends keyof P & string>(protocol: P, type: K, raw: unknown): ResponseOf<P, K> {
  const reply = Reply.safeParse(raw);
  if (!reply.success) throw new ProtocolError(`No valid answer to "${type}" (is Paperlane's background running?).`);
  if (!reply.data.ok) throw refusal(reply.data);
  if (!('value' in reply.data)) throw new ProtocolError(`The answer to "${type}" came in parts that were not taken.`);
  const entry = protocol[type];
  if (!entry) throw new ProtocolError(`Unknown message "${type}".`);
  const value = entry.response.safeParse(reply.data.value);
  if (!value.success) throw new ProtocolError(`Invalid answer to "${type}": ${describeIssues(value.error)}`);
  return value.data as ResponseOf<P, K>;
}

/** A refusal as an error: one that says the request was not carried out and may be sent again is transient. */
function refusal(reply: { error: string; retry?: true | undefined }): ProtocolError {
  return reply.retry ? new ProtocolError(reply.error) : new RefusedError(reply.error);
}

/** The value of a transfer message's reply; throws where the background did not answer or refused. */
function accepted(type: string, raw: unknown): unknown {
  const reply = Reply.safeParse(raw);
  if (!reply.success) throw new ProtocolError(`No valid answer to "${type}" (is Paperlane's background running?).`);
  if (!reply.data.ok) throw refusal(reply.data);
  return 'value' in reply.data ? reply.data.value : undefined;
}

/**
 * Asks the background. Rejects with the background's own error message when it refuses. A request or an answer too
 * large for one message (a backup of 30,000 papers, the undo of deleting them) travels in parts.
 */
export async function ask<K extends keyof typeof BackgroundProtocol & string>(
  type: K,
  payload: RequestOf<typeof BackgroundProtocol, K>,
  options: { timeoutMs?: number } & TransferOptions = {},
): Promise<ResponseOf<typeof BackgroundProtocol, K>> {
  const send = (t: string, p: unknown) =>
    withTimeout(
      browser.runtime.sendMessage({ paperlane: 1, type: t, payload: p }),
      options.timeoutMs ?? ASK_TIMEOUT_MS,
      type,
    );
  const text = textIfLong(payload, options.partChars ?? WHOLE_CHARS);
  let raw: unknown;
  if (text !== null) {
    const parts = partsOf(text, options.partChars ?? PART_CHARS);
    if (parts.length > MAX_PARTS) throw new ProtocolError(`"${type}" is too large to send.`);
    const id = crypto.randomUUID();
    for (const [index, part] of parts.entries()) {
      accepted(type, await send('transfer/part', { id, index, count: parts.length, text: part }));
    }
    raw = await send('transfer/send', { id, type });
  } else raw = await send(type, payload);
  const reply = Reply.safeParse(raw);
  if (reply.success && reply.data.ok && 'parts' in reply.data) {
    const { id, count } = reply.data.parts;
    let joined = '';
    for (let index = 0; index < count; index++) {
      let part: unknown;
      try {
        part = accepted(type, await send('transfer/take', { id, index }));
      } catch (error) {
        // Not sent again: the request was carried out, only its answer is lost (the background stopped).
        const why = errorMessage(error);
        throw new RefusedError(`"${type}" was done, but its answer was lost before it was read in full (${why})`);
      }
      if (typeof part !== 'string') throw new ProtocolError(`Invalid answer to "${type}": a part that is not text.`);
      joined += part;
    }
    raw = { ok: true, value: JSON.parse(joined) };
  }
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
