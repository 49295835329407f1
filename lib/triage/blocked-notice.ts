/**
 * The on-page notice for a page the site has blocked (a robot check where the results should be, a bot-wall
 * challenge: ScanResult.blocked from lib/adapters/run.ts): one line at the top of the page that says why Paperlane
 * shows nothing, in its own shadow root, the text set as text. No drift warning goes with it: the markup is fine.
 */
const STYLE = `
:host { all: initial; }
.notice { font: 13px/1.4 system-ui, sans-serif; color: #3b2f00; background: #fff4cc; border: 1px solid #e0c060;
  border-radius: 6px; padding: 8px 12px; margin: 8px; display: flex; gap: 12px; align-items: center; }
.notice button { font: inherit; border: 1px solid #c9a640; background: #fff; border-radius: 4px; cursor: pointer; }
`;

/** Shows `message` at the top of `doc`'s body; returns the function that removes it again. */
export function showBlockedNotice(doc: Document, message: string): () => void {
  const host = doc.createElement('paperlane-blocked-notice');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'status');
  const text = doc.createElement('span');
  text.textContent = `Paperlane: ${message}`;
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => host.remove());
  box.append(text, close);
  shadow.append(style, box);
  (doc.body ?? doc.documentElement).prepend(host);
  return () => host.remove();
}
