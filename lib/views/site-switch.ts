/**
 * Switching a site on or off from a view (the welcome page). A site with optional origins asks for them first, and
 * the request is made synchronously inside the click that calls `switchSite`: browsers grant optional permissions
 * only during a user gesture, and an `await` before the request would end it. Refused: the site stays off.
 */

import type { SiteInfo } from '../digest-pages';
import type { Settings } from '../settings';

export type SiteSwitchDeps = {
  /** browser.permissions.request in the extension; a fake in tests. */
  requestOrigins(origins: string[]): Promise<boolean>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /**
   * browser.permissions.remove: an optional site switched off gives its origins back too (the background then
   * unregisters its loader), as the side panel's switch does (lib/permissions/site-access.ts).
   */
  releaseOrigins?(origins: string[]): Promise<unknown>;
};

export type SiteSwitchOutcome = { settings: Settings; refused: boolean };

/** Must be called straight from the click handler, before any `await`. */
export function switchSite(
  site: SiteInfo,
  on: boolean,
  current: Settings,
  deps: SiteSwitchDeps,
): Promise<SiteSwitchOutcome> {
  const others = current.disabledSites.filter((id) => id !== site.id);
  const granted = on && site.optional ? deps.requestOrigins([...site.origins]) : Promise.resolve(true);
  return granted.then(async (ok) => {
    if (!ok) return { settings: current, refused: true };
    const settings = await deps.updateSettings({ disabledSites: on ? others : [...others, site.id] });
    if (!on && site.optional) await deps.releaseOrigins?.([...site.origins]);
    return { settings, refused: false };
  });
}

/** Whether the site is on: not switched off in the settings, and (when optional) its origins granted. */
export function siteIsOn(site: SiteInfo, settings: Settings, granted: ReadonlySet<string>): boolean {
  if (settings.disabledSites.includes(site.id)) return false;
  return !site.optional || site.origins.every((origin) => granted.has(origin));
}
