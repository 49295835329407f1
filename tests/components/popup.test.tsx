import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PopupProps, PopupView } from '../../components/PopupView';

afterEach(cleanup);

const base: PopupProps = {
  summary: null,
  summaryNote: null,
  libraryCount: 5000,
  busy: null,
  message: null,
  error: null,
  results: null,
  searching: false,
  onSaveAll: () => {},
  onOpenSidePanel: () => {},
  onExtract: () => {},
  onSearch: () => {},
  onCopyBibtex: () => {},
  copiedId: null,
  onOpenWelcome: () => {},
};

describe('PopupView', () => {
  it('summarises a digest page, warns of drift and saves all', () => {
    const onSaveAll = vi.fn();
    render(
      <PopupView
        {...base}
        onSaveAll={onSaveAll}
        summary={{
          url: 'https://huggingface.co/papers',
          adapter: 'huggingface',
          kind: 'daily',
          cards: 13,
          saved: 2,
          newSinceLastVisit: 5,
          failures: 0,
          drift: true,
        }}
      />,
    );
    expect(screen.getByTestId('page-summary').textContent).toContain('13 (by huggingface)');
    expect(screen.getByRole('alert').textContent).toMatch(/recognised none/);
    fireEvent.click(screen.getByRole('button', { name: 'Save all on this page' }));
    expect(onSaveAll).toHaveBeenCalledOnce();
    expect(screen.getByTestId('library-count').textContent).toBe('5,000 papers in your library');
  });

  it('offers extraction on other pages and shows quick results with safe links only', () => {
    const onExtract = vi.fn();
    render(
      <PopupView
        {...base}
        onExtract={onExtract}
        results={[
          { id: 'a', title: 'Good', authors: 'A', saved: true, url: 'https://arxiv.org/abs/a' },
          { id: 'b', title: 'Bad', authors: 'B', saved: false, url: 'javascript:alert(1)' },
        ]}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Extract papers from this page' }));
    expect(onExtract).toHaveBeenCalledOnce();
    expect(screen.getByRole('link', { name: 'Good' }).getAttribute('href')).toBe('https://arxiv.org/abs/a');
    expect(screen.queryByRole('link', { name: 'Bad' })).toBeNull();
  });

  it('copies a quick result’s BibTeX and marks it Copied', () => {
    const onCopyBibtex = vi.fn();
    const results = [
      { id: 'a', title: 'Good', authors: 'A', saved: true, url: 'https://arxiv.org/abs/a' },
      { id: 'b', title: 'Other', authors: 'B', saved: false, url: null },
    ];
    const { rerender } = render(<PopupView {...base} results={results} onCopyBibtex={onCopyBibtex} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy BibTeX of Other' }));
    expect(onCopyBibtex).toHaveBeenCalledWith('b');
    rerender(<PopupView {...base} results={results} onCopyBibtex={onCopyBibtex} copiedId="b" />);
    expect(screen.getByRole('button', { name: 'Copy BibTeX of Other' }).textContent).toBe('Copied');
    expect(screen.getByRole('button', { name: 'Copy BibTeX of Good' }).textContent).toBe('Copy BibTeX');
  });
});
