/**
 * VirtualList's roving focus: a move with the keyboard gives focus to the new active row at once when it is on
 * screen, so that Enter pressed right after acts on that row (it acted on the row focused a frame before).
 */
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from '../../components/VirtualList';

function List(props: { opened: string[] }) {
  const [active, setActive] = useState(0);
  return (
    <VirtualList
      count={50}
      rowHeight={30}
      label="papers"
      active={active}
      onActive={setActive}
      keyOf={(i) => `p${i}`}
      renderRow={(i, isActive) => (
        <button type="button" data-row-focus tabIndex={isActive ? 0 : -1} onClick={() => props.opened.push(`p${i}`)}>
          Paper {i}
        </button>
      )}
    />
  );
}

afterEach(cleanup);

describe('VirtualList', () => {
  it('moves focus with the active row at once, so that Enter right after opens the row moved to', () => {
    const opened: string[] = [];
    const { getByText } = render(<List opened={opened} />);
    getByText('Paper 0').focus();
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    // No frame has passed: the focus is already on the third row.
    expect(document.activeElement?.textContent).toBe('Paper 2');
    (document.activeElement as HTMLButtonElement).click();
    expect(opened).toEqual(['p2']);
  });
});
