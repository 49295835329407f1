/**
 * A small Markdown subset rendered straight to Preact nodes, for notes. Nothing is ever parsed as HTML: text
 * becomes text nodes (a `<script>` in a note is shown as the characters `<script>`), and only http(s) links
 * become anchors; any other link target (`javascript:`, `data:`, relative) is shown as its text.
 *
 * Blocks: paragraphs, `#` headings (shown one level below the panel's own), `-`/`*`/`+` and `1.` lists,
 * `>` quotes, fenced code. Inline: `code`, **strong**, *emphasis* / _emphasis_, [text](url), bare URLs.
 */
import { type ComponentChildren, h } from 'preact';

export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const INLINE =
  /`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|\*([^*\s][^*]*)\*|(?<![\p{L}\p{N}])_([^_\s][^_]*)_(?![\p{L}\p{N}])/gu;

function link(href: string | null, children: ComponentChildren, key: number): ComponentChildren {
  if (!href) return children;
  return h('a', { key, href, target: '_blank', rel: 'noopener noreferrer' }, children);
}

export function renderInline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const [, code, strong, label, target, bare, em, em2] = m;
    if (code !== undefined) out.push(h('code', { key: key++ }, code));
    else if (strong !== undefined) out.push(h('strong', { key: key++ }, renderInline(strong)));
    else if (label !== undefined && target !== undefined) out.push(link(safeHref(target), renderInline(label), key++));
    else if (bare !== undefined) out.push(link(safeHref(bare), bare, key++));
    else if (em !== undefined) out.push(h('em', { key: key++ }, renderInline(em)));
    else if (em2 !== undefined) out.push(h('em', { key: key++ }, renderInline(em2)));
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*(```|~~~)/;

/** The note as Preact nodes. */
export function renderMarkdown(source: string): ComponentChildren[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ComponentChildren[] = [];
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trim().startsWith(fence[1] as string))
        code.push(lines[i++] as string);
      i++; // the closing fence (or the end of the note)
      blocks.push(h('pre', { key: key++ }, h('code', null, code.join('\n'))));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      // Notes sit under the paper's own heading: `#` is shown as h3, down to h6.
      const level = Math.min(6, (heading[1] as string).length + 2);
      blocks.push(h(`h${level}`, { key: key++ }, renderInline(heading[2] as string)));
      i++;
      continue;
    }
    const list = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (list) {
      const items: ComponentChildren[] = [];
      while (i < lines.length && list.test(lines[i] as string)) {
        const m = list.exec(lines[i] as string) as RegExpExecArray;
        items.push(h('li', { key: items.length }, renderInline(m[1] as string)));
        i++;
      }
      blocks.push(h(list === BULLET ? 'ul' : 'ol', { key: key++ }, items));
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string))
        quoted.push((QUOTE.exec(lines[i++] as string) as RegExpExecArray)[1] as string);
      blocks.push(h('blockquote', { key: key++ }, renderMarkdown(quoted.join('\n'))));
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] as string).trim() &&
      !FENCE.test(lines[i] as string) &&
      !HEADING.test(lines[i] as string) &&
      !BULLET.test(lines[i] as string) &&
      !NUMBERED.test(lines[i] as string) &&
      !QUOTE.test(lines[i] as string)
    ) {
      para.push((lines[i++] as string).trim());
    }
    blocks.push(h('p', { key: key++ }, renderInline(para.join(' '))));
  }
  return blocks;
}
