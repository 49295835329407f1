/** A note rendered from Markdown as Preact nodes (never as HTML): see lib/views/note-markdown.ts. */
import { renderMarkdown } from '../lib/views/note-markdown';

export function Markdown(props: { source: string }) {
  return <div class="markdown">{renderMarkdown(props.source)}</div>;
}
