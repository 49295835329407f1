export * from './ids';
export * from './merge';
export * from './schema';
export * from './text';
export { z } from './zod';
