import { LIMITS, type ServicesSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { plistArray, plistDict, plistString, readPlist, type PlistValue } from './plist.js';
import { BIN, clip, lines, mapLimit, optional, run } from './util.js';

type Service = ServicesSection['items'][number];

/** Job definitions read besides `launchctl list`: system-wide daemons and agents, and Apple's daemons. */
export const LAUNCHD_FOLDERS = [
  { dir: '/Library/LaunchDaemons', kind: 'daemon' },
  { dir: '/Library/LaunchAgents', kind: 'agent' },
  { dir: '/System/Library/LaunchDaemons', kind: 'daemon' },
] as const;

export interface LaunchctlEntry {
  label: string;
  pid: number | null;
  /** Last exit status; negative when the job was ended by that signal. */
  status: number | null;
}

/** `launchctl list`: "PID\tStatus\tLabel", "-" where there is no value. */
export function parseLaunchctlList(text: string | undefined): LaunchctlEntry[] {
  const entries: LaunchctlEntry[] = [];
  for (const line of lines(text)) {
    const match = /^(-|\d+)\s+(-|-?\d+)\s+(\S.*)$/.exec(line.trim());
    if (!match?.[3]) continue;
    entries.push({
      label: match[3].trim(),
      pid: match[1] === '-' ? null : Number(match[1]),
      status: match[2] === '-' ? null : Number(match[2]),
    });
  }
  return entries;
}

/**
 * `launchctl print-disabled system`: the administrator's overrides, which win over a plist's own
 * Disabled key. Recent macOS prints "=> disabled"/"=> enabled", older releases "=> true"/"=> false".
 */
export function parseDisabledOverrides(text: string | undefined): Map<string, boolean> {
  const overrides = new Map<string, boolean>();
  const block = /disabled services = \{([\s\S]*?)\}/.exec(text ?? '')?.[1] ?? '';
  for (const match of block.matchAll(/"([^"]+)"\s*=>\s*(disabled|enabled|true|false)/g)) {
    if (match[1]) overrides.set(match[1], match[2] === 'disabled' || match[2] === 'true');
  }
  return overrides;
}

export interface LaunchdJob {
  /** The plist's path. */
  path: string;
  kind: 'daemon' | 'agent';
  plist: PlistValue | undefined;
}

interface JobDefinition {
  label: string;
  kind: 'daemon' | 'agent';
  program: string | null;
  disabled: boolean;
  startsAlone: boolean;
  user: string | null;
}

function definition(job: LaunchdJob): JobDefinition | undefined {
  const dict = plistDict(job.plist);
  const label = plistString(dict?.Label);
  if (!dict || !label) return undefined;
  const keepAlive = dict.KeepAlive;
  return {
    label,
    kind: job.kind,
    program: plistString(dict.Program) ?? plistString(plistArray(dict.ProgramArguments)[0]) ?? null,
    disabled: dict.Disabled === true,
    // RunAtLoad or KeepAlive start a job by itself; anything else waits for its socket, Mach
    // service, timer or path to be used (launchd's on-demand model).
    startsAlone: dict.RunAtLoad === true || keepAlive === true || (typeof keepAlive === 'object' && !Array.isArray(keepAlive)) || dict.OnDemand === false,
    // Daemons run as root unless they name a user; agents run as whoever is logged in.
    user: plistString(dict.UserName) ?? (job.kind === 'daemon' ? 'root' : null),
  };
}

function stateOf(entry: LaunchctlEntry | undefined, kind: 'daemon' | 'agent' | undefined): string {
  if (entry?.pid !== null && entry?.pid !== undefined) return 'running';
  if (entry) {
    // A positive status is an exit code; a negative one a signal, which is how launchd ends idle
    // and on-demand jobs (SIGKILL/SIGTERM), so it is not a failure.
    return entry.status !== null && entry.status > 0 ? 'failed' : 'stopped';
  }
  // Not loaded in the domain `launchctl list` showed. The agent runs as root, which lists the
  // system domain: an absent daemon is not loaded (stopped); agents live in per-user domains
  // that listing cannot see.
  return kind === 'agent' ? 'unknown' : 'stopped';
}

export interface ServicesInputs {
  /** `launchctl list` */
  list?: string;
  /** `launchctl print-disabled system` */
  disabled?: string;
  jobs?: LaunchdJob[];
}

export function parseServices(inputs: ServicesInputs): ServicesSection {
  const loaded = new Map(parseLaunchctlList(inputs.list).map((entry) => [entry.label, entry]));
  const overrides = parseDisabledOverrides(inputs.disabled);
  const definitions = new Map<string, JobDefinition>();
  for (const job of inputs.jobs ?? []) {
    const def = definition(job);
    if (def && !definitions.has(def.label)) definitions.set(def.label, def);
  }
  const labels = [...new Set([...definitions.keys(), ...loaded.keys()])].sort();
  const items: Service[] = labels.map((label) => {
    const def = definitions.get(label);
    const entry = loaded.get(label);
    const disabled = overrides.get(label) ?? def?.disabled;
    let startMode: string | null = null;
    if (disabled) startMode = 'disabled';
    else if (def) startMode = def.startsAlone ? 'auto' : 'manual';
    return {
      name: clip(label, LIMITS.name) ?? label,
      displayName: null,
      description: null,
      state: stateOf(entry, def?.kind),
      startMode,
      pid: entry?.pid ?? null,
      user: clip(def?.user ?? null, LIMITS.name),
      path: clip(def?.program ?? null, LIMITS.path),
    };
  });
  return { manager: 'launchd', items: items.slice(0, LIMITS.services) };
}

export async function collectServices(ctx: CollectContext): Promise<ServicesSection> {
  const paths: { path: string; kind: 'daemon' | 'agent' }[] = [];
  for (const folder of LAUNCHD_FOLDERS) {
    for (const name of await ctx.listDir(folder.dir)) if (name.endsWith('.plist')) paths.push({ path: `${folder.dir}/${name}`, kind: folder.kind });
  }
  // XML plists are parsed in process; binary ones cost a plutil run each, a few at a time.
  const jobs = await mapLimit(paths, 4, async (job) => ({ ...job, plist: await optional(readPlist(ctx, job.path)) }));
  const [list, disabled] = await Promise.all([run(ctx, BIN.launchctl, ['list']), optional(run(ctx, BIN.launchctl, ['print-disabled', 'system']))]);
  return parseServices({ list, disabled, jobs });
}
