import { randomUUID } from 'node:crypto';
import os from 'node:os';
import {
  AgentConfig,
  CheckinResponse,
  INVENTORY_SECTIONS,
  MetricsSection,
  ReportAccepted,
  validate,
  type CheckinRequest,
  type DeltaReport,
  type FullReport,
  type InventorySectionName,
  type PushMessage,
  type Report,
  type SectionName,
  type WorkItem,
  type WorkResultReport,
} from '@muster/protocol';
import { collect as collectSystem, type CollectedSections } from './collectors/index.js';
import { DEFAULT_MAX_SPOOL_BYTES, readServerConfig, withFloors, writeCredential, writeServerConfig, type AgentFile, type AgentPaths } from './config.js';
import { isRecord } from './fsutil.js';
import type { Logger } from './log.js';
import { POSTPONE, Wakeup, initialOffset, jittered, shouldPostpone, systemLoadPerCore, type BusySignals, type Random } from './scheduler.js';
import { Spool, SpoolError, type SpooledRecord } from './spool.js';
import { InventoryStore, SequenceStore, ackedAfter, agentPlatform, buildInventoryReport, buildMetricsReport, type AgentIdentity } from './state.js';
import { writeStatus, type AgentStatus } from './status.js';
import { AUTH_FAILURE_MESSAGE, Backoff, Transport, type HttpOutcome } from './transport.js';
import { AGENT_VERSION } from './version.js';
import { Watchdog } from './watchdog.js';
import { PushChannel } from './websocket.js';
import { isoString } from './time.js';

/** Exit codes of `run` (and `run --once`), stable for scripts and service managers. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** --once: the server could not be reached; the reports stay spooled. */
  unreachable: 3,
  /** The server refused the credential: only re-enrolling helps (the systemd unit does not restart on it). */
  credentialRefused: 4,
  /** --once: the server refused some reports as malformed; they were dropped. */
  rejected: 5,
} as const;

export type CollectFn = (options: { sections: SectionName[] }) => Promise<CollectedSections>;

export interface RunnerOptions {
  paths: AgentPaths;
  agent: AgentFile;
  credential: string;
  log: Logger;
  /** Replaces the system collectors (tests). */
  collect?: CollectFn;
  transport?: Transport;
  watchdog?: Watchdog;
  random?: Random;
  identity?: AgentIdentity;
  /** Open the WebSocket push channel in `run` (default true). */
  push?: boolean;
  /** How busy the device and the agent are; by default the load average and the watchdog's CPU figure. */
  busySignals?: () => BusySignals;
}

type ContactResult = 'ok' | 'retry' | 'auth';

interface DrainResult {
  outcome: 'drained' | 'retry' | 'auth';
  accepted: number;
  rejected: number;
}

/** Largest metrics batch held in memory before it goes to the spool. */
const MAX_PENDING_SAMPLES = 10;

export class Runner {
  readonly spool: Spool;
  private readonly inventory: InventoryStore;
  private readonly sequence: SequenceStore;
  private readonly transport: Transport;
  private readonly watchdog: Watchdog;
  private readonly log: Logger;
  private readonly random: Random;
  private readonly identity: AgentIdentity;
  private readonly collectFn: CollectFn;
  private credential: string;
  private config: AgentConfig;
  private pendingSamples: MetricsSection[] = [];
  private readonly backoff: Backoff;
  private retryAt = 0;
  private stopping = false;
  private readonly wakeup = new Wakeup();
  private push: PushChannel | undefined;
  private readonly seenWork = new Set<string>();
  /** An inventory collection asked for outside the schedule (server, push, work); `urgent` skips postponement. */
  private inventoryWanted: { sections?: InventorySectionName[]; urgent: boolean; workIds: string[] } | undefined;
  private checkinWanted = false;
  private drainWanted = true;
  /** --once keeps the collection it made, so a full report the server asks for needs no second one. */
  private keepCollected = false;
  private lastCollected: CollectedSections | undefined;
  private counters = { rejectedReports: 0 };
  private lastContactAt: string | undefined;
  private lastError: { at: string; message: string } | undefined;
  private credentialRefused = false;

  constructor(private readonly options: RunnerOptions) {
    this.log = options.log;
    this.random = options.random ?? Math.random;
    this.credential = options.credential;
    const { config, problem } = readServerConfig(options.paths);
    if (problem) this.log.warn('stored server config ignored', { problem });
    this.config = config;
    this.spool = Spool.open(options.paths.spoolDir, { maxBytes: config.maxSpoolBytes ?? DEFAULT_MAX_SPOOL_BYTES, log: this.log });
    this.inventory = new InventoryStore(options.paths.inventoryFile);
    this.sequence = new SequenceStore(options.paths.sequenceFile);
    this.transport =
      options.transport ?? new Transport({ server: options.agent.server, caFile: options.agent.caFile, pin: options.agent.pin, credential: () => this.credential });
    this.watchdog = options.watchdog ?? new Watchdog({ ...options.agent.limits, log: this.log });
    this.identity = options.identity ?? { version: AGENT_VERSION, platform: agentPlatform(), arch: process.arch };
    this.collectFn = options.collect ?? ((o) => collectSystem({ sections: o.sections }));
    this.backoff = new Backoff(1_000, 300_000, this.random);
  }

  // --- collecting ------------------------------------------------------------------------------------

  private configuredSections(): InventorySectionName[] {
    const wanted = this.config.sections;
    if (!wanted) return [...INVENTORY_SECTIONS];
    const known = INVENTORY_SECTIONS.filter((s) => wanted.includes(s));
    return known.length ? known : [...INVENTORY_SECTIONS];
  }

  /** Collects inventory and spools a full or delta report; spools nothing when the machine is unchanged. */
  async collectInventory(only?: InventorySectionName[]): Promise<Report | null> {
    const state = this.inventory.load();
    const configured = this.configuredSections();
    const full = state.fullRequired || !state.head;
    const sections = full || !only ? configured : only.filter((s) => configured.includes(s));
    const started = Date.now();
    const collected = this.keepCollected && this.lastCollected && full ? this.lastCollected : await this.collectFn({ sections });
    if (this.keepCollected) this.lastCollected = collected;
    const built = buildInventoryReport(collected, state, this.identity, () => this.sequence.take());
    if (!built) {
      this.log.info('inventory unchanged, nothing to report', { ms: Date.now() - started });
      return null;
    }
    if (!this.append(built.report)) return null;
    this.inventory.update((s) => {
      s.head = built.head;
      if (built.report.kind === 'full') s.fullRequired = false;
    });
    this.drainWanted = true;
    const changed = Object.keys(built.report.sections);
    if (built.report.kind === 'delta' && built.report.softwareDelta) changed.push('software');
    this.log.info('inventory report spooled', { kind: built.report.kind, sequence: built.report.sequence, sections: changed, ms: Date.now() - started });
    return built.report;
  }

  async collectMetrics(): Promise<void> {
    const collected = await this.collectFn({ sections: ['metrics'] });
    const outcome = collected.metrics;
    if (!outcome || !('data' in outcome)) {
      this.log.debug('no metrics sample', { error: outcome && 'error' in outcome ? outcome.error : 'not collected' });
      return;
    }
    // One bad sample must not get a whole batch refused by the server.
    const checked = validate(MetricsSection, outcome.data, 1);
    if (!checked.ok) {
      this.log.warn('metrics sample does not match the schema, dropped', { issue: checked.issues[0] });
      return;
    }
    this.pendingSamples.push(checked.value);
    if (this.pendingSamples.length >= MAX_PENDING_SAMPLES) this.flushMetrics();
  }

  /** Batches the samples taken since the last flush into one MetricsReport on the spool. */
  flushMetrics(): void {
    if (!this.pendingSamples.length) return;
    const samples = this.pendingSamples;
    this.pendingSamples = [];
    this.append(buildMetricsReport(samples, this.identity, this.sequence.take()));
    this.drainWanted = true;
  }

  /** Puts a report on the spool; false when it could not be (too large, or a metrics report with no room left). */
  private append(report: Report): boolean {
    let result;
    try {
      result = this.spool.append(report.kind, report);
    } catch (error) {
      // Too large for the spool, or the disk is full or failing: the agent carries on without this report.
      this.log.error('report not spooled', { kind: report.kind, error: error instanceof SpoolError ? error.message : error });
      if (report.kind === 'full' || report.kind === 'delta') this.requireFull('report could not be spooled');
      return false;
    }
    if (result.superseded.length) this.log.info('unsent inventory reports superseded by a full report', { count: result.superseded.length });
    // A lost inventory report breaks the delta chain: only a full report after it can repair that.
    if (report.kind !== 'full' && result.dropped.some((d) => d.kind === 'full' || d.kind === 'delta')) this.requireFull('spool dropped an inventory report');
    return result.rid !== null;
  }

  /**
   * Marks the next inventory report as full. Only an explicit request from the server collects
   * it at once (`now`); after a refusal or a spool problem it waits for the schedule, so a report
   * the server keeps refusing cannot turn into a collect-send-refuse loop.
   */
  private requireFull(reason: string, now = false): void {
    this.inventory.update((s) => {
      s.fullRequired = true;
    });
    this.log.info('next inventory report will be full', { reason, collectNow: now });
    if (now) this.wantInventory(undefined, true);
  }

  private wantInventory(sections: InventorySectionName[] | undefined, urgent: boolean, workId?: string): void {
    const current = this.inventoryWanted;
    const merged = !current ? sections : current.sections && sections ? [...new Set([...current.sections, ...sections])] : undefined;
    this.inventoryWanted = { urgent: urgent || (current?.urgent ?? false), workIds: [...(current?.workIds ?? []), ...(workId ? [workId] : [])] };
    if (merged) this.inventoryWanted.sections = merged;
    this.wakeup.wake();
  }

  // --- talking to the server ---------------------------------------------------------------------------

  private noteContact(): void {
    this.lastContactAt = isoString();
    this.backoff.reset();
    this.retryAt = 0;
  }

  private noteError(message: string): void {
    this.lastError = { at: isoString(), message };
  }

  private noteRetry(outcome: Extract<HttpOutcome, { kind: 'retry' }>, what: string): void {
    const delay = this.backoff.next(outcome.retryAfterMs);
    this.retryAt = Date.now() + delay;
    this.noteError(`${what}: ${outcome.message}`);
    this.log.warn(`${what} failed, will retry`, { error: outcome.message, retryInMs: delay, attempt: this.backoff.attempts });
  }

  private noteAuthFailure(outcome: Extract<HttpOutcome, { kind: 'auth' }>): void {
    this.credentialRefused = true;
    this.noteError(outcome.message);
    this.log.error(AUTH_FAILURE_MESSAGE, { status: outcome.status, server: this.transport.server });
  }

  async checkin(): Promise<ContactResult> {
    const request: CheckinRequest = {
      agent: this.identity,
      spooledReports: this.spool.stats().records,
      uptimeSeconds: Math.floor(os.uptime()),
    };
    const stateHash = this.inventory.ackedStateHash();
    if (stateHash) request.stateHash = stateHash;
    const outcome = await this.transport.post('/agent/v1/checkin', request);
    switch (outcome.kind) {
      case 'ok':
        this.noteContact();
        this.handleCheckinResponse(outcome.body);
        return 'ok';
      case 'auth':
        this.noteAuthFailure(outcome);
        return 'auth';
      case 'retry':
        this.noteRetry(outcome, 'check-in');
        return 'retry';
      default:
        // The server answers but refuses our check-in as such: nothing to drop; say so and carry on.
        this.noteContact();
        this.noteError(`check-in refused: HTTP ${outcome.status}: ${outcome.message}`);
        this.log.error('check-in refused by the server', { status: outcome.status, error: outcome.message });
        return 'ok';
    }
  }

  private handleCheckinResponse(body: unknown): void {
    let checked = validate(CheckinResponse, body);
    if (!checked.ok && isRecord(body)) {
      // A bad config must not cost us the rest (work, a full-report request): retry without it.
      const withoutConfig = validate(CheckinResponse, { ...body, config: this.config });
      if (withoutConfig.ok) {
        this.log.warn('server sent a malformed config, ignored', { issues: checked.issues.slice(0, 3) });
        checked = { ok: true, value: { ...withoutConfig.value, config: this.config } };
      }
    }
    if (!checked.ok) {
      this.log.warn('malformed check-in response ignored', { issues: checked.issues.slice(0, 3) });
      return;
    }
    const response = checked.value;
    this.applyConfig(response.config);
    if (response.newCredential) {
      writeCredential(this.options.paths, response.newCredential);
      this.credential = response.newCredential;
      this.log.info('credential rotated by the server');
    }
    // A full report already on its way (spooled, not yet sent) answers the request.
    if (response.fullReportRequested && this.spool.stats().byKind.full === 0) this.requireFull('server asked for a full report', true);
    for (const item of response.work) this.handleWork(item);
  }

  applyConfig(config: AgentConfig): void {
    const next = withFloors(config);
    if (JSON.stringify(next) === JSON.stringify(this.config)) return;
    const previous = this.config;
    this.config = next;
    writeServerConfig(this.options.paths, next);
    this.spool.setMaxBytes(next.maxSpoolBytes ?? DEFAULT_MAX_SPOOL_BYTES);
    this.log.info('config updated by the server', { config: next });
    this.onConfigChange?.(previous, next);
  }

  /** Set by the run loop to reschedule when intervals change. */
  private onConfigChange: ((previous: AgentConfig, next: AgentConfig) => void) | undefined;

  private handleWork(item: WorkItem): void {
    if (this.seenWork.has(item.id)) return;
    this.seenWork.add(item.id);
    // Remember recent ids only: the server re-sends work until a result arrives, not forever.
    if (this.seenWork.size > 1_000) this.seenWork.delete(this.seenWork.values().next().value as string);
    if (item.expiresAt && Date.parse(item.expiresAt) < Date.now()) {
      this.spoolResult(item.id, 'rejected', 'expired before it reached the agent');
      return;
    }
    if (item.type === 'collect') {
      const requested = isRecord(item.payload) && Array.isArray(item.payload.sections) ? item.payload.sections : undefined;
      const sections = requested?.filter((s): s is InventorySectionName => (INVENTORY_SECTIONS as readonly unknown[]).includes(s));
      this.log.info('work: collect', { workId: item.id, sections });
      this.wantInventory(sections?.length ? sections : undefined, true, item.id);
      return;
    }
    // Jobs and deployments come with the job runner; until then say so rather than stay silent.
    this.log.warn('work type not supported by this agent, rejected', { workId: item.id, type: item.type });
    this.spoolResult(item.id, 'rejected', `work type "${item.type}" is not supported by muster-agent ${AGENT_VERSION}`);
  }

  private spoolResult(workId: string, status: WorkResultReport['status'], stderr?: string, startedAt?: Date): void {
    const now = new Date();
    const report: WorkResultReport = {
      protocol: 1,
      reportId: randomUUID(),
      sequence: this.sequence.take(),
      collectedAt: isoString(now),
      agent: this.identity,
      kind: 'result',
      workId,
      status,
      finishedAt: isoString(now),
    };
    if (startedAt) report.startedAt = isoString(startedAt);
    if (stderr) report.stderr = stderr;
    this.append(report);
    this.drainWanted = true;
  }

  /** Sends spooled records oldest first until the spool is empty or the server cannot take more now. */
  async drain(): Promise<DrainResult> {
    const result: DrainResult = { outcome: 'drained', accepted: 0, rejected: 0 };
    for (;;) {
      if (this.stopping) {
        // Finish the send in progress, not the whole spool: the rest waits for the next start.
        result.outcome = 'retry';
        return result;
      }
      const record = this.spool.peek();
      if (!record) {
        this.drainWanted = false;
        return result;
      }
      const outcome = await this.transport.post('/agent/v1/reports', record.body);
      switch (outcome.kind) {
        case 'ok':
          this.noteContact();
          this.accepted(record, outcome.body);
          result.accepted++;
          break;
        case 'full_report_required':
          this.noteContact();
          this.spool.drop(record.rid);
          this.log.warn('server needs a full report, dropped this one', { kind: record.kind, rid: record.rid, message: outcome.message });
          // Asked of a delta, a full report is the cure; asked of a full report, something is
          // wrong on the server, and the schedule (not a loop) brings the next attempt.
          this.requireFull('server answered full_report_required', record.kind === 'delta');
          // Stop here: the full report, once spooled, supersedes the deltas queued behind this one.
          if (record.kind === 'delta') return result;
          break;
        case 'rejected':
          this.noteContact();
          this.spool.drop(record.rid);
          this.counters.rejectedReports++;
          result.rejected++;
          this.noteError(`report refused: HTTP ${outcome.status} ${outcome.code ?? ''} ${outcome.message}`.replace(/\s+/g, ' '));
          this.log.error('server refused a report as invalid; dropped so it cannot block the spool', {
            kind: record.kind,
            rid: record.rid,
            status: outcome.status,
            code: outcome.code,
            error: outcome.message,
          });
          if (record.kind === 'full' || record.kind === 'delta') this.requireFull('an inventory report was refused');
          break;
        case 'auth':
          this.noteAuthFailure(outcome);
          result.outcome = 'auth';
          return result;
        case 'retry':
          this.noteRetry(outcome, 'sending reports');
          result.outcome = 'retry';
          return result;
      }
    }
  }

  private accepted(record: SpooledRecord, body: unknown): void {
    const ack = validate(ReportAccepted, body);
    if (!ack.ok) this.log.warn('malformed acknowledgement; the 2xx status counts', { rid: record.rid });
    // The acknowledged state advances before the spool forgets the record: a crash in between
    // re-sends a duplicate (which the server ignores) rather than losing the state change.
    if (record.kind === 'full' || record.kind === 'delta') {
      const report = record.body as FullReport | DeltaReport;
      this.inventory.update((s) => {
        s.acked = ackedAfter(s.acked, report);
      });
    }
    this.spool.ack(record.rid);
    this.log.debug('report accepted', { kind: record.kind, rid: record.rid, status: ack.ok ? ack.value.status : undefined });
  }

  // --- status ------------------------------------------------------------------------------------------

  status(): AgentStatus {
    const status: AgentStatus = {
      pid: process.pid,
      updatedAt: isoString(),
      server: this.options.agent.server,
      deviceId: this.options.agent.deviceId,
      spool: this.spool.stats(),
      pushConnected: this.push?.connected ?? false,
      rejectedReports: this.counters.rejectedReports,
      credentialRefused: this.credentialRefused,
      fullReportPending: this.inventory.summary().fullRequired,
    };
    if (this.lastContactAt) status.lastContactAt = this.lastContactAt;
    if (this.lastError) status.lastError = this.lastError;
    return status;
  }

  private saveStatus(): void {
    try {
      writeStatus(this.options.paths, this.status());
    } catch (error) {
      this.log.warn('cannot write the status file', { error });
    }
  }

  // --- run --once ----------------------------------------------------------------------------------

  /**
   * Collect, spool a full-or-delta report and a metrics report, check in, drain the spool. Exit
   * 0 only when every spooled record was accepted; 3 when the server was unreachable (records stay
   * spooled); 4 when the credential was refused; 5 when reports were refused as invalid.
   */
  async once(): Promise<number> {
    this.keepCollected = true;
    this.watchdog.start();
    try {
      await this.safely('inventory', () => this.collectInventory());
      await this.safely('metrics', () => this.collectMetrics());
      this.flushMetrics();
      const contact = await this.checkin();
      if (contact === 'auth') return EXIT.credentialRefused;
      if (contact === 'retry') return EXIT.unreachable;
      // A full report the check-in asked for goes on the spool before the drain, superseding deltas the server would refuse.
      if (this.inventoryWanted) {
        this.inventoryWanted = undefined;
        await this.safely('inventory', () => this.collectInventory());
      }
      let drained = await this.drain();
      // The server asked for a full report (at check-in or as a 409): send it in this run too.
      for (let round = 0; this.inventoryWanted && drained.outcome === 'drained' && round < 2; round++) {
        this.inventoryWanted = undefined;
        await this.safely('inventory', () => this.collectInventory());
        const again = await this.drain();
        drained = { outcome: again.outcome, accepted: drained.accepted + again.accepted, rejected: drained.rejected + again.rejected };
      }
      if (drained.outcome === 'auth') return EXIT.credentialRefused;
      if (drained.outcome === 'retry') return EXIT.unreachable;
      if (this.counters.rejectedReports > 0) return EXIT.rejected;
      return this.spool.stats().records === 0 ? EXIT.ok : EXIT.unreachable;
    } finally {
      this.watchdog.stop();
      this.saveStatus();
      this.close();
    }
  }

  private async safely(what: string, task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.noteError(`${what}: ${(error as Error).message}`);
      this.log.error(`${what} failed`, { error });
    }
  }

  // --- the daemon ------------------------------------------------------------------------------------

  stop(): void {
    this.stopping = true;
    this.wakeup.wake();
  }

  /** The daemon loop; resolves with the exit code once stopped (stop(), SIGTERM) or the credential is refused. */
  async run(): Promise<number> {
    // The loop's timers are unref'd so nothing lingers after it ends; this one handle keeps the
    // process alive while it runs.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    this.watchdog.start();
    const now = Date.now();
    const intervals = () => ({
      checkin: this.config.checkinIntervalSec * 1000,
      inventory: this.config.inventoryIntervalSec * 1000,
      metrics: this.config.metricsIntervalSec * 1000,
    });
    let every = intervals();
    const firstInventory = this.inventory.summary().fullRequired ? Math.min(every.inventory, 60_000) : every.inventory;
    const next = {
      checkin: now + initialOffset(every.checkin, this.random),
      inventory: now + initialOffset(firstInventory, this.random),
      metrics: now + initialOffset(every.metrics, this.random),
    };
    this.onConfigChange = () => {
      every = intervals();
      const at = Date.now();
      // Shorter intervals apply at once; longer ones from the next run on.
      next.checkin = Math.min(next.checkin, at + jittered(every.checkin, this.random));
      next.inventory = Math.min(next.inventory, at + jittered(every.inventory, this.random));
      next.metrics = Math.min(next.metrics, at + jittered(every.metrics, this.random));
    };
    let postponed = 0;
    let pushStarted = false;
    this.log.info('agent started', { version: AGENT_VERSION, server: this.options.agent.server, deviceId: this.options.agent.deviceId, stateDir: this.options.paths.dir });
    let exitCode: number = EXIT.ok;
    try {
      while (!this.stopping) {
        let t = Date.now();
        if (t >= next.metrics) {
          await this.safely('metrics', () => this.collectMetrics());
          next.metrics = t + jittered(every.metrics, this.random);
        }
        if (this.stopping) break;

        t = Date.now();
        const wanted = this.inventoryWanted;
        if (wanted || t >= next.inventory) {
          const signals = this.options.busySignals?.() ?? { loadPerCore: systemLoadPerCore(), agentCpuPercent: this.watchdog.recentCpuPercent() };
          const busy = wanted?.urgent ? undefined : shouldPostpone(signals, postponed, this.watchdog.cpuBudgetPercent);
          if (busy) {
            postponed++;
            next.inventory = t + POSTPONE.delayMs;
            this.inventoryWanted = undefined;
            this.log.info('inventory postponed, the device is busy', { reason: busy, times: postponed });
          } else {
            postponed = 0;
            this.inventoryWanted = undefined;
            const startedAt = new Date();
            let failed = false;
            await this.safely('inventory', async () => {
              try {
                await this.collectInventory(wanted?.sections);
              } catch (error) {
                failed = true;
                throw error;
              }
            });
            for (const workId of wanted?.workIds ?? []) this.spoolResult(workId, failed ? 'failed' : 'succeeded', failed ? this.lastError?.message : undefined, startedAt);
            next.inventory = Date.now() + jittered(every.inventory, this.random);
          }
        }
        if (this.stopping) break;

        t = Date.now();
        const checkinDue = this.checkinWanted || t >= next.checkin;
        // Samples go to the spool at check-in time, so one report carries every sample since the last.
        if (checkinDue) this.flushMetrics();
        if (checkinDue && t >= this.retryAt) {
          this.checkinWanted = false;
          const contact = await this.checkin();
          next.checkin = Date.now() + jittered(every.checkin, this.random);
          if (contact === 'auth') {
            exitCode = EXIT.credentialRefused;
            break;
          }
          if (contact === 'ok' && !pushStarted && this.options.push !== false) {
            pushStarted = true;
            this.startPush();
          }
        }
        // A wanted inventory comes first: when it is the full report the server asked for, it
        // supersedes spooled deltas that would only be refused.
        if (this.drainWanted && !this.inventoryWanted && Date.now() >= this.retryAt && !this.stopping) {
          this.flushMetrics();
          const drained = await this.drain();
          if (drained.outcome === 'auth') {
            exitCode = EXIT.credentialRefused;
            break;
          }
        }
        this.saveStatus();
        if (this.stopping) break;

        const wakeAt = Math.min(next.metrics, next.inventory, Math.max(next.checkin, this.retryAt), this.drainWanted ? Math.max(this.retryAt, Date.now()) : Infinity);
        await this.wakeup.sleep(wakeAt - Date.now());
      }
    } finally {
      this.flushMetrics();
      this.push?.stop();
      this.watchdog.stop();
      this.saveStatus();
      this.close();
      clearInterval(keepAlive);
      this.log.info('agent stopped', { exitCode });
    }
    return exitCode;
  }

  private startPush(): void {
    this.push = new PushChannel({
      transport: this.transport,
      log: this.log,
      onPush: (message) => this.onPush(message),
      backoff: new Backoff(1_000, 300_000, this.random),
    });
    this.push.start();
  }

  onPush(message: PushMessage): void {
    switch (message.type) {
      case 'work':
        this.checkinWanted = true;
        this.wakeup.wake();
        break;
      case 'collect': {
        const sections = message.sections?.filter((s): s is InventorySectionName => (INVENTORY_SECTIONS as readonly string[]).includes(s));
        this.wantInventory(sections?.length ? sections : undefined, true);
        break;
      }
      case 'config': {
        const checked = validate(AgentConfig, message.config);
        if (checked.ok) this.applyConfig(checked.value);
        else this.log.warn('push: malformed config ignored');
        this.wakeup.wake();
        break;
      }
      case 'ping':
        break;
    }
  }

  private close(): void {
    this.spool.close();
    this.transport.close();
  }
}
