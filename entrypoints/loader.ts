/**
 * The content script the manifest names on digest pages (wxt.config.ts adds it): only a loader. Chrome runs it
 * before the page's load event on most pages, so everything it costs delays that event; the triage code
 * (entrypoints/digest-main.ts, with its schemas and views) is injected by the background once the page has loaded.
 * An unlisted script, not a WXT content script: it has no use for a ContentScriptContext, whose setup was half of
 * the loader's run time before load (bench/triage.bench.ts). Keep this file free of imports: `browser` from
 * wxt/browser is webextension-polyfill here (wxt.config.ts), 10 kB evaluated before load on every digest page for one
 * call that both browsers answer with a promise natively (Chrome MV3's `chrome.runtime`, Firefox's `browser`).
 */
type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

export default defineUnlistedScript(() => {
  const api =
    (globalThis as { browser?: Runtime; chrome?: Runtime }).browser ?? (globalThis as { chrome?: Runtime }).chrome;
  const boot = () => {
    // The protocol's envelope, written out: this script does not carry zod; the background validates on receipt.
    // After an update or reload of the extension, this copy's context is gone and the call rejects: logged, no more.
    Promise.resolve()
      .then(() => api?.runtime.sendMessage({ paperlane: 1, type: 'page/boot', payload: null }))
      .catch((error: unknown) => console.debug('[paperlane] could not start', error));
  };
  // Never inside the load event's own dispatch: a task of its own, after the page's load handlers.
  if (document.readyState === 'complete') setTimeout(boot, 0);
  else window.addEventListener('load', () => setTimeout(boot, 0), { once: true });
});
