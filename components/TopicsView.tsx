/**
 * Topics: clusters of the whole library, one tag, or the list as it is now filtered, computed in a worker. Each
 * topic shows its label, size, terms and first members, and acts as one: show it in the list, tag, save, dismiss,
 * export. Pure view: the parent runs the clustering and the actions.
 */
import { useState } from 'preact/hooks';
import type { ClusterSummary } from '../lib/cluster/cluster';
import type { TagWithCount } from '../lib/db/reader';
import { t } from '../lib/i18n';
import type { PaperExportFormat } from '../lib/views/files';
import type { TopicProgress, TopicStage } from '../lib/views/topics';
import { ExportPicker } from './ExportPicker';

/** What to cluster: everything, the list as filtered now, or one tag. */
export type TopicScope = 'library' | 'shown' | `tag:${string}`;

export type TopicsResult = {
  scopeLabel: string;
  papers: number;
  k: number;
  automaticK: boolean;
  clusters: ClusterSummary[];
  ms: number;
};

export type TopicsViewProps = {
  tags: readonly TagWithCount[];
  total: number;
  shownCount: number;
  scope: TopicScope;
  onScope(scope: TopicScope): void;
  /** The k field as typed; empty means automatic. */
  k: string;
  onK(k: string): void;
  progress: TopicProgress | null;
  result: TopicsResult | null;
  error: string | null;
  /** Another change is being written: the actions wait. */
  busy: boolean;
  titleOf(id: string): string | undefined;
  onRun(): void;
  onCancel(): void;
  onShow(index: number): void;
  onOpen(id: string): void;
  onTag(index: number, tag: string): void;
  onSave(index: number): void;
  onDismiss(index: number): void;
  onExport(index: number | 'all', format: PaperExportFormat): void;
};

const MEMBERS_SHOWN = 5;
export const K_MIN = 2;
export const K_MAX = 500;

function stageLabel(stage: TopicStage): string {
  switch (stage) {
    case 'reading':
      return t('topicStageReading');
    case 'features':
      return t('topicStageFeatures');
    case 'reduce':
      return t('topicStageReduce');
    case 'choose-k':
      return t('topicStageChooseK');
    case 'cluster':
      return t('topicStageCluster');
    case 'label':
      return t('topicStageLabel');
  }
}

/** The k field's value as a number, null for automatic, or an error message. */
export function parseK(text: string): { k: number | null } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { k: null };
  const k = Number(trimmed);
  if (!Number.isInteger(k) || k < K_MIN || k > K_MAX) return { error: t('topicKInvalid', K_MIN, K_MAX) };
  return { k };
}

export function TopicsView(props: TopicsViewProps) {
  const { progress, result } = props;
  const kCheck = parseK(props.k);
  const kError = 'error' in kCheck ? kCheck.error : null;
  const running = progress !== null;
  return (
    <section class="topics" aria-labelledby="topics-heading">
      <h2 id="topics-heading">{t('topicsHeading')}</h2>
      <p class="muted">{t('topicsHelp')}</p>
      <form
        class="topic-controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && !kError) props.onRun();
        }}
      >
        <label>
          {t('topicScopeLabel')}
          <select
            value={props.scope}
            disabled={running}
            onChange={(e) => props.onScope((e.currentTarget as HTMLSelectElement).value as TopicScope)}
          >
            <option value="library">{t('topicScopeLibrary', props.total.toLocaleString())}</option>
            <option value="shown">{t('topicScopeShown', props.shownCount.toLocaleString())}</option>
            {props.tags.map((tag) => (
              <option key={tag.name} value={`tag:${tag.name}`}>
                {t('topicScopeTag', tag.name, tag.count.toLocaleString())}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('topicKLabel')}
          <input
            type="number"
            inputMode="numeric"
            min={K_MIN}
            max={K_MAX}
            step={1}
            value={props.k}
            placeholder={t('topicKAuto')}
            disabled={running}
            aria-invalid={kError !== null}
            aria-describedby="topic-k-help"
            onInput={(e) => props.onK((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <span id="topic-k-help" class={kError ? 'error-text' : 'muted'}>
          {kError ?? t('topicKHelp')}
        </span>
        {running ? (
          <button type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        ) : (
          <button type="submit" class="primary" disabled={kError !== null}>
            {result ? t('topicRunAgain') : t('topicRun')}
          </button>
        )}
      </form>
      <div aria-live="polite">
        {progress && (
          <div class="topic-progress" role="status" data-testid="topic-progress">
            <span class="spinner" aria-hidden="true" /> {stageLabel(progress.stage)}
            {progress.total > 0 && (
              <progress
                max={progress.total}
                value={progress.done}
                aria-label={t('topicProgressLabel', stageLabel(progress.stage))}
              />
            )}
          </div>
        )}
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        {result && !running && (
          <p class="muted" role="status" data-testid="topic-summary">
            {result.automaticK
              ? t('topicSummaryAuto', result.k, result.papers.toLocaleString(), result.scopeLabel)
              : t('topicSummary', result.k, result.papers.toLocaleString(), result.scopeLabel)}{' '}
            {t('topicTime', (result.ms / 1000).toFixed(1))}
          </p>
        )}
      </div>
      {result && (
        <>
          <ExportPicker
            class="topic-export-all"
            formatLabel={t('topicExportAllFormat')}
            buttonText={t('topicExportAll')}
            initial="markdown"
            disabled={props.busy}
            onExport={(format) => props.onExport('all', format)}
          />
          <datalist id="paperlane-topic-tags">
            {props.tags.map((tag) => (
              <option key={tag.name} value={tag.name} />
            ))}
          </datalist>
          <ol class="topic-list">
            {result.clusters.map((cluster, index) => (
              <TopicItem key={`${result.ms}-${index}`} index={index} cluster={cluster} {...props} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function TopicItem(props: TopicsViewProps & { cluster: ClusterSummary; index: number }) {
  const { cluster, index } = props;
  const [tag, setTag] = useState('');
  const headingId = `topic-${index}`;
  const name = t('topicName', index + 1, cluster.label);
  return (
    <li class="topic" aria-labelledby={headingId}>
      <div class="topic-head">
        <h3 id={headingId}>
          <span class="topic-label">{cluster.label || t('topicUnlabelled')}</span>{' '}
          <span class="muted topic-size">{t('topicSize', cluster.size.toLocaleString())}</span>
        </h3>
        <button type="button" onClick={() => props.onShow(index)} aria-label={t('topicShowLabel', name)}>
          {t('topicShow')}
        </button>
      </div>
      {cluster.terms.length > 0 && <p class="muted topic-terms">{cluster.terms.slice(0, 8).join(' · ')}</p>}
      <ul class="topic-members">
        {cluster.members.slice(0, MEMBERS_SHOWN).map((id) => (
          <li key={id}>
            <button type="button" class="link" onClick={() => props.onOpen(id)}>
              {props.titleOf(id) ?? id}
            </button>
          </li>
        ))}
        {cluster.members.length > MEMBERS_SHOWN && (
          <li class="muted">{t('topicMore', (cluster.members.length - MEMBERS_SHOWN).toLocaleString())}</li>
        )}
      </ul>
      <div class="topic-actions">
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.trim()) props.onTag(index, tag.trim());
          }}
        >
          <input
            value={tag}
            list="paperlane-topic-tags"
            placeholder={t('addTagPlaceholder')}
            aria-label={t('topicTagLabel', name)}
            onInput={(e) => setTag((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" disabled={props.busy || !tag.trim()} aria-label={t('topicTagButton', name)}>
            {t('tag')}
          </button>
        </form>
        <button type="button" disabled={props.busy} onClick={() => props.onSave(index)}>
          {t('topicSaveAll')}
        </button>
        <button type="button" disabled={props.busy} onClick={() => props.onDismiss(index)}>
          {t('topicDismissAll')}
        </button>
        <ExportPicker
          formatLabel={t('topicExportFormat', name)}
          buttonText={t('bulkExport')}
          buttonLabel={t('topicExportButton', name)}
          disabled={props.busy}
          onExport={(format) => props.onExport(index, format)}
        />
      </div>
    </li>
  );
}
