/**
 * Live rescan: cards a site adds after the first scan (infinite scroll, a re-render) are found and annotated. Only
 * the subtrees that appeared are scanned, at most once per RESCAN_MS.
 */
import type { ScanResult } from '../../adapters/run';
import { HOST_TAG } from '../cards';
import type { Feature } from '../manager';
import { later, onAbort } from '../signals';

const RESCAN_MS = 120;

export type Rescan = (root: ParentNode, url: string, options: { within: Element }) => ScanResult;

export function liveRescan(scan: Rescan): Feature {
  return {
    id: 'live-rescan',
    start({ page, signal }) {
      const pending = new Set<Element>();
      let scheduled = false;
      // Content the page adds while the first pass is still marking cards is kept and scanned once it is done.
      let ready = false;

      const rescan = () => {
        scheduled = false;
        // What changed inside a card already marked (a formula typeset, a strip's neighbour) holds no new card.
        const roots = [...pending].filter((root) => root.isConnected && !root.closest('[data-paperlane-id]'));
        pending.clear();
        const added = [];
        for (const root of roots) {
          // A root inside another pending root is scanned with it.
          if (roots.some((other) => other !== root && other.contains(root))) continue;
          const result = scan(page.doc, page.url, { within: root });
          page.failures += result.failures.length;
          added.push(...page.adopt(result.cards));
        }
        if (added.length) {
          page.mountToolbar();
          void page.refreshStates(
            added.map((c) => c.record.id),
            true,
          );
        }
      };
      const onMutations = (records: MutationRecord[]) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.nodeType !== Node.ELEMENT_NODE) continue;
            const element = node as Element;
            if (element.localName === HOST_TAG || element.closest(HOST_TAG)) continue;
            pending.add(element);
          }
        }
        schedule();
      };
      const schedule = () => {
        if (ready && pending.size && !scheduled) {
          scheduled = true;
          later(signal, RESCAN_MS, rescan);
        }
      };

      const observer = new MutationObserver(onMutations);
      observer.observe(page.doc.body ?? page.doc.documentElement, { childList: true, subtree: true });
      onAbort(signal, () => observer.disconnect());
      page.afterReady(signal, () => {
        ready = true;
        schedule();
      });
    },
  };
}
