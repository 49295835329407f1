import { describe, expect, it } from 'vitest';
import { scanPage } from '../../lib/adapters/run';
import { allStrings, byId, fixture, handmade, MARKUP, parse, records, scanHtml } from './helpers';

const DAILY = fixture('huggingface/hf-daily-papers-2024-08-01.html');
const PAPER = fixture('huggingface/hf-paper-page-2509.24002-prettified-2025-10.html');

// In page order, read off the card links of the saved page (h3 > a[href="/papers/<id>"]).
const DAILY_IDS = [
  '2407.21783',
  '2407.21705',
  '2407.21770',
  '2407.21646',
  '2407.21772',
  '2407.21630',
  '2407.21721',
  '2407.21530',
  '2407.20229',
  '2407.21781',
  '2407.21686',
  '2407.21475',
  '2404.01300',
];

const dailySource = (rank: number) => ({
  site: 'huggingface',
  pageUrl: 'https://huggingface.co/papers?date=2024-08-01',
  section: null,
  rank,
});

describe('huggingface daily list (2024 fixture)', () => {
  const result = scanHtml(DAILY.html, DAILY.url);

  it('finds every card once, in page order', () => {
    expect(result.adapter).toBe('huggingface');
    expect(result.kind).toBe('hf-list');
    expect(result.cards).toHaveLength(DAILY.cards);
    expect(records(result).map((r) => r.id)).toEqual(DAILY_IDS);
    expect(result.failures).toEqual([]);
    expect(result.drift).toBe(false);
    // The card element is the <article>, the thing the content script decorates.
    expect(result.cards.every((c) => c.element.tagName === 'ARTICLE')).toBe(true);
  });

  it('reads the first card (533 authors) from the hydration JSON', () => {
    const r = byId(result, '2407.21783');
    expect(r).toEqual({
      id: '2407.21783',
      arxivId: '2407.21783',
      version: null,
      doi: null,
      title: 'The Llama 3 Herd of Models',
      authors: expect.any(Array),
      authorCount: 533,
      abstract: expect.stringMatching(
        /^Modern artificial intelligence \(AI\) systems are powered by foundation models\. This paper presents a new set of foundation .* models are not yet being broadly released as they are still under development\.$/,
      ),
      published: '2024-07-31',
      url: 'https://huggingface.co/papers/2407.21783',
      pdfUrl: null,
      codeUrl: null,
      projectUrl: null,
      categories: [],
      upvotes: 94,
      comments: 5,
      organization: null,
      submitter: 'akhaliq',
      venue: null,
      githubStars: null,
      keywords: [],
      aliases: [],
      source: dailySource(1),
    });
    expect(r.authors).toHaveLength(533);
    expect(r.authors.slice(0, 3)).toEqual(['Abhimanyu Dubey', 'Abhinav Jauhri', 'Abhinav Pandey']);
    expect(r.authors.slice(-2)).toEqual(['Zhenyu Yang', 'Zhiwei Zhao']);
    // The summary's hard line breaks are gone.
    expect(r.abstract).not.toMatch(/\n/);
  });

  it('uses the arXiv date, not the listing day, and the real submitter (2407.20229)', () => {
    // Listed on 2024-08-01 (outer publishedAt), submitted to arXiv on 2024-07-29 (paper.publishedAt).
    expect(byId(result, '2407.20229')).toEqual({
      id: '2407.20229',
      arxivId: '2407.20229',
      version: null,
      doi: null,
      title: 'Improving 2D Feature Representations by 3D-Aware Fine-Tuning',
      authors: ['Yuanwen Yue', 'Anurag Das', 'Francis Engelmann', 'Siyu Tang', 'Jan Eric Lenssen'],
      authorCount: 5,
      abstract: expect.stringMatching(
        /^Current visual foundation models are trained purely on unstructured 2D data, limiting .* when training 2D foundation models\. Project page: https:\/\/ywyue\.github\.io\/FiT3D\.$/,
      ),
      published: '2024-07-29',
      url: 'https://huggingface.co/papers/2407.20229',
      pdfUrl: null,
      codeUrl: null,
      projectUrl: null,
      categories: [],
      upvotes: 7,
      comments: 3,
      organization: null,
      submitter: 'yuanwenyue',
      venue: null,
      githubStars: null,
      keywords: [],
      aliases: [],
      source: dailySource(9),
    });
  });

  it('reads the last card, whose title has a hard line break in the JSON', () => {
    expect(byId(result, '2404.01300')).toEqual({
      id: '2404.01300',
      arxivId: '2404.01300',
      version: null,
      doi: null,
      title: 'NeRF-MAE: Masked AutoEncoders for Self-Supervised 3D Representation Learning for Neural Radiance Fields',
      authors: [
        'Muhammad Zubair Irshad',
        'Sergey Zakharov',
        'Vitor Guizilini',
        'Adrien Gaidon',
        'Zsolt Kira',
        'Rares Ambrus',
      ],
      authorCount: 6,
      abstract: expect.stringMatching(
        /^Neural fields excel in computer vision and robotics due to their ability to understand the 3D visual world .* performance improvement of over 20% AP50 and 8% AP25 for 3D object detection\.$/,
      ),
      published: '2024-04-01',
      url: 'https://huggingface.co/papers/2404.01300',
      pdfUrl: null,
      codeUrl: null,
      projectUrl: null,
      categories: [],
      upvotes: 3,
      comments: 2,
      organization: null,
      submitter: 'akhaliq',
      venue: null,
      githubStars: null,
      keywords: [],
      aliases: [],
      source: dailySource(13),
    });
  });

  it('keeps an author the JSON marks hidden: the card still counts them (2407.21781, "· 6 authors")', () => {
    const r = byId(result, '2407.21781');
    expect(r.authors).toEqual([
      'Qiayuan Liao',
      'Bike Zhang',
      'Xuanyu Huang',
      'Xiaoyu Huang',
      'Zhongyu Li',
      'Koushil Sreenath',
    ]);
    expect(r.authorCount).toBe(6);
  });

  it('gives the same ids and counts from the DOM alone (islands removed)', () => {
    const doc = parse(DAILY.html);
    for (const island of doc.querySelectorAll('[data-target][data-props]')) island.removeAttribute('data-props');
    const fallback = scanPage(doc, DAILY.url);
    expect(fallback.failures).toEqual([]);
    expect(records(fallback).map((r) => r.id)).toEqual(DAILY_IDS);
    for (const r of records(fallback)) {
      const fromJson = byId(result, r.id);
      expect(r.title).toBe(fromJson.title);
      // Upvotes from the vote box, comments from the #community link: the same numbers as the JSON.
      expect(r.upvotes).toBe(fromJson.upvotes);
      expect(r.comments).toBe(fromJson.comments);
      expect(r.authorCount).toBe(fromJson.authorCount);
      expect(r.submitter).toBe(fromJson.submitter);
      // What only the JSON holds is missing, not invented.
      expect(r.abstract).toBeNull();
      expect(r.published).toBeNull();
      expect(r.authors).toEqual([]);
    }
  });

  it('tells upvotes from comments by the link beside the number, not by position', () => {
    // Same card with the comment link moved before the vote box: the numbers must not swap.
    const doc = parse(DAILY.html);
    for (const island of doc.querySelectorAll('[data-target][data-props]')) island.removeAttribute('data-props');
    const article = doc.querySelector('article') as Element;
    const comments = article.querySelector('a[href$="#community"]') as Element;
    article.insertBefore(comments, article.firstChild);
    const r = byId(scanPage(doc, DAILY.url), '2407.21783');
    expect(r.upvotes).toBe(94);
    expect(r.comments).toBe(5);
  });
});

describe('huggingface paper page (2025 fixture, prettified)', () => {
  const result = scanHtml(PAPER.html, PAPER.url);

  it('is one card; the "collections including this paper" cards are not papers', () => {
    expect(result.kind).toBe('hf-paper');
    expect(records(result).map((r) => r.id)).toEqual(['2509.24002']);
    expect(result.failures).toEqual([]);
    expect(result.cards[0]?.element.getAttribute('data-target')).toBe('PaperContent');
  });

  it('reads the PaperContent island: organisation, submitter, GitHub, stars, project page, keywords', () => {
    expect(byId(result, '2509.24002')).toEqual({
      id: '2509.24002',
      arxivId: '2509.24002',
      version: null,
      doi: null,
      // "…Comprehensive MCP\n  Use" in the JSON.
      title: 'MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use',
      authors: [
        'Zijian Wu',
        'Xiangyan Liu',
        'Xinyuan Zhang',
        'Lingjun Chen',
        'Fanqing Meng',
        'Lingxiao Du',
        'Yiran Zhao',
        'Fanshi Zhang',
        'Yaoqi Ye',
        'Jiawei Wang',
        'Zirui Wang',
        'Jinjie Ni',
        'Yufan Yang',
        'Arvin Xu',
        'Michael Qizhe Shieh',
      ],
      authorCount: 15,
      abstract: expect.stringMatching(
        /^MCP standardizes how LLMs interact with external systems, forming the foundation for general agents\. .* reaches only 52\.56\\% pass@1 and 33\.86\\% pass\^4, .* highlighting the stress-testing nature of MCPMark\.$/,
      ),
      published: '2025-09-28',
      url: 'https://huggingface.co/papers/2509.24002',
      pdfUrl: 'https://arxiv.org/pdf/2509.24002',
      codeUrl: 'https://github.com/eval-sys/mcpmark',
      projectUrl: 'https://mcpmark.ai/',
      categories: [],
      upvotes: 118,
      comments: 2,
      organization: 'National University of Singapore',
      submitter: 'Jakumetsu',
      venue: null,
      githubStars: 182,
      keywords: [
        'MCP',
        'LLMs',
        'general agents',
        'MCP benchmarks',
        'MCPMark',
        'high-quality tasks',
        'domain experts',
        'AI agents',
        'initial state',
        'programmatic script',
        'automatic verification',
        'CRUD operations',
        'minimal agent framework',
        'tool-calling loop',
        'gpt-5-medium',
        'claude-sonnet-4',
        'o3',
        'pass@1',
        'pass^4',
        'execution turns',
        'tool calls',
      ],
      aliases: [],
      source: { site: 'huggingface', pageUrl: 'https://huggingface.co/papers/2509.24002', section: null, rank: 1 },
    });
  });

  it('falls back to the page markup when the island JSON is gone', () => {
    const doc = parse(PAPER.html);
    for (const island of doc.querySelectorAll('[data-target][data-props]'))
      island.setAttribute('data-props', '{"paper": [');
    const fallback = scanPage(doc, PAPER.url);
    expect(fallback.failures).toEqual([]);
    const r = byId(fallback, '2509.24002');
    expect(r.title).toBe('MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use');
    expect(r.authors).toHaveLength(15);
    expect(r.upvotes).toBe(118);
    expect(r.codeUrl).toBe('https://github.com/eval-sys/mcpmark');
    expect(r.githubStars).toBe(182);
    expect(r.projectUrl).toBe('https://mcpmark.ai/');
    expect(r.pdfUrl).toBe('https://arxiv.org/pdf/2509.24002');
    expect(r.abstract).toMatch(/^MCP standardizes how LLMs interact/);
    expect(r.keywords).toContain('MCPMark');
  });
});

describe('huggingface handmade hostile page', () => {
  it('survives broken JSON and markup in titles, with no markup in any field', () => {
    const result = scanHtml(handmade('hf-hostile.html'), 'https://huggingface.co/papers?date=2026-01-05');
    expect(result.failures).toEqual([]);
    const ids = records(result).map((r) => r.id);
    expect(ids).toEqual(['2601.00001', '2601.00002', '2601.00003']);
    const first = byId(result, '2601.00001');
    // The island JSON for this card is broken: the DOM gives title, upvotes and comments.
    // The escaped tags in the title are text on the page; the schema still keeps them out of the record.
    expect(first.title).toBe('Attention is not all you need');
    expect(first.upvotes).toBe(12);
    expect(first.comments).toBe(4);
  });
});

describe('huggingface handmade hostile page: fields', () => {
  const result = scanHtml(handmade('hf-hostile.html'), 'https://huggingface.co/papers?date=2026-01-05');

  it('keeps scripts, tags, event handlers, bidi controls and javascript: links out of every field', () => {
    for (const r of records(result)) {
      for (const text of allStrings(r)) expect(text).not.toMatch(MARKUP);
      expect(allStrings(r).join(' ')).not.toMatch(/[\u202a-\u202e]/);
    }
    const sneaky = byId(result, '2601.00002');
    expect(sneaky.title).toBe('Sneaky title');
    expect(sneaky.authors).toEqual(['Eve Hacker', 'Mallory']);
    expect(sneaky.abstract).toBe('An abstract with inside.\n\nSecond paragraph.');
    expect(sneaky.projectUrl).toBeNull();
    expect(sneaky.codeUrl).toBe('https://github.com/example/repo');
    expect(sneaky.keywords).toEqual(['x', 'fine']);
    expect(byId(result, '2601.00003').title).toBe('Reversed title with controls');
  });
});
