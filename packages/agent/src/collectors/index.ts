import os from 'node:os';
import { SECTION_NAMES, type SectionData, type SectionError, type SectionName } from '@muster/protocol';
import { systemContext, CommandTimeoutError, type CollectContext } from './context.js';
import type { CollectorSet } from './types.js';

export type SectionOutcome<S extends SectionName> = { data: SectionData[S] } | { error: SectionError };
export type CollectedSections = { [S in SectionName]?: SectionOutcome<S> };

/**
 * The platform a single-file bundle was built for (scripts/build.mjs builds one per platform and
 * replaces this with "linux", "win32" or "darwin"); undefined when the agent runs from its
 * sources, which carry every platform's collectors. A bundle holds only its own platform's
 * collectors: V8 keeps a script's whole source in memory, and the other two platforms' collectors
 * are a third of it (bench:agent: npm run bench:agent, README "Agent").
 */
declare const __MUSTER_AGENT_PLATFORM__: string | undefined;

/** The platform this build of the agent collects on; undefined from the sources (all platforms). */
export const BUILT_FOR: string | undefined = typeof __MUSTER_AGENT_PLATFORM__ === 'string' ? __MUSTER_AGENT_PLATFORM__ : undefined;

/** The single-file name for each platform (scripts/build.mjs writes dist/muster-agent-<name>.js). */
export const BUNDLE_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', win32: 'windows', darwin: 'macos' };

/**
 * Why this build cannot collect on `platform`: a bundle built for another platform that has
 * collectors of its own (a Linux bundle copied to a Mac). undefined when it can.
 */
export function wrongBuildFor(platform: NodeJS.Platform, builtFor: string | undefined = BUILT_FOR): string | undefined {
  if (builtFor === undefined || builtFor === platform || !BUNDLE_NAMES[platform]) return undefined;
  const built = BUNDLE_NAMES[builtFor as NodeJS.Platform] ?? builtFor;
  return `this is muster-agent-${built}.js, the agent built for ${builtFor}; on ${platform} run muster-agent-${BUNDLE_NAMES[platform]}.js (node scripts/build.mjs agent builds one for each platform)`;
}

/**
 * The collectors of one platform, loaded on first use: an agent never loads (in the single-file
 * bundle: never initialises) the other platforms' code, and `run` loads none until it collects.
 * In a bundle, the tests of __MUSTER_AGENT_PLATFORM__ are constants: esbuild drops the other
 * platforms' branches and with them their collectors.
 */
export async function collectorsFor(platform: NodeJS.Platform): Promise<CollectorSet> {
  const wrong = wrongBuildFor(platform);
  if (wrong) throw new Error(wrong);
  if (platform === 'linux' && (typeof __MUSTER_AGENT_PLATFORM__ !== 'string' || __MUSTER_AGENT_PLATFORM__ === 'linux')) return (await import('./linux/index.js')).linuxCollectors;
  if (platform === 'win32' && (typeof __MUSTER_AGENT_PLATFORM__ !== 'string' || __MUSTER_AGENT_PLATFORM__ === 'win32')) return (await import('./windows/index.js')).windowsCollectors;
  if (platform === 'darwin' && (typeof __MUSTER_AGENT_PLATFORM__ !== 'string' || __MUSTER_AGENT_PLATFORM__ === 'darwin')) return (await import('./macos/index.js')).macosCollectors;
  return {};
}

function describeError(error: unknown): SectionError {
  if (error instanceof CommandTimeoutError) return { code: 'timeout', message: error.message.slice(0, 1000) };
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return { code: 'permission', message: String(err.message).slice(0, 1000) };
  return { code: 'failed', message: String(err?.message ?? error).slice(0, 1000) };
}

function withTimeout<T>(promise: Promise<T>, ms: number, section: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CommandTimeoutError(`section ${section}`, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Collects the asked sections (all by default). A section that throws or runs past its time
 * budget becomes an error entry; the others are still returned.
 */
export async function collect(
  options: { sections?: readonly SectionName[]; ctx?: CollectContext; timeoutMs?: number; collectors?: CollectorSet } = {},
): Promise<CollectedSections> {
  const ctx = options.ctx ?? systemContext();
  const collectors = options.collectors ?? (await collectorsFor(ctx.platform));
  const sections = options.sections ?? SECTION_NAMES;
  const result: CollectedSections = {};
  // Sequential on purpose: a small, steady footprint matters more than a second of wall time.
  for (const name of sections) {
    const collector = collectors[name] as ((c: CollectContext) => Promise<unknown>) | undefined;
    if (!collector) {
      (result as Record<string, unknown>)[name] = { error: { code: 'unsupported', message: `section ${name} is not collected on ${os.platform()}` } };
      continue;
    }
    try {
      const data = await withTimeout(collector(ctx), options.timeoutMs ?? 60_000, name);
      (result as Record<string, unknown>)[name] = { data };
    } catch (error) {
      (result as Record<string, unknown>)[name] = { error: describeError(error) };
    }
  }
  return result;
}
