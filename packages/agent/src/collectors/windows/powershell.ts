import type { CollectContext } from '../context.js';
import { INVENTORY_SCRIPT, METRICS_SCRIPT } from './scripts.js';
import { errorMessage, isRawObject, type RawObject } from './values.js';

/**
 * Running the collectors' PowerShell. Windows PowerShell 5.1 (powershell.exe) is used, not pwsh:
 * it is on every Windows 10/11 and Server, pwsh is not.
 *
 * How the script gets in: CollectContext.exec has no stdin, and a command line is capped at 32,767
 * characters, which the inventory script as -EncodedCommand (base64 of UTF-16LE, 2.7 times its
 * length) would exceed. (`-Command -` on stdin would not be better: it reads stdin like a console,
 * line by line, and mishandles multi-line blocks.) So a short bootstrap goes as -EncodedCommand and
 * runs the script from environment variables, each below Windows' 32,767-character limit per
 * variable; the bootstrap clears them first so that the programs the script starts do not inherit them.
 */
export const POWERSHELL = 'powershell.exe';
const SCRIPT_VARIABLE = 'MUSTER_PS_SCRIPT_';
const CHUNK_CHARS = 30_000;

export interface PowerShellInvocation {
  file: string;
  args: string[];
  /** The variables that carry the script, to add to the environment. */
  scriptEnv: Record<string, string>;
}

/** PowerShell's -EncodedCommand format: base64 of the UTF-16LE text. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function powershellInvocation(script: string): PowerShellInvocation {
  const scriptEnv: Record<string, string> = {};
  const count = Math.max(1, Math.ceil(script.length / CHUNK_CHARS));
  for (let i = 0; i < count; i++) scriptEnv[`${SCRIPT_VARIABLE}${i}`] = script.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  const bootstrap = [
    `$parts = foreach ($i in 0..${count - 1}) { [Environment]::GetEnvironmentVariable('${SCRIPT_VARIABLE}' + $i) }`,
    `foreach ($i in 0..${count - 1}) { [Environment]::SetEnvironmentVariable('${SCRIPT_VARIABLE}' + $i, $null) }`,
    `& ([ScriptBlock]::Create(-join $parts))`,
  ].join('; ');
  return {
    file: POWERSHELL,
    args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodeCommand(bootstrap)],
    scriptEnv,
  };
}

/**
 * The script's JSON object out of its standard output. Whatever PowerShell may print around it (a
 * profile banner, a stray warning) is skipped; `script` is the name the script stamps its output
 * with, so that output of one script is never read as another's.
 */
export function parseScriptOutput(stdout: string, script: string): RawObject {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error(`PowerShell printed no JSON${stdout.trim() ? `: ${stdout.trim().slice(0, 300)}` : ''}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.slice(start, end + 1));
  } catch (error) {
    throw new Error(`PowerShell printed malformed JSON: ${(error as Error).message}`);
  }
  if (!isRawObject(parsed)) throw new Error('PowerShell printed JSON that is not an object');
  // A failure outside every section's try/catch (which the script does not expect) still reads well.
  const failed = errorMessage(parsed);
  if (failed !== undefined) throw new Error(`the ${script} script failed: ${failed}`);
  if (parsed.script !== script) throw new Error(`expected output of the ${script} script, got ${String(parsed.script)}`);
  return parsed;
}

/** Runs one of the scripts and returns its parsed output. */
export async function runScript(ctx: CollectContext, script: string, name: string, timeoutMs: number): Promise<RawObject> {
  const invocation = powershellInvocation(script);
  const result = await ctx.exec(invocation.file, invocation.args, {
    timeoutMs,
    maxBytes: 64 * 1024 * 1024,
    env: { ...process.env, ...invocation.scriptEnv },
  });
  try {
    return parseScriptOutput(result.stdout, name);
  } catch (error) {
    const stderr = result.stderr.trim();
    const detail = stderr ? `; stderr: ${stderr.slice(0, 500)}` : '';
    throw new Error(`${(error as Error).message} (exit code ${result.code ?? 'none'}${detail})`);
  }
}

/**
 * One inventory run serves all ten inventory sections of a collect(): the first section starts
 * PowerShell, the others await the same promise. collect() makes one context per run, so the memo
 * is keyed by context; the age limit covers a caller that reuses its context across runs.
 * A failure is remembered too, so that ten sections do not retry a PowerShell that cannot start.
 */
const INVENTORY_MAX_AGE_MS = 120_000;
/** Below the memo's age limit, so that a hung run is over before a new one may start. */
const INVENTORY_TIMEOUT_MS = 110_000;
const METRICS_TIMEOUT_MS = 45_000;

const inventoryRuns = new WeakMap<CollectContext, { startedAt: number; output: Promise<RawObject> }>();

export function inventoryOutput(ctx: CollectContext): Promise<RawObject> {
  const now = ctx.now().getTime();
  const cached = inventoryRuns.get(ctx);
  if (cached && now >= cached.startedAt && now - cached.startedAt < INVENTORY_MAX_AGE_MS) return cached.output;
  const output = runScript(ctx, INVENTORY_SCRIPT, 'muster-inventory', INVENTORY_TIMEOUT_MS);
  // The memo holds the promise; a rejection is seen by the sections that await it.
  output.catch(() => undefined);
  inventoryRuns.set(ctx, { startedAt: now, output });
  return output;
}

export function metricsOutput(ctx: CollectContext): Promise<RawObject> {
  return runScript(ctx, METRICS_SCRIPT, 'muster-metrics', METRICS_TIMEOUT_MS);
}

/**
 * One section of the inventory output. A section the script could not read (its {"error"}) throws
 * here, for that section only; "access denied" becomes a permission error for collect().
 */
export function sectionRaw(output: RawObject, section: string): unknown {
  if (!(section in output)) throw new Error(`the inventory script printed no ${section} section`);
  const value = output[section];
  const error = errorMessage(value);
  if (error !== undefined) {
    const failure = new Error(`${section}: ${error}`);
    if (/access (is )?denied|unauthorized/i.test(error)) (failure as NodeJS.ErrnoException).code = 'EACCES';
    throw failure;
  }
  return value;
}

export async function inventorySection(ctx: CollectContext, section: string): Promise<unknown> {
  return sectionRaw(await inventoryOutput(ctx), section);
}
