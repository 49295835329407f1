/**
 * The side panel's "More sites" (components/SiteAccessSettings.tsx): Scholar at a country host is added by typing
 * its address, asked for in the submit itself, listed, and removed again.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SiteAccessHooks, SiteAccessSettings } from '../../components/SiteAccessSettings';
import { OPTIONAL_SITES } from '../../lib/digest-pages';

afterEach(cleanup);

function fakeHooks(add: (input: string) => Promise<string | false>) {
  const scholarHosts = {
    list: vi.fn(async () => ['scholar.google.fr']),
    add: vi.fn(add),
    remove: vi.fn(async (_host: string) => {}),
  };
  const hooks: SiteAccessHooks = {
    sites: OPTIONAL_SITES,
    enabled: async () => ['scholar'],
    set: async (_id, on) => on,
    scholarHosts,
  };
  return { hooks, scholarHosts };
}

const field = () => screen.getByLabelText('Scholar in your country');

describe('SiteAccessSettings: Scholar in your country', () => {
  it('lists the added hosts; Add asks for the typed one in the submit, then lists it; Remove gives it back', async () => {
    const { hooks, scholarHosts } = fakeHooks(async () => 'scholar.google.co.uk');
    render(<SiteAccessSettings hooks={hooks} />);
    await waitFor(() => screen.getByText('scholar.google.fr'));
    fireEvent.input(field(), { target: { value: 'https://scholar.google.co.uk/scholar?q=x' } });
    fireEvent.submit(field().closest('form') as HTMLFormElement);
    // In the submit's own task: nothing awaited before the browser is asked.
    expect(scholarHosts.add).toHaveBeenCalledWith('https://scholar.google.co.uk/scholar?q=x');
    await waitFor(() => screen.getByText('scholar.google.co.uk'));
    expect((field() as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Remove scholar.google.fr' }));
    await waitFor(() => expect(screen.queryByText('scholar.google.fr')).toBeNull());
    expect(scholarHosts.remove).toHaveBeenCalledWith('scholar.google.fr');
  });

  it('an address that is not Scholar, or a declined prompt, is said and nothing is listed', async () => {
    const { hooks } = fakeHooks(async (input) => {
      if (input === 'dblp.org') throw new Error('"dblp.org" is not a Google Scholar address.');
      return false;
    });
    render(<SiteAccessSettings hooks={hooks} />);
    await waitFor(() => screen.getByText('scholar.google.fr'));
    fireEvent.input(field(), { target: { value: 'dblp.org' } });
    fireEvent.submit(field().closest('form') as HTMLFormElement);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not a Google Scholar address'));
    fireEvent.input(field(), { target: { value: 'scholar.google.de' } });
    fireEvent.submit(field().closest('form') as HTMLFormElement);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Not added'));
    expect(screen.queryByText('scholar.google.de')).toBeNull();
  });
});
