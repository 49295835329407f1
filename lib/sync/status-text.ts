import { t } from '../i18n';
import type { SyncStatus } from './engine';

/** The status line a person reads, in their language (public/_locales). */
export function syncStatusText(status: SyncStatus, now: number): string {
  switch (status.state) {
    case 'off':
      return t('syncStateOff');
    case 'connecting':
      return t('syncStateConnecting');
    case 'syncing':
      return status.progress
        ? t('syncFirstSyncProgress', status.progress.done.toLocaleString(), status.progress.total.toLocaleString())
        : t('syncStateSyncing');
    case 'synced': {
      if (status.lastSyncedAt === null) return t('syncStateSynced');
      const seconds = Math.max(0, Math.round((now - status.lastSyncedAt) / 1000));
      return seconds < 120 ? t('syncSyncedSecondsAgo', seconds) : t('syncSyncedMinutesAgo', Math.round(seconds / 60));
    }
    case 'offline':
      if (status.message === t('syncServerUnreachable') || !status.message)
        return status.pending > 0 ? t('syncOfflineWaiting', status.pending) : t('syncServerUnreachable');
      return status.message;
    case 'error':
      return status.message || t('syncStopped');
  }
}
