import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '../../lib/adapters/registry';
import { fixture, INDEX, records, scanHtml, TOO_BIG_TO_WALK } from './helpers';

// The content script reads a browser DOM (happy-dom's DOMParser stands in here), the command line reads
// linkedom's: both must give the same records, field for field, on every saved page.
describe('DOMParser and linkedom agree', () => {
  for (const entry of INDEX.filter((e) => e.file.endsWith('.html') && !TOO_BIG_TO_WALK.has(e.file))) {
    it(`${entry.file}: ${entry.cards} cards, the same records`, () => {
      const page = fixture(entry.file);
      const generic = adapterForUrl(entry.url) === null;
      const browser = scanHtml(page.html, entry.url, { generic, parser: 'domparser' });
      const node = scanHtml(page.html, entry.url, { generic, parser: 'linkedom' });
      expect(records(browser)).toHaveLength(entry.cards);
      expect(records(node)).toEqual(records(browser));
      expect(node.failures).toEqual(browser.failures);
      expect(node.drift).toBe(browser.drift);
    });
  }
});
