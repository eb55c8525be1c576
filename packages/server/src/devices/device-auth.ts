import type { FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/tokens.js';
import { bearerToken } from '../auth/plugin.js';
import type { Bus } from '../bus/types.js';
import { ApiError } from '../http/errors.js';
import type { CredentialOwner, DevicesStore } from './store.js';

/**
 * A known credential stays cached for minutes: every change to what the entry holds (revocation,
 * rotation, status, the full-report flag, removal, a new enrollment of the machine) is announced
 * on the bus, and a gap in the announcements clears the cache. Agents check in every minute, so
 * a shorter life would mean one database lookup per check-in. Unknown credentials are kept for
 * seconds only: they are what a flood of made-up credentials would fill the cache with.
 */
const KNOWN_TTL_MS = 10 * 60_000;
const UNKNOWN_TTL_MS = 5_000;
const MAX_ENTRIES = 200_000;
/** Announced when a device's credential or flags change; every process drops its cached entry. */
const DEVICE_AUTH_CHANGED_TOPIC = 'devices.auth.changed';
/** Device ids per announcement: 100 uuids stay well below PostgreSQL's 8000-byte NOTIFY limit. */
const IDS_PER_NOTIFICATION = 100;

/** Tells every process's credential cache that these devices changed. */
export async function announceDeviceAuthChange(bus: Bus, deviceIds: string[]): Promise<void> {
  for (let i = 0; i < deviceIds.length; i += IDS_PER_NOTIFICATION) {
    await bus.notify(DEVICE_AUTH_CHANGED_TOPIC, { deviceIds: deviceIds.slice(i, i + IDS_PER_NOTIFICATION) });
  }
}

/**
 * Device credentials are checked on every agent request: a per-process cache keeps that off the
 * database. A change is announced on the bus so that every process drops the entry at once.
 */
export class DeviceAuth {
  private readonly cache = new Map<string, { owner: CredentialOwner | undefined; until: number }>();
  private readonly hashesByDevice = new Map<string, Set<string>>();
  private bus: Bus | undefined;

  constructor(private readonly store: DevicesStore) {}

  async listen(bus: Bus): Promise<void> {
    this.bus = bus;
    await bus.listen(
      DEVICE_AUTH_CHANGED_TOPIC,
      (_topic, payload) => {
        const deviceIds = (payload as { deviceIds?: unknown } | null)?.deviceIds;
        if (Array.isArray(deviceIds)) for (const id of deviceIds) if (typeof id === 'string') this.forget(id);
      },
      { onGap: () => this.clear() },
    );
  }

  async authenticate(request: FastifyRequest): Promise<CredentialOwner> {
    const token = bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'device credential required (Authorization: Bearer <credential>)');
    if (token.length > 256) throw new ApiError(401, 'unauthorized', 'device credential is not valid');
    const hash = hashSecret(token);
    let entry = this.cache.get(hash);
    if (!entry || entry.until <= Date.now()) entry = this.cached(hash, await this.store.findByCredential(hash));
    if (!entry.owner) throw new ApiError(401, 'unauthorized', 'device credential is not valid (revoked, rotated away, or the device was removed)');
    if (entry.owner.status === 'retired') throw new ApiError(403, 'device_retired', 'this device was retired; enroll it again to bring it back');
    if (entry.owner.rotating && !entry.owner.previous) await this.completeRotation(entry.owner);
    return entry.owner;
  }

  /** A credential this process just issued (enrollment): the device's first request needs no lookup. */
  remember(hash: string, owner: CredentialOwner): void {
    this.cached(hash, owner);
  }

  private cached(hash: string, owner: CredentialOwner | undefined): { owner: CredentialOwner | undefined; until: number } {
    const entry = { owner, until: Date.now() + (owner ? KNOWN_TTL_MS : UNKNOWN_TTL_MS) };
    if (this.cache.size >= MAX_ENTRIES) this.clear();
    this.cache.set(hash, entry);
    if (owner) this.hashesByDevice.set(owner.deviceId, (this.hashesByDevice.get(owner.deviceId) ?? new Set()).add(hash));
    return entry;
  }

  /**
   * The device presented its new credential for the first time: the previous one stops working,
   * here and (through the bus) in every other process that may still have it cached.
   */
  private async completeRotation(owner: CredentialOwner): Promise<void> {
    try {
      if (await this.store.completeRotation(owner.orgId, owner.deviceId, owner.presentedHash)) await this.changed(owner.deviceId);
      else this.forget(owner.deviceId);
    } catch {
      // The request itself is authentic; the next one tries again (the cache entry is gone).
      this.forget(owner.deviceId);
    }
  }

  /** A device's credentials changed (rotated, revoked): drop cached entries in every process. */
  async changed(deviceId: string): Promise<void> {
    this.forget(deviceId);
    if (this.bus) await announceDeviceAuthChange(this.bus, [deviceId]);
  }

  /** Announcements may have been missed: nothing cached can be trusted. */
  clear(): void {
    this.cache.clear();
    this.hashesByDevice.clear();
  }

  /** Drops a device's cached entries: after a revocation, or when its flags changed. */
  forget(deviceId: string): void {
    for (const hash of this.hashesByDevice.get(deviceId) ?? []) this.cache.delete(hash);
    this.hashesByDevice.delete(deviceId);
  }
}
