import { describe, expect, it } from 'vitest';
import { scanPage } from '../../lib/adapters/run';
import { showBlockedNotice } from '../../lib/triage/blocked-notice';
import { fixture, parse } from '../adapters/helpers';

const ROBOT = fixture('scholar/gscholar-search-robot-check-0-cards-2020-11.html');
const CHALLENGE = fixture('biorxiv/biorxiv-early-recent-cloudflare-challenge-prettified-2024-09.html');
const LISTING = fixture('scholar/gscholar-search-conversational-ai-num20-2024-07.html');

describe('blocked pages (issue 16)', () => {
  it('a Scholar robot check: 0 cards, no drift, the reason for the person', () => {
    const result = scanPage(parse(ROBOT.html), ROBOT.url);
    expect(result).toMatchObject({ adapter: 'scholar', cards: [], failures: [], drift: false });
    expect(result.blocked).toBe(
      'Google Scholar is asking you to prove you are not a robot: answer it, then reload the page.',
    );
  });

  it('a Cloudflare challenge served for a bioRxiv listing, read on demand: 0 cards, no drift, blocked', () => {
    const result = scanPage(parse(CHALLENGE.html), CHALLENGE.url, { generic: true });
    expect(result.cards).toEqual([]);
    expect(result.drift).toBe(false);
    expect(result.blocked).toMatch(/^www\.biorxiv\.org is checking that you are human/);
  });

  it('a page of results is never blocked, nor a paper titled "Just a moment"', () => {
    expect(scanPage(parse(LISTING.html), LISTING.url).blocked).toBeUndefined();
    const doc = parse('<html><head><title>Just a moment: a theory of waiting</title></head><body></body></html>');
    expect(scanPage(doc, 'https://example.org/', { generic: true }).blocked).toBeUndefined();
  });

  it('the on-page notice shows the reason as text in a shadow root, and goes', () => {
    const doc = parse('<html><body><main>results</main></body></html>');
    const remove = showBlockedNotice(doc, 'Google Scholar is asking <img src=x onerror=alert(1)>');
    const host = doc.querySelector('paperlane-blocked-notice') as Element;
    expect(host).not.toBeNull();
    const shadow = host.shadowRoot as ShadowRoot;
    expect(shadow.querySelector('[role="status"]')?.textContent).toContain(
      'Paperlane: Google Scholar is asking <img src=x onerror=alert(1)>',
    );
    expect(shadow.querySelector('img')).toBeNull();
    remove();
    expect(doc.querySelector('paperlane-blocked-notice')).toBeNull();
  });
});
