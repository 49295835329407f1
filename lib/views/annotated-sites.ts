/**
 * The sites Paperlane annotates, as the settings list them (on or off). Ids are the adapter ids
 * (tests/views/annotated-sites.test.ts checks this list against lib/adapters/registry.ts).
 */
export const ANNOTATED_SITES: readonly { id: string; name: string }[] = [
  { id: 'huggingface', name: 'Hugging Face Papers' },
  { id: 'arxiv', name: 'arXiv' },
];
