import { scanPage } from '@/lib/adapters/run';

// Injected on demand (popup button or context menu, through activeTab) into a page no site adapter covers.
export default defineUnlistedScript(() => {
  const result = scanPage(document, location.href, { generic: true });
  return { records: result.cards.map((card) => card.record), failures: result.failures.length };
});
