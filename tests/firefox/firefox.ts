/**
 * Starts Debian's firefox-esr headless in a fresh profile and drives it over WebDriver BiDi, the protocol Firefox
 * speaks natively (Playwright's Firefox is a patched build, so it cannot drive the system one).
 * Every HTTP request the browser makes is intercepted and answered here: nothing reaches the network.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Everything that would make Firefox talk to Mozilla's servers on its own; addresses that must be set point at
 * 127.0.0.1:1, where nothing listens. No extension prefs are needed: webExtension.install loads the unpacked build as
 * a temporary add-on, which needs no signature, and MV2 host permissions are granted at install.
 */
const PREFS: Record<string, string | number | boolean> = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.newtabpage.enabled': false,
  'browser.aboutwelcome.enabled': false,
  // Updates: the browser, its add-ons, system add-ons, search engines, media plugins.
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.update.enabled': false,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': 'http://127.0.0.1:1/',
  'browser.search.update': false,
  'browser.search.geoip.url': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'media.gmp-manager.url': 'http://127.0.0.1:1/',
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-widevinecdm.enabled': false,
  // Telemetry, health report, studies.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': 'http://127.0.0.1:1/',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.topsites.contile.enabled': false,
  'extensions.pocket.enabled': false,
  // Captive portal and connectivity probes.
  'network.captive-portal-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'network.connectivity-service.enabled': false,
  // Remote settings (blocklists, CRLite, intermediates, etc.).
  'services.settings.server': 'http://127.0.0.1:1/',
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  // Safe browsing lists and download checks.
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  // DNS over HTTPS, prefetching, speculative connections, OCSP, geolocation, breach alerts.
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'browser.urlbar.speculativeConnect.enabled': false,
  'security.OCSP.enabled': 0,
  'geo.provider.network.url': '',
  'signon.management.page.breach-alerts.enabled': false,
  'browser.contentblocking.report.monitor.enabled': false,
  // A guard for anything missed above: HTTP(S) goes to a proxy where nothing listens (the intercept answers first).
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 1,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 1,
};

type BidiEvent = { method: string; params: Record<string, unknown> };
type Pending = { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void };

/** The subset of WebSocket used here: the global one (Node ≥ 22, or 20 with --experimental-websocket) or `ws`. */
type Socket = {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'error', listener: () => void): void;
};

async function openSocket(url: string): Promise<Socket> {
  // Node 20 has no global WebSocket without a flag; `ws` is in node_modules (through happy-dom) and speaks the same
  // event interface.
  const Ctor = globalThis.WebSocket ?? (await import('ws')).WebSocket;
  const socket = new Ctor(url) as unknown as Socket & { readyState: number };
  await new Promise<void>((resolve, reject) => {
    const s = socket as unknown as { addEventListener(t: string, l: (e: unknown) => void): void };
    s.addEventListener('open', () => resolve());
    s.addEventListener('error', (event) => reject(new Error(`WebSocket ${url}: ${String(event)}`)));
  });
  return socket;
}

export class Bidi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, ((params: Record<string, unknown>) => void)[]>();

  private constructor(private readonly socket: Socket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data));
      if (typeof message.id === 'number') {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!waiting) return;
        if (message.type === 'error') waiting.reject(new Error(`${message.error}: ${message.message}`));
        else waiting.resolve(message.result);
      } else if (message.type === 'event') {
        const { method, params } = message as BidiEvent;
        for (const listener of this.listeners.get(method) ?? []) listener(params);
      }
    });
    socket.addEventListener('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('BiDi connection closed'));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<Bidi> {
    return new Bidi(await openSocket(url));
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
    });
  }

  on(method: string, listener: (params: Record<string, unknown>) => void): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  close(): void {
    this.socket.close();
  }
}

export type Firefox = { bidi: Bidi; process: ChildProcess; stderr: () => string; close(): Promise<void> };

/** Starts Firefox on a free port, waits for its BiDi endpoint and opens a session. */
export async function launchFirefox(
  timeoutMs = 30_000,
  /** More preferences for this profile (the sync check fixes the add-on's internal UUID). */
  extraPrefs: Record<string, string | number | boolean> = {},
): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'paperlane-firefox-'));
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries({ ...PREFS, ...extraPrefs })
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
      .join(''),
  );
  const child = spawn(FIREFOX, ['--headless', '--no-remote', '--remote-debugging-port=0', '--profile', profile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Release builds ignore services.settings.server unless this is set; without it Firefox resolves
    // firefox.settings.services.mozilla.com at start-up (seen with strace).
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  let log = '';
  let bidi: Bidi | undefined;
  // Interrupted (Ctrl-C, CI timeout): no finally block runs, so kill Firefox and remove the profile here.
  const onSignal = (signal: NodeJS.Signals) => {
    child.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const close = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    try {
      if (bidi) await Promise.race([bidi.send('browser.close'), new Promise((r) => setTimeout(r, 2_000))]);
    } catch {
      // Already gone: the kill below is what counts.
    }
    bidi?.close();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    // Firefox prints "WebDriver BiDi listening on ws://127.0.0.1:<port>" once it is ready.
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no BiDi endpoint after ${timeoutMs} ms:\n${log}`)), timeoutMs);
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`firefox exited with ${code} before listening:\n${log}`));
      });
    });
    bidi = await Bidi.connect(`${endpoint}/session`);
    await bidi.send('session.new', { capabilities: {} });
    return { bidi, process: child, stderr: () => log, close };
  } catch (error) {
    await close();
    throw error;
  }
}
