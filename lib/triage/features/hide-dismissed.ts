/** "Hide dismissed": cards the reader marked not interested disappear from the page (a setting, kept). */
import type { Feature } from '../manager';

export function hideDismissed(): Feature {
  return {
    id: 'hide-dismissed',
    start({ page, signal }) {
      const toggle = async () => {
        const hide = !page.settings.hideDismissed;
        page.setSettings({ ...page.settings, hideDismissed: hide });
        await page.ask('settings/update', { hideDismissed: hide }).catch(() => {});
      };
      page.addStripPart(
        (card) => ({
          hidden: page.settings.hideDismissed && page.stateOf(card)?.status === 'dismissed',
        }),
        signal,
      );
      page.addToolbarPart(
        () => ({
          state: { hideDismissed: page.settings.hideDismissed },
          actions: { toggleHideDismissed: () => void toggle() },
        }),
        signal,
      );
    },
  };
}
