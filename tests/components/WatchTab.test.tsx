import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { WatchTab } from '../../components/WatchTab';
import { Insights } from '../../lib/db/insights';
import { makeLibraryPaper } from '../helpers/papers';
import { fakeHooks, Harness, smallLibrary } from './panel-harness';

afterEach(cleanup);

async function setup() {
  const lib = await smallLibrary();
  // Kept papers on diffusion, dismissed ones on protein folding: words and authors to weigh.
  const paper = (n: number, title: string, authors: string[], kept: boolean) =>
    makeLibraryPaper(`2502.0000${n}`, {
      title,
      abstract: `${title}. We report experiments on ${title.toLowerCase()}.`,
      authors,
      ...(kept ? { tags: ['ml'] } : { status: 'dismissed' as const }),
    });
  await lib.library.replaceContents({
    papers: [
      paper(1, 'Denoising diffusion samplers', ['Yann LeCun', 'Ada Lovelace'], true),
      paper(2, 'Diffusion transformers for images', ['Yann LeCun'], true),
      paper(3, 'Guided diffusion sampling', ['Grace Hopper'], true),
      paper(4, 'Protein folding kinetics', ['Alan Turing'], false),
      paper(5, 'Protein folding landscapes', ['Alan Turing'], false),
    ],
    tags: [],
    sightings: [],
    settings: await lib.library.getSettings(),
  });
  await lib.store.load();
  const insights = new Insights(async () => lib.library);
  const hooks = fakeHooks({ profile: () => insights.profile() });
  render(
    <Harness
      store={lib.store}
      actions={lib.actions}
      hooks={hooks}
      tab={(shared) => <WatchTab {...shared} actions={lib.actions} hooks={hooks} />}
    />,
  );
  return { lib, insights, hooks };
}

describe('WatchTab (alone)', () => {
  it('follows typed authors and keywords, refuses TeX, and removes them', async () => {
    const { lib } = await setup();
    fireEvent.input(screen.getByLabelText('Author to follow'), { target: { value: 'Yann LeCun' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Follow' })[0] as HTMLElement);
    await waitFor(() => expect(lib.store.state.settings.watchlist.authors).toEqual(['Yann LeCun']));
    expect(screen.getByText('Yann LeCun')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Keyword to follow'), { target: { value: '$\\alpha$' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Follow' })[1] as HTMLElement);
    expect(screen.getByRole('alert').textContent).toMatch(/without TeX/);
    fireEvent.input(screen.getByLabelText('Keyword to follow'), { target: { value: 'diffusion' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Follow' })[1] as HTMLElement);
    await waitFor(() => expect(lib.store.state.settings.watchlist.keywords).toEqual(['diffusion']));
    fireEvent.click(screen.getByRole('button', { name: 'Stop following Yann LeCun' }));
    await waitFor(() => expect(lib.store.state.settings.watchlist.authors).toEqual([]));
    expect((await lib.library.getSettings()).watchlist).toEqual({ authors: [], keywords: ['diffusion'] });
    lib.close();
  });

  it('shows what drives relevance with the papers behind it; pin, ban, forget and reset change it', async () => {
    const { lib, insights } = await setup();
    const terms = await screen.findByRole('heading', { name: 'Terms' });
    expect(terms).toBeTruthy();
    const first = screen.getAllByRole('button', { name: /^Pin / })[0] as HTMLElement;
    const term = (first.getAttribute('aria-label') ?? '').replace(/^Pin (.*) \(always boost\)$/, '$1');
    expect(term).not.toBe('');
    fireEvent.click(first);
    await waitFor(() => expect(lib.store.state.settings.relevanceProfile.pinned).toEqual([term]));
    expect(screen.getByRole('heading', { name: 'Pinned terms' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `Ban ${term} (never boost)` }));
    await waitFor(() => expect(lib.store.state.settings.relevanceProfile.banned).toEqual([term]));
    expect(lib.store.state.settings.relevanceProfile.pinned).toEqual([]);
    // A banned term leaves the list of terms.
    await waitFor(() => expect(screen.queryByRole('button', { name: `Ban ${term} (never boost)` })).toBeNull());
    // The papers behind an author: forget one.
    const behind = screen.getAllByRole('list', { name: /^Papers behind / })[0] as HTMLElement;
    const forget = within(behind).getAllByRole('button', { name: /^Forget the influence of / })[0] as HTMLElement;
    const forgetLabel = forget.getAttribute('aria-label');
    fireEvent.click(forget);
    await waitFor(() => expect(lib.store.state.settings.relevanceProfile.forgotten).toHaveLength(1));
    const forgottenId = lib.store.state.settings.relevanceProfile.forgotten[0] as string;
    const forgottenTitle = (forgetLabel ?? '').replace('Forget the influence of ', '');
    const left = await insights.profile();
    expect([...left.terms, ...left.authors].flatMap((e) => e.papers.map((p) => p.id))).not.toContain(forgottenId);
    // The view shows the profile without it too.
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('list', { name: /^Papers behind / })
          .map((l) => l.textContent)
          .join(' '),
      ).not.toMatch(forgottenTitle),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reset profile' }));
    await waitFor(() =>
      expect(lib.store.state.settings.relevanceProfile).toEqual({ pinned: [], banned: [], forgotten: [] }),
    );
    lib.close();
  });
});
