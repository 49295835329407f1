import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../components/Markdown';

const html = (source: string) => render(<Markdown source={source} />).container.innerHTML;

describe('note Markdown', () => {
  it('renders blocks and inline marks as elements', () => {
    const out = html(
      '# Idea\n\nSee **bold** and *em* and `code`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\nx < y\n```',
    );
    expect(out).toContain('<h3>Idea</h3>');
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toContain('<em>em</em>');
    expect(out).toContain('<code>code</code>');
    expect(out).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(out).toContain('<ol><li>first</li></ol>');
    expect(out).toContain('<blockquote><p>quoted</p></blockquote>');
    expect(out).toContain('<pre><code>x &lt; y</code></pre>');
  });

  it('never turns note text into HTML', () => {
    const out = html('<img src=x onerror=alert(1)> <script>alert(1)</script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;');
  });

  it('links only http(s) URLs', () => {
    const { container } = render(
      <Markdown source="[ok](https://arxiv.org/abs/1) [bad](javascript:alert(1)) [data](data:text/html,x) https://example.org/p." />,
    );
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://arxiv.org/abs/1', 'https://example.org/p']);
    expect(container.textContent).toContain('bad');
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
