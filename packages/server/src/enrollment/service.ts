import type { EnrollRequest, EnrollResponse } from '@muster/protocol';
import { hashSecret, newSecret } from '../auth/tokens.js';
import type { DeviceAuth } from '../devices/device-auth.js';
import { ApiError, badRequest, notFound } from '../http/errors.js';
import type { OrgSettingsStore } from '../orgs/settings.js';
import type { EnrollmentStore, EnrollmentTokenRow } from './store.js';

export interface CreateTokenInput {
  name?: string | undefined;
  expiresAt?: string | undefined;
  maxUses?: number | undefined;
  requiresApproval?: boolean | undefined;
}

const DEFAULT_TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export class EnrollmentService {
  constructor(
    private readonly store: EnrollmentStore,
    private readonly deviceAuth: DeviceAuth,
    private readonly settings: OrgSettingsStore,
  ) {}

  /** The token itself is returned here once and never again: only its hash is kept. */
  async createToken(orgId: string, userId: string | null, input: CreateTokenInput): Promise<EnrollmentTokenRow & { token: string }> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(Date.now() + DEFAULT_TOKEN_LIFETIME_MS);
    if (Number.isNaN(expiresAt.getTime())) throw badRequest('expiresAt is not a valid date');
    if (expiresAt.getTime() <= Date.now()) throw badRequest('expiresAt must be in the future');
    const token = newSecret('met');
    const row = await this.store.create(orgId, {
      name: input.name?.trim() || `Token ${new Date().toISOString().slice(0, 10)}`,
      tokenHash: hashSecret(token),
      tokenPrefix: token.slice(0, 8),
      expiresAt,
      maxUses: input.maxUses ?? null,
      requiresApproval: input.requiresApproval ?? false,
      createdBy: userId,
    });
    return { ...row, token };
  }

  list(orgId: string): Promise<EnrollmentTokenRow[]> {
    return this.store.list(orgId);
  }

  async revoke(orgId: string, id: string): Promise<EnrollmentTokenRow> {
    const row = await this.store.revoke(orgId, id);
    if (!row) throw notFound('enrollment token');
    return row;
  }

  /**
   * Exchanges an enrollment token for a device identity and its credential (sent once). The
   * organisation comes back too (it is not part of the response). The device's first request
   * finds its credential already in this process's cache.
   */
  async enroll(request: EnrollRequest, audit: { ip: string | null; details: Record<string, unknown> }): Promise<EnrollResponse & { orgId: string }> {
    const tokenHash = hashSecret(request.token);
    const credential = newSecret('mdc');
    const credentialHash = hashSecret(credential);
    const device = await this.store.enroll(
      tokenHash,
      {
        hostname: request.hostname,
        platform: request.agent.platform,
        osName: request.os.name,
        osVersion: request.os.version,
        arch: request.agent.arch,
        agentVersion: request.agent.version,
        serialNumber: request.serialNumber ?? null,
        hardwareUuid: request.hardwareUuid ?? null,
        machineId: request.machineId ?? null,
        credentialHash,
      },
      audit,
    );
    if (!device) {
      const why = await this.store.whyUnusable(tokenHash);
      const messages = {
        unknown: 'enrollment token is not valid',
        revoked: 'enrollment token was revoked',
        expired: 'enrollment token has expired',
        used_up: 'enrollment token has no uses left',
      } as const;
      throw new ApiError(401, `enrollment_token_${why}`, messages[why]);
    }
    // A re-enrolled device's old credential stopped working: processes that cached it must hear so.
    if (device.reenrolled) await this.deviceAuth.changed(device.deviceId);
    this.deviceAuth.remember(credentialHash, {
      orgId: device.orgId,
      deviceId: device.deviceId,
      status: device.status,
      fullReportRequested: false,
      previous: false,
      rotating: false,
      rotationRequested: false,
      presentedHash: credentialHash,
    });
    return { orgId: device.orgId, deviceId: device.deviceId, credential, status: device.status, config: await this.settings.agentConfig(device.orgId) };
  }
}
