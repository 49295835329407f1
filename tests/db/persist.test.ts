import { describe, expect, it, vi } from 'vitest';
import { keepStorage } from '../../lib/db/persist';

describe('keepStorage', () => {
  it('asks for persistence only when the origin does not have it yet', async () => {
    const granted = { persisted: vi.fn(async () => true), persist: vi.fn(async () => true) };
    expect(await keepStorage(granted)).toBe('persisted');
    expect(granted.persist).not.toHaveBeenCalled();

    const asked = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    expect(await keepStorage(asked)).toBe('persisted');
    expect(asked.persist).toHaveBeenCalledOnce();
  });

  it('reports a refusal, and a context without a storage manager, without throwing', async () => {
    expect(await keepStorage({ persisted: async () => false, persist: async () => false })).toBe('refused');
    expect(await keepStorage(undefined)).toBe('unavailable');
  });
});
