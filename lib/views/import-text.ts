/**
 * The import's counted words, with one paper (tag, sighting) said as "1 paper", not "1 papers": the project's plurals are a
 * message of their own for one (importFileHoldsOne, importSkippedOne), chosen here.
 */
import type { ImportPreview } from '../export/backup';
import { t } from '../i18n';

type Counts = Pick<ImportPreview, 'added' | 'updated' | 'unchanged' | 'removed' | 'tagsAdded' | 'sightingsAdded'>;

const n = (count: number) => count.toLocaleString();

export const importComparingText = (papers: number): string =>
  papers === 1 ? t('importComparingOne') : t('importComparing', n(papers));

export const importWritingText = (papers: number): string =>
  papers === 1 ? t('importWritingCountOne') : t('importWritingCount', n(papers));

export const importDoneText = (plan: Counts): string =>
  plan.added === 1
    ? t('importDoneOne', n(plan.updated), n(plan.removed))
    : t('importDone', n(plan.added), n(plan.updated), n(plan.removed));

export const importCountsText = (plan: Counts): string => {
  const tags = plan.tagsAdded === 1 ? t('importNewTagsOne') : t('importNewTags', n(plan.tagsAdded));
  const sightings =
    plan.sightingsAdded === 1 ? t('importNewSightingsOne') : t('importNewSightings', n(plan.sightingsAdded));
  const rest = [n(plan.updated), n(plan.unchanged), n(plan.removed), tags, sightings];
  return plan.added === 1 ? t('restoreCountsOne', ...rest) : t('restoreCounts', n(plan.added), ...rest);
};
