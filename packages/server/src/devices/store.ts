import { sql, type Kysely } from 'kysely';
import type { DB, DeviceStatus } from '../db/schema.js';

export interface CredentialOwner {
  orgId: string;
  deviceId: string;
  status: DeviceStatus;
  fullReportRequested: boolean;
  /** True when the presented credential is the previous one of a rotation still in progress. */
  previous: boolean;
}

export interface EnrolledDevice {
  hostname: string;
  platform: string;
  osName: string;
  osVersion: string;
  arch: string;
  agentVersion: string;
  serialNumber: string | null;
  hardwareUuid: string | null;
  machineId: string | null;
  status: DeviceStatus;
  credentialHash: string;
  enrollmentTokenId: string;
}

/** The devices table's SQL for the agent-facing paths (enrollment, credential checks, last seen). */
export class DevicesStore {
  constructor(private readonly db: Kysely<DB>) {}

  async findByCredential(credentialHash: string): Promise<CredentialOwner | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .select(['org_id', 'id', 'status', 'full_report_requested', 'previous_credential_hash'])
      .where((eb) => eb.or([eb('credential_hash', '=', credentialHash), eb('previous_credential_hash', '=', credentialHash)]))
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      orgId: row.org_id,
      deviceId: row.id,
      status: row.status,
      fullReportRequested: row.full_report_requested,
      previous: row.previous_credential_hash === credentialHash,
    };
  }

  /**
   * A machine that enrolls again (reinstalled agent, wiped state) keeps its device record, history
   * and software: it is matched on its OS installation id, else its hardware UUID with serial.
   */
  async enroll(orgId: string, device: EnrolledDevice): Promise<{ deviceId: string; reenrolled: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      let existing: { id: string } | undefined;
      if (device.machineId) {
        existing = await trx.selectFrom('devices').select('id').where('org_id', '=', orgId).where('machine_id', '=', device.machineId).where('kind', '=', 'agent').forUpdate().executeTakeFirst();
      }
      if (!existing && device.hardwareUuid) {
        existing = await trx
          .selectFrom('devices')
          .select('id')
          .where('org_id', '=', orgId)
          .where('hardware_uuid', '=', device.hardwareUuid)
          .where((eb) => (device.serialNumber ? eb('serial_number', '=', device.serialNumber) : eb('serial_number', 'is', null)))
          .where('kind', '=', 'agent')
          .forUpdate()
          .executeTakeFirst();
      }
      const values = {
        hostname: device.hostname,
        platform: device.platform,
        os_name: device.osName,
        os_version: device.osVersion,
        arch: device.arch,
        agent_version: device.agentVersion,
        serial_number: device.serialNumber,
        hardware_uuid: device.hardwareUuid,
        machine_id: device.machineId,
        credential_hash: device.credentialHash,
        previous_credential_hash: null,
        credential_rotated_at: new Date(),
        enrollment_token_id: device.enrollmentTokenId,
        enrolled_at: new Date(),
        // A re-enrolled agent starts a new sequence and has no acknowledged state.
        last_sequence: -1,
        full_report_requested: false,
        state_hash: null,
        updated_at: new Date(),
      };
      if (existing) {
        await trx.updateTable('devices').set(values).where('org_id', '=', orgId).where('id', '=', existing.id).execute();
        return { deviceId: existing.id, reenrolled: true };
      }
      const row = await trx
        .insertInto('devices')
        .values({ org_id: orgId, kind: 'agent', status: device.status, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { deviceId: row.id, reenrolled: false };
    });
  }

  /** Many check-ins, one statement: last_seen_at is written in batches (see LastSeenWriter). */
  async touchLastSeen(entries: Array<{ orgId: string; deviceId: string; at: Date; agentVersion: string | null }>): Promise<void> {
    if (entries.length === 0) return;
    await sql`
      update devices d
         set last_seen_at = greatest(d.last_seen_at, v.at),
             agent_version = coalesce(v.agent_version, d.agent_version)
        from unnest(${entries.map((e) => e.orgId)}::uuid[], ${entries.map((e) => e.deviceId)}::uuid[],
                    ${entries.map((e) => e.at.toISOString())}::timestamptz[], ${entries.map((e) => e.agentVersion)}::text[])
             as v(org_id, id, at, agent_version)
       where d.org_id = v.org_id and d.id = v.id`.execute(this.db);
  }

  async requestFullReport(orgId: string, deviceId: string): Promise<void> {
    await this.db.updateTable('devices').set({ full_report_requested: true }).where('org_id', '=', orgId).where('id', '=', deviceId).execute();
  }
}
