// Every module takes `z` from here so that the MV3 content security policy (no eval) is respected:
// zod 4 compiles fast parsers with `new Function` unless told not to, which CSP blocks in extension pages and
// content scripts (and merely trying logs a CSP violation). Node — the command line, tests, benchmarks — has no such
// policy, so there zod compiles them: the same schemas, checked the same way, several times faster.
import { z } from 'zod';

const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
z.config({ jitless: !inNode });

export { z };
