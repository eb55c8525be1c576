import { sql, type Kysely } from 'kysely';
import type { DB, DeviceStatus } from '../db/schema.js';

export interface CredentialOwner {
  orgId: string;
  deviceId: string;
  status: DeviceStatus;
  fullReportRequested: boolean;
  /** True when the presented credential is the previous one of a rotation still in progress. */
  previous: boolean;
  /** A rotation is in progress: the previous credential still works until the new one is first used. */
  rotating: boolean;
  /** An operator asked for a new credential: the next check-in carries it. */
  rotationRequested: boolean;
  /** SHA-256 of the credential presented (never the credential): rotation updates are conditional on it. */
  presentedHash: string;
}

/** The devices table's SQL for the agent-facing paths (enrollment, credential checks, last seen). */
export class DevicesStore {
  constructor(private readonly db: Kysely<DB>) {}

  async findByCredential(credentialHash: string): Promise<CredentialOwner | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .select(['org_id', 'id', 'status', 'full_report_requested', 'previous_credential_hash', 'credential_rotation_requested_at'])
      .where((eb) => eb.or([eb('credential_hash', '=', credentialHash), eb('previous_credential_hash', '=', credentialHash)]))
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      orgId: row.org_id,
      deviceId: row.id,
      status: row.status,
      fullReportRequested: row.full_report_requested,
      previous: row.previous_credential_hash === credentialHash,
      rotating: row.previous_credential_hash !== null,
      rotationRequested: row.credential_rotation_requested_at !== null,
      presentedHash: credentialHash,
    };
  }

  // --- credential rotation and revocation ----------------------------------------------------------
  //
  // A rotation: an operator asks (requestRotation); the device's next check-in gets a new
  // credential (issueCredential), the one it presented becomes the previous one and keeps working;
  // the first request with the new credential ends the rotation (completeRotation). Should the
  // check-in response be lost, the device comes back with the previous credential and is issued
  // another new one. Every update is conditional on the presented hash, so that two racing
  // requests cannot both swap credentials.

  async requestRotation(orgId: string, deviceId: string): Promise<'requested' | 'no_credential' | undefined> {
    const row = await this.db
      .updateTable('devices')
      .set({ credential_rotation_requested_at: new Date() })
      .where('org_id', '=', orgId)
      .where('id', '=', deviceId)
      .returning(['credential_hash'])
      .executeTakeFirst();
    if (!row) return undefined;
    return row.credential_hash === null ? 'no_credential' : 'requested';
  }

  /** Swaps in a new credential hash for a device whose presented credential is `presentedHash`. */
  async issueCredential(orgId: string, deviceId: string, presentedHash: string, newHash: string, presentedIsPrevious: boolean): Promise<boolean> {
    const now = new Date();
    const query = presentedIsPrevious
      ? // The device never used the credential issued last time: replace that one, keep the previous.
        this.db.updateTable('devices').set({ credential_hash: newHash, credential_rotation_requested_at: null, credential_rotated_at: now }).where('previous_credential_hash', '=', presentedHash)
      : this.db
          .updateTable('devices')
          .set((eb) => ({ previous_credential_hash: eb.ref('credential_hash'), credential_hash: newHash, credential_rotation_requested_at: null, credential_rotated_at: now }))
          .where('credential_hash', '=', presentedHash)
          .where('credential_rotation_requested_at', 'is not', null);
    const result = await query.where('org_id', '=', orgId).where('id', '=', deviceId).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The device used its new credential: the previous one stops working. */
  async completeRotation(orgId: string, deviceId: string, currentHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({ previous_credential_hash: null })
      .where('org_id', '=', orgId)
      .where('id', '=', deviceId)
      .where('credential_hash', '=', currentHash)
      .where('previous_credential_hash', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Every credential of the device stops working; it must enroll again. */
  async revokeCredentials(orgId: string, deviceId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({ credential_hash: null, previous_credential_hash: null, credential_rotation_requested_at: null, credential_rotated_at: new Date() })
      .where('org_id', '=', orgId)
      .where('id', '=', deviceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
}
