import { canonicalJson, sortSoftware } from './hash.js';
import type { SoftwareDelta } from './messages.js';
import { softwareKey, type SoftwareItem } from './sections.js';

/**
 * Software changes between two item lists, as a DeltaReport carries them. Identity is
 * softwareKey (source, name, arch, user); one install before and after with any difference is an
 * update in place. Shared by the agent and the fleet simulator so both speak the same deltas.
 */
export function diffSoftware(before: SoftwareItem[], after: SoftwareItem[]): Pick<SoftwareDelta, 'added' | 'removed' | 'updated'> {
  const group = (items: SoftwareItem[]) => {
    const map = new Map<string, SoftwareItem[]>();
    for (const item of items) {
      const key = softwareKey(item);
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
    return map;
  };
  const oldByKey = group(before);
  const newByKey = group(after);
  const added: SoftwareItem[] = [];
  const removed: SoftwareDelta['removed'] = [];
  const updated: SoftwareItem[] = [];
  const removal = (item: SoftwareItem): SoftwareDelta['removed'][number] => {
    const r: SoftwareDelta['removed'][number] = { name: item.name, source: item.source, version: item.version };
    if (item.arch != null) r.arch = item.arch;
    if (item.user != null) r.user = item.user;
    return r;
  };
  for (const key of new Set([...oldByKey.keys(), ...newByKey.keys()])) {
    const o = oldByKey.get(key) ?? [];
    const n = newByKey.get(key) ?? [];
    if (o.length === 1 && n.length === 1) {
      if (canonicalJson(o[0]) !== canonicalJson(n[0])) updated.push(n[0]!);
      continue;
    }
    // Several installs under one identity (RPM kernels, say): "updated" would be ambiguous, so
    // compare whole items and express the difference as exact removals (by version) and additions.
    const remaining = new Map<string, number>();
    for (const item of o) remaining.set(canonicalJson(item), (remaining.get(canonicalJson(item)) ?? 0) + 1);
    for (const item of n) {
      const text = canonicalJson(item);
      const left = remaining.get(text) ?? 0;
      if (left > 0) remaining.set(text, left - 1);
      else added.push(item);
    }
    for (const item of o) {
      const text = canonicalJson(item);
      const left = remaining.get(text) ?? 0;
      if (left > 0) {
        remaining.set(text, left - 1);
        removed.push(removal(item));
      }
    }
  }
  return { added: sortSoftware(added), removed, updated: sortSoftware(updated) };
}
