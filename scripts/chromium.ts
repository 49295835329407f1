/**
 * Where the Chromium that `npm start`, `npm test` (require-chromium.ts and the e2e harness) and the benchmarks drive
 * is found, in one place: `CHROMIUM_PATH` when set, then Debian's /usr/bin/chromium, then `chromium-browser`,
 * `google-chrome` and `google-chrome-stable` on the PATH (Ubuntu's and Google's names). Paperlane never downloads a
 * browser: when none is there, `MISSING_CHROMIUM` says what to install.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const PATH_NAMES = ['chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

export type ChromiumSearch = {
  env?: Record<string, string | undefined>;
  /** Whether `path` is an executable file; the real file system unless a test passes its own. */
  isExecutable?: (path: string) => boolean;
};

export type ChromiumFound = { path: string; source: 'CHROMIUM_PATH' | 'debian' | 'PATH' };

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch, or null. A CHROMIUM_PATH that names nothing is not passed over silently: it is returned
 * as found = false so that the message can say the variable is wrong rather than launch some other browser.
 */
export function findChromium(search: ChromiumSearch = {}): ChromiumFound | { missing: string } | null {
  const env = search.env ?? process.env;
  const isExecutable = search.isExecutable ?? isExecutableFile;
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) return isExecutable(explicit) ? { path: explicit, source: 'CHROMIUM_PATH' } : { missing: explicit };
  if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'debian' };
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return { path, source: 'PATH' };
    }
  }
  return null;
}

/** What to tell a person whose machine has no Chromium we can use. */
export function missingChromiumMessage(result: { missing: string } | null, needs = 'Paperlane'): string {
  const install =
    "Install Debian's package:  sudo apt-get install -y chromium\n" +
    '(Ubuntu: sudo apt-get install -y chromium-browser; or Google Chrome), or point CHROMIUM_PATH at a Chromium ' +
    'binary. Paperlane never downloads a browser.';
  if (result)
    return `${needs} needs Chromium: CHROMIUM_PATH is ${result.missing}, which is not an executable file.\n${install}`;
  return (
    `${needs} needs Chromium, and none was found: not CHROMIUM_PATH, not ${DEBIAN_CHROMIUM}, ` +
    `not ${PATH_NAMES.join(', ')} on the PATH.\n${install}`
  );
}

/** The browser's path; throws with `missingChromiumMessage` when there is none. */
export function chromiumPath(needs?: string, search?: ChromiumSearch): string {
  const found = findChromium(search);
  if (found && 'path' in found) return found.path;
  throw new Error(missingChromiumMessage(found, needs));
}
