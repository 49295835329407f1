import { describe, expect, it } from 'vitest';
import { deferred, once, z } from '../../lib/paper/zod';

describe('deferred schemas', () => {
  it('builds nothing until first read, then builds once', () => {
    let builds = 0;
    const Name = deferred(() => {
      builds++;
      return z.string().min(1);
    });
    expect(builds).toBe(0);
    expect(Name.safeParse('a').success).toBe(true);
    expect(Name.safeParse('').success).toBe(false);
    expect(Name.parse('b')).toBe('b');
    expect(builds).toBe(1);
  });

  it('is the schema it stands for: instanceof, methods, nesting in other schemas, errors with paths', () => {
    const Inner = deferred(() => z.object({ n: z.number().int() }));
    expect(Inner instanceof z.ZodObject).toBe(true);
    expect(Inner.shape.n instanceof z.ZodNumber).toBe(true);
    const Outer = z.object({ inner: Inner, list: z.array(Inner).max(2), maybe: Inner.nullable() });
    expect(Outer.parse({ inner: { n: 1 }, list: [{ n: 2 }], maybe: null })).toEqual({
      inner: { n: 1 },
      list: [{ n: 2 }],
      maybe: null,
    });
    const bad = Outer.safeParse({ inner: { n: 1.5 }, list: [], maybe: null });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['inner', 'n']);
    expect(Inner.extend({ m: z.string() }).parse({ n: 1, m: 'x' })).toEqual({ n: 1, m: 'x' });
    expect('_zod' in Inner).toBe(true);
    expect(Reflect.ownKeys(Inner)).toContain('_zod');
  });

  it('once computes a value the first time only, even when it is undefined', () => {
    let calls = 0;
    const value = once(() => {
      calls++;
      return undefined;
    });
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(calls).toBe(1);
  });
});
