/**
 * The tag manager: every tag with its number of papers; rename, merge into another tag, delete, colour. Pure view.
 * Renaming onto an existing name merges (the library keeps the target's colour).
 */
import { useState } from 'preact/hooks';
import type { TagWithCount } from '../lib/db/reader';
import { t } from '../lib/i18n';

export type TagManagerProps = {
  tags: readonly TagWithCount[];
  busy: boolean;
  onRename(from: string, to: string): void;
  onDelete(name: string): void;
  onColor(name: string, color: string): void;
  onShow(name: string): void;
};

export function TagManager(props: TagManagerProps) {
  if (props.tags.length === 0) {
    return (
      <section class="tags-manager" aria-label={t('tagManager')}>
        <h2>{t('tagManager')}</h2>
        <p class="muted">{t('noTags')}</p>
      </section>
    );
  }
  return (
    <section class="tags-manager" aria-label={t('tagManager')}>
      <h2>{t('tagManager')}</h2>
      <ul class="tag-list">
        {props.tags.map((tag) => (
          <TagRow key={tag.name} tag={tag} {...props} />
        ))}
      </ul>
    </section>
  );
}

function TagRow(props: TagManagerProps & { tag: TagWithCount }) {
  const { tag } = props;
  const [name, setName] = useState(tag.name);
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const others = props.tags.filter((x) => x.name !== tag.name);
  return (
    <li class="tag-row">
      <div class="inline">
        <input
          type="color"
          value={tag.color}
          aria-label={t('tagColor', tag.name)}
          disabled={props.busy}
          onChange={(e) => props.onColor(tag.name, (e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" class="link" onClick={() => props.onShow(tag.name)}>
          <span class="tag" style={{ '--tag': tag.color }}>
            {tag.name}
          </span>
        </button>
        <span class="muted">{t('tagCount', tag.count.toLocaleString())}</span>
      </div>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && name.trim() !== tag.name) props.onRename(tag.name, name.trim());
        }}
      >
        <input
          value={name}
          aria-label={t('renameTagLabel', tag.name)}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" disabled={props.busy || !name.trim() || name.trim() === tag.name}>
          {t('renameTag')}
        </button>
      </form>
      {others.length > 0 && (
        <span class="inline">
          <select
            value={target}
            aria-label={t('mergeTagLabel', tag.name)}
            onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('mergeInto')}</option>
            {others.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={props.busy || !target} onClick={() => props.onRename(tag.name, target)}>
            {t('mergeTag')}
          </button>
        </span>
      )}
      {confirming ? (
        <fieldset class="inline confirm">
          <legend>{t('confirmDeleteTag', tag.name, tag.count)}</legend>
          <button type="button" class="danger" disabled={props.busy} onClick={() => props.onDelete(tag.name)}>
            {t('deleteTag')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </fieldset>
      ) : (
        <button type="button" class="danger" disabled={props.busy} onClick={() => setConfirming(true)}>
          {t('deleteTagLabel', tag.name)}
        </button>
      )}
    </li>
  );
}
