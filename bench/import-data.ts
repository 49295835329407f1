/**
 * A large BibTeX library for bench/import.bench.ts: 90,000 entries, about 50 MB, in the layout Zotero and Better
 * BibTeX write (articles with DOIs, arXiv preprints, books and chapters without any identifier, theses, TeX accents,
 * braced corporate authors, `@string` journals, long abstracts). Deterministic: the same seed gives the same bytes.
 */

const WORDS =
  'learning neural network graph sparse attention model transformer quantum spin lattice protein folding causal inference robust estimation bayesian optimisation kernel manifold stochastic gradient convex dual theory analysis deep reinforcement policy language vision segmentation diffusion generative adversarial flow energy entropy'.split(
    ' ',
  );
const FAMILIES = [
  'Smith',
  'M{\\"u}ller',
  "Garc{\\'\\i}a",
  'van den Berg',
  'Nakamura',
  'D\\textquotesingle Aspremont',
  "Mart{\\' i}nez",
  'Zhang',
  '{\\O}stergaard',
  'Kowalski',
  'Ng',
  'de la Cruz',
];
const GIVENS = ['Ada', 'Alan', 'Grace', 'J.', "Mar{\\'\\i}a", 'Wei', 'Søren', 'Ana', 'Charles', 'Yuki'];
const JOURNALS = ['nature', 'science', 'jmlr', 'prl', 'neurips'];

function* random(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

export function largeBibtex(entries = 90_000, seed = 1): string {
  const r = random(seed);
  const next = () => r.next().value as number;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const parts: string[] = [
    '% Encoding: UTF-8\n',
    '@string{nature = "Nature"}\n@string{science = "Science"}\n@string{jmlr = "Journal of Machine Learning Research"}\n',
    '@string{prl = "Physical Review Letters"}\n@string{neurips = "Advances in Neural Information Processing Systems"}\n\n',
  ];
  for (let i = 0; i < entries; i++) {
    const year = 1990 + Math.floor(next() * 35);
    const authorCount = 1 + Math.floor(next() * 6);
    const authors = Array.from({ length: authorCount }, () => `${pick(FAMILIES)}, ${pick(GIVENS)}`);
    if (next() < 0.03) authors.push('{World Health Organization}');
    const title = `${words(1).replace(/^./, (c) => c.toUpperCase())} {BERT} ${words(4 + Math.floor(next() * 8))} ${i}`;
    const abstract = words(22 + Math.floor(next() * 20));
    const kind = next();
    const key = `${authors[0]
      ?.replace(/[^A-Za-z]/g, '')
      .slice(0, 12)
      .toLowerCase()}${year}${i}`;
    let body: string;
    if (kind < 0.45) {
      body = `@article{${key},\n  title = {${title}},\n  author = {${authors.join(' and ')}},\n  journal = ${pick(JOURNALS)},\n  volume = {${1 + Math.floor(next() * 90)}},\n  pages = {${1 + (i % 900)}--${20 + (i % 900)}},\n  year = {${year}},\n  doi = {10.${1000 + (i % 9000)}/bench.${i}},\n  abstract = {${abstract}},\n  keywords = {${words(1)}, ${words(2)}}\n}\n`;
    } else if (kind < 0.7) {
      const id = `${String(year % 100).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}.${String(10000 + (i % 90000)).padStart(5, '0')}`;
      body = `@misc{${key},\n  title = {${title}},\n  author = {${authors.join(' and ')}},\n  year = {${year}},\n  eprint = {${id}},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},\n  url = {https://arxiv.org/abs/${id}},\n  abstract = {${abstract}}\n}\n`;
    } else if (kind < 0.85) {
      body = `@book{${key},\n  title = {${title}},\n  author = {${authors.join(' and ')}},\n  publisher = {Springer},\n  address = {Berlin},\n  year = {${year}},\n  isbn = {978-3-${String(100000 + (i % 900000))}-${i % 10}},\n  abstract = {${abstract}}\n}\n`;
    } else {
      body = `@inproceedings{${key},\n  title = "${title}",\n  author = "${authors.join(' and ')}",\n  booktitle = {Proceedings of the ${1 + (i % 40)}th Conference on ${words(2)}},\n  year = ${year},\n  month = jun,\n  pages = {${i % 400}--${(i % 400) + 9}},\n  abstract = {${abstract}}\n}\n`;
    }
    parts.push(body, '\n');
  }
  return parts.join('');
}
