// Every module takes `z` from here so that the MV3 content security policy (no eval) is respected:
// zod 4 compiles fast parsers with `new Function` unless told not to, which CSP blocks in extension pages.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
