/**
 * Issue 19: a change's undo data stays in the background under a token, so a view holds only ids and tokens and
 * undoing a delete of any size is one small message each way.
 */
import { describe, expect, it } from 'vitest';
import { Library, UNDO_KEPT, UndoGoneError } from '../../lib/db/library';
import { freshDbName, makeRecord } from '../helpers/papers';

const idAt = (i: number) => `2503.${String(10000 + i)}`;

async function filled(count: number, name = freshDbName()) {
  let clock = 1_000;
  const library = await Library.open({ name, now: () => ++clock });
  await library.savePapers(
    Array.from({ length: count }, (_, i) => makeRecord(idAt(i))),
    { tags: ['kept'] },
  );
  await library.recordSightings(Array.from({ length: count }, (_, i) => makeRecord(idAt(i))));
  return library;
}

describe('undo under a token', () => {
  it('undoes a large delete from a ticket that holds no paper, with every sighting back', async () => {
    const library = await filled(2000);
    const before = await library.exportContents();
    const ticket = await library.keepUndo(await library.deletePapers(before.papers.map((p) => p.id)));
    expect(await library.listPapers()).toEqual([]);
    expect(ticket.ids).toHaveLength(2000);
    expect(ticket.tokens).toHaveLength(1);
    // The ticket is the ids and one token: nothing of the papers travels.
    expect(JSON.stringify(ticket).length).toBeLessThan(2000 * 14 + 200);
    await library.restoreTokens(ticket.tokens);
    const after = await library.exportContents();
    expect(after.papers).toEqual(before.papers);
    expect(after.sightings.length).toBe(before.sightings.length);
  });

  it("keeps a save's undo in the save's own transaction, and undoes a bulk save batch by batch", async () => {
    const library = await filled(3);
    const before = await library.exportContents();
    const tickets = [];
    for (let batch = 0; batch < 4; batch++) {
      const records = Array.from({ length: 50 }, (_, i) => makeRecord(idAt(batch * 50 + i)));
      tickets.push(await library.savePapersKeepingUndo(records, { tags: ['bulk'] }));
    }
    expect(await library.countPapers()).toBe(200);
    expect(tickets[0]?.ids).toHaveLength(50);
    await library.restoreTokens(tickets.flatMap((t) => t.tokens));
    const after = await library.exportContents();
    expect(after.papers).toEqual(before.papers);
  });

  it('undoes a token once: the second time is refused with a message and changes nothing', async () => {
    const library = await filled(3);
    const ticket = await library.keepUndo(await library.deletePapers([idAt(0)]));
    await library.restoreTokens(ticket.tokens);
    const again = await library.keepUndo(await library.updatePapers([idAt(1)], { status: 'read' }));
    await expect(library.restoreTokens([...again.tokens, ...ticket.tokens])).rejects.toBeInstanceOf(UndoGoneError);
    // Refused whole: the valid token of the pair was not applied either.
    expect((await library.getPaper(idAt(1)))?.status).toBe('read');
    await library.restoreTokens(again.tokens);
    expect((await library.getPaper(idAt(1)))?.status).toBe('unread');
  });

  it('keeps the newest changes undoable and refuses the ones they pushed out', async () => {
    const library = await filled(1);
    const oldest = await library.keepUndo(await library.updatePapers([idAt(0)], { addTags: ['first'] }));
    let newest = oldest;
    for (let i = 0; i < UNDO_KEPT; i++) {
      newest = await library.keepUndo(await library.updatePapers([idAt(0)], { addTags: [`t${i}`] }));
    }
    await expect(library.restoreTokens(oldest.tokens)).rejects.toThrow(/can no longer be undone/);
    expect((await library.getPaper(idAt(0)))?.tags).toContain('first');
    await library.restoreTokens(newest.tokens);
    expect((await library.getPaper(idAt(0)))?.tags).not.toContain(`t${UNDO_KEPT - 1}`);
  });

  it('undoes several changes newest first, as one bulk action', async () => {
    const library = await filled(2);
    const before = await library.listPapers();
    const tag = await library.keepUndo(await library.updatePapers([idAt(0), idAt(1)], { addTags: ['x'] }));
    const status = await library.keepUndo(await library.updatePapers([idAt(0)], { status: 'dismissed' }));
    await library.restoreTokens([...tag.tokens, ...status.tokens]);
    expect(await library.listPapers()).toEqual(before);
  });

  it('still undoes after the background started again (the service worker was stopped)', async () => {
    const name = freshDbName();
    const first = await filled(5, name);
    const ticket = await first.keepUndo(await first.deletePapers([idAt(2), idAt(3)]));
    first.close();
    const second = await Library.open({ name });
    await second.restoreTokens(ticket.tokens);
    expect((await second.listPapers()).map((p) => p.id).sort()).toEqual([0, 1, 2, 3, 4].map(idAt));
  });
});
