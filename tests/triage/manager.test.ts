import { describe, expect, it } from 'vitest';
import { type Feature, FeatureError } from '../../lib/triage/manager';
import { later } from '../../lib/triage/signals';
import { handmadePage, settle } from './handmade';

describe('the feature manager', () => {
  it('gives each feature its own signal, tags its errors with its id, and keeps the others going', async () => {
    const signals: Record<string, AbortSignal> = {};
    const fired: string[] = [];
    const feature = (id: string, run: Feature['start'] = () => {}): Feature => ({
      id,
      start(context) {
        signals[id] = context.signal;
        later(context.signal, 10, () => fired.push(id));
        return run(context);
      },
    });
    const h = handmadePage().start(
      feature('throws', () => {
        throw new Error('boom');
      }),
      feature('rejects', async () => {
        throw new Error('later boom');
      }),
      feature('fine'),
      feature('stopped'),
    );
    h.manager.stop('stopped');
    await settle(15);
    expect(h.errors.map(String)).toEqual(['FeatureError: [throws] boom', 'FeatureError: [rejects] later boom']);
    expect(h.errors[0]).toBeInstanceOf(FeatureError);
    expect((h.errors[0] as FeatureError).feature).toBe('throws');
    expect(fired.sort()).toEqual(['fine', 'rejects', 'throws']);
    expect(h.manager.isRunning('fine')).toBe(true);
    expect(h.manager.isRunning('stopped')).toBe(false);
    // Stopping the page is aborting it: every feature's signal aborts with it.
    h.life.abort();
    expect(Object.values(signals).every((s) => s.aborted)).toBe(true);
    expect(h.manager.isRunning('fine')).toBe(false);
  });

  it('refuses two features with one id', () => {
    const h = handmadePage();
    expect(() => h.manager.register({ id: 'a', start() {} }, { id: 'a', start() {} })).toThrow('twice');
  });
});
