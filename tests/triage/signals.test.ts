import { afterEach, describe, expect, it, vi } from 'vitest';
import { urgentTask } from '@/lib/triage/signals';

describe('urgentTask', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("asks the browser's scheduler for a user-blocking task where there is one", async () => {
    const postTask = vi.fn((callback: () => void, _options: { priority: string }) => Promise.resolve().then(callback));
    vi.stubGlobal('scheduler', { postTask });
    await urgentTask();
    expect(postTask).toHaveBeenCalledTimes(1);
    expect(postTask.mock.calls[0]?.[1]).toEqual({ priority: 'user-blocking' });
  });

  it('falls back to a timer without one (Firefox before postTask, the tests)', async () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers();
    let done = false;
    void urgentTask().then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
