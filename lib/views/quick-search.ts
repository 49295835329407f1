/**
 * The popup's quick search: title, author and tag words, saved papers first, eight results. The popup reads the
 * library straight from the database (once, the first time the user types; titles and authors only are kept),
 * never through runtime messaging.
 */
import type { LibraryReader } from '../db/reader';

/** One hit of the quick search, as the popup lists it. */
export type QuickResult = { id: string; title: string; authors: string; saved: boolean; url: string | null };

type Entry = {
  id: string;
  text: string;
  title: string;
  authors: string;
  saved: boolean;
  url: string | null;
  updatedAt: number;
};

export class QuickSearch {
  private entries: Promise<Entry[]> | null = null;

  constructor(private readonly reader: Pick<LibraryReader, 'scan'>) {}

  private load(): Promise<Entry[]> {
    this.entries ??= (async () => {
      const out: Entry[] = [];
      await this.reader.scan((batch) => {
        for (const p of batch) {
          out.push({
            id: p.id,
            text: `${p.title} ${p.authors.join(' ')} ${p.tags.join(' ')}`.toLowerCase(),
            title: p.title,
            authors: p.authors.slice(0, 3).join(', '),
            saved: p.saved,
            url: p.url,
            updatedAt: p.updatedAt,
          });
        }
      });
      return out;
    })();
    return this.entries;
  }

  /** Results for `query`; null when it has no words. */
  async search(query: string, limit = 8): Promise<QuickResult[] | null> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return null;
    const entries = await this.load();
    return entries
      .filter((e) => words.every((w) => e.text.includes(w)))
      .sort((a, b) => Number(b.saved) - Number(a.saved) || b.updatedAt - a.updatedAt)
      .slice(0, limit)
      .map((e) => ({ id: e.id, title: e.title, authors: e.authors, saved: e.saved, url: e.url }));
  }
}
