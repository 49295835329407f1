import { browser } from 'wxt/browser';
import { DIGEST_MATCHES } from '@/lib/sites';

/**
 * The content script the manifest names: only a loader. Chrome runs it before the page's load event on most pages,
 * so everything it costs delays that event; the triage code (entrypoints/digest-main.ts, with its schemas and
 * views) is injected by the background once the page has loaded. Keep this file free of imports beyond these two.
 */
export default defineContentScript({
  matches: DIGEST_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // The protocol's envelope, written out: this script does not carry zod; the background validates on receipt.
    const boot = () => {
      if (!ctx.isValid) return;
      browser.runtime
        .sendMessage({ paperlane: 1, type: 'page/boot', payload: null })
        .catch((error: unknown) => console.debug('[paperlane] could not start', error));
    };
    // Never inside the load event's own dispatch: a task of its own, after the page's load handlers.
    if (document.readyState === 'complete') setTimeout(boot, 0);
    else window.addEventListener('load', () => setTimeout(boot, 0), { once: true });
  },
});
