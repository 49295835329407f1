// Every module takes `z` from here so that the MV3 content security policy (no eval) is respected:
// zod 4 compiles fast parsers with `new Function` unless told not to, which CSP blocks in extension pages and
// content scripts (and merely trying logs a CSP violation). Node — the command line, tests, benchmarks — has no such
// policy, so there zod compiles them: the same schemas, checked the same way, several times faster.
import { z } from 'zod';

const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
z.config({ jitless: !inNode });

export { z };

/**
 * A module-level schema that is built the first time anything reads it, and is from then on that schema in every
 * way a caller can tell (methods, `instanceof`, nesting in another schema). Building a zod schema is not cheap
 * (each node binds some fifty methods), and the triage script, injected into every digest page, used to build
 * every schema of the modules it imports in the one task of its injection, most of them never used there
 * (bench/triage.bench.ts, traced). Build dependent schemas inside `build` from plain ones, not from other deferred
 * handles, where they are parsed often: each read through a handle costs a proxy trap.
 */
export function deferred<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_, key) => {
      const schema = target();
      return Reflect.get(schema, key, schema);
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    ownKeys: () => Reflect.ownKeys(target()),
    // The stand-in target holds nothing: a property reported from the schema must say it can change.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/** A value computed once, the first time it is asked for. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value as T;
  };
}
