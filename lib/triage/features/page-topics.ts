/**
 * Page topics: groups the page's cards into topics (computed in the background), shown in the toolbar and on each
 * card; a topic can be shown alone, saved, dismissed, tagged or downloaded as BibTeX.
 */
import { errorMessage } from '../../errors';
import { fileDate } from '../../export/file-date';
import { t } from '../../i18n';
import { changeTags, toggleDismiss, toggleSave } from '../act';
import type { Feature } from '../manager';
import type { Card, TriagePage } from '../page';

type Topic = { label: string; terms: string[]; members: string[] };

export function pageTopics(): Feature {
  return {
    id: 'page-topics',
    start({ page, signal }) {
      let topics: Topic[] | null = null;
      let busy = false;
      let filter: number | null = null;
      const topicOf = new Map<Card, number>();
      const cardsOf = (index: number) => page.uniqueCards().filter((card) => topicOf.get(card) === index);

      const find = async () => {
        const cards = page.uniqueCards();
        if (cards.length < 4) return page.setStatus({ error: t('topicsTooFew') });
        busy = true;
        page.setStatus({ error: null });
        try {
          const { clusters } = await page.ask('page/cluster', {
            papers: cards.map((c) => ({ id: c.record.id, title: c.record.title, abstract: c.record.abstract })),
          });
          topics = clusters.map(({ label, terms, members }) => ({ label, terms, members }));
          const byId = new Map<string, number>();
          clusters.forEach((cluster, i) => {
            for (const id of cluster.members) byId.set(id, i);
          });
          topicOf.clear();
          for (const card of page.cards) {
            const index = byId.get(card.record.id);
            if (index !== undefined) topicOf.set(card, index);
            page.redraw(card);
          }
        } catch (error) {
          page.status = { ...page.status, error: t('actionFailed', errorMessage(error)) };
        } finally {
          busy = false;
          page.redrawToolbar();
        }
      };
      const close = () => {
        topics = null;
        filter = null;
        topicOf.clear();
        page.redrawAll();
      };
      const show = (index: number) => {
        filter = filter === index ? null : index;
        page.redrawAll();
      };
      const save = async (index: number) => {
        const unsaved = cardsOf(index).filter((c) => !page.stateOf(c)?.saved);
        if (unsaved.length) await toggleSave(page, unsaved);
      };
      const download = async (index: number) => {
        const topic = topics?.[index];
        if (!topic) return;
        try {
          const { bibtex } = await page.ask('library/bibtex', { records: cardsOf(index).map((c) => c.record) });
          downloadFile(page, bibtex, topicFileName(topic.label, new Date()));
        } catch (error) {
          page.setStatus({ error: t('actionFailed', errorMessage(error)) });
        }
      };

      page.addStripPart((card) => {
        const index = topicOf.get(card);
        return {
          state: { topic: index === undefined ? null : (topics?.[index]?.label ?? null) },
          hidden: filter !== null && index !== filter,
        };
      }, signal);
      page.addToolbarPart(
        () => ({
          state: {
            topics:
              topics?.map((topic, i) => ({ label: topic.label, size: topic.members.length, shown: filter === i })) ??
              null,
            topicsBusy: busy,
          },
          actions: {
            findTopics: () => void find(),
            closeTopics: close,
            showTopic: show,
            saveTopic: (i) => void save(i),
            dismissTopic: (i) => void toggleDismiss(page, cardsOf(i)),
            tagTopic: (i, tag) => void changeTags(page, cardsOf(i), [tag], []),
            exportTopic: (i) => void download(i),
          },
        }),
        signal,
      );
    },
  };
}

/** Downloads text as a file through a link of our own (removed at once; its URL a little later). */
function downloadFile(page: TriagePage, text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-bibtex;charset=utf-8' }));
  const link = page.doc.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  (page.doc.body ?? page.doc.documentElement).append(link);
  link.click();
  link.remove();
  // Revoked even when triage stops meanwhile: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `paperlane-<topic>-<YYYY-MM-DD>.bib`, with only safe characters in the topic part; dated by lib/export/file-date.ts. */
export function topicFileName(label: string, date: Date): string {
  const slug =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'topic';
  return `paperlane-${slug}-${fileDate(date)}.bib`;
}
