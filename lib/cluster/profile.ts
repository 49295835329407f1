/**
 * The relevance profile a researcher can read and steer: which terms and authors of the saved and dismissed papers
 * weigh most, each with the papers behind it; and the steering kept in the settings — pinned terms (always
 * boost), banned terms (never boost), papers whose influence is forgotten. Pure: `scoreCandidates` applies the
 * steering, the side panel shows `buildProfile`.
 */

import type { ProfileSteering } from '../watchlist/schema';
import { fitVectorizer, isAuthorLabel, rowOf } from './features';
import type { JudgedPaper } from './relevance';
import { normalizeText, stemWord } from './text';

export { type ProfileSteering, profileSteeringSchema } from '../watchlist/schema';

export const EMPTY_STEERING: Readonly<ProfileSteering> = Object.freeze({
  pinned: Object.freeze([]) as readonly string[] as string[],
  banned: Object.freeze([]) as readonly string[] as string[],
  forgotten: Object.freeze([]) as readonly string[] as string[],
});

export type ProfileEntry = {
  /** Readable term ("graph neural"), or an author key ("@lecun y") for authors. */
  term: string;
  /** Positive: pulls cards up; negative: pushes them down. */
  weight: number;
  /** The papers that put it there, heaviest first. */
  papers: { id: string; title: string; judgement: JudgedPaper['judgement']; contribution: number }[];
};

export type RelevanceProfile = { terms: ProfileEntry[]; authors: ProfileEntry[] };

/** Stemmed words of a term as the steering compares them: "Diffusion models" and "diffusion model" are one term. */
export function termKey(term: string): string {
  const words = normalizeText(term).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((word) => stemWord(word)).join(' ');
}

/** Whether a paper's title or abstract contains `key` (from `termKey`) as whole words. */
export function containsTerm(paper: { title: string; abstract?: string | null }, key: string): boolean {
  if (key === '') return false;
  return ` ${termKey(`${paper.title} . ${paper.abstract ?? ''}`)} `.includes(` ${key} `);
}

/**
 * What drives relevance: every term's summed TF-IDF over the kept papers minus that over the dismissed ones
 * (the direction a linear model learns first), forgotten papers left out, banned terms dropped.
 */
export function buildProfile(
  library: readonly JudgedPaper[],
  steering: Readonly<ProfileSteering> = EMPTY_STEERING,
  count = 20,
  papersPerEntry = 5,
): RelevanceProfile {
  const forgotten = new Set(steering.forgotten);
  const papers = library.filter((paper) => !forgotten.has(paper.id));
  if (papers.length === 0) return { terms: [], authors: [] };
  const { vectorizer, matrix } = fitVectorizer(papers);
  const banned = new Set(steering.banned.map(termKey));
  const weights = new Float64Array(matrix.cols);
  for (let row = 0; row < matrix.rows; row++) {
    const sign = papers[row]!.judgement === 'positive' ? 1 : -1;
    const { index, value } = rowOf(matrix, row);
    for (let p = 0; p < index.length; p++) weights[index[p]!]! += sign * value[p]!;
  }
  const order = Array.from(weights.keys())
    .filter((feature) => weights[feature] !== 0)
    .sort((a, b) => Math.abs(weights[b]!) - Math.abs(weights[a]!) || a - b);
  const entry = (feature: number): ProfileEntry => {
    const behind: ProfileEntry['papers'] = [];
    for (let row = 0; row < matrix.rows; row++) {
      const { index, value } = rowOf(matrix, row);
      for (let p = 0; p < index.length; p++) {
        if (index[p] !== feature) continue;
        const paper = papers[row]!;
        behind.push({ id: paper.id, title: paper.title, judgement: paper.judgement, contribution: value[p]! });
      }
    }
    behind.sort((a, b) => b.contribution - a.contribution);
    return { term: vectorizer.labels[feature]!, weight: weights[feature]!, papers: behind.slice(0, papersPerEntry) };
  };
  const terms: ProfileEntry[] = [];
  const authors: ProfileEntry[] = [];
  for (const feature of order) {
    const label = vectorizer.labels[feature]!;
    if (isAuthorLabel(label)) {
      if (authors.length < count) authors.push(entry(feature));
    } else if (terms.length < count && !banned.has(termKey(label))) {
      terms.push(entry(feature));
    }
    if (terms.length >= count && authors.length >= count) break;
  }
  return { terms, authors };
}

function without(list: readonly string[], key: string): string[] {
  return list.filter((item) => termKey(item) !== key);
}

/** Pin a term: cards containing it are always boosted (a pinned term is no longer banned). */
export function pinTerm(steering: Readonly<ProfileSteering>, term: string): ProfileSteering {
  const key = termKey(term);
  if (key === '') return { ...steering };
  return {
    ...steering,
    pinned: [...without(steering.pinned, key), term.trim()],
    banned: without(steering.banned, key),
  };
}

/** Ban a term: it never raises a card's score (a banned term is no longer pinned). */
export function banTerm(steering: Readonly<ProfileSteering>, term: string): ProfileSteering {
  const key = termKey(term);
  if (key === '') return { ...steering };
  return {
    ...steering,
    banned: [...without(steering.banned, key), term.trim()],
    pinned: without(steering.pinned, key),
  };
}

/** Lift a pin or a ban. */
export function clearTerm(steering: Readonly<ProfileSteering>, term: string): ProfileSteering {
  const key = termKey(term);
  return { ...steering, pinned: without(steering.pinned, key), banned: without(steering.banned, key) };
}

export function forgetPaper(steering: Readonly<ProfileSteering>, id: string): ProfileSteering {
  return steering.forgotten.includes(id) ? { ...steering } : { ...steering, forgotten: [...steering.forgotten, id] };
}

export function resetProfile(): ProfileSteering {
  return { pinned: [], banned: [], forgotten: [] };
}
