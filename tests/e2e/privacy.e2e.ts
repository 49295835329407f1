/**
 * The extension itself makes no network request (issue 8, security posture), and its built manifests and bundles
 * carry no remote code.
 *
 * Every request in the browser is recorded while a user's session runs: the Hugging Face daily and arXiv pages
 * annotated, a paper saved, popup and side panel opened and searched. A request counts against Paperlane when
 *  - the service worker made it (Playwright reports worker requests through `context.on('request')`), or
 *  - a popup or side panel frame made it, or
 *  - a digest page made it with a chrome-extension:// script on its initiator stack (CDP), or
 *  - a digest page made it after the page had loaded and been annotated (the saved page's own assets load before),
 * and its URL is not chrome-extension://. Controls at the end prove the recorder sees each of these contexts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CDPSession, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_MATCHES, OPTIONAL_ORIGINS } from '../../lib/digest-pages';
import { FIXTURES, fixture, type Harness, launch, openExtensionPage, ROOT, waitForStrips } from './harness';

const HF_DAILY = 'huggingface/hf-daily-papers-2024-08-01.html';
const ARXIV_NEW = 'arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html';
const BUILDS = ['chrome-mv3', 'firefox-mv2'] as const;
/**
 * `npm run test:e2e` builds with PAPERLANE_E2E=1 (wxt.config.ts): Chromium's build then requires the optional sites'
 * origins and both require the loopback origin the sync tests start their server on, since no test can answer a
 * permission prompt. .ci/run checks the production build's manifests with this file alone, without the variable.
 */
const E2E_BUILD = process.env.PAPERLANE_E2E === '1';
const E2E_REQUIRED = (build: string) =>
  E2E_BUILD ? [...(build === 'chrome-mv3' ? OPTIONAL_ORIGINS : []), 'http://127.0.0.1/*'] : [];

type Recorded = { url: string; from: string; phase: 'loading' | 'page-asset' | 'after-load' | 'extension' };

let h: Harness;
const recorded: Recorded[] = [];
/** Digest pages still loading their own assets; requests from them are the page's until it is annotated. */
const loading = new Set<Page>();
/**
 * What the saved pages themselves reference (src/href in their markup), plus the favicon the browser asks for: the
 * browser may fetch these late (Chromium asks for the icon after load), and they are the page's, not Paperlane's.
 */
const pageAssets = new Set<string>();
function addPageAssets(file: string): void {
  const { url } = fixture(file);
  pageAssets.add(new URL('/favicon.ico', url).href);
  const html = readFileSync(join(FIXTURES, file), 'utf8');
  for (const m of html.matchAll(/\s(?:src|href)\s*=\s*["']([^"']+)["']/g)) {
    const value = (m[1] ?? '').replaceAll('&amp;', '&');
    if (URL.canParse(value, url)) pageAssets.add(new URL(value, url).href);
  }
}
/** Console messages from extension contexts that tell of a blocked eval (zod's JIT path would log these). */
const cspMessages: string[] = [];

function recordRequest(request: Request): void {
  const url = request.url();
  const worker = request.serviceWorker();
  if (worker) {
    recorded.push({ url, from: `service worker ${worker.url()}`, phase: 'extension' });
    return;
  }
  const frameUrl = request.frame().url();
  if (frameUrl.startsWith('chrome-extension://')) {
    recorded.push({ url, from: frameUrl, phase: 'extension' });
    return;
  }
  const page = request.frame().page();
  if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
  const phase = loading.has(page) ? 'loading' : pageAssets.has(url) ? 'page-asset' : 'after-load';
  recorded.push({ url, from: frameUrl, phase });
}

type Initiator = { url?: string; stack?: CallStack };
type CallStack = { callFrames: { url: string }[]; parent?: CallStack };
function stackUrls(stack: CallStack | undefined): string[] {
  return stack ? [...stack.callFrames.map((f) => f.url), ...stackUrls(stack.parent)] : [];
}

/** Opens a digest fixture with CDP watching who starts each request, and waits for the annotation to finish. */
async function openDigest(file: string): Promise<{ page: Page; cdp: CDPSession }> {
  addPageAssets(file);
  const page = await h.context.newPage();
  loading.add(page);
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (event: { request: { url: string }; initiator: Initiator }) => {
    const by = [event.initiator.url ?? '', ...stackUrls(event.initiator.stack)];
    const script = by.find((u) => u.startsWith('chrome-extension://'));
    if (script) recorded.push({ url: event.request.url, from: `content script ${script}`, phase: 'extension' });
  });
  await page.goto(fixture(file).url, { waitUntil: 'load' });
  await waitForStrips(page, fixture(file).cards);
  loading.delete(page);
  return { page, cdp };
}

const offending = (r: Recorded) =>
  (r.phase === 'after-load' || r.phase === 'extension') && !r.url.startsWith('chrome-extension://');

beforeAll(async () => {
  h = await launch();
  h.context.on('request', recordRequest);
  const watchConsole = (where: string, text: string) => {
    if (/unsafe-eval|Content Security Policy|EvalError/i.test(text)) cspMessages.push(`${where}: ${text}`);
  };
  h.serviceWorker.on('console', (m) => watchConsole('service worker', m.text()));
  h.context.on('page', (page) => page.on('console', (m) => watchConsole(page.url(), m.text())));
});
afterAll(async () => {
  await h?.close();
});

describe('no network request from the extension', () => {
  it('records none while pages are annotated, a paper saved, popup and side panel searched', async () => {
    const hf = await openDigest(HF_DAILY);
    const arxiv = await openDigest(ARXIV_NEW);
    const save = arxiv.page
      .locator('[data-paperlane-id] > paperlane-strip')
      .first()
      .getByRole('button', { name: /Save/ });
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');

    const popup = await openExtensionPage(h, 'popup.html');
    await popup.getByRole('searchbox').fill('heat');
    const panel = await openExtensionPage(h, 'sidepanel.html');
    await panel.getByRole('searchbox').fill('transformer');
    await panel.getByRole('searchbox').fill('');
    // Scrolling shows every card (cards count as seen when on screen): any lazy work would start now.
    for (const { page } of [hf, arxiv]) await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await popup.waitForTimeout(1_500);

    const inPhase = (phase: Recorded['phase']) => recorded.filter((r) => r.phase === phase);
    const schemes = [...new Set(inPhase('extension').map((r) => new URL(r.url).protocol))];
    console.log(
      `privacy: ${recorded.length} requests recorded: ${inPhase('loading').length} by the saved pages while loading, ` +
        `${inPhase('page-asset').length} for the pages' own assets later, ` +
        `${inPhase('after-load').length} by the pages after annotation, ${inPhase('extension').length} by extension ` +
        `contexts (${schemes.join(' ') || 'none'})`,
    );
    expect(recorded.filter(offending)).toEqual([]);
    expect(cspMessages).toEqual([]);
    expect(h.pageErrors).toEqual([]);
    for (const page of [hf.page, arxiv.page, popup, panel]) await page.close();
  });

  it('would see a request from each extension context (controls)', async () => {
    const before = recorded.length;
    const probe = (where: string) => `https://probe.invalid/${where}`;
    await h.serviceWorker.evaluate((url) => fetch(url).catch(() => undefined), probe('service-worker'));
    const popup = await openExtensionPage(h, 'popup.html');
    await popup.evaluate((url) => fetch(url).catch(() => undefined), probe('popup'));
    // The content script's isolated world, found through CDP, fetching after the page was annotated.
    const { page, cdp } = await openDigest(ARXIV_NEW);
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
    expect(world, 'content script world').toBeDefined();
    await cdp.send('Runtime.evaluate', {
      contextId: world?.id,
      expression: `fetch(${JSON.stringify(probe('content-script'))}).catch(() => undefined)`,
      awaitPromise: true,
    });
    // Recorded as the browser reports them: wait for all three probes rather than a fixed time.
    const probes = ['service-worker', 'popup', 'content-script'].map(probe);
    await expect
      .poll(() =>
        recorded
          .slice(before)
          .filter((r) => offending(r) && probes.includes(r.url))
          .map((r) => r.url),
      )
      .toEqual(expect.arrayContaining(probes));
    const seen = recorded.slice(before).filter(offending);
    const from = (url: string) => seen.filter((r) => r.url === url).map((r) => r.from.split(' ')[0]);
    expect(from(probe('service-worker'))).toEqual(['service']);
    expect(from(probe('popup'))[0]).toMatch(/^chrome-extension:\/\/.*\/popup\.html$/);
    expect(from(probe('content-script'))[0]).toBe(fixture(ARXIV_NEW).url);
    await page.close();
    await popup.close();
  });
});

type Manifest = {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
  content_scripts?: { matches: string[] }[];
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
};

function readManifest(build: string): Manifest {
  const file = join(ROOT, '.output', build, 'manifest.json');
  if (!existsSync(file)) throw new Error(`no build in .output/${build}: run "npm run build" (both browsers) first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

function builtScripts(build: string): { file: string; text: string }[] {
  const dir = join(ROOT, '.output', build);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(m?js|html)$/.test(f))
    .map((f) => ({ file: relative(dir, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
}

describe.each(BUILDS)('built %s', (build) => {
  it('has a CSP with only local sources and no eval', () => {
    const manifest = readManifest(build);
    const csp = manifest.content_security_policy;
    const policies = typeof csp === 'string' ? [csp] : [csp?.extension_pages, csp?.sandbox];
    expect(policies[0], 'an explicit extension page policy').toBeTruthy();
    for (const policy of policies.filter((p): p is string => p !== undefined)) {
      for (const directive of policy.split(';').map((d) => d.trim().split(/\s+/))) {
        const [name, ...sources] = directive;
        for (const source of sources) {
          // Only keywords: no hosts, no schemes (https:, data:, blob:), no wildcards, and neither unsafe keyword.
          expect(source, `${name} in ${build}`).toMatch(/^'(self|none)'$/);
        }
      }
    }
  });

  it('asks for the digest sites only', () => {
    const manifest = readManifest(build);
    const isPattern = (p: string) => p.includes('://') || p === '<all_urls>';
    // Firefox MV2 lists host permissions among the API permissions.
    const hosts = [...(manifest.host_permissions ?? []), ...(manifest.permissions ?? []).filter(isPattern)];
    const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches);
    expect(new Set(hosts)).toEqual(new Set([...DIGEST_MATCHES, ...E2E_REQUIRED(build)]));
    // The loader content script; the background injects triage only where isDigestPage says (tests/messages/digest-pages.test.ts).
    expect(new Set(matches)).toEqual(new Set(DIGEST_MATCHES));
    for (const pattern of DIGEST_MATCHES) {
      expect(pattern).toMatch(/^https:\/\/(huggingface\.co|arxiv\.org)\/[a-z]/);
    }
    // Everything else is optional, asked for when the person turns it on: the other listing sites (issue 16) and
    // the sync server's origin (issue 15). Chrome lists them as optional_host_permissions, Firefox MV2 here.
    const optional = [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
    const required = new Set(E2E_REQUIRED(build));
    expect(new Set(optional)).toEqual(new Set([...OPTIONAL_ORIGINS.filter((o) => !required.has(o)), '*://*/*']));
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  // lib/paper/zod.ts, as built: jitless unless Node's `process` is there, which no extension context has.
  const JITLESS_IN_BROWSERS = /jitless:typeof process>`u`\|\|typeof process\.versions\?\.node!=`string`/;

  it('has no eval and loads no remote script', () => {
    const findings: string[] = [];
    const guarded: string[] = [];
    for (const { file, text } of builtScripts(build)) {
      // Any use of eval, the Function constructor (called, or taken into a variable to call later), or a string
      // given to setTimeout/setInterval. Function.prototype uses (Function.call.bind) are not evaluation.
      for (const m of text.matchAll(
        /(?<![.\w$])(eval\s*\(|(?:new\s+)?Function\s*\(|[\w$]+\s*=\s*Function\b(?!\.)|set(?:Timeout|Interval)\s*\(\s*[`'"])/g,
      )) {
        const at = m.index ?? 0;
        const around = text.slice(Math.max(0, at - 120), at + 120);
        // zod 4: the probe `try{return Function(``),!0}` runs only when not jitless, and `compile(){let e=Function`
        // builds a parser only when the probe said yes; lib/paper/zod.ts sets jitless wherever there is no Node
        // `process` (every extension context), so neither runs (the CSP would block it in extension pages, and
        // the console watch above would see it).
        const zodProbe = /jitless\|\|.{0,120}try\{return Function\(``\),!0\}catch\{return!1\}/.test(around);
        const zodCompile = /compile\(\)\{let [\w$]+=Function,[\w$]+=this\?\.content/.test(around);
        if ((zodProbe || zodCompile) && JITLESS_IN_BROWSERS.test(text)) {
          guarded.push(`${file} (zod ${zodProbe ? 'JIT probe' : 'compile'})`);
          continue;
        }
        findings.push(`${file}: …${around.replace(/\s+/g, ' ')}…`);
      }
      // A remote script: importScripts, dynamic import, a script element or its src pointing at http(s).
      for (const m of text.matchAll(
        /importScripts\s*\(|import\s*\(\s*[`'"]https?:|<script[^>]+src\s*=\s*["']?https?:|\.src\s*=\s*[`'"]https?:/g,
      )) {
        const at = m.index ?? 0;
        findings.push(`${file}: …${text.slice(Math.max(0, at - 80), at + 120)}…`);
      }
    }
    console.log(`${build}: Function constructor only behind zod's jitless guard: ${guarded.join(', ')}`);
    expect(findings).toEqual([]);
  });
});
