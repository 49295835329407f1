/**
 * The digest pages Paperlane annotates. These patterns are the manifest's host permissions and the content
 * script's matches, and nothing else: any other page is read only when the user asks (activeTab).
 * Chrome matches the path pattern against path and query, so `papers*` covers `/papers?date=…` and `/papers/<id>`.
 */
export const DIGEST_MATCHES = [
  'https://huggingface.co/papers*',
  'https://arxiv.org/list/*',
  'https://arxiv.org/search/*',
  'https://arxiv.org/abs/*',
  'https://arxiv.org/catchup*',
];
