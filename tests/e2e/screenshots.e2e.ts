/**
 * The README's pictures, taken by the same code as `npm start` (scripts/screenshots.ts) so that they never go stale:
 * `npm run screenshots` runs this file with SCREENSHOTS_DIR=docs; in `npm test` they go to test-output/.
 * Each picture is checked for what it must show before it is kept.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PICTURES, takeScreenshots } from '../../scripts/screenshots';
import { type Harness, launch, OUTPUT_DIR, ROOT } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

/** Width and height of a PNG, from its header. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('screenshots of our own views', () => {
  it('takes every picture, the card close up', async () => {
    const outDir = process.env.SCREENSHOTS_DIR ? resolve(ROOT, process.env.SCREENSHOTS_DIR) : OUTPUT_DIR;
    const { files: written, digest } = await takeScreenshots({
      context: h.context,
      extensionId: h.extensionId,
      outDir,
    });
    expect(written.map((f) => f.slice(outDir.length + 1)).sort()).toEqual(PICTURES.map((p) => `${p.name}.png`).sort());
    // Taken once EVERY card of the Hugging Face page had its strip (the third used to be missing in npm start's).
    expect(digest).toEqual({ cards: 13, strips: 13 });
    const card = pngSize(resolve(outDir, 'card.png'));
    // Close up: one card and its strip, not the page.
    expect(card.height).toBeLessThan(400);
    expect(card.width).toBeLessThanOrEqual(1100);
    expect(h.pageErrors).toEqual([]);
  });
});
