import type { ReactNode } from 'react';
import { CheckCircle2, CircleHelp, XCircle } from 'lucide-react';
import type { Device } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Card, CardContent, CardHeader, Facts } from '../../components/ui/card';
import { formatBytes, formatDateTime, osLabel, timeAgo, yesNo } from '../../lib/format';
import { CustomFieldsCard } from './custom-fields';
import { SectionFrame, sectionOf, SimpleTable } from './section-frame';

const mono = (value: string | null | undefined): ReactNode => (value ? <span className="font-mono text-xs">{value}</span> : '—');

export function OverviewTab({ device: d }: { device: Device }) {
  const system = sectionOf(d, 'system').data;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader title="Identity" />
        <CardContent>
          <Facts
            items={[
              ['Hostname', d.hostname],
              ['Display name', d.displayName ?? '—'],
              ['Kind', d.kind === 'agent' ? 'Agent' : 'Without agent'],
              ['Vendor / model', [d.vendor, d.model].filter(Boolean).join(' ') || '—'],
              ['Serial number', mono(d.serialNumber)],
              ['Hardware UUID', mono(d.hardwareUuid)],
              ['Domain', system?.domain ?? '—'],
              ['Virtualization', system?.virtualization ? [system.virtualization.role, system.virtualization.technology].filter(Boolean).join(' · ') : '—'],
              ['Tags', d.tags.length ? <span className="flex flex-wrap gap-1">{d.tags.map((t) => <Badge key={t}>{t}</Badge>)}</span> : '—'],
            ]}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader title="System" />
        <CardContent>
          <Facts
            items={[
              ['Operating system', osLabel(d.os)],
              ['Build / kernel', [d.osBuild, d.kernelVersion].filter(Boolean).join(' · ') || '—'],
              ['Architecture', d.arch ?? '—'],
              ['CPU', d.cpuModel ?? '—'],
              ['Memory', formatBytes(d.memoryBytes)],
              ['Uptime', system?.uptimeSeconds ? `${Math.floor(system.uptimeSeconds / 86400)} d ${Math.floor((system.uptimeSeconds % 86400) / 3600)} h` : '—'],
              ['IP addresses', d.ipAddresses.length ? mono(d.ipAddresses.join(', ')) : '—'],
              ['Logged-in users', d.loggedInUsers.join(', ') || '—'],
            ]}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader title="Agent" />
        <CardContent>
          <Facts
            items={[
              ['Agent version', d.agentVersion ?? '—'],
              ['Enrolled', formatDateTime(d.enrolledAt)],
              ['Last seen', `${timeAgo(d.lastSeenAt)} (${formatDateTime(d.lastSeenAt)})`],
              ['Last inventory', formatDateTime(d.lastReportAt)],
              ['Installed packages', d.softwareCount.toLocaleString()],
              ['Added', formatDateTime(d.createdAt)],
            ]}
          />
        </CardContent>
      </Card>
      <CustomFieldsCard device={d} />
      <Card className="lg:col-span-2">
        <CardHeader title="Notes" />
        <CardContent>{d.notes ? <p className="text-sm whitespace-pre-wrap">{d.notes}</p> : <p className="text-sm text-muted-foreground">No notes.</p>}</CardContent>
      </Card>
    </div>
  );
}

export function HardwareTab({ device }: { device: Device }) {
  return (
    <SectionFrame device={device} name="hardware">
      {(hw) => (
        <>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Card>
              <CardHeader title="Processor and memory" />
              <CardContent>
                <Facts
                  items={[
                    ['CPU', hw.cpu.model ?? '—'],
                    ['Cores / threads', `${hw.cpu.cores ?? '?'} / ${hw.cpu.threads ?? '?'}`],
                    ['Speed', hw.cpu.maxSpeedMhz ?? hw.cpu.speedMhz ? `${hw.cpu.maxSpeedMhz ?? hw.cpu.speedMhz} MHz` : '—'],
                    ['Memory', formatBytes(hw.memory.totalBytes)],
                  ]}
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader title="Firmware" />
              <CardContent>
                <Facts
                  items={[
                    ['BIOS', [hw.bios?.vendor, hw.bios?.version].filter(Boolean).join(' ') || '—'],
                    ['BIOS date', hw.bios?.releaseDate ?? '—'],
                    ['Firmware type', hw.bios?.firmwareType ?? '—'],
                    ['Baseboard', [hw.baseboard?.vendor, hw.baseboard?.product].filter(Boolean).join(' ') || '—'],
                  ]}
                />
              </CardContent>
            </Card>
          </div>
          <SimpleTable
            title="Volumes"
            rows={hw.volumes}
            columns={[
              { header: 'Mount point', cell: (v) => mono(v.mountPoint) },
              { header: 'File system', cell: (v) => v.fsType ?? '—' },
              { header: 'Size', cell: (v) => formatBytes(v.sizeBytes) },
              { header: 'Used', cell: (v) => <Usage size={v.sizeBytes} free={v.freeBytes} /> },
              { header: 'Encrypted', cell: (v) => yesNo(v.encrypted) },
            ]}
          />
          <SimpleTable
            title="Disks"
            rows={hw.disks}
            columns={[
              { header: 'Name', cell: (d) => mono(d.name) },
              { header: 'Model', cell: (d) => d.model ?? '—' },
              { header: 'Type', cell: (d) => [d.type, d.interface].filter(Boolean).join(' · ') || '—' },
              { header: 'Size', cell: (d) => formatBytes(d.sizeBytes) },
              { header: 'Serial', cell: (d) => mono(d.serialNumber) },
            ]}
          />
          <SimpleTable
            title="Memory modules"
            rows={hw.memory.modules}
            columns={[
              { header: 'Slot', cell: (m) => m.slot ?? '—' },
              { header: 'Size', cell: (m) => formatBytes(m.sizeBytes) },
              { header: 'Type', cell: (m) => [m.type, m.speedMhz ? `${m.speedMhz} MHz` : null].filter(Boolean).join(' · ') || '—' },
              { header: 'Manufacturer', cell: (m) => m.manufacturer ?? '—' },
            ]}
          />
          <SimpleTable title="Graphics" rows={hw.gpus} columns={[{ header: 'Name', cell: (g) => g.name }, { header: 'Vendor', cell: (g) => g.vendor ?? '—' }, { header: 'Memory', cell: (g) => formatBytes(g.memoryBytes) }, { header: 'Driver', cell: (g) => g.driverVersion ?? '—' }]} />
          {hw.batteries.length > 0 && (
            <SimpleTable
              title="Batteries"
              rows={hw.batteries}
              columns={[
                { header: 'Name', cell: (b) => b.name ?? b.model ?? '—' },
                { header: 'Health', cell: (b) => (b.healthPercent === null || b.healthPercent === undefined ? '—' : `${b.healthPercent}%`) },
                { header: 'Cycles', cell: (b) => b.cycleCount ?? '—' },
                { header: 'Charge', cell: (b) => (b.chargePercent === null || b.chargePercent === undefined ? '—' : `${b.chargePercent}% ${b.status ?? ''}`) },
              ]}
            />
          )}
        </>
      )}
    </SectionFrame>
  );
}

function Usage({ size, free }: { size?: number | null; free?: number | null }) {
  if (!size || free === null || free === undefined) return <>—</>;
  const used = Math.max(0, Math.min(100, ((size - free) / size) * 100));
  return (
    <div className="flex items-center gap-2">
      <div className="h-1.5 w-24 overflow-hidden rounded-full bg-muted" aria-hidden>
        <div className={`h-full ${used > 90 ? 'bg-destructive' : used > 75 ? 'bg-warning' : 'bg-primary'}`} style={{ width: `${used}%` }} />
      </div>
      <span className="text-xs tabular-nums">{Math.round(used)}%</span>
    </div>
  );
}

export function UpdatesTab({ device }: { device: Device }) {
  return (
    <SectionFrame device={device} name="updates">
      {(u) => (
        <>
          <Card>
            <CardContent className="flex flex-wrap gap-6 text-sm">
              <span>
                Pending: <strong>{u.pending.length}</strong>
              </span>
              <span>Reboot required: {u.rebootRequired ? <Badge tone="warning">yes</Badge> : yesNo(u.rebootRequired)}</span>
              <span>Last checked: {formatDateTime(u.lastCheckedAt)}</span>
              <span>Last installed: {formatDateTime(u.lastInstalledAt)}</span>
            </CardContent>
          </Card>
          {(['pending', 'installed'] as const).map((which) => (
            <SimpleTable
              key={which}
              title={which === 'pending' ? 'Pending updates' : 'Installed updates'}
              rows={u[which]}
              filter={(x) => `${x.id} ${x.title ?? ''}`}
              columns={[
                { header: 'Id', cell: (x) => mono(x.id) },
                { header: 'Title', cell: (x) => x.title ?? '—' },
                { header: 'Kind', cell: (x) => x.kind ?? '—' },
                { header: 'Severity', cell: (x) => (x.severity ? <Badge tone={/critical|important|high/i.test(x.severity) ? 'danger' : 'neutral'}>{x.severity}</Badge> : '—') },
                { header: which === 'pending' ? 'Version' : 'Installed', cell: (x) => (which === 'pending' ? (x.version ?? '—') : formatDateTime(x.installedAt)) },
              ]}
            />
          ))}
        </>
      )}
    </SectionFrame>
  );
}

/** Good, bad or unknown, at a glance. */
function Posture({ label, ok, detail }: { label: string; ok: boolean | null | undefined; detail?: ReactNode }) {
  const Icon = ok === true ? CheckCircle2 : ok === false ? XCircle : CircleHelp;
  return (
    <div className="flex items-start gap-3 rounded-lg border p-3">
      <Icon className={`mt-0.5 size-5 shrink-0 ${ok === true ? 'text-success' : ok === false ? 'text-destructive' : 'text-muted-foreground'}`} aria-hidden />
      <div className="min-w-0">
        <p className="text-sm font-medium">{label}</p>
        <p className="text-xs text-muted-foreground">{detail ?? (ok === true ? 'on' : ok === false ? 'off' : 'unknown')}</p>
      </div>
    </div>
  );
}

export function SecurityTab({ device }: { device: Device }) {
  return (
    <SectionFrame device={device} name="security">
      {(s) => {
        const av = s.antivirus[0];
        return (
          <>
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="security-posture">
              <Posture label="Firewall" ok={s.firewall.enabled} detail={s.firewall.product ?? undefined} />
              <Posture label="Disk encryption" ok={s.diskEncryption.enabled} detail={s.diskEncryption.product ?? undefined} />
              <Posture label="Antivirus" ok={av ? Boolean(av.enabled && av.upToDate !== false) : null} detail={av ? `${av.name}${av.upToDate === false ? ' (out of date)' : ''}` : 'none reported'} />
              <Posture label="Secure Boot" ok={s.secureBoot} />
              <Posture label="TPM" ok={s.tpm ? Boolean(s.tpm.present && s.tpm.enabled !== false) : null} detail={s.tpm?.version ? `version ${s.tpm.version}` : undefined} />
              <Posture label="Automatic updates" ok={s.autoUpdate?.enabled} detail={s.autoUpdate?.mechanism ?? undefined} />
              <Posture label="Screen lock" ok={s.screenLock} />
              {s.selinux && <Posture label="SELinux" ok={s.selinux.mode === 'enforcing'} detail={s.selinux.mode} />}
              {s.apparmor && <Posture label="AppArmor" ok={s.apparmor.enabled} detail={s.apparmor.profilesEnforced ? `${s.apparmor.profilesEnforced} profiles enforced` : undefined} />}
              {s.uac && <Posture label="UAC" ok={s.uac.enabled} detail={s.uac.level ?? undefined} />}
              {s.gatekeeper !== undefined && s.gatekeeper !== null && <Posture label="Gatekeeper" ok={s.gatekeeper} />}
              {s.sip !== undefined && s.sip !== null && <Posture label="System Integrity Protection" ok={s.sip} />}
            </div>
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
              <Card>
                <CardHeader title="Local administrators" />
                <CardContent>{s.localAdmins.length ? <div className="flex flex-wrap gap-1">{s.localAdmins.map((a) => <Badge key={a}>{a}</Badge>)}</div> : <p className="text-sm text-muted-foreground">None reported.</p>}</CardContent>
              </Card>
              <Card>
                <CardHeader title="Password policy" />
                <CardContent>
                  <Facts
                    items={[
                      ['Minimum length', s.passwordPolicy?.minLength ?? '—'],
                      ['Maximum age', s.passwordPolicy?.maxAgeDays ? `${s.passwordPolicy.maxAgeDays} days` : '—'],
                      ['Lockout after', s.passwordPolicy?.lockoutThreshold ? `${s.passwordPolicy.lockoutThreshold} attempts` : '—'],
                    ]}
                  />
                </CardContent>
              </Card>
            </div>
            <SimpleTable
              title="Encrypted volumes"
              rows={s.diskEncryption.volumes}
              columns={[
                { header: 'Volume', cell: (v) => mono(v.volume) },
                { header: 'Encrypted', cell: (v) => yesNo(v.encrypted) },
                { header: 'Method', cell: (v) => v.method ?? '—' },
                { header: 'Status', cell: (v) => v.status ?? '—' },
              ]}
            />
          </>
        );
      }}
    </SectionFrame>
  );
}

export function NetworkTab({ device }: { device: Device }) {
  return (
    <SectionFrame device={device} name="network">
      {(n) => (
        <>
          <Card>
            <CardContent>
              <Facts
                items={[
                  ['Primary address', mono(n.primaryIp)],
                  ['Default gateway', mono([n.defaultGateway.ipv4, n.defaultGateway.ipv6].filter(Boolean).join(', ') || null)],
                  ['DNS servers', mono(n.dns.servers.join(', ') || null)],
                  ['Search domains', n.dns.searchDomains.join(', ') || '—'],
                ]}
              />
            </CardContent>
          </Card>
          <SimpleTable
            title="Interfaces"
            rows={n.interfaces}
            columns={[
              { header: 'Name', cell: (i) => <span className="font-medium">{i.name}</span> },
              { header: 'State', cell: (i) => (i.up === false ? <Badge>down</Badge> : i.up ? <Badge tone="success">up</Badge> : '—') },
              { header: 'MAC', cell: (i) => mono(i.mac) },
              { header: 'IPv4', cell: (i) => mono(i.ipv4.join(', ') || null) },
              { header: 'IPv6', cell: (i) => mono(i.ipv6.join(', ') || null), className: 'max-w-64 truncate' },
              { header: 'Speed', cell: (i) => (i.speedMbps ? `${i.speedMbps} Mb/s` : '—') },
            ]}
          />
          <SimpleTable
            title="Listening ports"
            rows={n.listeningPorts}
            filter={(p) => `${p.port} ${p.process ?? ''} ${p.address}`}
            columns={[
              { header: 'Port', cell: (p) => <span className="tabular-nums">{p.port}</span> },
              { header: 'Protocol', cell: (p) => p.protocol },
              { header: 'Address', cell: (p) => mono(p.address) },
              { header: 'Process', cell: (p) => p.process ?? '—' },
              { header: 'User', cell: (p) => p.user ?? '—' },
            ]}
          />
        </>
      )}
    </SectionFrame>
  );
}

export function UsersTab({ device }: { device: Device }) {
  return (
    <SectionFrame device={device} name="users">
      {(u) => (
        <>
          <SimpleTable
            title="Logged in"
            rows={u.loggedIn}
            columns={[{ header: 'User', cell: (s) => s.name }, { header: 'Terminal', cell: (s) => s.terminal ?? '—' }, { header: 'From', cell: (s) => s.host ?? '—' }, { header: 'Since', cell: (s) => formatDateTime(s.since) }]}
          />
          <SimpleTable
            title="Local accounts"
            rows={u.accounts}
            filter={(a) => `${a.name} ${a.fullName ?? ''}`}
            columns={[
              { header: 'Name', cell: (a) => <span className="font-medium">{a.name}</span> },
              { header: 'Full name', cell: (a) => a.fullName ?? '—' },
              { header: 'Type', cell: (a) => a.type ?? '—' },
              { header: 'Admin', cell: (a) => (a.isAdmin ? <Badge tone="warning">admin</Badge> : '—') },
              { header: 'Disabled', cell: (a) => yesNo(a.disabled) },
              { header: 'Last login', cell: (a) => formatDateTime(a.lastLoginAt) },
            ]}
          />
        </>
      )}
    </SectionFrame>
  );
}

export function ServicesTab({ device }: { device: Device }) {
  return (
    <SectionFrame device={device} name="services">
      {(s) => (
        <SimpleTable
          title={`Services (${s.manager})`}
          rows={s.items}
          filter={(x) => `${x.name} ${x.displayName ?? ''} ${x.state}`}
          columns={[
            { header: 'Name', cell: (x) => <span className="font-medium">{x.displayName ?? x.name}</span> },
            { header: 'State', cell: (x) => <Badge tone={/running|active/i.test(x.state) ? 'success' : /fail/i.test(x.state) ? 'danger' : 'neutral'}>{x.state}</Badge> },
            { header: 'Start', cell: (x) => x.startMode ?? '—' },
            { header: 'User', cell: (x) => x.user ?? '—' },
            { header: 'PID', cell: (x) => x.pid ?? '—' },
          ]}
        />
      )}
    </SectionFrame>
  );
}
