/** The tags the library suggests for the open paper, as one-click chips. */
import { t } from '../lib/i18n';

export function Suggestions(props: PaperDetailProps & { paperTags: readonly string[] }) {
  const have = new Set(props.paperTags);
  const offered = (props.suggestions ?? []).filter((s) => !have.has(s.tag));
  return (
    <div class="suggestions" aria-live="polite">
      <h4 id="suggested-tags">{t('suggestedTags')}</h4>
      {props.suggestionsError ? (
        <p class="error-text">{t('suggestionsFailed', props.suggestionsError)}</p>
      ) : props.suggestions === null ? (
        <p class="muted">{t('suggestionsLoading')}</p>
      ) : offered.length === 0 ? (
        <p class="muted">{t('suggestionsNone')}</p>
      ) : (
        <ul class="chips" aria-labelledby="suggested-tags">
          {offered.map((s) => (
            <li key={s.tag}>
              <button
                type="button"
                class="chip-suggest"
                disabled={props.busy}
                aria-label={t('addSuggestedTag', s.tag)}
                title={t('suggestionScore', s.score.toFixed(2))}
                onClick={() => props.onAddTag(s.tag)}
              >
                + {s.tag}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
