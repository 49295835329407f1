/**
 * The popup on a Scholar country host not added yet (issue 16): it offers "Read this Scholar site", which asks for
 * that origin alone in the click, registers the loader and rescans the tab; on any other page it offers nothing.
 * The hooks are the popup's, over a fake browser (lib/permissions/site-access.ts as the popup wires it).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../components/Popup';
import { readScholarHost, type SiteAccessApi, scholarHostToOffer } from '../../lib/permissions/site-access';
import type { PopupHooks } from '../../lib/views/popup-hooks';

afterEach(cleanup);

function fakeBrowser(tabUrl: string) {
  const granted = new Set<string>();
  const calls: string[] = [];
  const api: SiteAccessApi = {
    permissions: {
      request: async ({ origins }) => {
        calls.push(`request ${origins.join(' ')}`);
        for (const o of origins) granted.add(o);
        return true;
      },
      remove: async () => true,
      contains: async ({ origins }) => origins.every((o) => granted.has(o)),
      getAll: async () => ({ origins: [...granted] }),
    },
    scripting: {
      registerContentScripts: async (list) => void calls.push(...list.map((s) => `register ${s.id}`)),
      unregisterContentScripts: async () => {},
      getRegisteredContentScripts: async () => [],
    },
  };
  const hooks: PopupHooks = {
    tabId: async () => 7,
    count: async () => 0,
    theme: async () => 'system',
    // No content script in the tab: the page was loaded before Paperlane could read it.
    summary: async () => {
      throw new Error('no receiver');
    },
    saveAll: async () => 0,
    extract: async () => 0,
    search: async () => [],
    copyBibtex: async () => {},
    openLibrary: async () => {},
    openWelcome: async () => {},
    scholarHostToOffer: async () => scholarHostToOffer(api, tabUrl),
    readScholarHost: (tabId, host) =>
      readScholarHost(api, host, async () => {
        calls.push(`rescan tab ${tabId}`);
      }),
  };
  return { hooks, calls };
}

describe('Popup on a Scholar country host', () => {
  it('offers "Read this Scholar site": asks for that origin alone in the click, registers, rescans the tab', async () => {
    const { hooks, calls } = fakeBrowser('https://scholar.google.de/scholar?q=graphs');
    render(<Popup hooks={hooks} close={vi.fn()} />);
    const button = await screen.findByRole('button', { name: 'Read this Scholar site' });
    expect(screen.getByText('scholar.google.de')).toBeTruthy();
    fireEvent.click(button);
    // In the click's own task.
    expect(calls).toEqual(['request https://scholar.google.de/*']);
    await waitFor(() => expect(screen.getByText('Paperlane now reads scholar.google.de.')).toBeTruthy());
    expect(calls).toEqual([
      'request https://scholar.google.de/*',
      'register paperlane-site-scholar-host-scholar.google.de',
      'rescan tab 7',
    ]);
    expect(screen.queryByRole('button', { name: 'Read this Scholar site' })).toBeNull();
  });

  it('offers nothing on scholar.google.com (the Scholar switch) nor on a page that is not Scholar', async () => {
    for (const url of ['https://scholar.google.com/scholar?q=x', 'https://example.org/scholar']) {
      const { hooks } = fakeBrowser(url);
      render(<Popup hooks={hooks} close={vi.fn()} />);
      await screen.findByText('Extract papers from this page');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(screen.queryByRole('button', { name: 'Read this Scholar site' })).toBeNull();
      cleanup();
    }
  });
});
