import { scanPage } from '@/lib/adapters/run';
import { TabProtocol } from '@/lib/messages/protocol';
import { ask, followLibraryChanges, listen } from '@/lib/messages/transport';
import { DIGEST_MATCHES } from '@/lib/sites';
import { TriageController } from '@/lib/triage/controller';

export default defineContentScript({
  matches: DIGEST_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let controller: TriageController | null = null;
    const begin = () => {
      controller?.stop();
      controller = new TriageController(document, location.href, {
        ask,
        scan: scanPage,
        follow: followLibraryChanges,
        onError: (error) => console.debug('[paperlane]', error),
      });
      void controller.start().catch((error: unknown) => console.debug('[paperlane] could not start', error));
    };
    begin();
    // Client-side navigation (Hugging Face changes pages without a load): start again on the new page.
    ctx.addEventListener(window, 'wxt:locationchange', () => begin());
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
  },
});
