/**
 * What the side panel shows while its import worker reads and plans a large file: a label and a bar, from the
 * worker's progress messages (import-protocol.ts). Bars run to 1,000 so that a fraction reads smoothly.
 */
import { t } from '../i18n';
import type { ImportProgress } from './import-protocol';

export const PROGRESS_STEPS = 1000;

export function importProgressStep(
  progress: ImportProgress,
  fileName: string,
): { label: string; done: number; total: number } {
  const label =
    progress.stage === 'reading'
      ? t('importProgressReading', fileName, progress.count.toLocaleString())
      : progress.stage === 'library'
        ? t('importProgressLibrary')
        : t('importProgressPlanning', progress.count.toLocaleString());
  return { label, done: Math.round(progress.fraction * PROGRESS_STEPS), total: PROGRESS_STEPS };
}
