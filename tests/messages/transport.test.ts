import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Library } from '../../lib/db/library';
import { libraryHandlers } from '../../lib/db/service';
import { ChangeBroadcaster, type EventPort } from '../../lib/messages/broadcast';
import { BackgroundProtocol, type LibraryChanged, MAX_PARTS } from '../../lib/messages/protocol';
import {
  answer,
  ask,
  isTransient,
  jsonLengthBound,
  listen,
  ProtocolError,
  partsOf,
  RefusedError,
  transfersInTransit,
} from '../../lib/messages/transport';
import { freshDbName, makeRecord } from '../helpers/papers';

const sender = { tabId: 1, frameId: 0, url: 'https://arxiv.org/list/cs.LG/new' };

describe('answer', () => {
  it('refuses unknown messages and invalid payloads with a message naming the field', async () => {
    const handlers = { 'page/getStates': async () => ({}) };
    expect(
      await answer(BackgroundProtocol, handlers, { paperlane: 1, type: 'library/dropTables', payload: null }, sender),
    ).toEqual({
      ok: false,
      error: 'Unknown message "library/dropTables".',
    });
    const bad = await answer(
      BackgroundProtocol,
      handlers,
      { paperlane: 1, type: 'page/getStates', payload: { ids: [42] } },
      sender,
    );
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('ids.0:') });
    const record = { ...makeRecord('2502.00001'), url: 'javascript:alert(1)' };
    const hostile = await answer(
      BackgroundProtocol,
      { 'library/save': async () => ({ ids: [], tokens: [] }) },
      { paperlane: 1, type: 'library/save', payload: { records: [record] } },
      sender,
    );
    expect(hostile).toEqual({ ok: false, error: expect.stringContaining('records.0.url: must be an http(s) URL') });
  });

  it('leaves messages that are not ours to other listeners', async () => {
    expect(await answer(BackgroundProtocol, {}, { hello: 'world' }, sender)).toBeUndefined();
  });

  it('reports a failing handler as an error instead of throwing', async () => {
    const reply = await answer(
      BackgroundProtocol,
      {
        'library/renameTag': async () => {
          throw new Error('There is no tag "x".');
        },
      },
      { paperlane: 1, type: 'library/renameTag', payload: { from: 'x', to: 'y' } },
      sender,
    );
    expect(reply).toEqual({ ok: false, error: 'There is no tag "x".' });
  });
});

describe('ask ↔ listen through the runtime', () => {
  beforeEach(() => fakeBrowser.reset());

  it('round-trips a save through the library service and validates the reply', async () => {
    const library = await Library.open({ name: freshDbName() });
    const stop = listen(
      BackgroundProtocol,
      libraryHandlers(async () => library),
    );
    const undo = await ask('library/save', { records: [makeRecord('2502.00002')] });
    expect(undo.ids).toEqual(['2502.00002']);
    expect(undo.tokens).toHaveLength(1);
    const states = await ask('page/getStates', { ids: ['2502.00002', '2502.99999'] });
    expect(Object.keys(states)).toEqual(['2502.00002']);
    expect(states['2502.00002']?.saved).toBe(true);
    await expect(ask('library/renameTag', { from: 'nope', to: 'x' })).rejects.toThrow(ProtocolError);
    stop();
  });
});

describe('settings/update through the runtime', () => {
  beforeEach(() => fakeBrowser.reset());

  it('changes only the settings a request names: the others keep what the user chose', async () => {
    const library = await Library.open({ name: freshDbName() });
    const stop = listen(
      BackgroundProtocol,
      libraryHandlers(async () => library),
    );
    await ask('settings/update', { theme: 'dark', disabledSites: ['arxiv'] });
    const keys = { ...(await ask('settings/get', null)).keys, save: 'w' };
    await ask('settings/update', { keys });
    const after = await ask('settings/update', { hideDismissed: true });
    expect(after).toEqual({
      theme: 'dark',
      disabledSites: ['arxiv'],
      keys,
      hideDismissed: true,
      watchlist: { authors: [], keywords: [] },
      relevanceProfile: { pinned: [], banned: [], forgotten: [] },
    });
    expect(await ask('settings/get', null)).toEqual(after);
    // A key binding set is changed whole and checked like any other: an empty key is refused, nothing is written.
    await expect(ask('settings/update', { keys: { ...keys, next: '' } })).rejects.toThrow(/keys\.next/);
    expect((await ask('settings/get', null)).keys.next).toBe('j');
    stop();
  });
});

describe('requests and answers too large for one message', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
  // Chrome refuses a message over 64 MiB; here the limit is made small so that every message of the test is cut.
  const partChars = 1000;

  it('travel in parts both ways: save, delete and undo the delete of papers whose JSON is many parts long', async () => {
    const partChars = 2000;
    const library = await Library.open({ name: freshDbName() });
    const stop = listen(
      BackgroundProtocol,
      libraryHandlers(async () => library),
      { partChars },
    );
    const sent: string[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      sent.push((message as { type: string }).type);
    });
    // As Chrome does, every message crosses as JSON in UTF-8: half of a surrogate pair at the end of a part would
    // arrive as U+FFFD (the fake runtime alone hands the very same objects over).
    const deliver = fakeBrowser.runtime.sendMessage.bind(fakeBrowser.runtime);
    const utf8 = (value: unknown) =>
      JSON.parse(new TextDecoder().decode(new TextEncoder().encode(JSON.stringify(value))));
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) =>
      utf8(await deliver(utf8(message) as never))) as never);
    // Non-ASCII text and surrogate pairs, so that parts are cut inside them too.
    const records = Array.from({ length: 40 }, (_, i) =>
      makeRecord(`2502.${String(10000 + i)}`, { abstract: `Résumé 😀 ${'x'.repeat(i * 7)} naïve ${i} 🧪`.repeat(5) }),
    );
    const saved = await ask('library/save', { records }, { partChars });
    expect(saved.ids).toHaveLength(40);
    const before = await library.listPapers();
    expect(before.map((p) => p.abstract)).toEqual(records.map((r) => r.abstract));
    // An answer many parts long: one paper whose abstract is.
    const longest = records[39]?.id ?? '';
    const got = await ask('library/get', { id: longest }, { partChars });
    expect(got.paper?.abstract).toBe(records[39]?.abstract);

    // The delete's undo stays in the background: its answer and the undo are small whatever the papers weigh.
    const undo = await ask('library/delete', { ids: records.map((r) => r.id) }, { partChars });
    expect(JSON.stringify(undo).length).toBeLessThan(partChars);
    expect(await library.listPapers()).toEqual([]);
    await ask('library/restore', { tokens: undo.tokens }, { partChars });
    expect(await library.listPapers()).toEqual(before);
    expect(transfersInTransit()).toBe(0);
    // The save went in parts, the answer of the get came back in parts; the delete and the undo went whole.
    expect(sent.filter((t) => t === 'transfer/send')).toHaveLength(1);
    expect(sent.filter((t) => t === 'transfer/part').length).toBeGreaterThan(20);
    expect(sent.filter((t) => t === 'transfer/take').length).toBeGreaterThan(1);
    expect(sent.filter((t) => t.startsWith('library/'))).toEqual(['library/get', 'library/delete', 'library/restore']);
    stop();
  });

  it('are cut at most partChars long, never inside a surrogate pair, and join back to the text', () => {
    const pieces = ['a', 'é', '😀', '🧪', '"', '\\', ' '];
    let seed = 3;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      const size = 2 + Math.floor(next() * 6);
      const parts = partsOf(text, size);
      expect(parts.join('')).toBe(text);
      for (const part of parts) {
        expect(part.length).toBeGreaterThan(0);
        expect(part.length).toBeLessThanOrEqual(size);
        expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }
    }
  });

  it('are measured without serializing: the bound is never below the JSON length, and gives up past the limit', () => {
    let seed = 17;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const strings = ['', 'plain', 'é😀', '"\\', '\u0000\u001f\n', '\uD800', 'x'.repeat(50)];
    const value = (depth: number): unknown => {
      const r = next();
      if (depth > 3 || r < 0.3) return strings[Math.floor(next() * strings.length)];
      if (r < 0.4) return [1, -1.7976931348623157e308, 5e-324, Number.NaN, 0][Math.floor(next() * 5)];
      if (r < 0.5) return [null, true, false, undefined][Math.floor(next() * 4)];
      if (r < 0.75) return Array.from({ length: Math.floor(next() * 5) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--)
        object[strings[Math.floor(next() * strings.length)] as string] = value(depth + 1);
      return object;
    };
    for (let i = 0; i < 3000; i++) {
      const v = { payload: value(0) };
      const length = (JSON.stringify(v) as string).length;
      expect(jsonLengthBound(v, Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(length);
      expect(jsonLengthBound(v, length - 1)).toBe(Number.POSITIVE_INFINITY);
    }
    expect(jsonLengthBound({ at: new Date() }, 1e9)).toBe(Number.POSITIVE_INFINITY);
  });

  it('leave a message of ordinary size as it is: it is not serialized by us to be measured', async () => {
    const library = await Library.open({ name: freshDbName() });
    const stop = listen(
      BackgroundProtocol,
      libraryHandlers(async () => library),
    );
    const records = Array.from({ length: 50 }, (_, i) => makeRecord(`2502.${String(20000 + i)}`));
    // Neither the asking nor the answering side serializes anything: not the request, not the 50-paper undo.
    const stringify = vi.spyOn(JSON, 'stringify');
    const undo = await ask('library/save', { records });
    expect(undo.ids).toHaveLength(50);
    expect(stringify).not.toHaveBeenCalled();
    stop();
  });

  it('keep two transfers apart, take a part sent twice once, and forget what nobody finished', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const seen: unknown[] = [];
    const handlers = {
      'library/delete': async ({ ids }: { ids: string[] }) => {
        seen.push(ids);
        return { ids: [], tokens: [] };
      },
    };
    const reply = (type: string, payload: unknown) =>
      answer(BackgroundProtocol, handlers, { paperlane: 1, type, payload }, sender, { partChars });
    await reply('transfer/part', { id: 'a', index: 1, count: 2, text: '["x"]}' });
    await reply('transfer/part', { id: 'b', index: 0, count: 2, text: '{"ids":' });
    await reply('transfer/part', { id: 'a', index: 0, count: 2, text: '{"ids":' });
    await reply('transfer/part', { id: 'a', index: 0, count: 2, text: '{"ids":' });
    await reply('transfer/part', { id: 'b', index: 1, count: 2, text: '["y"]}' });
    expect(await reply('transfer/send', { id: 'b', type: 'library/delete' })).toEqual({
      ok: true,
      value: { ids: [], tokens: [] },
    });
    expect(await reply('transfer/send', { id: 'a', type: 'library/delete' })).toEqual({
      ok: true,
      value: { ids: [], tokens: [] },
    });
    expect(seen).toEqual([['y'], ['x']]);
    // Half a request, left by an asker that went away, is dropped after five minutes.
    await reply('transfer/part', { id: 'c', index: 0, count: 2, text: '{"ids":' });
    expect(transfersInTransit()).toBe(1);
    vi.advanceTimersByTime(6 * 60_000);
    expect(transfersInTransit()).toBe(0);
    expect(await reply('transfer/send', { id: 'c', type: 'library/delete' })).toMatchObject({ ok: false, retry: true });
  });

  it('refuse a request whose parts did not all arrive, and parts that do not fit, with a clear message', async () => {
    const handlers = { 'library/delete': async () => ({ ids: [], tokens: [] }) };
    const reply = (type: string, payload: unknown) =>
      answer(BackgroundProtocol, handlers, { paperlane: 1, type, payload }, sender, { partChars });
    expect(await reply('transfer/part', { id: 't1', index: 0, count: 2, text: '{"ids":' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await reply('transfer/send', { id: 't1', type: 'library/delete' })).toEqual({
      ok: false,
      error: '"library/delete" arrived incomplete: send it again.',
      retry: true,
    });
    expect(await reply('transfer/part', { id: 't2', index: 3, count: 2, text: '' })).toEqual({
      ok: false,
      error: 'Part 4 of transfer t2 does not fit it.',
    });
    expect(await reply('transfer/part', { id: 't3', index: 0, count: MAX_PARTS + 1, text: '' })).toEqual({
      ok: false,
      error: expect.stringContaining('count:'),
    });
    // Complete but not JSON, or JSON that is not a valid request: refused like any message.
    await reply('transfer/part', { id: 't4', index: 0, count: 1, text: '{"ids": [' });
    expect(await reply('transfer/send', { id: 't4', type: 'library/delete' })).toEqual({
      ok: false,
      error: '"library/delete" arrived unreadable: send it again.',
      retry: true,
    });
    await reply('transfer/part', { id: 't5', index: 0, count: 1, text: '{"ids": [42]}' });
    expect(await reply('transfer/send', { id: 't5', type: 'library/delete' })).toEqual({
      ok: false,
      error: expect.stringContaining('ids.0:'),
    });
    expect(await reply('transfer/take', { id: 'nope', index: 0 })).toEqual({
      ok: false,
      error: 'The answer is no longer kept.',
    });
    expect(await reply('transfer/take', { id: 'nope' })).toEqual({
      ok: false,
      error: expect.stringContaining('Invalid "transfer/take" message: index:'),
    });
    expect(transfersInTransit()).toBe(0);
  });

  it('tell the asker what may be sent again: an incomplete request may, a lost answer may not', async () => {
    // A background that lost the parts (it stopped between them) and forgot the answer it kept.
    const stop = listen(
      BackgroundProtocol,
      {
        'library/restore': async () => null,
        'library/delete': async ({ ids }) => ({ ids, tokens: [] }),
      },
      { partChars },
    );
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) =>
      message.type === 'transfer/part'
        ? { ok: true, value: null }
        : message.type === 'transfer/take'
          ? { ok: false, error: 'The answer is no longer kept.' }
          : { ok: true, parts: { id: 'gone', count: 2 } }) as never);
    const restore = ask(
      'library/restore',
      { tokens: Array(200).fill(`${'1'.repeat(15)}-${'a'.repeat(36)}`) },
      { partChars },
    );
    await expect(restore).rejects.toThrow(ProtocolError);
    const lost = await ask('library/delete', { ids: ['2502.00001'] }, { partChars }).catch((error) => error);
    expect(lost).toBeInstanceOf(RefusedError);
    expect(isTransient(lost)).toBe(false);
    expect(lost.message).toMatch(/^"library\/delete" was done, but its answer was lost/);
    stop();
  });
});

describe('ChangeBroadcaster', () => {
  it('sends each change to every connected port and forgets closed ones', () => {
    const broadcaster = new ChangeBroadcaster();
    const received: unknown[][] = [[], []];
    const disconnects: (() => void)[] = [];
    const ports: EventPort[] = received.map((inbox) => ({
      postMessage: (m: unknown) => inbox.push(m),
      onDisconnect: { addListener: (l: () => void) => disconnects.push(l) },
    }));
    for (const port of ports) broadcaster.add(port);
    const change: LibraryChanged = { ids: ['2502.00003'], tags: false, settings: false, at: 1 };
    broadcaster.send(change);
    expect(received.map((inbox) => inbox.length)).toEqual([1, 1]);
    expect(received[0]?.[0]).toEqual({ paperlane: 1, type: 'event/libraryChanged', payload: change });
    disconnects[0]?.();
    broadcaster.send(change);
    expect(received.map((inbox) => inbox.length)).toEqual([1, 2]);
    expect(broadcaster.size).toBe(1);
  });
});
