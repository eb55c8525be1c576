import type pino from 'pino';
import type { AuditService } from '../audit/service.js';
import type { DeviceAuth } from '../devices/device-auth.js';
import type { CredentialOwner, DevicesStore } from '../devices/store.js';
import { ApiError, notFound } from '../http/errors.js';
import { hashSecret, newSecret } from './tokens.js';

/**
 * Device credentials after enrollment: rotation (the next check-in hands out a new credential;
 * the old one works until the agent first uses the new one) and revocation (immediately invalid
 * in every server process).
 */
export class DeviceCredentials {
  constructor(
    private readonly store: DevicesStore,
    private readonly deviceAuth: DeviceAuth,
    private readonly audit: AuditService,
    private readonly log: pino.Logger,
  ) {}

  async requestRotation(orgId: string, deviceId: string): Promise<{ deviceId: string; rotationRequested: true }> {
    const outcome = await this.store.requestRotation(orgId, deviceId);
    if (!outcome) throw notFound('device');
    if (outcome === 'no_credential') throw new ApiError(409, 'no_credential', 'this device has no credential to rotate (revoked, or not an agent): enroll it again');
    // Cached entries know nothing of the request yet: drop them so the next check-in sees it.
    await this.deviceAuth.changed(deviceId);
    return { deviceId, rotationRequested: true };
  }

  async revoke(orgId: string, deviceId: string): Promise<{ deviceId: string; revoked: true }> {
    if (!(await this.store.revokeCredentials(orgId, deviceId))) throw notFound('device');
    await this.deviceAuth.changed(deviceId);
    return { deviceId, revoked: true };
  }

  /**
   * Called by the check-in route: returns a new credential when one is due (rotation asked for,
   * or the device still presents the previous credential because it never got the new one).
   */
  async onCheckin(owner: CredentialOwner): Promise<string | undefined> {
    if (!owner.rotationRequested && !owner.previous) return undefined;
    const credential = newSecret('mdc');
    const issued = await this.store.issueCredential(owner.orgId, owner.deviceId, owner.presentedHash, hashSecret(credential), owner.previous);
    // Lost a race with a concurrent check-in of the same device: that one carries the credential.
    if (!issued) return undefined;
    await this.deviceAuth.changed(owner.deviceId);
    this.log.info({ deviceId: owner.deviceId, orgId: owner.orgId }, 'device credential rotated');
    this.audit.recordLater({
      orgId: owner.orgId,
      actorType: 'device',
      actorId: owner.deviceId,
      action: 'devices.credential.issue',
      targetType: 'devices',
      targetId: owner.deviceId,
      ip: null,
      details: { reason: owner.previous ? 're-issued: the device still used the previous credential' : 'rotation requested' },
    });
    return credential;
  }
}
