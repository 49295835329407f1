import { browser } from 'wxt/browser';
import { PaperRecord } from '../paper/schema';
import { z } from '../paper/zod';

const Extraction = z.object({ records: z.array(PaperRecord), failures: z.number().int() });

/**
 * Runs the generic extractor in a tab the user pointed at (activeTab grants access for this one action)
 * and returns the papers it found, validated again on this side.
 */
export async function extractFromTab(tabId: number): Promise<z.infer<typeof Extraction>> {
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: ['/extract.js'] });
  const parsed = Extraction.safeParse(injection?.result);
  if (!parsed.success) throw new Error('Paperlane could not read this page.');
  return parsed.data;
}
