import type { EnrollRequest, EnrollResponse } from '@muster/protocol';
import { hashSecret, newSecret } from '../auth/tokens.js';
import type { DevicesStore } from '../devices/store.js';
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
    private readonly devices: DevicesStore,
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
   * organisation comes back too, for the audit row (it is not part of the response).
   */
  async enroll(request: EnrollRequest): Promise<EnrollResponse & { orgId: string }> {
    const tokenHash = hashSecret(request.token);
    const token = await this.store.consume(tokenHash);
    if (!token) {
      const why = await this.store.whyUnusable(tokenHash);
      const messages = {
        unknown: 'enrollment token is not valid',
        revoked: 'enrollment token was revoked',
        expired: 'enrollment token has expired',
        used_up: 'enrollment token has no uses left',
      } as const;
      throw new ApiError(401, `enrollment_token_${why}`, messages[why]);
    }
    const credential = newSecret('mdc');
    const status = token.requiresApproval ? 'pending' : 'active';
    const { deviceId } = await this.devices.enroll(token.orgId, {
      hostname: request.hostname,
      platform: request.agent.platform,
      osName: request.os.name,
      osVersion: request.os.version,
      arch: request.agent.arch,
      agentVersion: request.agent.version,
      serialNumber: request.serialNumber ?? null,
      hardwareUuid: request.hardwareUuid ?? null,
      machineId: request.machineId ?? null,
      status,
      credentialHash: hashSecret(credential),
      enrollmentTokenId: token.id,
    });
    return { orgId: token.orgId, deviceId, credential, status, config: await this.settings.agentConfig(token.orgId) };
  }
}
