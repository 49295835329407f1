import type { LibraryPaper } from '../paper/schema';
import { arxivIdOf, asLibraryPapers, type ExportablePaper, linkOf } from './paper-input';

/** A named group of papers, such as a cluster, in the order to print them. */
export interface PaperGroup {
  name: string;
  paperIds: readonly string[];
}

export interface MarkdownOptions {
  /** Heading of the list. */
  title?: string;
  /** `tag` (a paper under each of its tags), `none`, or groups supplied by the caller (clusters). */
  groupBy?: 'tag' | 'none' | readonly PaperGroup[];
  /** Authors listed before "et al.". */
  maxAuthors?: number;
}

// Characters that would turn page text into links, emphasis, HTML or table cells in a Markdown viewer.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

// Parentheses and spaces would end the link target early.
function linkTarget(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

function item(paper: LibraryPaper, maxAuthors: number): string {
  const link = linkOf(paper);
  const title = escapeMarkdown(paper.title);
  const lines = [`- ${link ? `[${title}](${linkTarget(link)})` : `**${title}**`}`];
  const details: string[] = [];
  if (paper.authors.length) {
    const shown = paper.authors.slice(0, maxAuthors).map(escapeMarkdown).join(', ');
    details.push(paper.authors.length > maxAuthors ? `${shown} et al. (${paper.authors.length} authors)` : shown);
  }
  if (paper.venue) details.push(`*${escapeMarkdown(paper.venue)}*`);
  if (paper.published) details.push(paper.published);
  const arxiv = arxivIdOf(paper);
  if (arxiv) details.push(`arXiv:${arxiv}`);
  if (details.length) lines.push(`  ${details.join(' · ')}`);
  const note = paper.note.trim();
  if (note) lines.push(...note.split(/\r?\n/).map((line) => `  > ${escapeMarkdown(line)}`.trimEnd()));
  return lines.join('\n');
}

function groupsOf(papers: readonly LibraryPaper[], groupBy: MarkdownOptions['groupBy']): PaperGroup[] {
  if (groupBy === undefined || groupBy === 'tag') {
    const byTag = new Map<string, string[]>();
    const untagged: string[] = [];
    for (const paper of papers) {
      if (!paper.tags.length) untagged.push(paper.id);
      for (const tag of paper.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), paper.id]);
    }
    const groups = [...byTag.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, paperIds]) => ({ name, paperIds }));
    return untagged.length ? [...groups, { name: 'Untagged', paperIds: untagged }] : groups;
  }
  if (groupBy === 'none') return [{ name: '', paperIds: papers.map((p) => p.id) }];
  // Papers the supplied groups leave out are still listed, so an export never drops a paper silently.
  const listed = new Set(groupBy.flatMap((g) => g.paperIds));
  const rest = papers.filter((p) => !listed.has(p.id)).map((p) => p.id);
  return rest.length ? [...groupBy, { name: 'Other', paperIds: rest }] : [...groupBy];
}

/** A reading list: a heading per group, then each paper with its link, authors, date and note. */
export function toMarkdown(input: readonly ExportablePaper[], options: MarkdownOptions = {}): string {
  const papers = asLibraryPapers(input);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const maxAuthors = options.maxAuthors ?? 10;
  const out = [`# ${escapeMarkdown(options.title ?? 'Reading list')}`, ''];
  for (const group of groupsOf(papers, options.groupBy)) {
    const members = group.paperIds.map((id) => byId.get(id)).filter((p): p is LibraryPaper => p !== undefined);
    if (!members.length) continue;
    if (group.name) out.push(`## ${escapeMarkdown(group.name)}`, '');
    for (const paper of members) out.push(item(paper, maxAuthors), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
