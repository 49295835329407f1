import { describe, expect, it, vi } from 'vitest';
import { pageTopics, topicFileName } from '../../../lib/triage/features/page-topics';
import { handmadePage, idOf, settle, undoOf } from '../handmade';

const clusters = [
  { label: 'vision', terms: ['image'], members: [idOf(0), idOf(2)] },
  { label: 'language', terms: ['text'], members: [idOf(1), idOf(3)] },
];

describe('page-topics (alone on a handmade page)', () => {
  const page = () =>
    handmadePage({
      cards: 4,
      answers: {
        'page/cluster': (() => ({ clusters })) as never,
        'library/save': (({ records }: { records: { id: string }[] }) => undoOf(records.map((r) => r.id))) as never,
        'library/updateFromRecords': (({ records }: { records: { id: string }[] }) =>
          undoOf(records.map((r) => r.id))) as never,
        'library/bibtex': (() => ({ bibtex: '@article{a}' })) as never,
      },
    }).start(pageTopics());

  it('groups the cards, shows one topic alone, and acts on a topic', async () => {
    const h = page();
    h.toolbar().actions.findTopics();
    expect(h.toolbar().state.topicsBusy).toBe(true);
    await settle();
    expect(h.toolbar().state.topics).toEqual([
      { label: 'vision', size: 2, shown: false },
      { label: 'language', size: 2, shown: false },
    ]);
    expect(h.strip(2).state.topic).toBe('vision');
    h.toolbar().actions.showTopic(1);
    const shown = () => h.page.cards.map((c) => (c.element as HTMLElement).style.display !== 'none');
    expect(shown()).toEqual([false, true, false, true]);
    h.toolbar().actions.saveTopic(1);
    h.toolbar().actions.tagTopic(0, 'cv');
    await settle();
    expect(h.idsIn(h.call('library/save'))).toEqual([idOf(1), idOf(3)]);
    expect(h.calls('library/updateFromRecords')[0]?.change).toEqual({ addTags: ['cv'], removeTags: [] });
    h.toolbar().actions.closeTopics();
    expect(shown()).toEqual([true, true, true, true]);
    expect(h.toolbar().state.topics).toBeNull();
    expect(h.strip(2).state.topic).toBeNull();
  });

  it('downloads a topic as BibTeX under a dated name', async () => {
    const h = page();
    h.toolbar().actions.findTopics();
    await settle();
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    h.toolbar().actions.exportTopic(0);
    await settle();
    expect(clicked).toEqual([topicFileName('vision', new Date())]);
    expect(document.querySelector('a[download]')).toBeNull();
    click.mockRestore();
  });

  it('asks for at least four cards', async () => {
    const h = handmadePage({ cards: 3 }).start(pageTopics());
    h.toolbar().actions.findTopics();
    await settle();
    expect(h.calls('page/cluster')).toHaveLength(0);
    expect(h.toolbar().state.error).toBeTruthy();
  });
});
