/**
 * The optional sites (Google Scholar, dblp, OpenReview, PubMed, ACL Anthology) in the side panel's settings, each
 * with a switch. Turning one on asks the browser for that site's pages at that moment; off gives them back.
 * No browser API here: the hooks do it (lib/permissions/site-access.ts, wired in entrypoints/sidepanel/main.tsx).
 */
import { useEffect, useState } from 'preact/hooks';

export interface SiteAccessHooks {
  sites: readonly { id: string; name: string }[];
  enabled(): Promise<string[]>;
  /** Resolves to whether the site is on afterwards (false when the person declined the browser's prompt). */
  set(id: string, on: boolean): Promise<boolean>;
  /**
   * Scholar at a country host (scholar.google.de): the hosts added so far; `add` asks for the typed host's origin in
   * the click's task and resolves to the host, or false when declined; it rejects, asking nothing, for an address
   * that is not Scholar's.
   */
  scholarHosts?: {
    list(): Promise<string[]>;
    add(input: string): Promise<string | false>;
    remove(host: string): Promise<void>;
  };
}

export function SiteAccessSettings(props: { hooks: SiteAccessHooks | undefined }) {
  const { hooks } = props;
  const [on, setOn] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [hosts, setHosts] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    hooks
      ?.enabled()
      .then((ids) => setOn(new Set(ids)))
      .catch((e: unknown) => setError(String(e)));
    hooks?.scholarHosts
      ?.list()
      .then(setHosts)
      .catch((e: unknown) => setError(String(e)));
  }, [hooks]);
  if (!hooks) return null;
  const toggle = (id: string, wanted: boolean) => {
    setError(null);
    hooks
      .set(id, wanted)
      .then((now) => {
        const next = new Set(on);
        if (now) next.add(id);
        else next.delete(id);
        setOn(next);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const failed = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const scholar = hooks.scholarHosts;
  const addHost = (event: Event) => {
    event.preventDefault();
    if (!scholar) return;
    setError(null);
    // Straight from the submit: the browser shows its prompt only for a user gesture.
    scholar
      .add(typed)
      .then((host) => {
        if (host === false) return setError(`Not added: the browser was not allowed to read ${typed.trim()}.`);
        setHosts((list) => [...new Set([...list, host])].sort());
        setTyped('');
      })
      .catch(failed);
  };
  const removeHost = (host: string) => {
    if (!scholar) return;
    setError(null);
    scholar
      .remove(host)
      .then(() => setHosts((list) => list.filter((h) => h !== host)))
      .catch(failed);
  };
  return (
    <section class="site-access" aria-labelledby="site-access-title">
      <h3 id="site-access-title">More sites</h3>
      <p class="muted">Paperlane reads these sites only once you switch them on; the browser asks you first.</p>
      <ul>
        {hooks.sites.map((site) => (
          <li key={site.id}>
            <label>
              <input
                type="checkbox"
                checked={on.has(site.id)}
                onChange={(event) => toggle(site.id, (event.currentTarget as HTMLInputElement).checked)}
              />{' '}
              {site.name}
            </label>
            {site.id === 'scholar' && scholar && (
              <div class="scholar-hosts">
                {hosts.length > 0 && (
                  <ul aria-label="Your Scholar addresses">
                    {hosts.map((host) => (
                      <li key={host}>
                        {host}{' '}
                        <button type="button" aria-label={`Remove ${host}`} onClick={() => removeHost(host)}>
                          Remove
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                <form onSubmit={addHost}>
                  <label>
                    Scholar in your country{' '}
                    <input
                      type="text"
                      placeholder="scholar.google.de"
                      value={typed}
                      onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
                    />
                  </label>{' '}
                  <button type="submit" disabled={typed.trim() === ''}>
                    Add
                  </button>
                </form>
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
