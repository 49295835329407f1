/**
 * A card's own buttons: save, not interested, tags (with the tags the library suggests), a note, copy BibTeX.
 * The tag and note editors open from the strip or, through the page's `edit` event, from the keyboard.
 */
import { errorMessage } from '../../errors';
import { t } from '../../i18n';
import { act, changeTags, toggleDismiss, toggleSave } from '../act';
import type { Feature } from '../manager';
import type { Card, Editor, TriagePage } from '../page';
import { later } from '../signals';

type Own = { editor: Editor | null; note: string | null; suggestions: string[]; copied: boolean };

export function cardActions(): Feature {
  return {
    id: 'card-actions',
    start({ page, signal }) {
      const own = new Map<Card, Own>();
      const of = (card: Card): Own => {
        let o = own.get(card);
        if (!o) {
          o = { editor: null, note: null, suggestions: [], copied: false };
          own.set(card, o);
        }
        return o;
      };

      const openEditor = (card: Card, editor: Editor) => {
        const o = of(card);
        o.editor = editor;
        if (editor === 'tag') {
          const { id, title, abstract } = card.record;
          page
            .ask('library/suggestTags', { paper: { id, title, abstract }, count: 3 })
            .then((suggestions) => {
              const have = new Set(page.states[id]?.tags ?? []);
              o.suggestions = suggestions.map((s) => s.tag).filter((tag) => !have.has(tag));
              page.redraw(card);
            })
            .catch(() => {});
        }
        if (editor === 'note' && page.stateOf(card)?.hasNote && o.note === null) {
          page
            .ask('library/get', { id: card.record.id })
            .then(({ paper }) => {
              o.note = paper?.note ?? '';
              page.redraw(card);
            })
            .catch(() => {});
        }
        page.redraw(card);
      };

      page.events.on('edit', ({ card, editor }) => openEditor(card, editor), signal);
      // New tag names are offered at once in every tag editor that is open.
      page.events.on(
        'tags',
        () => {
          for (const [card, o] of own) if (o.editor === 'tag') page.redraw(card);
        },
        signal,
      );

      page.addStripPart((card) => {
        const o = own.get(card);
        return {
          state: { note: o?.note ?? null, copied: o?.copied ?? false },
          suggestions: o?.suggestions ?? [],
          editor: o?.editor ?? null,
          onEditorOpen: (editor) => openEditor(card, editor),
          onEditorClose: () => {
            of(card).editor = null;
            page.redraw(card);
          },
          actions: {
            toggleSave: () => void toggleSave(page, [card]),
            toggleDismiss: () => void toggleDismiss(page, [card]),
            addTag: (tag) => void changeTags(page, [card], [tag], []),
            removeTag: (tag) => void changeTags(page, [card], [], [tag]),
            saveNote: (note) => void saveNote(page, card, of(card), note),
            copyBibtex: () => void copyBibtex(page, card, of(card), signal),
          },
        };
      }, signal);
    },
  };
}

async function saveNote(page: TriagePage, card: Card, o: Own, note: string): Promise<void> {
  o.note = note;
  await act(page, [card], t('undoNote'), () =>
    page.ask('library/updateFromRecords', { records: [card.record], change: { note } }),
  );
}

/** Copies the paper's BibTeX (written by the background, from the library's record when it has one). */
async function copyBibtex(page: TriagePage, card: Card, o: Own, signal: AbortSignal): Promise<void> {
  try {
    const { bibtex } = await page.ask('library/bibtex', { records: [card.record] });
    await navigator.clipboard.writeText(bibtex);
    o.copied = true;
    card.error = null;
    page.redraw(card);
    later(signal, 1500, () => {
      o.copied = false;
      page.redraw(card);
    });
  } catch (error) {
    card.error = t('actionFailed', errorMessage(error));
    page.redraw(card);
  }
}
