import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupView } from '../../components/PopupView';

afterEach(cleanup);

describe('PopupView on a blocked page (issue 16)', () => {
  it('says why there are no cards, and warns of no drift', () => {
    render(
      <PopupView
        summary={{
          url: 'https://scholar.google.com/scholar?q=x',
          adapter: 'scholar',
          kind: 'scholar-results',
          cards: 0,
          saved: 0,
          newSinceLastVisit: 0,
          failures: 0,
          drift: false,
          blocked: 'Google Scholar is asking you to prove you are not a robot: answer it, then reload the page.',
        }}
        summaryNote={null}
        libraryCount={0}
        busy={null}
        message={null}
        error={null}
        results={null}
        searching={false}
        onSaveAll={() => {}}
        onOpenSidePanel={() => {}}
        onExtract={() => {}}
        onSearch={() => {}}
        onCopyBibtex={() => {}}
        copiedId={null}
        onOpenWelcome={() => {}}
      />,
    );
    expect(screen.getByRole('status').textContent).toMatch(
      /^Google Scholar is asking you to prove you are not a robot/,
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
