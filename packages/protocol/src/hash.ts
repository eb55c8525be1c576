import { createHash } from 'node:crypto';
import { softwareKey, type InventorySectionName, type SectionData, type SoftwareItem } from './sections.js';

/** JSON with object keys sorted, so equal content always gives equal bytes (and equal hashes). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Software order carries no meaning: sort by identity so a reordered package list hashes the same. */
export function sortSoftware(items: SoftwareItem[]): SoftwareItem[] {
  return [...items].sort((a, b) => {
    const ka = `${softwareKey(a)}\u0000${a.version}`;
    const kb = `${softwareKey(b)}\u0000${b.version}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/**
 * Values that change on every collection without anything having changed on the machine (uptime,
 * free space, traffic counters, battery charge). They are left out of the hash, so an unchanged
 * machine sends no delta; the metrics series carries their current values.
 */
function withoutVolatile(section: InventorySectionName, data: unknown): unknown {
  switch (section) {
    case 'system': {
      const { uptimeSeconds: _uptime, ...rest } = data as SectionData['system'];
      return rest;
    }
    case 'hardware': {
      const hw = data as SectionData['hardware'];
      return {
        ...hw,
        volumes: hw.volumes.map(({ freeBytes: _free, ...v }) => v),
        batteries: hw.batteries.map(({ chargePercent: _charge, status: _status, ...b }) => b),
      };
    }
    case 'network': {
      const net = data as SectionData['network'];
      return { ...net, interfaces: net.interfaces.map(({ rxBytes: _rx, txBytes: _tx, ...i }) => i) };
    }
    default:
      return data;
  }
}

/** Content hash of one section; what agent and server compare to know whether anything changed. */
export function sectionHash<S extends InventorySectionName>(section: S, data: SectionData[S]): string {
  if (section === 'software') return sha256Hex(canonicalJson({ items: sortSoftware((data as SectionData['software']).items) }));
  return sha256Hex(canonicalJson(withoutVolatile(section, data)));
}

/** Hash of a whole inventory state: the section hashes, by section name. */
export function stateHash(sectionHashes: Partial<Record<InventorySectionName, string>>): string {
  return sha256Hex(canonicalJson(sectionHashes));
}
