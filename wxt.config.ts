import { defineConfig } from 'wxt';
import { DIGEST_MATCHES, OPTIONAL_ORIGINS } from './lib/digest-pages';

// Issue 16: the optional sites' origins are asked for when the person switches a site on. The e2e build lists them
// as required (PAPERLANE_E2E=1): headless Chromium shows a prompt no test can answer, and a granted permission makes
// the same permissions.request resolve at once (BRIEF.md); the prompt itself is unit-tested with a fake browser.
const E2E_SITES = process.env.PAPERLANE_E2E === '1';
// The same for sync (issue 15): the e2e build requires the loopback origin its tests start PouchDB Server on.
const E2E_SYNC = E2E_SITES ? ['http://127.0.0.1/*'] : [];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  vite: () => ({
    // Preact through its automatic JSX runtime; no React compat layer needed.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { sourcemap: false },
  }),
  hooks: {
    // The loader (entrypoints/loader.ts) is an unlisted script named here as the manifest's one content script.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        { matches: DIGEST_MATCHES, js: ['loader.js'], run_at: 'document_idle' },
      ];
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      // The library must never be evicted under storage pressure, nor stop at a quota (issue 19).
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions:
      E2E_SITES && browser !== 'firefox'
        ? [...DIGEST_MATCHES, ...OPTIONAL_ORIGINS, ...E2E_SYNC]
        : [...DIGEST_MATCHES, ...(browser === 'firefox' ? E2E_SYNC : [])],
    // Optional sites (issue 16), asked for when switched on in the settings; and sync (lib/sync): the user's own
    // server, asked for at the moment sync is turned on, for its origin alone.
    ...(browser === 'firefox'
      ? { optional_permissions: [...OPTIONAL_ORIGINS, '*://*/*'] }
      : { optional_host_permissions: [...(E2E_SITES ? [] : OPTIONAL_ORIGINS), '*://*/*'] }),
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'",
    },
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperlane@paperlane.local',
              // 140 (an ESR) is the first release that reads data_collection_permissions; web-ext lint warns below it.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
