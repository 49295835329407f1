/**
 * Typeset mathematics: a record's title and abstract are the text as the server wrote it, whatever MathJax 2,
 * MathJax 3 or KaTeX did to the page (../shared/SITES.md, "arXiv pages after MathJax").
 *
 * The page-wide checks typeset the real saved arXiv pages here with `typesetLikeMathJax2`, which makes the DOM
 * changes MathJax 2.7's tex2jax and HTML-CSS output make (the markup was read off mathjax@2.7.9 typesetting these
 * pages in Chromium; tests/e2e/mathjax.e2e.ts runs the real library on them).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineOf, textOf } from '@/lib/adapters/dom';
import { scanPage } from '@/lib/adapters/run';
import { copyMathJaxSources } from '@/lib/views/math-sources';
import { parse, records, scanHtml } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');

/** MathJax 2 after typesetting `Ga$_2$O$_3$`: preview, rendered glyphs, then the source script. */
const MJ2_INLINE =
  'Ga<span class="MathJax_Preview" style=""></span><span class="MathJax" id="MathJax-Element-1-Frame" tabindex="0">' +
  '<nobr><span class="math" id="MathJax-Span-1"><span><span><span class="mrow"><span class="msubsup">' +
  '<span class="mn" style="font-family: MathJax_Main;">2</span></span></span></span></span></span></nobr></span>' +
  '<script type="math/tex" id="MathJax-Element-1">_2</script>O<span class="MathJax_Preview"></span>' +
  '<span class="MathJax_CHTML"><span class="mjx-chtml">3</span></span><script type="math/tex">_3</script> interfaces';

describe('text of typeset formulas', () => {
  it('reads MathJax 2 formulas from their source, never the glyphs', () => {
    const doc = parse(`<p id="t">${MJ2_INLINE}</p>`);
    expect(lineOf(doc.getElementById('t'))).toBe('Ga$_2$O$_3$ interfaces');
  });

  it('writes display math between $$, and leaves out every MathJax 2 output jax', () => {
    const doc = parse(
      '<div id="t">Let <div class="MathJax_Display"><span class="MathJax_SVG">∑ glyphs</span></div>' +
        '<script type="math/tex; mode=display">\\sum_i x_i</script> hold, ' +
        '<span class="MathJax_SVG">α</span><span class="MJX_Assistive_MathML"><math><mi>α</mi></math></span>' +
        '<script type="math/tex">\\alpha</script> too.</div>',
    );
    expect(textOf(doc.getElementById('t'))).toBe('Let $$\\sum_i x_i$$ hold, $\\alpha$ too.');
  });

  it('keeps the TeX of a formula MathJax 2 has found but not yet typeset (preview showing)', () => {
    const doc = parse(
      '<p id="t">the <span class="MathJax_Preview">H_0</span><script type="math/tex">H_0</script> tension</p>',
    );
    expect(lineOf(doc.getElementById('t'))).toBe('the $H_0$ tension');
  });

  it('reads MathJax 3 formulas from the source copied onto their container, and drops them without one', () => {
    const doc = parse(
      '<p id="a">from the <mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML" data-paperlane-tex="\\(Φ-\\)">' +
        '<mjx-math><mjx-mi>Φ</mjx-mi></mjx-math><mjx-assistive-mml><math><mi>Φ</mi></math></mjx-assistive-mml>' +
        '</mjx-container> derivable approach</p>' +
        '<p id="b">from the <mjx-container jax="CHTML"><mjx-math><mjx-mi>Φ</mjx-mi></mjx-math></mjx-container> ' +
        'derivable approach</p>',
    );
    expect(lineOf(doc.getElementById('a'))).toBe('from the \\(Φ-\\) derivable approach');
    expect(lineOf(doc.getElementById('b'))).toBe('from the derivable approach');
  });

  it('reads KaTeX formulas from their TeX annotation, inline and display', () => {
    const katex = (tex: string) =>
      `<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>x</mi></mrow>` +
      `<annotation encoding="application/x-tex">${tex}</annotation></semantics></math></span>` +
      `<span class="katex-html" aria-hidden="true"><span class="base"><span class="mord mathnormal">x</span></span></span></span>`;
    const doc = parse(`<p id="t">a ${katex('x^2')} and <span class="katex-display">${katex('\\int f')}</span> end</p>`);
    expect(textOf(doc.getElementById('t'))).toBe('a $x^2$ and $$\\int f$$ end');
  });

  it('leaves arXiv’s own lower-case "mathjax" class alone', () => {
    const doc = parse('<div id="t" class="list-title mathjax"><span class="search-hit mathjax">Deep</span> nets</div>');
    expect(lineOf(doc.getElementById('t'))).toBe('Deep nets');
  });
});

describe('copyMathJaxSources (runs in the page world)', () => {
  it('copies each MathJax 3 item’s TeX with its delimiters onto its container', () => {
    document.body.innerHTML = '<p><mjx-container id="a"></mjx-container><mjx-container id="b"></mjx-container></p>';
    const a = document.getElementById('a');
    const b = document.getElementById('b');
    (globalThis as { MathJax?: unknown }).MathJax = {
      startup: {
        document: {
          math: [
            { math: 'H_0', typesetRoot: a, start: { delim: '\\(' }, end: { delim: '\\)' } },
            { math: '\\sum x', display: true, typesetRoot: b, start: {}, end: {} },
            { math: 42, typesetRoot: a },
            { math: 'x', typesetRoot: 'not an element' },
          ],
        },
      },
    };
    try {
      expect(copyMathJaxSources()).toBe(2);
      expect(a?.getAttribute('data-paperlane-tex')).toBe('\\(H_0\\)');
      expect(b?.getAttribute('data-paperlane-tex')).toBe('$$\\sum x$$');
    } finally {
      delete (globalThis as { MathJax?: unknown }).MathJax;
      document.body.innerHTML = '';
    }
  });

  it('does nothing on a page without MathJax 3 output, or with a MathJax that is not one', () => {
    document.body.innerHTML = '<p>no math</p>';
    expect(copyMathJaxSources()).toBe(0);
    document.body.innerHTML = '<mjx-container></mjx-container>';
    (globalThis as { MathJax?: unknown }).MathJax = { startup: { document: { math: 7 } } };
    try {
      expect(copyMathJaxSources()).toBe(0);
    } finally {
      delete (globalThis as { MathJax?: unknown }).MathJax;
      document.body.innerHTML = '';
    }
  });
});

// ---- the saved arXiv pages, typeset ----

const DELIMITERS: [open: string, close: string, display: boolean][] = [
  ['$$', '$$', true],
  ['\\[', '\\]', true],
  ['$', '$', false],
  ['\\(', '\\)', false],
];

/** The next formula in `text` from `from` on, by tex2jax's rules (arXiv's config: processEscapes, both delimiters). */
function nextFormula(text: string, from: number): { start: number; end: number; tex: string; display: boolean } | null {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '$') {
      i++;
      continue;
    }
    for (const [open, close, display] of DELIMITERS) {
      if (!text.startsWith(open, i)) continue;
      const end = text.indexOf(close, i + open.length);
      if (end < 0 || end === i + open.length) continue;
      return { start: i, end: end + close.length, tex: text.slice(i + open.length, end), display };
    }
  }
  return null;
}

/** Makes the DOM changes MathJax 2.7 makes when it typesets the `mathjax` elements of an arXiv page. */
function typesetLikeMathJax2(doc: Document): number {
  let formulas = 0;
  for (const host of doc.querySelectorAll('.mathjax')) {
    const texts: Text[] = [];
    for (let node = host.firstChild; node; node = node.nextSibling) if (node.nodeType === 3) texts.push(node as Text);
    for (const node of texts) {
      const value = node.nodeValue ?? '';
      const parts: Node[] = [];
      let at = 0;
      for (let f = nextFormula(value, 0); f; f = nextFormula(value, f.end)) {
        parts.push(doc.createTextNode(value.slice(at, f.start)));
        const preview = doc.createElement('span');
        preview.className = 'MathJax_Preview';
        const frame = doc.createElement(f.display ? 'div' : 'span');
        frame.className = f.display ? 'MathJax_Display' : 'MathJax';
        const glyphs = doc.createElement('span');
        glyphs.className = 'math';
        // The rendering's text: the symbols, as a reader of textContent would get them.
        glyphs.textContent = f.tex.replace(/[\\{}^_]/g, '');
        frame.append(glyphs);
        const script = doc.createElement('script');
        script.setAttribute('type', f.display ? 'math/tex; mode=display' : 'math/tex');
        script.textContent = f.tex;
        parts.push(preview, frame, script);
        at = f.end;
        formulas++;
      }
      if (parts.length === 0) continue;
      parts.push(doc.createTextNode(value.slice(at)));
      node.replaceWith(...parts);
    }
  }
  return formulas;
}

/** The server text with MathJax 2's one loss written back: it does not keep which delimiter a formula used. */
const dollarForm = (text: string | null) =>
  text?.replace(/\\\[([\s\S]*?)\\\]/g, '$$$$$1$$$$').replace(/\\\(([\s\S]*?)\\\)/g, '$$$1$$') ?? null;

describe.each([
  ['arxiv/arxiv-list-cond-mat-new-2026-09-22-excerpt.html', 'https://arxiv.org/list/cond-mat/new'],
  ['arxiv/arxiv-search-200results-2025-12.html', 'https://arxiv.org/search/?query=systems&searchtype=all'],
])('%s typeset by MathJax 2', (file, url) => {
  const html = readFileSync(resolve(FIXTURES, file), 'utf8');

  it('gives every title and abstract as the server wrote it', () => {
    const server = records(scanHtml(html, url));
    const doc = parse(html);
    expect(typesetLikeMathJax2(doc)).toBeGreaterThan(10);
    // Scanned as typeset, not re-parsed: MathJax puts display math in a <div> inside the abstract's <p>.
    const typeset = records(scanPage(doc, url));
    expect(typeset.map((r) => r.id)).toEqual(server.map((r) => r.id));
    for (const [i, record] of typeset.entries()) {
      const before = server[i];
      expect(record.title).toBe(dollarForm(before?.title ?? null));
      expect(record.abstract).toBe(dollarForm(before?.abstract ?? null));
    }
  });
});
