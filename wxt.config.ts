import { defineConfig } from 'wxt';
import { DIGEST_MATCHES } from './lib/sites';

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
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: DIGEST_MATCHES,
    // Sync (lib/sync): the user's own server, asked for at the moment sync is turned on, for its origin alone.
    ...(browser === 'firefox' ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
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
