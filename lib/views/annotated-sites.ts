import { OPTIONAL_SITES } from '../digest-pages';

/**
 * The sites Paperlane annotates, as the settings list them (on or off): the two it reads from install, then the
 * optional ones (issue 16), each read only once its origin is granted. Ids are the adapter ids
 * (tests/views/annotated-sites.test.ts checks this list against lib/adapters/registry.ts).
 */
export const ANNOTATED_SITES: readonly { id: string; name: string }[] = [
  { id: 'huggingface', name: 'Hugging Face Papers' },
  { id: 'arxiv', name: 'arXiv' },
  ...OPTIONAL_SITES.map((site) => ({ id: site.id, name: site.name })),
];
