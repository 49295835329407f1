import { browser } from 'wxt/browser';

type ChromeSidePanel = { open(options: { windowId: number }): Promise<void> };
type FirefoxSidebar = { open(): Promise<void> };

/**
 * Opens the library: Chrome's side panel, Firefox's sidebar. Must run in a user gesture (a click in the popup),
 * which is why the popup calls it directly rather than asking the background.
 */
export async function openLibraryView(): Promise<void> {
  const g = globalThis as { chrome?: { sidePanel?: ChromeSidePanel } };
  const sidebar = (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;
  if (sidebar) return sidebar.open();
  const sidePanel = g.chrome?.sidePanel;
  if (sidePanel) {
    const window = await browser.windows.getCurrent();
    if (window.id === undefined) throw new Error('No browser window to open the side panel in.');
    return sidePanel.open({ windowId: window.id });
  }
  // Neither API (an old browser): the library in a tab still works.
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}
