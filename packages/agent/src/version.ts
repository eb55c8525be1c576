/** Replaced at bundle time by esbuild's define; the checkout reports its package version. */
declare const __MUSTER_AGENT_VERSION__: string | undefined;
export const AGENT_VERSION: string = typeof __MUSTER_AGENT_VERSION__ === 'string' ? __MUSTER_AGENT_VERSION__ : '0.1.0-dev';
