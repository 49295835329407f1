/** What bench/extract-chromium.ts injects into a page: the scan of the content script, and the schema it checks with. */
export { scanPage } from '../lib/adapters/run';
export { PaperRecord } from '../lib/paper/schema';
