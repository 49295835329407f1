/**
 * One paper in full: every field, its links, where and when it was seen (with its upvotes then), the note
 * (Markdown, rendered safely) and the controls that change it. Pure view.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TagWithCount } from '../lib/db/reader';
import { t } from '../lib/i18n';
import type { LibraryPaper, Sighting, Status } from '../lib/paper/schema';
import { safeHref } from '../lib/views/note-markdown';
import { sameAuthor } from '../lib/watchlist/watchlist';
import { STATUSES, statusLabel } from './LibraryView';
import { Markdown } from './Markdown';
import { Suggestions } from './TagSuggestions';

export type PaperDetailProps = {
  paper: LibraryPaper | null;
  sightings: Sighting[];
  loading: boolean;
  tags: readonly TagWithCount[];
  busy: boolean;
  onClose(): void;
  onStatus(status: Status): void;
  onSaved(saved: boolean): void;
  onAddTag(tag: string): void;
  onRemoveTag(tag: string): void;
  onNote(note: string): void;
  onDelete(): void;
  /** Tags the library's models suggest for this paper, best first; null while they are computed. */
  suggestions: readonly { tag: string; score: number }[] | null;
  suggestionsError: string | null;
  onCopyBibtex(): void;
  /** Followed authors (the watchlist), to show who is followed and follow or unfollow from here. */
  followed: readonly string[];
  onFollow(name: string): void;
  onUnfollow(entry: string): void;
};

const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());

export function PaperDetail(props: PaperDetailProps) {
  const { paper } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const [tag, setTag] = useState('');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const paperId = paper?.id;
  useEffect(() => {
    heading.current?.focus();
    setEditing(false);
  }, [paperId]);

  if (!paper) {
    return (
      <aside class="detail" aria-label={t('paperDetail')}>
        <button type="button" onClick={props.onClose}>
          {t('back')}
        </button>
        <p class="muted" role="status">
          {props.loading ? t('loading') : t('paperGone')}
        </p>
      </aside>
    );
  }
  const links: [string, string | null][] = [
    [t('linkAbstract'), paper.url],
    [t('linkPdf'), paper.pdfUrl],
    [t('linkCode'), paper.codeUrl],
    [t('linkProject'), paper.projectUrl],
  ];
  const fields: [string, string][] = [
    [t('fieldId'), paper.id],
    [t('fieldArxiv'), paper.arxivId ? `${paper.arxivId}${paper.version ? `v${paper.version}` : ''}` : '—'],
    [t('fieldDoi'), paper.doi ?? '—'],
    [
      t('fieldAuthors'),
      `${paper.authors.join(', ')}${paper.authorCount > paper.authors.length ? ` (+${paper.authorCount - paper.authors.length})` : ''}`,
    ],
    [t('fieldPublished'), paper.published ?? '—'],
    [t('fieldVenue'), paper.venue ?? '—'],
    [t('fieldCategories'), paper.categories.join(', ') || '—'],
    [t('fieldKeywords'), paper.keywords.join(', ') || '—'],
    [t('fieldUpvotes'), paper.upvotes?.toLocaleString() ?? '—'],
    [t('fieldComments'), paper.comments?.toLocaleString() ?? '—'],
    [t('fieldStars'), paper.githubStars?.toLocaleString() ?? '—'],
    [t('fieldOrganization'), paper.organization ?? '—'],
    [t('fieldSubmitter'), paper.submitter ?? '—'],
    [t('fieldSites'), paper.sites.join(', ') || '—'],
    [t('fieldAdded'), when(paper.addedAt)],
    [t('fieldSaved'), when(paper.savedAt)],
    [t('fieldUpdated'), when(paper.updatedAt)],
    [t('fieldLastSeen'), when(paper.lastSeenAt)],
  ];
  return (
    <aside class="detail" aria-label={t('paperDetail')}>
      <div class="detail-bar">
        <button type="button" onClick={props.onClose}>
          {t('back')}
        </button>
        <button
          type="button"
          aria-pressed={paper.saved}
          disabled={props.busy}
          onClick={() => props.onSaved(!paper.saved)}
        >
          {paper.saved ? t('saved') : t('save')}
        </button>
        <label class="inline">
          {t('statusLabel')}
          <select
            value={paper.status}
            disabled={props.busy}
            onChange={(e) => props.onStatus((e.currentTarget as HTMLSelectElement).value as Status)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={props.onCopyBibtex}>
          {t('copyBibtexButton')}
        </button>
        <button type="button" class="danger" disabled={props.busy} onClick={props.onDelete}>
          {t('deletePaper')}
        </button>
      </div>
      <h2 tabIndex={-1} ref={heading}>
        {paper.title}
      </h2>
      <ul class="links">
        {links.map(([label, href]) => {
          const safe = href ? safeHref(href) : null;
          return safe ? (
            <li key={label}>
              <a href={safe} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            </li>
          ) : null;
        })}
      </ul>
      <section aria-label={t('detailAuthorsHeading')}>
        <h3>{t('detailAuthorsHeading')}</h3>
        <ul class="chips">
          {paper.authors.map((name, i) => {
            const entry = props.followed.find((f) => sameAuthor(f, name));
            return (
              <li key={`${i}-${name}`}>
                <button
                  type="button"
                  aria-pressed={entry !== undefined}
                  aria-label={entry ? t('unfollowAuthor', name) : t('followAuthor', name)}
                  onClick={() => (entry ? props.onUnfollow(entry) : props.onFollow(name))}
                >
                  {entry ? `✓ ${name}` : `+ ${name}`}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-label={t('tags')}>
        <h3>{t('tags')}</h3>
        <ul class="chips">
          {paper.tags.map((name) => (
            <li key={name} class="tag" style={{ '--tag': props.tags.find((x) => x.name === name)?.color ?? '#64748b' }}>
              {name}
              <button
                type="button"
                class="chip-x"
                aria-label={t('removeTag', name)}
                onClick={() => props.onRemoveTag(name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.trim()) props.onAddTag(tag.trim());
            setTag('');
          }}
        >
          <input
            value={tag}
            list="paperlane-detail-tags"
            aria-label={t('addTagLabel')}
            placeholder={t('addTagPlaceholder')}
            onInput={(e) => setTag((e.currentTarget as HTMLInputElement).value)}
          />
          <datalist id="paperlane-detail-tags">
            {props.tags.map((x) => (
              <option key={x.name} value={x.name} />
            ))}
          </datalist>
          <button type="submit" disabled={props.busy || !tag.trim()}>
            {t('tag')}
          </button>
        </form>
        <Suggestions {...props} paperTags={paper.tags} />
      </section>
      <section aria-label={t('note')}>
        <h3>{t('note')}</h3>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              props.onNote(draft);
              setEditing(false);
            }}
          >
            <textarea
              value={draft}
              rows={8}
              aria-label={t('noteLabel')}
              onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <div class="inline">
              <button type="submit" disabled={props.busy}>
                {t('saveNote')}
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <>
            {paper.note.trim() ? <Markdown source={paper.note} /> : <p class="muted">{t('noNote')}</p>}
            <button
              type="button"
              onClick={() => {
                setDraft(paper.note);
                setEditing(true);
              }}
            >
              {paper.note.trim() ? t('editNote') : t('addNote')}
            </button>
          </>
        )}
      </section>
      {paper.abstract && (
        <section aria-label={t('fieldAbstract')}>
          <h3>{t('fieldAbstract')}</h3>
          {paper.abstract.split(/\n{2,}/).map((para) => (
            <p key={para.slice(0, 40)}>{para}</p>
          ))}
        </section>
      )}
      <section aria-label={t('fieldsHeading')}>
        <h3>{t('fieldsHeading')}</h3>
        <dl class="fields">
          {fields.map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-label={t('sightingsHeading')}>
        <h3>{t('sightingsHeading')}</h3>
        {props.sightings.length === 0 ? (
          <p class="muted">{t('noSightings')}</p>
        ) : (
          <table class="sightings">
            <thead>
              <tr>
                <th scope="col">{t('sightingWhen')}</th>
                <th scope="col">{t('sightingWhere')}</th>
                <th scope="col">{t('sightingRank')}</th>
                <th scope="col">{t('fieldUpvotes')}</th>
              </tr>
            </thead>
            <tbody>
              {props.sightings.map((s) => {
                const href = safeHref(s.pageUrl);
                return (
                  <tr key={`${s.seenAt}-${s.pageUrl}-${s.rank}`}>
                    <td>{when(s.seenAt)}</td>
                    <td>
                      {href ? (
                        <a href={href} target="_blank" rel="noopener noreferrer">
                          {s.site}
                          {s.section ? ` · ${s.section}` : ''}
                        </a>
                      ) : (
                        s.site
                      )}
                    </td>
                    <td>{s.rank ?? '—'}</td>
                    <td>{s.upvotes ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </aside>
  );
}
