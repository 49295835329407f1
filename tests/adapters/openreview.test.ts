import { describe, expect, it } from 'vitest';
import { openreview } from '../../lib/adapters/openreview';
import { scanPage } from '../../lib/adapters/run';
import { fixture, handmade, LISTING_EMPTY, parse, records, scanHtml } from './helpers';

// A page of ../shared/fixtures/index-next.json (tests/adapters/helpers.ts, LANDED_DIRECTORIES).
const GROUP = fixture('openreview/openreview-group-iclr2018-conference-browser-saved-2017-12.html');

const source = (rank: number, section: string) => ({ site: 'openreview', pageUrl: GROUP.url, section, rank });
const EMPTY = { ...LISTING_EMPTY, arxivId: null, doi: null, venue: null };
const forum = (id: string) => ({
  id: `openreview:${id}`,
  url: `https://openreview.net/forum?id=${id}`,
  pdfUrl: `https://openreview.net/pdf?id=${id}`,
  aliases: [`openreview:${id}`],
});

describe('OpenReview group page (ICLR 2018, saved by a browser in 2017)', () => {
  const result = scanHtml(GROUP.html, GROUP.url);

  it('finds the 996 submissions: 980 submitted, 16 withdrawn; the empty tabs give none', () => {
    expect(result.adapter).toBe('openreview');
    expect(result.kind).toBe('openreview-group');
    expect(result.failures).toEqual([]);
    expect(result.cards).toHaveLength(996);
    const sections = records(result).map((r) => r.source.section);
    expect(sections.filter((s) => s === 'All Submitted Papers')).toHaveLength(980);
    expect(sections.filter((s) => s === 'Withdrawn Papers')).toHaveLength(16);
    // Every card is the submission's element with its forum id.
    expect(result.cards.every((c) => `openreview:${c.element.getAttribute('data-id')}` === c.record.id)).toBe(true);
  });

  it('reads the first submission: blind ("Anonymous" is no author), abstract from the collapsed details', () => {
    expect(records(result)[0]).toEqual({
      ...forum('SyBPtQfAZ'),
      ...EMPTY,
      title: 'Improving Discriminator-Generator Balance in Generative Adversarial Networks',
      authors: [],
      authorCount: 0,
      abstract: expect.stringMatching(
        /^Training Artificial Neural Networks to generate better images is a hard problem to solve with supervised techniques\. .* outperformed regular GANs when compared using the previously mentioned evaluation method\.$/,
      ),
      published: '2017-10-28',
      // "4 Replies"
      comments: 4,
      keywords: [],
      source: source(1, 'All Submitted Papers'),
    });
  });

  it('reads submission 501 with its keywords', () => {
    expect(records(result)[500]).toEqual({
      ...forum('SyYe6k-CW'),
      ...EMPTY,
      title: 'Deep Bayesian Bandits Showdown: An Empirical Comparison of Bayesian Deep Networks for Thompson Sampling',
      authors: [],
      authorCount: 0,
      abstract: expect.stringMatching(
        /^Recent interest in decision making with deep neural networks .* contextual bandit problems\.$/,
      ),
      published: '2017-10-27',
      comments: 3,
      keywords: [
        'exploration',
        'Thompson Sampling',
        'Bayesian neural networks',
        'bandits',
        'reinforcement learning',
        'variational inference',
        'Monte Carlo',
      ],
      source: source(501, 'All Submitted Papers'),
    });
  });

  it('reads the first withdrawn submission, whose authors are named', () => {
    expect(records(result)[980]).toMatchObject({
      ...forum('HyyHX4gZM'),
      title: 'Towards Quantum Inspired Convolution Networks',
      authors: ['Davi Geiger', 'Zvi Kedem'],
      published: '2017-12-02',
      comments: 0,
      keywords: ['quantum technique', 'convolution networks', 'shape detection'],
      source: source(981, 'Withdrawn Papers'),
    });
  });

  it('reads the last submission', () => {
    expect(records(result)[995]).toEqual({
      ...forum('rkNzJ4m0-'),
      ...EMPTY,
      title: 'Overview on Reinforcement Learning for Robotics',
      authors: ['Zhaoyuan Gu'],
      authorCount: 1,
      abstract: expect.stringMatching(
        /^Reinforcement Learning\(RL\) offers robotics tasks .* Reinforcement Learning methods for robotics\.$/,
      ),
      published: '2017-10-29',
      comments: 0,
      keywords: ['Reinforcement Learning', 'Robotics'],
      source: source(996, 'Withdrawn Papers'),
    });
  });

  it('finds the same submissions with every class name and data-id gone', () => {
    // linkedom: happy-dom takes over a minute to rewrite 2.7 MB of markup.
    const doc = parse(GROUP.html, 'linkedom');
    for (const el of doc.querySelectorAll('[class], [data-id]')) {
      el.removeAttribute('class');
      el.removeAttribute('data-id');
    }
    expect(records(scanPage(doc, GROUP.url)).map((r) => r.id)).toEqual(records(result).map((r) => r.id));
  });
});

describe('OpenReview forum page (handmade)', () => {
  it('reads the paper from its citation meta, with the arXiv version it links; reply links are not cards', () => {
    const url = 'https://openreview.net/forum?id=AbCdE12345';
    const result = scanHtml(handmade('openreview-forum.html'), url);
    expect(result.kind).toBe('openreview-forum');
    expect(result.failures).toEqual([]);
    expect(records(result)).toEqual([
      {
        // The arXiv id outranks the forum id; the forum id stays an alias.
        id: '2409.01234',
        arxivId: '2409.01234',
        doi: null,
        title: 'Attention-Free Sequence Models',
        authors: ['Ada Lovelace', 'Alan Turing'],
        authorCount: 2,
        abstract: 'We study sequence models without attention.',
        published: '2024-09-27',
        url,
        pdfUrl: 'https://openreview.net/pdf?id=AbCdE12345',
        ...LISTING_EMPTY,
        comments: null,
        venue: 'The Thirteenth International Conference on Learning Representations',
        keywords: [],
        aliases: ['openreview:AbCdE12345'],
        source: { site: 'openreview', pageUrl: url, section: null, rank: 1 },
      },
    ]);
  });

  it('matches group, venue and forum pages only', () => {
    for (const url of [
      'https://openreview.net/',
      'https://openreview.net/profile?id=~Ada_Lovelace1',
      'https://openreview.net/pdf?id=SyBPtQfAZ',
      'https://openreview.net/forum',
    ]) {
      expect(openreview.matches(new URL(url))).toBe(false);
    }
  });
});
