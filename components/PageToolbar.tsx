/**
 * The floating page toolbar of a digest page: bulk actions, select mode, undo, progress and errors,
 * and the keyboard help. Pure view (no browser.* here).
 */
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { TRIAGE_KEYS } from '../lib/triage/keys';
import type { ToolbarProps } from '../lib/triage/view';

export function PageToolbar({ state, actions }: ToolbarProps) {
  const [tag, setTag] = useState('');
  const [topicTag, setTopicTag] = useState('');
  const busy = state.progress !== null;
  return (
    <section class="toolbar" aria-label={t('toolbarLabel')}>
      <div class="row">
        <strong class="brand">Paperlane</strong>
        <span class="count">{t('toolbarCounts', state.cards, state.saved)}</span>
        <button type="button" onClick={actions.saveAll} disabled={busy || state.saved === state.cards}>
          {t('saveAll')}
        </button>
        <button type="button" aria-pressed={state.selecting} onClick={actions.toggleSelecting}>
          {t('selectMode')}
        </button>
        <button type="button" aria-pressed={state.hideDismissed} onClick={actions.toggleHideDismissed}>
          {t('hideDismissed')}
        </button>
        {state.watch && (
          <button type="button" aria-pressed={state.watch.only} onClick={actions.toggleWatchOnly}>
            {t('watchOnly', state.watch.matching)}
          </button>
        )}
        {state.relevance && (
          <button type="button" aria-pressed={state.relevance === 'sorted'} onClick={actions.toggleSortByRelevance}>
            {t('sortByRelevance')}
          </button>
        )}
        <button
          type="button"
          aria-pressed={state.topics !== null}
          disabled={state.topicsBusy}
          onClick={state.topics ? actions.closeTopics : actions.findTopics}
        >
          {state.topicsBusy ? t('topicsFinding') : t('topicsButton')}
        </button>
        {state.undoLabel && (
          <button type="button" onClick={actions.undo}>
            {t('undo', state.undoLabel)}
          </button>
        )}
      </div>
      {state.selecting && (
        <div class="row">
          <span>{t('selectedCount', state.selected)}</span>
          <button type="button" disabled={state.selected === 0} onClick={actions.saveSelected}>
            {t('save')}
          </button>
          <button type="button" disabled={state.selected === 0} onClick={actions.dismissSelected}>
            {t('dismiss')}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (tag.trim()) actions.tagSelected(tag.trim());
              setTag('');
            }}
          >
            <input
              value={tag}
              aria-label={t('tagSelectedLabel')}
              placeholder={t('addTagPlaceholder')}
              maxLength={64}
              onInput={(e) => setTag((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => e.stopPropagation()}
            />
            <button type="submit" disabled={state.selected === 0 || !tag.trim()}>
              {t('tag')}
            </button>
          </form>
        </div>
      )}
      {state.topics && (
        <div class="topics">
          <input
            value={topicTag}
            aria-label={t('pageTopicTagLabel')}
            placeholder={t('addTagPlaceholder')}
            maxLength={64}
            onInput={(e) => setTopicTag((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => e.stopPropagation()}
          />
          <ul aria-label={t('topicsLabel')}>
            {state.topics.map((topic, i) => (
              <li key={topic.label}>
                <span class="topic-label">
                  {topic.label} <span class="muted">({topic.size})</span>
                </span>
                <button type="button" aria-pressed={topic.shown} onClick={() => actions.showTopic(i)}>
                  {t('topicShowOnly')}
                </button>
                <button type="button" onClick={() => actions.saveTopic(i)}>
                  {t('save')}
                </button>
                <button type="button" onClick={() => actions.dismissTopic(i)}>
                  {t('dismiss')}
                </button>
                <button type="button" disabled={!topicTag.trim()} onClick={() => actions.tagTopic(i, topicTag.trim())}>
                  {t('tag')}
                </button>
                <button type="button" onClick={() => actions.exportTopic(i)}>
                  {t('topicExport')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.progress && (
        <div class="row" role="status">
          <progress max={state.progress.total} value={state.progress.done} />
          <span>{t('progress', state.progress.done, state.progress.total)}</span>
        </div>
      )}
      {(state.message || state.error) && (
        <div class={`row ${state.error ? 'error' : 'message'}`} role={state.error ? 'alert' : 'status'}>
          <span>{state.error ?? state.message}</span>
          <button type="button" class="close" aria-label={t('close')} onClick={actions.dismissMessage}>
            ×
          </button>
        </div>
      )}
      {state.help && (
        <div class="help" role="dialog" aria-label={t('keyboardHelp')}>
          <table>
            <tbody>
              {TRIAGE_KEYS.map(([action, label]) => (
                <tr key={action}>
                  <td>
                    <kbd>{state.help?.[action]}</kbd>
                  </td>
                  <td>{t(label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={actions.closeHelp}>
            {t('close')}
          </button>
        </div>
      )}
    </section>
  );
}

export const TOOLBAR_CSS = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; font: 12px/1.4 system-ui, sans-serif; }
.toolbar { background: #fff; color: #111827; border: 1px solid #cbd5e1; border-radius: 10px; box-shadow: 0 4px 18px rgba(0,0,0,.15); padding: 8px 10px; display: grid; gap: 6px; max-width: 520px; }
.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.brand { color: #1d4ed8; }
button { font: inherit; border: 1px solid #cbd5e1; background: #f8fafc; color: inherit; border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button[aria-pressed="true"] { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
button:disabled { opacity: .55; cursor: default; }
button:focus-visible, input:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
input { font: inherit; border: 1px solid #94a3b8; border-radius: 6px; padding: 1px 6px; width: 10em; }
.error { color: #b91c1c; }
.close { border: 0; background: transparent; }
.help table { border-collapse: collapse; }
.help td { padding: 1px 8px 1px 0; }
.topics ul { list-style: none; margin: 4px 0 0; padding: 0; display: grid; gap: 4px; max-height: 40vh; overflow: auto; }
.topics li { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.topic-label { font-weight: 600; margin-right: 4px; }
.muted { opacity: .75; font-weight: 400; }
kbd { font: 11px ui-monospace, monospace; border: 1px solid #94a3b8; border-radius: 4px; padding: 0 5px; }
@media (prefers-color-scheme: dark) {
  .toolbar { background: #111827; color: #e5e7eb; border-color: #374151; }
  button { background: #1f2937; border-color: #4b5563; }
}
`;
