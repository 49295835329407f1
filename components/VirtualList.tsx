/**
 * A windowed list: only the rows on screen (plus a few above and below) are in the DOM, so 50,000 papers scroll
 * as smoothly as 50. Rows have one fixed height. Keyboard: the list keeps one active row (roving focus); arrows,
 * Page Up/Down, Home and End move it, scrolling it into view, and the row's own controls handle the rest.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export type VirtualListProps = {
  count: number;
  rowHeight: number;
  label: string;
  active: number;
  onActive(index: number): void;
  renderRow(index: number, active: boolean): ComponentChildren;
  /** Keys of the rows, for stable DOM nodes while scrolling. */
  keyOf(index: number): string;
  overscan?: number;
};

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight } = props;
  const overscan = props.overscan ?? 6;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const focusAfterMove = useRef(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The active row was moved with the keyboard: bring it on screen, then give it focus once rendered.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !focusAfterMove.current) return;
    const top = props.active * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
    requestAnimationFrame(() => {
      focusAfterMove.current = false;
      el.querySelector<HTMLElement>('[data-active="true"] [data-row-focus]')?.focus();
    });
  }, [props.active, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const perPage = Math.max(1, Math.floor(height / rowHeight) - 1);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') return;
    const moves: Record<string, number> = {
      ArrowDown: props.active + 1,
      ArrowUp: props.active - 1,
      PageDown: props.active + perPage,
      PageUp: props.active - perPage,
      Home: 0,
      End: count - 1,
    };
    const next = moves[e.key];
    if (next === undefined || count === 0) return;
    e.preventDefault();
    const index = Math.max(0, Math.min(count - 1, next));
    focusAfterMove.current = true;
    props.onActive(index);
    // A row already on screen takes focus at once: a key pressed right after the move (Enter) acts on the row
    // that is now active, not on the one focused a frame ago. Rows further away get it once rendered (above).
    scroller.current?.querySelector<HTMLElement>(`[aria-posinset="${index + 1}"] [data-row-focus]`)?.focus();
  };

  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <li
        key={props.keyOf(i)}
        class="vrow"
        data-active={i === props.active ? 'true' : 'false'}
        aria-setsize={count}
        aria-posinset={i + 1}
        style={{ transform: `translateY(${i * rowHeight}px)`, height: `${rowHeight}px` }}
      >
        {props.renderRow(i, i === props.active)}
      </li>,
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys bubble up from the row controls to move the active row
    <div
      class="vlist"
      ref={scroller}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      <ul class="vrows" aria-label={props.label} style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}
