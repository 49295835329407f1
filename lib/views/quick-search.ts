import type { QuickResult } from '../../components/PopupView';
import { ask } from '../messages/transport';

/** The popup's quick search: title and author words, saved papers first, eight results. */
export async function quickSearch(query: string): Promise<QuickResult[] | null> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const papers = await ask('library/list', null);
  return papers
    .filter((p) => {
      const text = `${p.title} ${p.authors.join(' ')} ${p.tags.join(' ')}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => Number(b.saved) - Number(a.saved) || b.updatedAt - a.updatedAt)
    .slice(0, 8)
    .map((p) => ({ id: p.id, title: p.title, authors: p.authors.slice(0, 3).join(', '), saved: p.saved, url: p.url }));
}
