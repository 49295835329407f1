// Fails early, with the fix, when the browser the end-to-end tests drive is missing.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `Paperlane's browser tests need Chromium at ${path}, and it is not there.\n` +
      "Install Debian's package:  sudo apt-get install -y chromium\n" +
      '(or point CHROMIUM_PATH at another Chromium binary). Paperlane never downloads a browser.',
  );
  process.exit(1);
}
