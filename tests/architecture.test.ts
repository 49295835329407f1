/**
 * The shape of the code (README "Layout", docs/ARCHITECTURE.md), checked on the source itself: which folder may
 * import which, what may call the browser, and that every triage feature and side-panel tab has a test of its own.
 * Imports are read from the text (`import … from`, `export … from`, `import()`); `import type` is left out, as
 * TypeScript erases it and nothing of it reaches a bundle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|tsx)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...walk(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

const FILES = [...walk('lib'), ...walk('components'), ...walk('entrypoints')];
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** What a file imports for its values: repository paths (without extension) or package names. */
function valueImports(file: string, source: string): string[] {
  const specs: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(statement)) {
    const typeOnly = m[2] !== undefined || (/^\{[^}]*\}$/.test(m[3] ?? '') && allTypes(m[3] ?? ''));
    if (!typeOnly) specs.push(m[4] as string);
  }
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) specs.push(m[1] as string);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1] as string);
  return specs.map((spec) => {
    if (spec.startsWith('@/')) return spec.slice(2);
    if (spec.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), spec));
    return spec;
  });
}

function allTypes(braces: string): boolean {
  const names = braces
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

function resolveFile(path: string): string | null {
  for (const candidate of [`${path}.ts`, `${path}.tsx`, join(path, 'index.ts')]) {
    if (existsSync(join(ROOT, candidate))) return candidate;
  }
  return null;
}

/** Every repository file a file reaches through value imports, itself included. */
function reach(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of valueImports(file, text(file))) {
      const found = resolveFile(spec);
      if (found) queue.push(found);
    }
  }
  return seen;
}

/** The files that break a rule, each with what breaks it. */
type Rule = (files: readonly string[], read: (file: string) => string) => string[];

const RULES: Record<string, Rule> = {
  'lib/ never imports components/': (files, read) =>
    files
      .filter((f) => f.startsWith('lib/'))
      .flatMap((f) =>
        valueImportsAll(f, read(f))
          .filter((s) => s.startsWith('components/'))
          .map((s) => `${f} → ${s}`),
      ),
  // The loader is evaluated before the load event on every digest page: wxt/browser there is webextension-polyfill,
  // which took the 14-card arXiv page's load ratio from about 1.04 to 1.10 (bench/results.md, branch pageload).
  'the loader content script imports nothing': (files, read) =>
    files.includes('entrypoints/loader.ts') && /^\s*import\s/m.test(read('entrypoints/loader.ts'))
      ? ['entrypoints/loader.ts has an import']
      : [],
  'no content-script module reaches lib/db': (files) =>
    ['entrypoints/digest-main.ts', 'entrypoints/loader.ts', 'entrypoints/extract.ts']
      .filter((entry) => files.includes(entry))
      .flatMap((entry) => [...reach(entry)].filter((f) => f.startsWith('lib/db/')).map((f) => `${entry} → ${f}`)),
  'an adapter imports no messaging, storage or browser': (files, read) =>
    files
      .filter((f) => f.startsWith('lib/adapters/'))
      .flatMap((f) => {
        const source = read(f);
        const bad = valueImportsAll(f, source).filter((s) =>
          /^(lib\/(messages|db)\/|wxt\/browser|webextension-polyfill|@wxt-dev\/webextension-polyfill|idb$)/.test(s),
        );
        if (/\b(browser|chrome)\.\w+/.test(stripComments(source))) bad.push('browser.*');
        if (/\b(indexedDB|localStorage|sessionStorage)\b/.test(stripComments(source))) bad.push('storage');
        return bad.map((b) => `${f} → ${b}`);
      }),
  'a component calls no browser.*': (files, read) =>
    files
      .filter((f) => f.startsWith('components/'))
      .flatMap((f) => {
        const source = stripComments(read(f));
        const bad = valueImportsAll(f, source).filter((s) => /^(wxt\/browser|webextension-polyfill)/.test(s));
        if (/\b(browser|chrome)\.\w+/.test(source)) bad.push('browser.*');
        return bad.map((b) => `${f} → ${b}`);
      }),
  'every triage feature and side-panel tab has a test of its own': (files) =>
    files.flatMap((f) => {
      const feature = /^lib\/triage\/features\/([\w-]+)\.ts$/.exec(f);
      if (feature) return existsSync(join(ROOT, `tests/triage/features/${feature[1]}.test.ts`)) ? [] : [f];
      const tab = /^components\/(\w+Tab)\.tsx$/.exec(f);
      if (tab) return existsSync(join(ROOT, `tests/components/${tab[1]}.test.tsx`)) ? [] : [f];
      return [];
    }),
};

function valueImportsAll(file: string, source: string): string[] {
  return valueImports(file, source);
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('architecture', () => {
  it.each(Object.keys(RULES))('%s', (name) => {
    const rule = RULES[name] as Rule;
    expect(rule(FILES, text)).toEqual([]);
  });

  it('finds the features and tabs it checks', () => {
    expect(FILES.filter((f) => f.startsWith('lib/triage/features/')).length).toBeGreaterThanOrEqual(11);
    expect(FILES.filter((f) => /^components\/\w+Tab\.tsx$/.test(f)).length).toBe(5);
    expect(reach('entrypoints/digest-main.ts').has('lib/triage/controller.ts')).toBe(true);
  });

  it('sees each rule broken (made-up files)', () => {
    const fake: Record<string, string> = {
      'lib/triage/bad.ts': "import { CardStrip } from '../../components/CardStrip';\n",
      'lib/adapters/bad.ts': "import { ask } from '../messages/transport';\nconst x = browser.runtime.id;\n",
      'components/Bad.tsx': "import { browser } from 'wxt/browser';\nbrowser.tabs.query({});\n",
      'components/UntestedTab.tsx': 'export const UntestedTab = 1;\n',
      'lib/triage/features/untested.ts': 'export const untested = 1;\n',
    };
    const files = Object.keys(fake);
    const read = (f: string) => fake[f] ?? '';
    expect(RULES['lib/ never imports components/']?.(files, read)).toEqual([
      'lib/triage/bad.ts → components/CardStrip',
    ]);
    expect(RULES['an adapter imports no messaging, storage or browser']?.(files, read)).toEqual([
      'lib/adapters/bad.ts → lib/messages/transport',
      'lib/adapters/bad.ts → browser.*',
    ]);
    expect(RULES['a component calls no browser.*']?.(files, read)).toEqual([
      'components/Bad.tsx → wxt/browser',
      'components/Bad.tsx → browser.*',
    ]);
    expect(RULES['every triage feature and side-panel tab has a test of its own']?.(files, read)).toEqual([
      'components/UntestedTab.tsx',
      'lib/triage/features/untested.ts',
    ]);
    // Type-only imports are erased: they break nothing.
    expect(valueImports('lib/x.ts', "import type { A } from './db/a';\nimport { type B } from './db/b';\n")).toEqual(
      [],
    );
  });
});
