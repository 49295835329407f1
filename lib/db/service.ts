/**
 * The library as a service: protocol messages bound to the one Library the background owns.
 */

import { clusterPapers } from '../cluster/cluster';
import { toBibtex } from '../export/bibtex';
import type { BackgroundProtocol, ParsedRequestOf, ResponseOf } from '../messages/protocol';
import { applySettingsEdit } from '../watchlist/edit';
import type { Insights } from './insights';
import type { Library } from './library';

type Bg = typeof BackgroundProtocol;
type Handler<K extends keyof Bg> = (request: ParsedRequestOf<Bg, K>) => Promise<ResponseOf<Bg, K>>;
export type LibraryHandlers = { [K in keyof Bg]?: Handler<K> };

export function libraryHandlers(library: () => Promise<Library>, insights?: Insights): LibraryHandlers {
  return {
    'page/canScore': async () => (insights ? insights.canScore() : false),
    'page/relevance': async ({ papers }) => (insights ? insights.relevance(papers) : []),
    // A digest page's cards (tens to hundreds) cluster in well under a second: done here, off the page.
    'page/cluster': async ({ papers, k }) => {
      const result = clusterPapers(papers, { seed: 1, ...(k === undefined ? {} : { k: Math.min(k, papers.length) }) });
      return { clusters: result.clusters.map(({ label, terms, size, members }) => ({ label, terms, size, members })) };
    },
    'library/suggestTags': async ({ paper, count }) => (insights ? insights.suggestTags(paper, count) : []),
    'page/cardsSeen': async ({ records }) => ({ ids: await (await library()).recordSightings(records) }),
    'page/open': async ({ ids, keys, pageKey }) => (await library()).openPage(ids, pageKey, keys),
    // The stored paper when there is one (it may know a journal DOI or the full author list), else the card.
    'library/bibtex': async ({ records }) => {
      const lib = await library();
      const papers = await Promise.all(records.map(async (record) => (await lib.getPaper(record.id)) ?? record));
      return { bibtex: toBibtex(papers) };
    },
    'page/getStates': async ({ ids, keys }) => (await library()).getStates(ids, keys),
    // Each mutation's undo data stays here under a token: the view gets the ticket (ids and token) alone.
    'library/save': async ({ records, tags }) => {
      const lib = await library();
      return lib.savePapersKeepingUndo(records, tags ? { tags } : {});
    },
    'library/updateFromRecords': async ({ records, change }) => {
      const lib = await library();
      return lib.keepUndo(await lib.updateFromRecords(records, change));
    },
    'library/update': async ({ ids, change }) => {
      const lib = await library();
      return lib.keepUndo(await lib.updatePapers(ids, change));
    },
    'library/delete': async ({ ids }) => {
      const lib = await library();
      return lib.keepUndo(await lib.deletePapers(ids));
    },
    'library/restore': async ({ tokens }) => {
      await (await library()).restoreTokens(tokens);
      return null;
    },
    'library/get': async ({ id }) => {
      const lib = await library();
      const [paper, sightings] = await Promise.all([lib.getPaper(id), lib.getSightings(id)]);
      return { paper: paper ?? null, sightings };
    },
    'library/tags': async () => (await library()).listTags(),
    'library/renameTag': async ({ from, to }) => {
      await (await library()).renameTag(from, to);
      return null;
    },
    'library/deleteTag': async ({ name }) => {
      await (await library()).deleteTag(name);
      return null;
    },
    'library/setTagColor': async ({ name, color }) => {
      await (await library()).setTagColor(name, color);
      return null;
    },
    'library/replace': async (contents) => {
      await (await library()).replaceContents(contents);
      return null;
    },
    'settings/get': async () => (await library()).getSettings(),
    'settings/update': async (patch) => (await library()).updateSettings(patch),
    'settings/edit': async (edit) => (await library()).editSettings((current) => applySettingsEdit(current, edit)),
    'library/profile': async () => (insights ? insights.profile() : { terms: [], authors: [] }),
  };
}
