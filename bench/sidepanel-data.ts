/**
 * Libraries of real arXiv papers for the side panel's e2e test and bench, from ../shared/data (read in place,
 * never copied). The three files hold 13,296 papers; a larger library repeats them under new arXiv-style ids
 * (2501.00001…), which keeps real text, and so real search behaviour, at any size.
 * User state (saved, status, tags, notes, dates) is drawn from a fixed-seed generator so every run is the same.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LibraryPaper, Sighting } from '../lib/paper/schema';

export const DATA_DIR = resolve(import.meta.dirname, '../../shared/data');

type Raw = {
  id?: string;
  label: string;
  title: string;
  abstract: string;
  authors?: string[];
  date?: string;
  published?: string;
};

function readRaw(): Raw[] {
  const lines = [
    ...gunzipSync(readFileSync(join(DATA_DIR, 'arxiv20_10k.jsonl.gz')))
      .toString('utf8')
      .split('\n'),
    ...readFileSync(join(DATA_DIR, 'arxiv_ml8_2k.jsonl'), 'utf8').split('\n'),
    ...readFileSync(join(DATA_DIR, 'naik_cs6_1296.jsonl'), 'utf8').split('\n'),
  ];
  return lines.filter(Boolean).map((line) => JSON.parse(line) as Raw);
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ['to-read', 'theory', 'vision', 'language', 'physics', 'maths', 'security', 'robotics'];
const STATUSES = ['unread', 'unread', 'unread', 'reading', 'read', 'dismissed'] as const;
const DAY = 86_400_000;

export function makeLibrary(count: number, now = Date.now()): { papers: LibraryPaper[]; sightings: Sighting[] } {
  const raw = readRaw();
  const rand = random(42);
  const papers: LibraryPaper[] = [];
  const sightings: Sighting[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const r = raw[i % raw.length] as Raw;
    const copy = Math.floor(i / raw.length);
    let arxivId = copy === 0 && r.id && /^\d{4}\.\d{4,5}$/.test(r.id) ? r.id : null;
    if (!arxivId || seen.has(arxivId))
      arxivId = `25${String(1 + (i % 12)).padStart(2, '0')}.${String(i).padStart(5, '0')}`;
    seen.add(arxivId);
    const site = rand() < 0.7 ? 'arxiv' : 'huggingface';
    const addedAt = now - Math.floor(rand() * 120) * DAY - Math.floor(rand() * DAY);
    const saved = rand() < 0.35;
    const tags = rand() < 0.25 ? [TAGS[Math.floor(rand() * TAGS.length)] as string] : [];
    const note =
      rand() < 0.05
        ? `**Why it matters:** compare with _${r.label}_ work.\n\n- check the proofs\n- see https://arxiv.org/abs/${arxivId}`
        : '';
    const lastSeenAt = rand() < 0.05 ? now - Math.floor(rand() * 3_600_000) : addedAt;
    const published = (r.date ?? r.published ?? null)?.slice(0, 10) ?? null;
    papers.push({
      id: arxivId,
      arxivId,
      version: 1,
      doi: null,
      title: r.title.replace(/\s+/g, ' ').trim(),
      authors: r.authors?.length ? r.authors : ['Unknown author'],
      authorCount: r.authors?.length || 1,
      abstract: r.abstract.replace(/\s+/g, ' ').trim() || null,
      published,
      url: `https://arxiv.org/abs/${arxivId}`,
      pdfUrl: `https://arxiv.org/pdf/${arxivId}`,
      codeUrl: null,
      projectUrl: null,
      categories: [r.label],
      upvotes: site === 'huggingface' ? Math.floor(rand() * 120) : null,
      comments: null,
      organization: null,
      submitter: null,
      venue: null,
      githubStars: null,
      keywords: [],
      aliases: [],
      saved,
      status: STATUSES[Math.floor(rand() * STATUSES.length)] as LibraryPaper['status'],
      tags,
      note,
      addedAt,
      savedAt: saved ? addedAt : null,
      updatedAt: addedAt,
      sites: [site],
      lastSeenAt,
    });
    if (i < 200) {
      sightings.push({
        paperId: arxivId,
        site,
        pageUrl: site === 'arxiv' ? `https://arxiv.org/list/${r.label}/new` : 'https://huggingface.co/papers',
        section: site === 'arxiv' ? 'new' : null,
        rank: 1 + (i % 25),
        upvotes: site === 'huggingface' ? Math.floor(rand() * 50) : null,
        comments: null,
        seenAt: addedAt,
      });
    }
  }
  return { papers, sightings };
}

export function tagInfos(now = Date.now()) {
  const colours = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4d7c0f'];
  return TAGS.map((name, i) => ({ name, color: colours[i] as string, createdAt: now }));
}
