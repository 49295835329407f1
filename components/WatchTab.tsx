/**
 * The side panel's Watch tab (issue 17): the watchlist (followed authors and keywords, typed in, each with a
 * remove) and the relevance profile — the terms and authors that weigh most, each with the papers behind it, and
 * the steering: pin a term, ban a term, forget one paper's influence, reset. Every change goes through
 * `actions.editSettings`; the settings broadcast brings it back here and to every open digest page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ProfileEntry, RelevanceProfile } from '../lib/cluster/profile';
import { errorMessage } from '../lib/errors';
import { t } from '../lib/i18n';
import type { LibraryActions } from '../lib/views/actions';
import type { StoreSnapshot } from '../lib/views/library-store';
import type { SidePanelHooks } from '../lib/views/side-panel-hooks';
import type { SettingsEdit } from '../lib/watchlist/schema';
import { authorProblem, keywordProblem } from '../lib/watchlist/watchlist';
import type { PanelWork } from './panel-work';

export type WatchTabProps = {
  state: StoreSnapshot;
  work: PanelWork;
  actions: LibraryActions;
  hooks: SidePanelHooks;
};

export function WatchTab({ state, work, actions, hooks }: WatchTabProps) {
  const { watchlist, relevanceProfile: steering } = state.settings;
  const edit = (change: SettingsEdit, done: string) =>
    void work.run(t('working'), async () => {
      await actions.editSettings(change);
      return { text: done, undo: null };
    });
  return (
    <div class="watch-tab">
      <section aria-labelledby="watchlist-heading">
        <h2 id="watchlist-heading">{t('watchlistHeading')}</h2>
        <WatchList
          heading={t('watchAuthorsHeading')}
          entries={watchlist.authors}
          label={t('watchAddAuthorLabel')}
          placeholder={t('watchAddAuthorPlaceholder')}
          problem={authorProblem}
          onAdd={(entry) => edit({ op: 'follow', kind: 'author', entry }, t('watchFollowed', entry))}
          onRemove={(entry) => edit({ op: 'unfollow', kind: 'author', entry }, t('watchUnfollowed', entry))}
        />
        <WatchList
          heading={t('watchKeywordsHeading')}
          entries={watchlist.keywords}
          label={t('watchAddKeywordLabel')}
          placeholder={t('watchAddKeywordPlaceholder')}
          problem={keywordProblem}
          onAdd={(entry) => edit({ op: 'follow', kind: 'keyword', entry }, t('watchFollowed', entry))}
          onRemove={(entry) => edit({ op: 'unfollow', kind: 'keyword', entry }, t('watchUnfollowed', entry))}
        />
      </section>
      <ProfileView
        version={state.version}
        hooks={hooks}
        steering={steering}
        onPin={(term) => edit({ op: 'pin', term }, t('profileDonePin', term))}
        onBan={(term) => edit({ op: 'ban', term }, t('profileDoneBan', term))}
        onLift={(term) => edit({ op: 'clear', term }, t('profileDoneLift', term))}
        onForget={(id) => edit({ op: 'forget', id }, t('profileDoneForget'))}
        onReset={() => edit({ op: 'reset' }, t('profileDoneReset'))}
      />
    </div>
  );
}

function WatchList(props: {
  heading: string;
  entries: readonly string[];
  label: string;
  placeholder: string;
  problem(entry: string): string | null;
  onAdd(entry: string): void;
  onRemove(entry: string): void;
}) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div class="watch-list">
      <h3>{props.heading}</h3>
      {props.entries.length === 0 ? (
        <p class="muted">{t('watchNone')}</p>
      ) : (
        <ul class="chips">
          {props.entries.map((entry) => (
            <li key={entry} class="tag">
              {entry}
              <button
                type="button"
                class="chip-x"
                aria-label={t('watchRemove', entry)}
                onClick={() => props.onRemove(entry)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const entry = draft.trim();
          const why = props.problem(entry);
          setProblem(why);
          if (why !== null) return;
          props.onAdd(entry);
          setDraft('');
        }}
      >
        <input
          value={draft}
          aria-label={props.label}
          placeholder={props.placeholder}
          maxLength={120}
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" disabled={!draft.trim()}>
          {t('watchAdd')}
        </button>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** An author feature's label ("@lecun y") as people read it. */
const shown = (entry: ProfileEntry) => (entry.term.startsWith('@') ? entry.term.slice(1) : entry.term);

function ProfileView(props: {
  version: number;
  hooks: SidePanelHooks;
  steering: StoreSnapshot['settings']['relevanceProfile'];
  onPin(term: string): void;
  onBan(term: string): void;
  onLift(term: string): void;
  onForget(id: string): void;
  onReset(): void;
}) {
  const [profile, setProfile] = useState<RelevanceProfile | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Read again after every change of the library or the settings (a save, a dismissal, a pin).
  useEffect(() => {
    let live = true;
    props.hooks
      .profile()
      .then((next) => {
        if (!live) return;
        setProfile(next);
        setFailed(null);
      })
      .catch((error: unknown) => live && setFailed(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [props.version, props.hooks]);

  const { pinned, banned, forgotten } = props.steering;
  const entries = (list: ProfileEntry[], terms: boolean) => (
    <ol class="profile-entries">
      {list.map((entry) => (
        <li key={entry.term}>
          <details>
            <summary>
              <span class={entry.weight >= 0 ? 'up' : 'down'}>{shown(entry)}</span>{' '}
              <span class="muted">{t('profileWeight', entry.weight.toFixed(2))}</span>
            </summary>
            <ul aria-label={t('profilePapersBehind', shown(entry))}>
              {entry.papers.map((paper) => (
                <li key={paper.id}>
                  {paper.title}{' '}
                  <span class="muted">
                    ({paper.judgement === 'positive' ? t('profileKept') : t('profileDismissed')})
                  </span>{' '}
                  <button
                    type="button"
                    aria-label={t('profileForgetPaper', paper.title)}
                    onClick={() => props.onForget(paper.id)}
                  >
                    {t('profileForget')}
                  </button>
                </li>
              ))}
            </ul>
          </details>
          {terms && (
            <>
              <button
                type="button"
                aria-label={t('profilePinTerm', entry.term)}
                onClick={() => props.onPin(entry.term)}
              >
                {t('profilePin')}
              </button>
              <button
                type="button"
                aria-label={t('profileBanTerm', entry.term)}
                onClick={() => props.onBan(entry.term)}
              >
                {t('profileBan')}
              </button>
            </>
          )}
        </li>
      ))}
    </ol>
  );
  const steered = (heading: string, list: readonly string[]) =>
    list.length > 0 && (
      <div>
        <h3>{heading}</h3>
        <ul class="chips">
          {list.map((term) => (
            <li key={term} class="tag">
              {term}
              <button type="button" aria-label={t('profileLiftTerm', term)} onClick={() => props.onLift(term)}>
                {t('profileLift')}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profileHeading')}</h2>
      <p class="muted">{t('profileIntro')}</p>
      {steered(t('profilePinnedHeading'), pinned)}
      {steered(t('profileBannedHeading'), banned)}
      {forgotten.length > 0 && <p>{t('profileForgotten', forgotten.length)}</p>}
      {(pinned.length > 0 || banned.length > 0 || forgotten.length > 0) && (
        <button type="button" onClick={props.onReset}>
          {t('profileReset')}
        </button>
      )}
      {failed ? (
        <p class="error" role="alert">
          {t('profileFailed', failed)}
        </p>
      ) : profile === null ? (
        <p class="muted" role="status">
          {t('profileLoading')}
        </p>
      ) : profile.terms.length === 0 && profile.authors.length === 0 ? (
        <p class="muted">{t('profileEmpty')}</p>
      ) : (
        <>
          <h3>{t('profileTermsHeading')}</h3>
          {entries(profile.terms, true)}
          <h3>{t('profileAuthorsHeading')}</h3>
          {entries(profile.authors, false)}
        </>
      )}
    </section>
  );
}
