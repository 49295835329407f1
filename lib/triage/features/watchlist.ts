/**
 * Watchlist: every card that names a followed author or keyword says so in its strip ("Follows: Y. LeCun",
 * "Keyword: diffusion"); the strip's Follow control follows one of the card's authors; the toolbar's filter shows
 * only the matching cards. Matching runs here, on the page's own records, against the watchlist in the settings,
 * so a follow in any tab or in the side panel reaches this page with the settings broadcast.
 */
import type { SettingsEdit } from '../../watchlist/schema';
import {
  type CompiledWatchlist,
  compileWatchlist,
  hasMatch,
  matchWatchlist,
  type WatchMatch,
} from '../../watchlist/watchlist';
import type { Feature } from '../manager';
import type { Card } from '../page';

export function watchlist(): Feature {
  return {
    id: 'watchlist',
    start({ page, signal, fail }) {
      let key = '';
      let compiled: CompiledWatchlist = compileWatchlist({ authors: [], keywords: [] });
      let matches = new Map<Card, WatchMatch | null>();
      let only = false;
      const current = () => {
        const next = JSON.stringify(page.settings.watchlist);
        if (next !== key) {
          key = next;
          compiled = compileWatchlist(page.settings.watchlist);
          matches = new Map();
        }
        return compiled;
      };
      const matchOf = (card: Card): WatchMatch | null => {
        const list = current();
        if (list.authors.length === 0 && list.keywords.length === 0) return null;
        let found = matches.get(card);
        if (found === undefined) {
          const match = matchWatchlist(list, card.record);
          found = hasMatch(match) ? match : null;
          matches.set(card, found);
        }
        return found;
      };
      const edit = async (change: SettingsEdit) => {
        try {
          page.setSettings(await page.ask('settings/edit', change));
        } catch (error) {
          fail(error);
        }
      };
      page.addStripPart((card) => {
        const watch = matchOf(card);
        return {
          state: { watch, authors: card.record.authors },
          actions: {
            follow: (name) => void edit({ op: 'follow', kind: 'author', entry: name }),
            unfollow: (entry) => void edit({ op: 'unfollow', kind: 'author', entry }),
          },
          hidden: only && watch === null,
        };
      }, signal);
      page.addToolbarPart(() => {
        const list = current();
        const empty = list.authors.length === 0 && list.keywords.length === 0;
        return {
          state: {
            watch: empty ? null : { only, matching: page.uniqueCards().filter((c) => matchOf(c) !== null).length },
          },
          actions: {
            toggleWatchOnly: () => {
              only = !only;
              page.redrawAll();
            },
          },
        };
      }, signal);
    },
  };
}
