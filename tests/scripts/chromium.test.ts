/**
 * The browser search order of scripts/chromium.ts, on a fake PATH of real files in a temporary folder (executable
 * or not), and with a fake file system for Debian's path, which a test cannot create.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  DEBIAN_CHROMIUM,
  findChromium,
  isExecutableFile,
  missingChromiumMessage,
} from '../../scripts/chromium';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'paperlane-chromium-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeBinary(dir: string, name: string, mode = 0o755): string {
  mkdirSync(join(root, dir), { recursive: true });
  const path = join(root, dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

/** The real file system, except that Debian's path exists only when `debian` says so. */
function fileSystem(debian: boolean) {
  return (path: string) => {
    if (path === DEBIAN_CHROMIUM) return debian;
    return path.startsWith(root) && isExecutableFile(path);
  };
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, before Debian and the PATH', () => {
    const own = fakeBinary('own', 'my-chromium');
    const onPath = fakeBinary('bin', 'google-chrome');
    const found = findChromium({
      env: { CHROMIUM_PATH: own, PATH: join(root, 'bin') },
      isExecutable: fileSystem(true),
    });
    expect(found).toEqual({ path: own, source: 'CHROMIUM_PATH' });
    expect(onPath).not.toBe(own);
  });

  it('reports a CHROMIUM_PATH that is not there rather than launching another browser', () => {
    const found = findChromium({ env: { CHROMIUM_PATH: join(root, 'nothing') }, isExecutable: fileSystem(true) });
    expect(found).toEqual({ missing: join(root, 'nothing') });
    expect(missingChromiumMessage(found as { missing: string })).toContain(`CHROMIUM_PATH is ${join(root, 'nothing')}`);
  });

  it('takes Debian /usr/bin/chromium before anything on the PATH', () => {
    fakeBinary('bin', 'chromium-browser');
    const found = findChromium({ env: { PATH: join(root, 'bin') }, isExecutable: fileSystem(true) });
    expect(found).toEqual({ path: DEBIAN_CHROMIUM, source: 'debian' });
  });

  it('then chromium-browser, google-chrome, google-chrome-stable on the PATH, in that order of names', () => {
    const stable = fakeBinary('a', 'google-chrome-stable');
    const chrome = fakeBinary('b', 'google-chrome');
    const ubuntu = fakeBinary('c', 'chromium-browser');
    const path = [join(root, 'a'), join(root, 'b'), join(root, 'c')].join(delimiter);
    const search = (PATH: string) => findChromium({ env: { PATH }, isExecutable: fileSystem(false) });
    // The name decides before the folder: chromium-browser in the last folder beats google-chrome in the first.
    expect(search(path)).toEqual({ path: ubuntu, source: 'PATH' });
    rmSync(ubuntu);
    expect(search(path)).toEqual({ path: chrome, source: 'PATH' });
    rmSync(chrome);
    expect(search(path)).toEqual({ path: stable, source: 'PATH' });
  });

  it('passes over a file on the PATH that is not executable, and folders of that name', () => {
    fakeBinary('a', 'chromium-browser', 0o644);
    mkdirSync(join(root, 'b', 'google-chrome'), { recursive: true });
    const stable = fakeBinary('c', 'google-chrome-stable');
    const PATH = [join(root, 'a'), join(root, 'b'), join(root, 'c')].join(delimiter);
    expect(findChromium({ env: { PATH }, isExecutable: fileSystem(false) })).toEqual({ path: stable, source: 'PATH' });
  });

  it('finds nothing on an empty PATH without Debian, and says exactly what to install', () => {
    fakeBinary('bin', 'chromium'); // Debian's name, but only /usr/bin/chromium is looked for by that name
    const found = findChromium({ env: { PATH: join(root, 'bin') }, isExecutable: fileSystem(false) });
    expect(found).toBeNull();
    const message = missingChromiumMessage(null, 'npm start');
    expect(message).toContain('sudo apt-get install -y chromium');
    expect(message).toContain('chromium-browser, google-chrome, google-chrome-stable');
    expect(() => chromiumPath('npm start', { env: { PATH: '' }, isExecutable: () => false })).toThrow(
      /npm start needs Chromium/,
    );
  });
});
