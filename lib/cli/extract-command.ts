/**
 * `npm run -s cli -- extract <file.html> --url <page url> [--generic]`: a saved page read by exactly the
 * content script's code path (`scanPage`), printed as JSON. linkedom stands in for the browser's DOM.
 */
import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { adapterForUrl } from '../adapters/registry';
import { scanPage } from '../adapters/run';
import { errorMessage } from '../errors';
import { decodePage } from './decode';

const USAGE = 'npm run -s cli -- extract <file.html> --url <page url> [--generic]';

export async function run(args: string[]): Promise<number> {
  let file: string | null = null;
  let url: string | null = null;
  let forceGeneric = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--url') {
      url = args[i + 1] ?? null;
      i++;
    } else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg === '--generic') forceGeneric = true;
    else if (arg.startsWith('--')) {
      process.stderr.write(`extract: unknown option ${arg}\nusage: ${USAGE}\n`);
      return 2;
    } else if (file === null) file = arg;
    else {
      process.stderr.write(`extract: one file at a time (got "${file}" and "${arg}")\nusage: ${USAGE}\n`);
      return 2;
    }
  }
  if (!file || !url) {
    process.stderr.write(`extract: ${file ? 'missing --url <page url>' : 'missing <file.html>'}\nusage: ${USAGE}\n`);
    return 2;
  }
  try {
    new URL(url);
  } catch {
    process.stderr.write(`extract: --url must be an absolute URL, got "${url}"\nusage: ${USAGE}\n`);
    return 2;
  }
  let html: string;
  try {
    html = decodePage(await readFile(file));
  } catch (error) {
    const reason = errorMessage(error);
    process.stderr.write(`extract: cannot read ${file}: ${reason}\n`);
    return 1;
  }
  const { document } = parseHTML(html);
  // Where no site adapter is for the URL, the generic extractor reads the page, as the popup's on-demand scan does.
  const result = scanPage(document, url, { generic: forceGeneric || adapterForUrl(url) === null });
  const output = {
    adapter: result.adapter,
    kind: result.kind,
    papers: result.cards.map((card) => card.record),
    failures: result.failures,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  // A robot check or challenge page: the reason goes to the person, the JSON stays the same shape.
  if (result.blocked) process.stderr.write(`extract: blocked: ${result.blocked}\n`);
  return 0;
}
