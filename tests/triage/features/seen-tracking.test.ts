import { afterEach, describe, expect, it, vi } from 'vitest';
import { seenTracking } from '../../../lib/triage/features/seen-tracking';
import { handmadePage, idOf, settle } from '../handmade';

type Callback = (entries: Partial<IntersectionObserverEntry>[], observer: IntersectionObserver) => void;

class FakeObserver {
  readonly observed = new Set<Element>();
  disconnected = false;
  constructor(readonly callback: Callback) {
    observers.push(this);
  }
  get self(): IntersectionObserver {
    return this as unknown as IntersectionObserver;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.disconnected = true;
  }
}
const observers: FakeObserver[] = [];

afterEach(() => {
  observers.length = 0;
  vi.unstubAllGlobals();
});

describe('seen-tracking (alone on a handmade page)', () => {
  it('records cards once half on screen, in one batch, and only once', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const h = handmadePage({ answers: { 'page/cardsSeen': (() => null) as never } }).start(seenTracking());
    await settle();
    const observer = observers[0];
    if (!observer) throw new Error('no observer');
    expect(observer.observed.size).toBe(5);
    const show = (...i: number[]) =>
      observer.callback(
        i.map((n) => ({ target: h.card(n).element, isIntersecting: true })),
        observer.self,
      );
    show(0, 1);
    show(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.calls('page/cardsSeen')).toEqual([{ records: [h.records[0], h.records[1]] }]);
    expect(observer.observed.has(h.card(0).element)).toBe(false);
  });

  it('tries again after a failed batch, tags the error with its id, and disconnects on stop', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const h = handmadePage({
      answers: {
        'page/cardsSeen': (() => {
          throw new Error('asleep');
        }) as never,
      },
    }).start(seenTracking());
    await settle();
    const observer = observers[0];
    if (!observer) throw new Error('no observer');
    observer.callback([{ target: h.card(2).element, isIntersecting: true }], observer.self);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(String(h.errors[0])).toContain('[seen-tracking] asleep');
    observer.callback([{ target: h.card(2).element, isIntersecting: true }], observer.self);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.calls('page/cardsSeen').map((c) => (c.records as { id: string }[])[0]?.id)).toEqual([idOf(2), idOf(2)]);
    h.life.abort();
    expect(observer.disconnected).toBe(true);
  });
});
