import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Library } from '../../lib/db/library';
import { libraryHandlers } from '../../lib/db/service';
import { ChangeBroadcaster, type EventPort } from '../../lib/messages/broadcast';
import { BackgroundProtocol, type LibraryChanged, MAX_PARTS } from '../../lib/messages/protocol';
import { answer, ask, listen, ProtocolError, transfersInTransit } from '../../lib/messages/transport';
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
      { 'library/save': async () => ({ before: [] }) },
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
    expect(undo.before).toEqual([{ id: '2502.00002', paper: null }]);
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
    expect(after).toEqual({ theme: 'dark', disabledSites: ['arxiv'], keys, hideDismissed: true });
    expect(await ask('settings/get', null)).toEqual(after);
    // A key binding set is changed whole and checked like any other: an empty key is refused, nothing is written.
    await expect(ask('settings/update', { keys: { ...keys, next: '' } })).rejects.toThrow(/keys\.next/);
    expect((await ask('settings/get', null)).keys.next).toBe('j');
    stop();
  });
});

describe('requests and answers too large for one message', () => {
  beforeEach(() => fakeBrowser.reset());
  // Chrome refuses a message over 64 MiB; here the limit is made small so that every message of the test is cut.
  const partChars = 1000;

  it('travel in parts both ways: save, delete and undo the delete of papers whose JSON is many parts long', async () => {
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
    // Non-ASCII text and surrogate pairs, so that parts are cut inside them too.
    const records = Array.from({ length: 40 }, (_, i) =>
      makeRecord(`2502.${String(10000 + i)}`, { abstract: `Résumé 😀 ${'x'.repeat(i * 7)} naïve ${i} 🧪`.repeat(5) }),
    );
    const saved = await ask('library/save', { records }, { partChars });
    expect(saved.before).toHaveLength(40);
    const before = await library.listPapers();
    expect(before.map((p) => p.abstract)).toEqual(records.map((r) => r.abstract));

    const undo = await ask('library/delete', { ids: records.map((r) => r.id) }, { partChars });
    expect(JSON.stringify(undo).length).toBeGreaterThan(20 * partChars);
    expect(await library.listPapers()).toEqual([]);
    await ask('library/restore', undo, { partChars });
    expect(await library.listPapers()).toEqual(before);
    expect(transfersInTransit()).toBe(0);
    // The save and the restore went in parts (the delete, a list of ids, in one message); the two large answers
    // (the save's and the delete's undo) came back in parts.
    expect(sent.filter((t) => t === 'transfer/send')).toHaveLength(2);
    expect(sent.filter((t) => t === 'transfer/part').length).toBeGreaterThan(60);
    expect(sent.filter((t) => t === 'transfer/take').length).toBeGreaterThan(40);
    expect(sent.filter((t) => t.startsWith('library/'))).toEqual(['library/delete']);
    stop();
  });

  it('refuse a request whose parts did not all arrive, and parts that do not fit, with a clear message', async () => {
    const handlers = { 'library/delete': async () => ({ before: [] }) };
    const reply = (type: string, payload: unknown) =>
      answer(BackgroundProtocol, handlers, { paperlane: 1, type, payload }, sender, { partChars });
    expect(await reply('transfer/part', { id: 't1', index: 0, count: 2, text: '{"ids":' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await reply('transfer/send', { id: 't1', type: 'library/delete' })).toEqual({
      ok: false,
      error: '"library/delete" arrived incomplete: send it again.',
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
    });
    await reply('transfer/part', { id: 't5', index: 0, count: 1, text: '{"ids": [42]}' });
    expect(await reply('transfer/send', { id: 't5', type: 'library/delete' })).toEqual({
      ok: false,
      error: expect.stringContaining('ids.0:'),
    });
    expect(await reply('transfer/take', { id: 'nope', index: 0 })).toEqual({
      ok: false,
      error: 'That answer is no longer kept: ask again.',
    });
    expect(transfersInTransit()).toBe(0);
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
