/**
 * The Sync section of the side panel's settings: the server, the credentials and the passphrase, Start / Stop,
 * and a status line. Pure view: the side panel's entry point passes hooks that ask the background and request the
 * server's origin (a host permission asked for at the moment sync is turned on, for that origin alone).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { SyncStatus } from '../lib/sync/engine';
import { syncStatusText } from '../lib/sync/status-text';

export type SyncStart = { url: string; username: string; password: string; passphrase: string };

export type SyncHooks = {
  status(): Promise<SyncStatus & { url: string | null; username: string | null }>;
  start(request: SyncStart): Promise<SyncStatus>;
  stop(): Promise<SyncStatus>;
  /** Asks the browser for access to `origin` (e.g. `https://couch.example.org`); false when refused. */
  requestAccess(origin: string): Promise<boolean>;
};

/** The origin of a server address, or null when it is not an http(s) URL. */
export function serverOrigin(address: string): string | null {
  try {
    const url = new URL(address.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function SyncSettings({ hooks, now = Date.now }: { hooks: SyncHooks; now?: () => number }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, tick] = useState(0);

  useEffect(() => {
    let alive = true;
    const read = () =>
      hooks
        .status()
        .then((s) => {
          if (!alive) return;
          setStatus(s);
          if (s.url) setUrl((u) => u || (s.url as string));
          if (s.username) setUsername((u) => u || (s.username as string));
        })
        .catch(() => {});
    void read();
    const timer = setInterval(() => {
      void read();
      tick((n) => n + 1);
    }, 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [hooks]);

  const on = status !== null && status.state !== 'off';
  const start = async () => {
    setProblem(null);
    const origin = serverOrigin(url);
    if (!origin) return setProblem(t('syncBadAddress'));
    if (!passphrase) return setProblem(t('syncNeedPassphrase'));
    setBusy(true);
    try {
      if (!(await hooks.requestAccess(origin))) {
        setProblem(t('syncNotAllowed', origin));
        return;
      }
      setStatus(await hooks.start({ url: url.trim(), username, password, passphrase }));
      setPassword('');
      setPassphrase('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const stop = async () => {
    setBusy(true);
    try {
      setStatus(await hooks.stop());
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="settings-section sync-settings" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      <p class="hint">{t('syncHint')}</p>
      <label>
        {t('syncServerAddress')}
        <input
          type="url"
          value={url}
          placeholder="https://couch.example.org/paperlane"
          disabled={on || busy}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('syncUserName')}
        <input
          type="text"
          autocomplete="username"
          value={username}
          disabled={on || busy}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      {!on && (
        <>
          <label>
            {t('syncPassword')}
            <input
              type="password"
              autocomplete="current-password"
              value={password}
              disabled={busy}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('syncPassphrase')}
            <input
              type="password"
              autocomplete="new-password"
              value={passphrase}
              disabled={busy}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
            />
          </label>
        </>
      )}
      {on ? (
        <button type="button" disabled={busy} onClick={() => void stop()}>
          {t('syncStop')}
        </button>
      ) : (
        <button type="button" disabled={busy} onClick={() => void start()}>
          {t('syncStart')}
        </button>
      )}
      <p class="sync-status" role="status" aria-live="polite">
        {problem ?? (status ? syncStatusText(status, now()) : '')}
      </p>
      {status?.state === 'syncing' && status.progress && (
        <progress max={status.progress.total} value={status.progress.done} />
      )}
      {status && status.skipped > 0 && <p class="hint">{t('syncSkipped', status.skipped)}</p>}
    </section>
  );
}
