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
}

export function SiteAccessSettings(props: { hooks: SiteAccessHooks | undefined }) {
  const { hooks } = props;
  const [on, setOn] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    hooks
      ?.enabled()
      .then((ids) => setOn(new Set(ids)))
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
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
