import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SyncHooks, SyncSettings, serverOrigin } from '../../components/SyncSettings';
import { setFallbackMessages } from '../../lib/i18n';
import { describeSyncError, type SyncStatus } from '../../lib/sync/engine';
import { syncStatusText } from '../../lib/sync/status-text';
import english from '../../public/_locales/en/messages.json';

afterEach(cleanup);

const OFF: SyncStatus = { state: 'off', message: '', lastSyncedAt: null, pending: 0, progress: null, skipped: 0 };

function fakeHooks(overrides: Partial<SyncHooks> = {}) {
  const state: { current: SyncStatus } = { current: OFF };
  return {
    status: vi.fn(async () => ({ ...state.current, url: null, username: null })),
    start: vi.fn(async (): Promise<SyncStatus> => {
      state.current = { ...OFF, state: 'synced', lastSyncedAt: Date.now() };
      return state.current;
    }),
    stop: vi.fn(async (): Promise<SyncStatus> => {
      state.current = OFF;
      return OFF;
    }),
    requestAccess: vi.fn(async (_origin: string) => true),
    ...overrides,
  };
}

function fill(url: string) {
  fireEvent.input(screen.getByLabelText('Server address'), { target: { value: url } });
  fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'ada' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
  fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'phrase' } });
}

describe('SyncSettings', () => {
  it('is off by default; Start asks for the server origin alone, then starts; Stop stops', async () => {
    const hooks = fakeHooks();
    render(<SyncSettings hooks={hooks} />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Sync is off'));
    fill('https://couch.example.org:6984/paperlane');
    fireEvent.click(screen.getByRole('button', { name: 'Start syncing' }));
    await waitFor(() => expect(hooks.start).toHaveBeenCalled());
    expect(hooks.requestAccess).toHaveBeenCalledWith('https://couch.example.org:6984');
    expect(hooks.start).toHaveBeenCalledWith({
      url: 'https://couch.example.org:6984/paperlane',
      username: 'ada',
      password: 'pw',
      passphrase: 'phrase',
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Synced \d+ s ago$/));
    fireEvent.click(screen.getByRole('button', { name: 'Stop syncing' }));
    await waitFor(() => expect(hooks.stop).toHaveBeenCalled());
    await waitFor(() => screen.getByRole('button', { name: 'Start syncing' }));
  });

  it('a refused permission starts nothing and says so', async () => {
    const hooks = fakeHooks({ requestAccess: vi.fn(async () => false) });
    render(<SyncSettings hooks={hooks} />);
    fill('http://127.0.0.1:5984/lib');
    fireEvent.click(screen.getByRole('button', { name: 'Start syncing' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('not allowed to reach http://127.0.0.1:5984'),
    );
    expect(hooks.start).not.toHaveBeenCalled();
  });

  it('an address that is not http(s), or holds a password, is refused before any request', async () => {
    const hooks = fakeHooks();
    render(<SyncSettings hooks={hooks} />);
    fill('https://ada:secret@couch.example.org/db');
    fireEvent.click(screen.getByRole('button', { name: 'Start syncing' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('must be an http(s) URL'));
    expect(hooks.requestAccess).not.toHaveBeenCalled();
    expect(serverOrigin('javascript:alert(1)')).toBeNull();
  });

  it('tells the status in words', () => {
    const now = 1_000_000;
    expect(syncStatusText({ ...OFF, state: 'synced', lastSyncedAt: now - 12_000 }, now)).toBe('Synced 12 s ago');
    expect(syncStatusText({ ...OFF, state: 'offline', message: 'Server unreachable', pending: 14 }, now)).toBe(
      'Offline: 14 changes waiting',
    );
    expect(syncStatusText({ ...OFF, state: 'error', message: 'Wrong password' }, now)).toBe('Wrong password');
    expect(syncStatusText({ ...OFF, state: 'offline', message: 'The server is full' }, now)).toBe('The server is full');
    expect(syncStatusText({ ...OFF, state: 'syncing', progress: { done: 1200, total: 10000 } }, now)).toBe(
      `First sync: ${(1200).toLocaleString()} of ${(10000).toLocaleString()} received`,
    );
  });

  it('shows the progress of a first sync of a large library', async () => {
    const syncing: SyncStatus = { ...OFF, state: 'syncing', progress: { done: 12_000, total: 50_000 } };
    const hooks = fakeHooks({
      status: vi.fn(async () => ({ ...syncing, url: 'https://c.example/db', username: null })),
    });
    const { container } = render(<SyncSettings hooks={hooks} />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/^First sync: 12.000 of 50.000 received$/),
    );
    const bar = container.querySelector('progress');
    expect(bar?.getAttribute('max')).toBe('50000');
    expect(bar?.getAttribute('value')).toBe('12000');
  });

  it('reports documents from the server that were skipped', async () => {
    const synced: SyncStatus = { ...OFF, state: 'synced', lastSyncedAt: Date.now(), skipped: 3 };
    const hooks = fakeHooks({
      status: vi.fn(async () => ({ ...synced, url: 'https://c.example/db', username: null })),
    });
    render(<SyncSettings hooks={hooks} />);
    await waitFor(() =>
      expect(screen.getByText('3 documents from the server could not be read and were skipped.')).toBeTruthy(),
    );
  });

  it('says nothing of skipped documents when none were', async () => {
    const synced: SyncStatus = { ...OFF, state: 'synced', lastSyncedAt: Date.now() };
    const hooks = fakeHooks({
      status: vi.fn(async () => ({ ...synced, url: 'https://c.example/db', username: null })),
    });
    const { container } = render(<SyncSettings hooks={hooks} />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Synced \d+ s ago$/));
    expect(container.textContent).not.toContain('skipped');
  });

  it('takes every sync string from the locale messages', () => {
    const swapped = Object.fromEntries(
      Object.entries(english).map(([key, value]) => [
        key,
        { message: key.startsWith('sync') ? `«${key}» $1` : value.message },
      ]),
    );
    setFallbackMessages(swapped);
    try {
      expect(describeSyncError({ status: 507 }).message).toBe('«syncServerFull» ');
      expect(describeSyncError({ status: 401 }).message).toBe('«syncWrongPassword» ');
      expect(describeSyncError(new TypeError('fetch failed')).message).toBe('«syncServerUnreachable» ');
      expect(describeSyncError({ status: 500 }).message).toBe('«syncServerFailed» 500');
      expect(syncStatusText({ ...OFF, state: 'offline', message: describeSyncError({}).message, pending: 3 }, 0)).toBe(
        '«syncOfflineWaiting» 3',
      );
      render(<SyncSettings hooks={fakeHooks()} />);
      expect(screen.getByRole('button', { name: '«syncStart»' })).toBeTruthy();
      expect(screen.getByLabelText('«syncServerAddress»')).toBeTruthy();
      expect(screen.getByLabelText('«syncPassphrase»')).toBeTruthy();
    } finally {
      setFallbackMessages(english);
    }
  });
});
