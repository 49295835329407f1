/**
 * The control strip shown on each recognised paper card, inside the card's own shadow root.
 * Pure view: state in, intentions out (no browser.* here).
 */
import { useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { StripProps } from '../lib/triage/view';

export function CardStrip({
  state,
  actions,
  title,
  tagOptions,
  suggestions,
  editor,
  onEditorClose,
  onEditorOpen,
}: StripProps) {
  const tagInput = useRef<HTMLInputElement>(null);
  const [noteDraft, setNoteDraft] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const listId = 'paperlane-tag-options';
  const submitTag = (event: Event) => {
    event.preventDefault();
    const value = tagInput.current?.value.trim() ?? '';
    if (value) actions.addTag(value);
    if (tagInput.current) tagInput.current.value = '';
    onEditorClose();
  };
  return (
    <fieldset
      class={`strip${state.dismissed ? ' dismissed' : ''}${state.focused ? ' focused' : ''}`}
      aria-label={t('stripLabel', title)}
    >
      {state.selecting && (
        <input
          type="checkbox"
          class="select"
          checked={state.selected}
          aria-label={t('selectPaper', title)}
          onClick={(e) => actions.toggleSelect((e as MouseEvent).shiftKey)}
        />
      )}
      <button
        type="button"
        class={`save${state.saved ? ' on' : ''}`}
        aria-pressed={state.saved}
        disabled={state.busy}
        onClick={actions.toggleSave}
        title={state.saved ? t('savedHint') : t('saveHint')}
      >
        {state.saved ? `★ ${t('saved')}` : `☆ ${t('save')}`}
      </button>
      <button
        type="button"
        class={`dismiss${state.dismissed ? ' on' : ''}`}
        aria-pressed={state.dismissed}
        disabled={state.busy}
        onClick={actions.toggleDismiss}
        title={t('dismissHint')}
      >
        {state.dismissed ? t('dismissed') : t('dismiss')}
      </button>
      <ul class="tags" aria-label={t('tags')}>
        {state.tags.map((tag) => (
          <li key={tag} class="tag">
            <span>{tag}</span>
            <button type="button" class="untag" aria-label={t('removeTag', tag)} onClick={() => actions.removeTag(tag)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {editor === 'tag' ? (
        <form class="tag-form" onSubmit={submitTag}>
          <input
            ref={(el) => {
              tagInput.current = el;
              el?.focus();
            }}
            list={listId}
            class="tag-input"
            aria-label={t('addTagLabel')}
            placeholder={t('addTagPlaceholder')}
            maxLength={64}
            onKeyDown={(e) => {
              if (e.key === 'Escape') onEditorClose();
              e.stopPropagation();
            }}
          />
          <datalist id={listId}>
            {tagOptions.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          {suggestions.length > 0 && (
            <ul class="suggestions" aria-label={t('suggestedTags')}>
              {suggestions.map((tag) => (
                <li key={tag}>
                  <button
                    type="button"
                    class="suggestion"
                    onClick={() => {
                      actions.addTag(tag);
                      onEditorClose();
                    }}
                  >
                    + {tag}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      ) : (
        <button type="button" class="add-tag" onClick={() => onEditorOpen('tag')} aria-label={t('addTagLabel')}>
          + {t('tag')}
        </button>
      )}
      {editor === 'note' ? (
        <form
          class="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            actions.saveNote(noteDraft ?? state.note ?? '');
            setNoteDraft(null);
            onEditorClose();
          }}
        >
          <textarea
            ref={(el) => el?.focus()}
            aria-label={t('noteLabel')}
            value={noteDraft ?? state.note ?? ''}
            onInput={(e) => setNoteDraft((e.target as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') onEditorClose();
              e.stopPropagation();
            }}
            rows={3}
          />
          <button type="submit">{t('saveNote')}</button>
        </form>
      ) : (
        <button
          type="button"
          class={`note${state.hasNote ? ' on' : ''}`}
          onClick={() => onEditorOpen('note')}
          aria-label={state.hasNote ? t('editNote') : t('addNote')}
          title={state.hasNote ? t('editNote') : t('addNote')}
        >
          ✎{state.hasNote ? ` ${t('note')}` : ''}
        </button>
      )}
      <button type="button" class="bibtex" onClick={actions.copyBibtex} title={t('copyBibtexHint')}>
        {state.copied ? t('copied') : t('copyBibtex')}
      </button>
      {state.isNew && <span class="new">{t('newSinceVisit')}</span>}
      {state.topic && (
        <span class="topic" title={t('topicOfCard', state.topic)}>
          {state.topic}
        </span>
      )}
      {state.watch && (
        <span class="watch">
          {[
            state.watch.authors.length > 0 && t('watchFollows', state.watch.authors.map((a) => a.name).join(', ')),
            state.watch.keywords.length > 0 && t('watchKeyword', state.watch.keywords.join(', ')),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      )}
      {state.authors.length > 0 && (
        <button
          type="button"
          class={`follow${choosing ? ' on' : ''}`}
          aria-expanded={choosing}
          title={t('followHint')}
          onClick={() => setChoosing(!choosing)}
        >
          + {t('followButton')}
        </button>
      )}
      {choosing && (
        <ul class="authors" aria-label={t('followAuthorsLabel', title)}>
          {state.authors.map((name, i) => {
            const followed = state.watch?.authors.find((a) => a.name === name);
            return (
              <li key={`${i}-${name}`}>
                <button
                  type="button"
                  class={`author${followed ? ' on' : ''}`}
                  aria-pressed={followed !== undefined}
                  aria-label={followed ? t('unfollowAuthor', name) : t('followAuthor', name)}
                  onClick={() => (followed ? actions.unfollow(followed.followed) : actions.follow(name))}
                >
                  {name}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <span class="relevance" data-slot="relevance">
        {state.relevance && (
          <span
            class="badge"
            title={t(
              'relevanceLabel',
              Math.round(state.relevance.score * 100),
              state.relevance.reasons.join(', ') || '—',
            )}
          >
            {t('relevanceBadge', Math.round(state.relevance.score * 100))}
            {state.relevance.reasons.length > 0 && <span class="reasons"> · {state.relevance.reasons.join(', ')}</span>}
          </span>
        )}
      </span>
      {state.error && (
        <span class="error" role="alert">
          {state.error}
        </span>
      )}
    </fieldset>
  );
}

/** The strip's CSS, scoped by its shadow root: page styles cannot reach it and it cannot leak. */
export const STRIP_CSS = `
:host { all: initial; display: inline-block; vertical-align: top; max-width: 100%; margin: 0 0 0 8px; font: 12px/14px system-ui, sans-serif; color: #1f2937; content-visibility: auto; contain-intrinsic-size: auto 300px auto 16px; }
.strip { border: 0; margin: 0; min-width: 0; display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: center; padding: 0; border-radius: 6px; }
.strip.focused { outline: 2px solid #2563eb; outline-offset: 2px; }
button { all: unset; display: inline-block; box-sizing: border-box; font: inherit; border: 1px solid #cbd5e1; background: #fff; color: #1f2937; border-radius: 999px; padding: 0 8px; cursor: pointer; white-space: nowrap; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
button.on { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
button.dismiss.on { background: #6b7280; border-color: #6b7280; }
button:disabled { opacity: .6; cursor: progress; }
.tags { display: contents; list-style: none; margin: 0; padding: 0; }
.tag { display: inline-flex; align-items: center; gap: 2px; background: #e0e7ff; color: #1e3a8a; border-radius: 999px; padding: 0 2px 0 8px; }
.untag { border: 0; background: transparent; padding: 0 4px; color: inherit; }
.tag-input { font: inherit; width: 12em; border: 1px solid #94a3b8; border-radius: 6px; padding: 1px 6px; }
.note-form { display: flex; gap: 4px; align-items: flex-end; width: 100%; }
.note-form textarea { font: inherit; flex: 1; border: 1px solid #94a3b8; border-radius: 6px; }
.new { background: #dcfce7; color: #166534; border-radius: 999px; padding: 0 8px; font-weight: 600; }
.relevance:empty { display: none; }
.relevance { color: #6b21a8; font-weight: 600; }
.relevance .reasons { font-weight: 400; }
.tag-form { display: inline-flex; gap: 4px; align-items: center; flex-wrap: wrap; }
.suggestions { display: inline-flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
.suggestion { border-style: dashed; }
.error { color: #b91c1c; }
.topic { background: #fef3c7; color: #78350f; border-radius: 999px; padding: 0 8px; }
.watch { background: #ffe4e6; color: #9f1239; border-radius: 999px; padding: 0 8px; font-weight: 600; }
.authors { display: inline-flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.author { border-style: dashed; }
@media (prefers-color-scheme: dark) {
  :host { color: #e5e7eb; }
  button { background: #1f2937; color: #e5e7eb; border-color: #4b5563; }
  .tag { background: #312e81; color: #e0e7ff; }
  .new { background: #14532d; color: #dcfce7; }
}
`;
