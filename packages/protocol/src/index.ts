/**
 * @muster/protocol — the v1 wire contract between the Muster agent and server. The only package
 * both sides import: TypeBox schemas (which are JSON Schema) and the TypeScript types they imply.
 */
export * from './limits.js';
export * from './sections.js';
export * from './messages.js';
export * from './hash.js';
export * from './delta.js';
export * from './validate.js';
