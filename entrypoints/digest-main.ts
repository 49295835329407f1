import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { triageView } from '@/components/triage-view';
import { beginScan, scanPage } from '@/lib/adapters/run';
import { TabProtocol } from '@/lib/messages/protocol';
import { ask, followLibraryChanges, listen } from '@/lib/messages/transport';
import { TriageController } from '@/lib/triage/controller';
import { isSpaNavigation } from '@/lib/triage/navigation';
import { urgentTask } from '@/lib/triage/signals';

/**
 * On-page triage, injected by the background when the loader (entrypoints/loader.ts) says that a digest page
 * has loaded: the page's own load never waits for this script to be compiled and run (bench/triage.bench.ts).
 * It runs in the loader's isolated world, once per document.
 */
export default defineUnlistedScript(() => {
  const world = globalThis as { __paperlaneTriage?: true | undefined };
  if (world.__paperlaneTriage) return;
  world.__paperlaneTriage = true;
  // No `window.postMessage` to announce the start (WXT's custom event on the document does that job): the page's own
  // message listeners never see us, and Chrome captures the poster's source position, which for a call from this
  // bundle re-parsed all of it, 15–35 ms of the injection's task (bench/triage.bench.ts, traced).
  const ctx = new ContentScriptContext('digest-main', { noScriptStartedPostMessage: true });
  // Extension reloaded or updated under the page: this copy is gone, and a new one may start here.
  ctx.onInvalidated(() => {
    world.__paperlaneTriage = undefined;
  });
  let controller: TriageController | null = null;
  const begin = () => {
    controller?.stop();
    controller = new TriageController(document, location.href, {
      ask,
      scan: scanPage,
      beginScan,
      follow: followLibraryChanges,
      view: triageView,
      onError: (error) => console.debug('[paperlane]', error),
    });
    void controller.start().catch((error: unknown) => console.debug('[paperlane] could not start', error));
  };
  // Injected after the load event: the cards are all there to be found. In a task of its own: the injection's
  // task already compiles and runs this script. Ahead of the page's own tasks where the browser can (lib/triage/
  // signals.ts): the first strips then share the page's next frame instead of waiting for it (issue 19).
  void urgentTask().then(() => {
    if (ctx.isValid) begin();
  });
  // Client-side navigation (Hugging Face changes pages without a load): start again on the new page, once it is
  // there. WXT reports every navigation the page starts, including downloads (blob: links) and navigations away;
  // only a same-origin change of path or query that actually happened is a new page for us.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (!isSpaNavigation(newUrl, location.href)) return;
    const target = newUrl.href;
    let tries = 0;
    const settle = ctx.setInterval(() => {
      tries++;
      if (location.href === target) {
        clearInterval(settle);
        // Give the site a moment to render the new page's cards; later ones are found as they appear.
        ctx.setTimeout(() => begin(), 300);
      } else if (tries > 50) clearInterval(settle);
    }, 100);
  });
  // Extension disabled, updated or reloaded under this page: remove everything we added.
  ctx.onInvalidated(() => controller?.stop());
  const unlisten = listen(TabProtocol, {
    'tab/summary': async () => {
      if (!controller) throw new Error('Paperlane has not started on this page.');
      return controller.summary();
    },
    'tab/saveAll': async () => {
      if (!controller) throw new Error('Paperlane has not started on this page.');
      return { saved: await controller.saveAll() };
    },
  });
  ctx.onInvalidated(unlisten);
});
