import { sql, type Kysely } from 'kysely';
import type { DB, DeviceStatus } from '../db/schema.js';

/** What an agent tells about its machine when it enrolls, and the hash of the credential it gets. */
export interface EnrollingDevice {
  hostname: string;
  platform: string;
  osName: string;
  osVersion: string;
  arch: string;
  agentVersion: string;
  serialNumber: string | null;
  hardwareUuid: string | null;
  machineId: string | null;
  credentialHash: string;
}

export interface EnrolledDevice {
  orgId: string;
  deviceId: string;
  /** Never retired: a retired machine that enrolls again comes back. */
  status: Exclude<DeviceStatus, 'retired'>;
  /** The machine had a device record already (matched on machine id, else hardware UUID and serial). */
  reenrolled: boolean;
}

export interface EnrollmentTokenRow {
  id: string;
  name: string;
  tokenPrefix: string;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  requiresApproval: boolean;
  revokedAt: Date | null;
  createdAt: Date;
}

const COLUMNS = ['id', 'name', 'token_prefix', 'expires_at', 'max_uses', 'uses', 'requires_approval', 'revoked_at', 'created_at'] as const;

function toRow(r: {
  id: string;
  name: string;
  token_prefix: string;
  expires_at: unknown;
  max_uses: number | null;
  uses: number;
  requires_approval: boolean;
  revoked_at: unknown;
  created_at: Date;
}): EnrollmentTokenRow {
  return {
    id: r.id,
    name: r.name,
    tokenPrefix: r.token_prefix,
    expiresAt: (r.expires_at as Date | null) ?? null,
    maxUses: r.max_uses,
    uses: r.uses,
    requiresApproval: r.requires_approval,
    revokedAt: (r.revoked_at as Date | null) ?? null,
    createdAt: r.created_at,
  };
}

export class EnrollmentStore {
  constructor(private readonly db: Kysely<DB>) {}

  async create(orgId: string, token: { name: string; tokenHash: string; tokenPrefix: string; expiresAt: Date | null; maxUses: number | null; requiresApproval: boolean; createdBy: string | null }): Promise<EnrollmentTokenRow> {
    const row = await this.db
      .insertInto('enrollment_tokens')
      .values({
        org_id: orgId,
        name: token.name,
        token_hash: token.tokenHash,
        token_prefix: token.tokenPrefix,
        expires_at: token.expiresAt,
        max_uses: token.maxUses,
        requires_approval: token.requiresApproval,
        created_by: token.createdBy,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toRow(row);
  }

  async list(orgId: string): Promise<EnrollmentTokenRow[]> {
    const rows = await this.db.selectFrom('enrollment_tokens').select(COLUMNS).where('org_id', '=', orgId).orderBy('created_at', 'desc').execute();
    return rows.map(toRow);
  }

  async revoke(orgId: string, id: string): Promise<EnrollmentTokenRow | undefined> {
    const row = await this.db
      .updateTable('enrollment_tokens')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`) }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /**
   * Enrolls a device in one statement: spends one use of the token (atomically: two agents racing
   * for the last use cannot both win), creates the device or takes over the record of the same
   * machine, and writes the audit row, all in one transaction. A machine that enrolls again
   * (reinstalled agent, wiped state) keeps its device record, history and software: it is matched
   * on its OS installation id, else on its hardware UUID with its serial number; a retired one
   * comes back with the token's status. Returns undefined when the token cannot be used.
   */
  async enroll(tokenHash: string, device: EnrollingDevice, audit: { ip: string | null; details: Record<string, unknown> }): Promise<EnrolledDevice | undefined> {
    const { rows } = await sql<{ org_id: string; id: string; status: EnrolledDevice['status']; reenrolled: boolean }>`
      with token as (
        update enrollment_tokens
           set uses = uses + 1
         where token_hash = ${tokenHash}
           and revoked_at is null
           and (expires_at is null or expires_at > now())
           and (max_uses is null or uses < max_uses)
        returning org_id, id, case when requires_approval then 'pending' else 'active' end as status
      ), existing as (
        -- Two index lookups (an OR of both would scan the organisation's devices, the token locked).
        select d.org_id, d.id
          from devices d
         where d.org_id = (select org_id from token)
           and d.id = coalesce(
                 (select m.id from devices m
                   where m.org_id = (select org_id from token) and m.kind = 'agent' and m.machine_id = ${device.machineId}
                   order by m.created_at limit 1),
                 (select h.id from devices h
                   where h.org_id = (select org_id from token) and h.kind = 'agent' and h.hardware_uuid = ${device.hardwareUuid}
                     and h.serial_number is not distinct from ${device.serialNumber}::text
                   order by h.created_at limit 1))
           for update of d
      ), updated as (
        update devices d
           set hostname = ${device.hostname}, platform = ${device.platform}, os_name = ${device.osName}, os_version = ${device.osVersion},
               arch = ${device.arch}, agent_version = ${device.agentVersion}, serial_number = ${device.serialNumber},
               hardware_uuid = ${device.hardwareUuid}, machine_id = ${device.machineId},
               status = case when d.status = 'retired' then t.status else d.status end,
               credential_hash = ${device.credentialHash}, previous_credential_hash = null,
               credential_rotation_requested_at = null, credential_rotated_at = now(),
               enrollment_token_id = t.id, enrolled_at = now(),
               -- A re-enrolled agent starts a new sequence and has no acknowledged state.
               last_sequence = -1, full_report_requested = false, state_hash = null, updated_at = now()
          from existing e, token t
         where d.org_id = e.org_id and d.id = e.id
        returning d.id, d.status, true as reenrolled
      ), inserted as (
        insert into devices (org_id, kind, status, hostname, platform, os_name, os_version, arch, agent_version, serial_number,
                             hardware_uuid, machine_id, credential_hash, credential_rotated_at, enrollment_token_id, enrolled_at)
        select t.org_id, 'agent', t.status, ${device.hostname}, ${device.platform}, ${device.osName}, ${device.osVersion}, ${device.arch},
               ${device.agentVersion}, ${device.serialNumber}, ${device.hardwareUuid}, ${device.machineId}, ${device.credentialHash}, now(), t.id, now()
          from token t
         where not exists (select from existing)
        returning id, status, false as reenrolled
      ), enrolled as (
        select * from updated union all select * from inserted
      ), audited as (
        -- The device that now exists is both the actor and the target.
        insert into audit_log (org_id, actor_type, actor_id, action, target_type, target_id, ip, details)
        select t.org_id, 'device', e.id, 'devices.enroll', 'devices', e.id, ${audit.ip}::inet,
               ${JSON.stringify(audit.details)}::jsonb || jsonb_build_object('reenrolled', e.reenrolled)
          from token t, enrolled e
      )
      select t.org_id, e.id, e.status, e.reenrolled from token t, enrolled e`.execute(this.db);
    const row = rows[0];
    return row && { orgId: row.org_id, deviceId: row.id, status: row.status, reenrolled: row.reenrolled };
  }

  /** Why a token cannot be used, for a precise error (after enroll found it unusable). */
  async whyUnusable(tokenHash: string): Promise<'unknown' | 'revoked' | 'expired' | 'used_up'> {
    const row = await this.db.selectFrom('enrollment_tokens').select(['revoked_at', 'expires_at', 'max_uses', 'uses']).where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return 'unknown';
    if (row.revoked_at) return 'revoked';
    if (row.expires_at && (row.expires_at as Date).getTime() <= Date.now()) return 'expired';
    return 'used_up';
  }
}
