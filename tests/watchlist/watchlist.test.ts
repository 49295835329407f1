import { describe, expect, it } from 'vitest';
import {
  describeMatch,
  follow,
  keywordProblem,
  matchWatchlist,
  parseName,
  sameAuthor,
  unfollow,
  type Watchlist,
  watchlistSchema,
} from '../../lib/watchlist/watchlist';

describe('author names', () => {
  it('matches the forms pages give for one person, ignoring case and diacritics', () => {
    for (const form of ['Yann LeCun', 'Y. LeCun', 'LeCun, Yann', 'LeCun Y', 'yann lecun', 'Y LeCun', 'Yann A. LeCun']) {
      expect(sameAuthor('Yann LeCun', form), form).toBe(true);
      expect(sameAuthor('Y. LeCun', form), form).toBe(true);
    }
    expect(sameAuthor('Bernhard Schölkopf', 'B. Scholkopf')).toBe(true);
    expect(sameAuthor('Schoelkopf', 'B. Schölkopf')).toBe(false);
    expect(sameAuthor('Jean-Pierre Serre', 'J.-P. Serre')).toBe(true);
    expect(sameAuthor('Jean-Pierre Serre', 'JP Serre')).toBe(true);
    expect(sameAuthor('Laurens van der Maaten', 'L. van der Maaten')).toBe(true);
    expect(sameAuthor('Laurens van der Maaten', 'van der Maaten, Laurens')).toBe(true);
  });

  it('never matches on a surname alone when the initials disagree', () => {
    expect(sameAuthor('Yann LeCun', 'A. LeCun')).toBe(false);
    expect(sameAuthor('Y. LeCun', 'Andrew LeCun')).toBe(false);
    expect(sameAuthor('John Smith', 'Jane Smith')).toBe(false);
    expect(sameAuthor('J. A. Smith', 'J. B. Smith')).toBe(false);
    expect(sameAuthor('Yann LeCun', 'LeCun')).toBe(false);
    expect(sameAuthor('Yann LeCun', 'Yann Lecunn')).toBe(false);
    // A followed surname alone is what the researcher asked for.
    expect(sameAuthor('LeCun', 'Y. LeCun')).toBe(true);
  });

  it('parses names into surname and given names', () => {
    expect(parseName('LeCun, Yann')).toEqual({ surname: 'lecun', given: ['yann'] });
    expect(parseName('Martin Luther King Jr.')).toEqual({ surname: 'king', given: ['martin', 'luther'] });
    expect(parseName('   ')).toBeNull();
  });
});

describe('keywords', () => {
  it('match whole words in any inflection, in title or abstract, with TeX math ignored', () => {
    const watch: Watchlist = { authors: [], keywords: ['diffusion', 'graph neural network', 'learning to rank'] };
    const paper = {
      title: 'Denoising Diffusion for Graphs',
      abstract: 'We train graph neural networks with $\\mathrm{diffusion}$ priors and study learning to rank.',
    };
    expect(matchWatchlist(watch, paper).keywords).toEqual(['diffusion', 'graph neural network', 'learning to rank']);
    expect(
      matchWatchlist(watch, { title: 'Confusion matrices', abstract: 'Graph networks that are neural.' }).keywords,
    ).toEqual([]);
    // Inside math only: not a match.
    expect(matchWatchlist(watch, { title: 'A note', abstract: 'Bounds for $diffusion$.' }).keywords).toEqual([]);
  });

  it('rejects TeX and empty keywords with a reason', () => {
    expect(keywordProblem('diffusion')).toBeNull();
    expect(keywordProblem('$\\alpha$-divergence')).toMatch(/TeX/);
    expect(keywordProblem('  ')).toMatch(/word/);
    expect(keywordProblem('...')).toMatch(/letter/);
  });
});

describe('watchlist', () => {
  it('names the matched author as the page gives it, and the keyword', () => {
    const watch = follow(follow({ authors: [], keywords: [] }, 'author', 'Yann LeCun'), 'keyword', 'diffusion');
    const match = matchWatchlist(watch, {
      title: 'Diffusion models',
      abstract: '',
      authors: ['A. Other', 'Y. LeCun', 'A. LeCun'],
    });
    expect(match.authors).toEqual([{ followed: 'Yann LeCun', name: 'Y. LeCun' }]);
    expect(describeMatch(match)).toBe('Follows: Y. LeCun · Keyword: diffusion');
  });

  it('does not add the same person or keyword twice, and unfollows', () => {
    let watch: Watchlist = { authors: [], keywords: [] };
    watch = follow(watch, 'author', 'Yann LeCun');
    watch = follow(watch, 'author', 'LeCun, Yann');
    watch = follow(watch, 'keyword', 'Diffusion models');
    watch = follow(watch, 'keyword', 'diffusion model');
    watch = follow(watch, 'keyword', '$x$');
    expect(watch).toEqual({ authors: ['Yann LeCun'], keywords: ['Diffusion models'] });
    expect(unfollow(watch, 'author', 'Yann LeCun').authors).toEqual([]);
  });

  it('validates stored lists and fills defaults', () => {
    expect(watchlistSchema().parse({})).toEqual({ authors: [], keywords: [] });
    expect(watchlistSchema().safeParse({ authors: [''] }).success).toBe(false);
    expect(watchlistSchema().safeParse({ keywords: ['x'.repeat(500)] }).success).toBe(false);
  });
});
