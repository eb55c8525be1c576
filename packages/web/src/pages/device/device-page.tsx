import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { api } from '../../api/client';
import { DeviceStatus } from '../../components/ui/badge';
import { Tabs } from '../../components/ui/tabs';
import { ErrorMessage, Loading } from '../../components/ui/states';
import { useTitle } from '../../components/ui/page';
import { osLabel, timeAgo } from '../../lib/format';
import { Link, useSearchParams } from '../../lib/router';
import { DeviceActions } from './actions';
import { HistoryTab } from './history';
import { MetricsTab } from './metrics';
import { HardwareTab, NetworkTab, OverviewTab, SecurityTab, ServicesTab, UpdatesTab, UsersTab } from './sections';
import { SoftwareTab } from './software';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'hardware', label: 'Hardware' },
  { id: 'software', label: 'Software' },
  { id: 'updates', label: 'Updates' },
  { id: 'security', label: 'Security' },
  { id: 'network', label: 'Network' },
  { id: 'users', label: 'Users' },
  { id: 'services', label: 'Services' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'history', label: 'History' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function DevicePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const [search, setSearch] = useSearchParams();
  const tab: TabId = TABS.find((t) => t.id === search.get('tab'))?.id ?? 'overview';
  const device = useQuery({ queryKey: ['device', id], queryFn: ({ signal }) => api.get('/api/v1/devices/{id}', { path: { id }, signal }) });
  useTitle(device.data ? (device.data.displayName ?? device.data.hostname) : 'Device');

  if (device.error && !device.data) {
    return (
      <div className="space-y-4">
        <BackLink />
        <ErrorMessage title="Could not load this device" error={device.error} onRetry={() => void device.refetch()} />
      </div>
    );
  }
  if (!device.data) return <Loading rows={8} />;
  const d = device.data;

  return (
    <div className="space-y-4">
      <BackLink />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="truncate text-xl font-semibold tracking-tight">{d.displayName ?? d.hostname}</h1>
            <DeviceStatus device={d} />
          </div>
          <p className="mt-1 text-sm text-muted-foreground">
            {[d.displayName ? d.hostname : null, osLabel(d.os), [d.vendor, d.model].filter(Boolean).join(' '), d.primaryIp, `last seen ${timeAgo(d.lastSeenAt)}`].filter(Boolean).join(' · ')}
          </p>
        </div>
        <DeviceActions device={d} />
      </div>
      <Tabs label="Device sections" tabs={[...TABS]} value={tab} onChange={(next) => setSearch({ tab: next === 'overview' ? undefined : next })} />
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'overview' && <OverviewTab device={d} />}
        {tab === 'hardware' && <HardwareTab device={d} />}
        {tab === 'software' && <SoftwareTab deviceId={d.id} />}
        {tab === 'updates' && <UpdatesTab device={d} />}
        {tab === 'security' && <SecurityTab device={d} />}
        {tab === 'network' && <NetworkTab device={d} />}
        {tab === 'users' && <UsersTab device={d} />}
        {tab === 'services' && <ServicesTab device={d} />}
        {tab === 'metrics' && <MetricsTab deviceId={d.id} />}
        {tab === 'history' && <HistoryTab deviceId={d.id} />}
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/devices" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden /> Devices
    </Link>
  );
}
