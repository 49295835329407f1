/**
 * `npm run -s cli -- <command>`: the extension's own lib/ code, run in Node.
 * Each command lives in its own module and exports `run(args): Promise<number>` (the exit code).
 */
type Command = { summary: string; usage: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  // (commands are added here, one line each)
  cluster: {
    summary: 'group papers of a JSON Lines file into topic clusters (k chosen automatically unless --k)',
    usage: 'cluster <papers.jsonl[.gz]> [--k N] [--seed S]',
    load: () => import('./cluster'),
  },
  rank: {
    summary: 'score candidate papers against a library (dismissed rows negative, the rest positive)',
    usage: 'rank <library.jsonl[.gz]> <candidates.jsonl[.gz]>',
    load: () => import('./rank'),
  },
  export: {
    summary:
      'write a backup or JSON Lines of paper records as BibTeX, BibLaTeX, RIS, CSL-JSON, CSV, Markdown or a backup',
    usage: 'export <file> --format bibtex|biblatex|ris|csl-json|csv|markdown|backup',
    load: () => import('./export'),
  },
  import: {
    summary: 'validate a backup, BibTeX, RIS, CSL-JSON or JSONL file and report what importing it would change',
    usage: 'import <file> --dry-run [--into <backup.json>] [--replace]',
    load: () => import('./import'),
  },
  sync: {
    summary: 'merge a backup with a CouchDB library (end-to-end encrypted) both ways and write the merged backup',
    usage: 'sync <backup.json> --remote <url> [--user U] [--passphrase-file F] [--password-file P]',
    load: () => import('./sync'),
  },
  extract: {
    summary: 'print the papers a saved page holds, as the extension reads them',
    usage: 'extract <file.html> --url <page url> [--generic]',
    load: () => import('./extract'),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length), 4);
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  usage: ${c.usage}`,
  );
  return [
    "Paperlane command line: the extension's own code, run in Node.",
    '',
    'usage: npm run -s cli -- <command> [options]',
    '',
    'commands:',
    ...(lines.length ? lines : ['  (none yet)']),
    '',
    'npm run -s cli -- --help   this text',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(
      `paperlane: unknown command "${name}". Known commands: ${Object.keys(COMMANDS).join(', ') || 'none'}.\nRun "npm run -s cli -- --help" for usage.\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${name}: ${command.summary}\nusage: ${command.usage}\n`);
    return 0;
  }
  const module = await command.load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`paperlane: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
