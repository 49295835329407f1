import { adapterForUrl } from '@/lib/adapters/registry';
import { scanPage } from '@/lib/adapters/run';

// Injected on demand (popup button or context menu, through activeTab). A page a site adapter covers is read by it,
// as the on-page triage reads it (on an arXiv listing the generic extractor found 3 of 14 entries); any other page
// by the generic extractor. The command line's `extract` chooses the same way.
export default defineUnlistedScript(() => {
  const result = scanPage(document, location.href, { generic: adapterForUrl(location.href) === null });
  return { records: result.cards.map((card) => card.record), failures: result.failures.length };
});
