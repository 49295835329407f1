import { OPTIONAL_SITES } from '../digest-pages';

/**
 * The sites Paperlane annotates, as the settings list them (on or off): the two it reads from install, then the
 * optional ones (issue 16), each read only once its origin is granted. Ids are the adapter ids
 * (tests/views/annotated-sites.test.ts checks this list against lib/adapters/registry.ts).
 */
export const ANNOTATED_SITES: readonly { id: string; name: string; optional: boolean }[] = [
  { id: 'huggingface', name: 'Hugging Face Papers', optional: false },
  { id: 'arxiv', name: 'arXiv', optional: false },
  ...OPTIONAL_SITES.map((site) => ({ id: site.id, name: site.name, optional: true })),
];

/**
 * The sites the settings' "Annotate <site>" boxes switch: the two digest sites alone, whose origins are required,
 * so the setting is all there is to them. An optional site has its one switch under "More sites"
 * (components/SiteAccessSettings.tsx), on when its origin is granted and it is not switched off: a box here beside it
 * showed ticked on a fresh install while the site was not readable (issue 16).
 */
export const DIGEST_SITES = ANNOTATED_SITES.filter((site) => !site.optional);
