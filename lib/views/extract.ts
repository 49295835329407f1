import { browser } from 'wxt/browser';
import { PaperRecord } from '../paper/schema';
import { z } from '../paper/zod';
import { markMathSources } from './math-sources';

const Extraction = z.object({ records: z.array(PaperRecord), failures: z.number().int() });

/**
 * Runs the generic extractor in a tab the user pointed at (activeTab grants access for this one action)
 * and returns the papers it found, validated again on this side.
 */
export async function extractFromTab(tabId: number): Promise<z.infer<typeof Extraction>> {
  let injection: { result?: unknown } | undefined;
  try {
    await markMathSources({ tabId });
    [injection] = await browser.scripting.executeScript({ target: { tabId }, files: ['/extract.js'] });
  } catch (error) {
    // Chrome: "Cannot access contents of the page…"; Firefox: "Missing host permission for the tab".
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Paperlane may read this page only when you ask from it: open Paperlane's popup on the page and click ` +
        `"Extract papers from this page" (browser pages and the web store cannot be read at all). (${detail})`,
    );
  }
  const parsed = Extraction.safeParse(injection?.result);
  if (!parsed.success) throw new Error('Paperlane could not read this page.');
  return parsed.data;
}
