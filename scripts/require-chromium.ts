// Fails early, with the fix, when the browser the end-to-end tests drive is missing (search order: scripts/chromium.ts).
import { findChromium, missingChromiumMessage } from './chromium';

const found = findChromium();
if (found && 'path' in found) {
  if (found.source !== 'debian') console.log(`Chromium for the browser tests: ${found.path} (from ${found.source})`);
} else {
  console.error(missingChromiumMessage(found, "Paperlane's browser tests"));
  process.exit(1);
}
