import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import {
  INVENTORY_SECTIONS,
  PROTOCOL_VERSION,
  SectionSchemas,
  canonicalJson,
  diffSoftware,
  sectionHash,
  sha256Hex,
  sortSoftware,
  stateHash,
  validate,
  type DeltaReport,
  type FullReport,
  type InventorySectionName,
  type MetricsReport,
  type MetricsSection,
  type Platform,
  type Report,
  type ReportSections,
  type SectionError,
  type SoftwareDelta,
  type SoftwareItem,
} from '@muster/protocol';
import type { CollectedSections } from './collectors/index.js';
import { atomicWriteFile, atomicWriteJson, isRecord, readJsonFile } from './fsutil.js';
import { isoString } from './time.js';

/**
 * Reports and deltas.
 *
 * The agent keeps two inventory states (inventory.json):
 *  - `head`: the state the server will hold once every inventory report already spooled has been
 *    applied. New deltas are built against it, so unsent deltas form a chain (d1: A→B, d2: B→C)
 *    rather than all restating A→…; with an empty spool it is the acknowledged state.
 *  - `acked`: the section hashes of the last report the server acknowledged (202). It advances
 *    only then, from the acknowledged report's own hashes, and is what check-ins announce.
 * The server checks a delta's baseStateHash against what it holds; any gap (a dropped report, a
 * crash between spooling and saving) shows up there and is healed by a full report.
 */

export type SectionHashes = Partial<Record<InventorySectionName, string>>;

export interface HeadState {
  hashes: SectionHashes;
  /** Sorted software items of the head state; absent when the software section was an error or not collected. */
  software?: SoftwareItem[];
}

export interface InventoryState {
  head: HeadState | null;
  acked: SectionHashes | null;
  /** The server asked for a full report (or a report was lost): the next inventory report is full. */
  fullRequired: boolean;
}

export interface AgentIdentity {
  version: string;
  platform: Platform;
  arch: string;
}

export function agentPlatform(platform: NodeJS.Platform = process.platform): Platform {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  if (platform === 'linux' || platform === 'freebsd') return platform;
  return 'other';
}

type Entry = { hash: string; data: unknown } | { hash: string; error: SectionError };

/** Hash of an error entry: of the error object, so an error that persists unchanged is "unchanged". */
export function errorHash(error: SectionError): string {
  return sha256Hex(canonicalJson(error));
}

/**
 * Turns one collected section into a wire entry. Data that breaks the section's schema becomes an
 * error entry here, so one faulty collector cannot get the whole report refused by the server.
 */
export function sectionEntry(name: InventorySectionName, outcome: { data: unknown } | { error: SectionError }): Entry {
  if ('error' in outcome) return { hash: errorHash(outcome.error), error: outcome.error };
  // A copy of the schema as the key: validate() keeps the check it compiles for every schema object
  // for the life of the process, and a daemon that checks sections once per inventory should not
  // hold ten of them, generated source and bytecode (~0.4 MB), in between. Compiling them again
  // costs ~10 ms per inventory.
  const checked = validate({ ...SectionSchemas[name] }, outcome.data, 1);
  if (!checked.ok) {
    const issue = checked.issues[0];
    const error: SectionError = { code: 'invalid', message: `collected data does not match the schema: ${issue?.path ?? '/'} ${issue?.message ?? ''}`.slice(0, 1000) };
    return { hash: errorHash(error), error };
  }
  if (name === 'software') {
    const items = sortSoftware((outcome.data as { items: SoftwareItem[] }).items);
    const data = { items };
    return { hash: sectionHash('software', data), data };
  }
  return { hash: sectionHash(name, outcome.data as never), data: outcome.data };
}

function reportBase(identity: AgentIdentity, sequence: number, collectedAt: Date) {
  return {
    protocol: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
    reportId: randomUUID(),
    sequence,
    collectedAt: isoString(collectedAt),
    agent: { version: identity.version, platform: identity.platform, arch: identity.arch },
  };
}

/** The inventory sections present in a collect() result, as wire entries, in protocol order. */
export function inventoryEntries(collected: CollectedSections): Map<InventorySectionName, Entry> {
  const entries = new Map<InventorySectionName, Entry>();
  for (const name of INVENTORY_SECTIONS) {
    const outcome = collected[name];
    if (outcome) entries.set(name, sectionEntry(name, outcome));
  }
  return entries;
}

function setSection(sections: ReportSections, name: InventorySectionName, entry: Entry): void {
  // ReportSections is a record of per-section unions; the entry was validated against its schema above.
  (sections as Record<string, Entry>)[name] = entry;
}

function headOf(entries: Map<InventorySectionName, Entry>, base?: HeadState): HeadState {
  const head: HeadState = { hashes: { ...(base?.hashes ?? {}) } };
  if (base?.software) head.software = base.software;
  for (const [name, entry] of entries) {
    head.hashes[name] = entry.hash;
    if (name === 'software') {
      if ('data' in entry) head.software = (entry.data as { items: SoftwareItem[] }).items;
      else delete head.software;
    }
  }
  return head;
}

export interface BuiltReport<R extends Report> {
  report: R;
  /** The head state once this report is applied. */
  head: HeadState;
}

export function buildFullReport(collected: CollectedSections, identity: AgentIdentity, sequence: number, collectedAt = new Date()): BuiltReport<FullReport> {
  const entries = inventoryEntries(collected);
  const sections: ReportSections = {};
  for (const [name, entry] of entries) setSection(sections, name, entry);
  return { report: { ...reportBase(identity, sequence, collectedAt), kind: 'full', sections }, head: headOf(entries) };
}

/**
 * A delta against `head` carrying only what changed, or null when nothing did (the machine is
 * unchanged: a check-in is all it needs). Sections not in `collected` count as unchanged, so a
 * partial collection (a push asking for two sections) makes a valid delta too. Returns a full
 * report instead when a delta cannot express the change (no software base to diff against).
 */
export function buildInventoryReport(
  collected: CollectedSections,
  state: Pick<InventoryState, 'head' | 'fullRequired'>,
  identity: AgentIdentity,
  nextSequence: () => number,
  collectedAt = new Date(),
): BuiltReport<FullReport> | BuiltReport<DeltaReport> | null {
  const head = state.head;
  if (!head || state.fullRequired) return buildFullReport(collected, identity, nextSequence(), collectedAt);
  const entries = inventoryEntries(collected);
  const sections: ReportSections = {};
  let softwareDelta: SoftwareDelta | undefined;
  let changed = false;
  for (const [name, entry] of entries) {
    if (head.hashes[name] === entry.hash) continue;
    changed = true;
    if (name === 'software' && 'data' in entry) {
      const baseHash = head.hashes.software;
      // Without a base hash the server has nothing to apply a software delta to.
      if (!baseHash) return buildFullReport(collected, identity, nextSequence(), collectedAt);
      const items = (entry.data as { items: SoftwareItem[] }).items;
      softwareDelta = { baseHash, hash: entry.hash, ...diffSoftware(head.software ?? [], items) };
      continue;
    }
    setSection(sections, name, entry);
  }
  if (!changed) return null;
  const report: DeltaReport = {
    ...reportBase(identity, nextSequence(), collectedAt),
    kind: 'delta',
    baseStateHash: stateHash(head.hashes),
    sections,
  };
  if (softwareDelta) report.softwareDelta = softwareDelta;
  return { report, head: headOf(entries, head) };
}

export function buildMetricsReport(samples: MetricsSection[], identity: AgentIdentity, sequence: number, collectedAt = new Date()): MetricsReport {
  return { ...reportBase(identity, sequence, collectedAt), kind: 'metrics', samples };
}

/** The section hashes the server holds after it accepted `report` on top of `acked`. */
export function ackedAfter(acked: SectionHashes | null, report: FullReport | DeltaReport): SectionHashes {
  const hashes: SectionHashes = report.kind === 'full' ? {} : { ...(acked ?? {}) };
  for (const name of INVENTORY_SECTIONS) {
    const entry = report.sections[name];
    if (entry) hashes[name] = entry.hash;
  }
  if (report.kind === 'delta' && report.softwareDelta) hashes.software = report.softwareDelta.hash;
  return hashes;
}

// --- persistence ----------------------------------------------------------------------------------

const EMPTY_STATE: InventoryState = { head: null, acked: null, fullRequired: true };

function hashesFrom(value: unknown): SectionHashes | null {
  if (!isRecord(value)) return null;
  const out: SectionHashes = {};
  for (const name of INVENTORY_SECTIONS) {
    const h = value[name];
    if (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) out[name] = h;
  }
  return out;
}

/**
 * inventory.json. Read when a report is built or acknowledged and not kept in memory in between:
 * the software list is the largest thing the agent holds, and an idle agent should not hold it.
 */
export class InventoryStore {
  /** The small part (acknowledged hashes, the full-report flag), kept for check-ins and the status file. */
  private summaryCache: Pick<InventoryState, 'acked' | 'fullRequired'> | undefined;

  constructor(private readonly file: string) {}

  load(): InventoryState {
    let raw: unknown;
    try {
      raw = readJsonFile(this.file);
    } catch {
      // A corrupt state file costs one full report, nothing more.
      return { ...EMPTY_STATE };
    }
    if (!isRecord(raw)) return { ...EMPTY_STATE };
    let head: HeadState | null = null;
    if (isRecord(raw.head)) {
      const hashes = hashesFrom(raw.head.hashes);
      if (hashes) {
        head = { hashes };
        if (Array.isArray(raw.head.software)) head.software = raw.head.software as SoftwareItem[];
      }
    }
    const state = { head, acked: hashesFrom(raw.acked), fullRequired: raw.fullRequired === true || head === null };
    this.summaryCache = { acked: state.acked, fullRequired: state.fullRequired };
    return state;
  }

  save(state: InventoryState): void {
    atomicWriteJson(this.file, state);
    this.summaryCache = { acked: state.acked, fullRequired: state.fullRequired };
  }

  summary(): Pick<InventoryState, 'acked' | 'fullRequired'> {
    if (!this.summaryCache) {
      const { acked, fullRequired } = this.load();
      this.summaryCache = { acked, fullRequired };
    }
    return this.summaryCache;
  }

  update(change: (state: InventoryState) => void): InventoryState {
    const state = this.load();
    change(state);
    this.save(state);
    return state;
  }

  /** stateHash of the acknowledged state, for check-ins; undefined before the first acknowledged report. */
  ackedStateHash(): string | undefined {
    const { acked } = this.summary();
    return acked && Object.keys(acked).length ? stateHash(acked) : undefined;
  }

  reset(): void {
    this.save({ ...EMPTY_STATE });
  }
}

/**
 * The per-agent report sequence. Each number is persisted before it is used, so after a crash
 * a number may be skipped but is never handed out twice.
 */
export class SequenceStore {
  private next: number | undefined;
  constructor(private readonly file: string) {}

  private read(): number {
    try {
      const n = Number(fs.readFileSync(this.file, 'utf8').trim());
      return Number.isSafeInteger(n) && n >= 0 ? n : 0;
    } catch {
      return 0;
    }
  }

  /** Never hand out less than `floor` (e.g. one past the highest sequence still in the spool). */
  take(floor = 0): number {
    const value = Math.max(this.next ?? this.read(), floor);
    atomicWriteFile(this.file, `${value + 1}\n`);
    this.next = value + 1;
    return value;
  }
}
