import type { SyncStatus } from './engine';

/** The status line a person reads (English only for now: these strings are not yet in the locale files). */
export function syncStatusText(status: SyncStatus, now: number): string {
  switch (status.state) {
    case 'off':
      return 'Sync is off';
    case 'connecting':
      return 'Connecting…';
    case 'syncing':
      return status.progress
        ? `First sync: ${status.progress.done.toLocaleString('en')} of ${status.progress.total.toLocaleString('en')} received`
        : 'Syncing…';
    case 'synced': {
      if (status.lastSyncedAt === null) return 'Synced';
      const seconds = Math.max(0, Math.round((now - status.lastSyncedAt) / 1000));
      return seconds < 120 ? `Synced ${seconds} s ago` : `Synced ${Math.round(seconds / 60)} min ago`;
    }
    case 'offline':
      if (status.message === 'Server unreachable' || !status.message)
        return status.pending > 0 ? `Offline: ${status.pending} changes waiting` : 'Server unreachable';
      return status.message;
    case 'error':
      return status.message || 'Sync stopped';
  }
}
