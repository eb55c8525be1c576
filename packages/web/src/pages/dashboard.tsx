import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import type { FleetSummary } from '../api/types';
import { BarList } from '../components/charts/bar-list';
import { DailyBarChart, DonutChart } from '../components/charts/charts';
import { useChartTheme } from '../components/charts/palette';
import { Card, CardContent, CardHeader } from '../components/ui/card';
import { PageHeader, useTitle } from '../components/ui/page';
import { ErrorMessage, Skeleton } from '../components/ui/states';
import { Link } from '../lib/router';

export function DashboardPage() {
  useTitle('Dashboard');
  const summary = useQuery({ queryKey: ['fleet', 'summary'], queryFn: ({ signal }) => api.get('/api/v1/fleet/summary', { signal }) });

  return (
    <div>
      <PageHeader title="Fleet overview" description="Updates live as devices check in." />
      {summary.error && !summary.data ? (
        <ErrorMessage error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Dashboard data={summary.data} />
      )}
    </div>
  );
}

function Dashboard({ data }: { data: FleetSummary | undefined }) {
  const theme = useChartTheme();
  const devicesLink = (key: string, value: string | null): string => (value ? `/devices?${key}=${encodeURIComponent(value)}` : '/devices');
  return (
    <div className="space-y-5">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5" data-testid="stats">
        <Stat label="Devices" value={data?.total} href="/devices" />
        <Stat label="Online" value={data?.online} href="/devices?status=online" tone="text-success" />
        <Stat label="Offline" value={data?.offline} href="/devices?status=offline" tone="text-destructive" />
        <Stat label="Pending approval" value={data?.pending} href="/devices?status=pending" />
        <Stat label="Without agent" value={data?.manual} href="/devices?kind=manual" />
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Panel title="Status" description="Devices not retired">
          {data ? (
            <DonutChart
              label="devices"
              data={[
                { name: 'Online', value: data.online, color: theme.online },
                { name: 'Offline', value: data.offline, color: theme.offline },
                { name: 'Pending', value: data.pending, color: theme.pending },
                { name: 'No agent', value: data.manual, color: theme.muted },
              ]}
            />
          ) : (
            <Skeleton className="h-48 w-full" />
          )}
        </Panel>
        <Panel title="New devices" description="Added per day, last 30 days" className="lg:col-span-2">
          {data ? <DailyBarChart data={lastDays(data.newDevicesByDay, 30)} label="New devices per day" /> : <Skeleton className="h-56 w-full" />}
        </Panel>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Panel title="Operating systems">
          <Bars data={data} items={data?.byOs.slice(0, 8).map((b) => ({ label: b.key ?? 'unknown', value: b.count, href: devicesLink('os', b.key) }))} />
        </Panel>
        <Panel title="Hardware models">
          <Bars data={data} items={data?.byModel.slice(0, 8).map((b) => ({ label: b.key ?? 'unknown', value: b.count }))} />
        </Panel>
        <Panel title="Agent versions">
          <Bars data={data} items={data?.byAgentVersion.slice(0, 8).map((b) => ({ label: b.key ?? 'none', value: b.count }))} />
        </Panel>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Panel title="Platforms">
          <Bars data={data} items={data?.byPlatform.map((b) => ({ label: b.key ?? 'unknown', value: b.count, href: devicesLink('platform', b.key) }))} />
        </Panel>
        <Panel title="Top software" description="Titles on the most devices" className="lg:col-span-2" actions={<Link to="/software" className="text-xs text-primary hover:underline">All software</Link>}>
          <Bars
            data={data}
            items={data?.topSoftware.map((s) => ({
              label: s.name,
              hint: `${s.source} · ${s.versions} version${s.versions === 1 ? '' : 's'}`,
              value: s.devices,
              href: `/software?name=${encodeURIComponent(s.name)}&source=${encodeURIComponent(s.source)}`,
            }))}
          />
        </Panel>
      </div>
    </div>
  );
}

function Stat({ label, value, href, tone }: { label: string; value: number | undefined; href: string; tone?: string }) {
  return (
    <Link to={href} className="rounded-xl border bg-card p-4 shadow-xs transition-colors hover:bg-muted/50">
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      {value === undefined ? <Skeleton className="mt-2 h-7 w-16" /> : <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone ?? ''}`} data-testid={`stat-${label.toLowerCase()}`}>{value.toLocaleString()}</p>}
    </Link>
  );
}

function Panel({ title, description, actions, className, children }: { title: string; description?: string; actions?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <Card className={className}>
      <CardHeader title={title} description={description} actions={actions} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function Bars({ data, items }: { data: FleetSummary | undefined; items: Parameters<typeof BarList>[0]['items'] | undefined }) {
  if (!data || !items) return <div className="space-y-2">{[1, 2, 3, 4].map((i) => <Skeleton key={i} className="h-6 w-full" />)}</div>;
  return <BarList items={items} />;
}

/** Every one of the last `n` UTC days, zero where nothing was added, so the axis is continuous. */
function lastDays(days: Array<{ day: string; count: number }>, n: number): Array<{ day: string; count: number }> {
  const counts = new Map(days.map((d) => [d.day, d.count]));
  const today = new Date();
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (n - 1 - i)));
    const day = d.toISOString().slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
}
