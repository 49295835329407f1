/**
 * Papers for the export tests: real arXiv rows from ../shared/data (read in place, never copied), and handmade hard
 * cases. Rows become LibraryPapers the way an adapter would store them: authors as "First Last".
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { displayName, splitName } from '../../lib/export/names';
import { type LibraryPaper, LibraryPaper as LibraryPaperSchema } from '../../lib/paper/schema';

const DATA = resolve(__dirname, '../../../shared/data');

interface Row {
  id: string;
  label: string;
  title: string;
  abstract: string;
  authors: string[];
  date: string;
  rank_in_class?: number;
}

function rows(file: string): Row[] {
  const raw = readFileSync(resolve(DATA, file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

export function paper(fields: Partial<LibraryPaper> & Pick<LibraryPaper, 'id' | 'title'>): LibraryPaper {
  return LibraryPaperSchema.parse({
    arxivId: null,
    version: null,
    doi: null,
    authors: [],
    authorCount: fields.authors ? fields.authors.length : 0,
    abstract: null,
    published: null,
    url: null,
    pdfUrl: null,
    codeUrl: null,
    projectUrl: null,
    categories: [],
    upvotes: null,
    comments: null,
    organization: null,
    submitter: null,
    githubStars: null,
    keywords: [],
    saved: true,
    status: 'unread',
    tags: [],
    note: '',
    addedAt: 1_700_000_000_000,
    savedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    sites: ['arxiv'],
    lastSeenAt: null,
    ...fields,
  });
}

function fromRow(row: Row, index: number): LibraryPaper {
  const authors = row.authors.map((a) => displayName(splitName(a)));
  return paper({
    id: row.id,
    arxivId: row.id,
    title: row.title,
    authors,
    abstract: row.abstract,
    published: row.date,
    url: `https://arxiv.org/abs/${row.id}`,
    categories: [row.label],
    // Some user state, so tags and notes travel through every format too.
    tags: index % 3 === 0 ? [row.label, 'to read'] : [],
    note: index % 5 === 0 ? `Note on ${row.id}: compare with baseline` : '',
  });
}

let cached: LibraryPaper[] | null = null;

/** 3,000 real papers: all of arxiv_ml8_2k and the 1k balanced subset of arxiv20_10k. */
export function realPapers(): LibraryPaper[] {
  if (!cached) {
    const ml8 = rows('arxiv_ml8_2k.jsonl');
    const arxiv20 = rows('arxiv20_10k.jsonl.gz').filter((r) => (r.rank_in_class ?? 99) < 50);
    cached = [...ml8, ...arxiv20].map(fromRow);
  }
  return cached;
}

/** Handmade cases every format must survive. */
export function hardPapers(): LibraryPaper[] {
  const many = Array.from({ length: 500 }, (_, i) => `Author${i} Family${String.fromCharCode(65 + (i % 26))}${i}`);
  return [
    paper({
      id: '1706.03762',
      arxivId: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      published: '2017-06-12',
      url: 'https://arxiv.org/abs/1706.03762',
      categories: ['cs.CL'],
      // A preprint with a venue and no journal DOI: @misc with howpublished in BibTeX.
      venue: 'Advances in Neural Information Processing Systems 30',
    }),
    paper({
      id: '2101.00001',
      arxivId: '2101.00001',
      title: 'On $\\ell_1$-regularised {BERT}: Shr\\"odinger meets \\alpha-divergences in ImageNet',
      authors: ['Ludwig van Beethoven', 'Juan de la Cruz', 'Martin Luther King, Jr.'],
      published: '2021-01-01',
      categories: ['cs.LG'],
    }),
    paper({
      id: '2102.00002',
      arxivId: '2102.00002',
      title: 'Ünïcödé títlé with Ørsted, Łukasiewicz and Straße',
      authors: ['José García-Márquez', 'Zoë Ødegård', 'Łukasz Żółć'],
      published: '2021-02-02',
    }),
    paper({
      id: '2103.00003',
      arxivId: '2103.00003',
      title: 'Chinese and Arabic authors: 深度学习 研究',
      authors: [
        '张伟',
        '欧阳修',
        'Wei Zhang',
        'محمد بن سلمان',
        'Ahmed Al Mansouri',
        'Omar ibn Khattab',
        'Mohamed El-Sayed',
      ],
      published: '2021-03-03',
    }),
    paper({
      id: '2104.00004',
      arxivId: '2104.00004',
      title: 'Hostile } title \\ with % and # and @misc{x, and ~ ^ & _ $ { unbalanced',
      authors: ['Robert and Sons', 'Diptarama', "O'Neil, Shaquille"],
      published: '2021-04-04',
    }),
    paper({
      id: '2105.00005',
      arxivId: '2105.00005',
      title: '=HYPERLINK("http://evil.example","x") +1 -2 @SUM(A1)',
      authors: ['=cmd|calc', '@attacker'],
      note: '=1+1\n"quoted", and, commas\r\nline',
      tags: ['+plus', '-minus'],
    }),
    paper({
      id: '2106.00006',
      arxivId: '2106.00006',
      title: 'A paper with five hundred authors',
      authors: many,
      published: '2021-06-06',
    }),
    // Missing fields: no authors, no date, no abstract.
    paper({ id: '2107.00007', arxivId: '2107.00007', title: 'Untitled Draft Without Authors Or Date' }),
    // A journal DOI: @article.
    paper({
      id: '10.1038/nature14539',
      doi: '10.1038/nature14539',
      title: 'Deep learning',
      authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
      published: '2015-05-27',
      venue: 'Nature',
      url: 'https://www.nature.com/articles/nature14539',
    }),
    // An arXiv paper also published in a journal.
    paper({
      id: '1512.03385',
      arxivId: '1512.03385',
      doi: '10.1109/CVPR.2016.90',
      title: 'Deep Residual Learning for Image Recognition',
      authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
      published: '2015-12-10',
      venue: '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)',
    }),
    // Only a URL.
    paper({
      id: 'https://example.org/papers/42',
      url: 'https://example.org/papers/42',
      title: 'A Blog Post About Transformers (With Parentheses)',
      authors: ['Jay Alammar'],
      published: '2018-06-27',
    }),
    // Imported references that give no more than a year, or a year and a month: kept at that precision.
    paper({
      id: '10.1093/comjnl/7.4.308',
      doi: '10.1093/comjnl/7.4.308',
      title:
        'An efficient method for finding the minimum of a function of several variables without calculating derivatives',
      authors: ['M. J. D. Powell'],
      published: '1964',
      venue: 'The Computer Journal',
    }),
    paper({
      id: '10.1109/5.726791',
      doi: '10.1109/5.726791',
      title: 'Gradient-based learning applied to document recognition',
      authors: ['Yann LeCun', 'Léon Bottou', 'Yoshua Bengio', 'Patrick Haffner'],
      published: '1998-11',
      venue: 'Proceedings of the IEEE',
    }),
    // Old-style arXiv id.
    paper({
      id: 'hep-th/9901001',
      arxivId: 'hep-th/9901001',
      title: 'Strings on $AdS_5 \\times S^5$',
      authors: ['Juan Maldacena'],
      categories: ['hep-th'],
    }),
  ];
}
