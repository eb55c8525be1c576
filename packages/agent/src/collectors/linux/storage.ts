import type { CollectContext } from '../context.js';
import { fsx } from './fsx.js';
import { memo, parseMounts, readTrimmed, type MountEntry } from './shared.js';

/**
 * Block-device topology and mounted volumes, shared by hardware (volumes), security (disk
 * encryption) and metrics (disk usage).
 */

/** A device-mapper device (/sys/block/dm-N): LVM volume, dm-crypt mapping, … */
export interface DmDevice {
  /** Kernel name: dm-0. */
  kernelName: string;
  /** Mapper name: /dev/mapper/<name>. */
  name: string;
  /** dm uuid: CRYPT-LUKS2-<uuid>-<name> for a LUKS2 mapping, LVM-… for LVM. */
  uuid: string;
  /** Devices it sits on (dm-1, sda2, nvme0n1p3). */
  slaves: string[];
}

export interface BlockTopology {
  dm: Map<string, DmDevice>;
  /** Mapper name → kernel name. */
  byName: Map<string, string>;
}

/**
 * Encryption method of a dm uuid: LUKS1, LUKS2, PLAIN, BITLK, TCRYPT; null when the mapping is not
 * an encrypting one (LVM, or dm-verity/integrity which authenticate but do not encrypt).
 */
export function cryptMethod(uuid: string): string | null {
  const match = /^CRYPT-([A-Z0-9]+)/.exec(uuid);
  if (!match?.[1]) return null;
  if (match[1] === 'VERITY' || match[1] === 'INTEGRITY') return null;
  return match[1] === 'LUKS' ? 'LUKS1' : match[1];
}

export async function readBlockTopology(ctx: CollectContext): Promise<BlockTopology> {
  return memo(ctx, 'block-topology', async () => {
    const dm = new Map<string, DmDevice>();
    const byName = new Map<string, string>();
    const names = (await ctx.listDir('/sys/block')).filter((n) => n.startsWith('dm-'));
    await Promise.all(
      names.map(async (kernelName) => {
        const [name, uuid, slaves] = await Promise.all([
          readTrimmed(ctx, `/sys/block/${kernelName}/dm/name`),
          readTrimmed(ctx, `/sys/block/${kernelName}/dm/uuid`),
          ctx.listDir(`/sys/block/${kernelName}/slaves`),
        ]);
        dm.set(kernelName, { kernelName, name: name ?? kernelName, uuid: uuid ?? '', slaves });
        if (name) byName.set(name, kernelName);
      }),
    );
    return { dm, byName };
  });
}

/** Kernel block-device name behind a mount source: /dev/mapper/root → dm-0, /dev/sda1 → sda1; undefined when not a block device. */
export function kernelDeviceName(device: string, topology: BlockTopology, readlink: (path: string) => string | undefined): string | undefined {
  if (!device.startsWith('/dev/')) return undefined;
  if (device.startsWith('/dev/mapper/')) return topology.byName.get(device.slice('/dev/mapper/'.length));
  // /dev/disk/by-uuid/…, /dev/vg/lv and /dev/root style names are symlinks to the kernel name.
  const name = (readlink(device) ?? device).split('/').pop();
  return name || undefined;
}

/** The encrypting dm device under a block device, following dm stacks (LVM on LUKS, LUKS on RAID…). */
export function findEncryption(kernelName: string, topology: BlockTopology, depth = 0): DmDevice | undefined {
  const dev = topology.dm.get(kernelName);
  if (!dev || depth > 16) return undefined;
  if (cryptMethod(dev.uuid)) return dev;
  for (const slave of dev.slaves) {
    const found = findEncryption(slave, topology, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Virtual and in-memory file systems that are not storage. */
const PSEUDO_FS = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'ramfs', 'cgroup', 'cgroup2', 'securityfs', 'debugfs', 'tracefs', 'configfs', 'fusectl', 'mqueue',
  'hugetlbfs', 'pstore', 'bpf', 'autofs', 'binfmt_misc', 'efivarfs', 'rpc_pipefs', 'nsfs', 'selinuxfs', 'nfsd', 'devfs', 'overlayfs-meta',
  // Snap packages are squashfs images on loop devices: one mount per revision, always full.
  'squashfs', 'fuse.snapfuse', 'fuse.gvfsd-fuse', 'fuse.portal', 'fuse.lxcfs', 'fuse.xdg-document-portal',
]);

/** Network file systems: statfs on a dead server blocks for minutes, so their sizes are not asked. */
const NETWORK_FS = /^(nfs|nfs4|cifs|smb3|smbfs|ncpfs|ceph|glusterfs|lustre|afs|davfs|fuse\.(sshfs|glusterfs|rclone|s3fs|davfs2?|cephfs))$/;

export interface VolumeInfo {
  mountPoint: string;
  device: string | null;
  fsType: string;
  label: string | null;
  sizeBytes: number | null;
  /** Available to users (df's Avail). */
  freeBytes: number | null;
  /** Used blocks (df's Used: total minus all free blocks, root's reserve included). */
  usedBytes: number | null;
  encrypted: boolean | null;
  /** Kernel name of the block device, when there is one. */
  kernelName: string | null;
  encryptionMethod: string | null;
}

/** Mounts worth reporting: real file systems, once per mount point (the last mount on a point is the visible one). */
export function storageMounts(text: string): MountEntry[] {
  const byPoint = new Map<string, MountEntry>();
  for (const m of parseMounts(text)) {
    if (PSEUDO_FS.has(m.fsType)) continue;
    byPoint.delete(m.mountPoint);
    byPoint.set(m.mountPoint, m);
  }
  return [...byPoint.values()];
}

/** Labels from /dev/disk/by-label (udev): kernel device name → label. */
async function readLabels(ctx: CollectContext): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const { readlink } = fsx(ctx);
  for (const entry of await ctx.listDir('/dev/disk/by-label')) {
    const target = readlink(`/dev/disk/by-label/${entry}`);
    const name = target?.split('/').pop();
    // udev escapes unsafe characters as \xNN.
    if (name) labels.set(name, entry.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return labels;
}

export async function listVolumes(ctx: CollectContext, options: { details?: boolean } = {}): Promise<VolumeInfo[]> {
  const text = await ctx.readText('/proc/self/mounts');
  if (!text) return [];
  const mounts = storageMounts(text);
  const fx = fsx(ctx);
  const details = options.details ?? true;
  const topology = details ? await readBlockTopology(ctx) : undefined;
  const labels = details ? await readLabels(ctx) : new Map<string, string>();
  const out: VolumeInfo[] = [];
  for (const m of mounts) {
    const network = NETWORK_FS.test(m.fsType);
    // Docker and Kubernetes bind-mount single files (/etc/hosts, /etc/resolv.conf): not volumes.
    if (!network && fx.stat(m.mountPoint)?.isDirectory === false) continue;
    const space = network ? undefined : await fx.statfs(m.mountPoint);
    const kernelName = topology ? (kernelDeviceName(m.device, topology, fx.readlink) ?? null) : null;
    const crypt = kernelName && topology ? findEncryption(kernelName, topology) : undefined;
    out.push({
      mountPoint: m.mountPoint,
      device: m.device || null,
      fsType: m.fsType,
      label: kernelName ? (labels.get(kernelName) ?? null) : null,
      sizeBytes: space ? space.totalBytes : null,
      freeBytes: space ? space.availableBytes : null,
      usedBytes: space ? space.totalBytes - space.freeBytes : null,
      // A mount on a block device is encrypted exactly when a dm-crypt mapping sits under it.
      encrypted: kernelName ? Boolean(crypt) : null,
      kernelName,
      encryptionMethod: crypt ? cryptMethod(crypt.uuid) : null,
    });
  }
  return out;
}
