import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { MetricPoint } from '../../api/types';
import { TimeSeriesChart } from '../../components/charts/charts';
import { Card, CardContent, CardHeader } from '../../components/ui/card';
import { Empty, ErrorMessage, Skeleton } from '../../components/ui/states';
import { cn } from '../../components/ui/cn';
import { formatBytes } from '../../lib/format';

const RANGES = [
  { id: '1h', label: '1 hour', ms: 3600_000 },
  { id: '24h', label: '24 hours', ms: 24 * 3600_000 },
  { id: '7d', label: '7 days', ms: 7 * 24 * 3600_000 },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

interface RatePoint extends MetricPoint {
  rxRate: number | null;
  txRate: number | null;
}

/** Network counters are cumulative: the chart shows bytes per second between points instead. */
function withRates(points: MetricPoint[]): RatePoint[] {
  return points.map((p, i) => {
    const prev = points[i - 1];
    const seconds = prev ? (new Date(p.at).getTime() - new Date(prev.at).getTime()) / 1000 : 0;
    const rate = (now: number | null, before: number | null | undefined): number | null =>
      now !== null && before !== null && before !== undefined && seconds > 0 && now >= before ? (now - before) / seconds : null;
    return { ...p, rxRate: rate(p.rxBytes, prev?.rxBytes), txRate: rate(p.txBytes, prev?.txBytes) };
  });
}

export function MetricsTab({ deviceId }: { deviceId: string }) {
  const [range, setRange] = useState<RangeId>('1h');
  const metrics = useQuery({
    queryKey: ['device', deviceId, 'metrics', range],
    queryFn: ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - RANGES.find((r) => r.id === range)!.ms);
      return api.get('/api/v1/devices/{id}/metrics', { path: { id: deviceId }, query: { from: from.toISOString(), to: to.toISOString() }, signal });
    },
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const points = metrics.data ? withRates(metrics.data.points) : undefined;

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <div role="radiogroup" aria-label="Time range" className="inline-flex rounded-md border p-0.5">
          {RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              role="radio"
              aria-checked={range === r.id}
              onClick={() => setRange(r.id)}
              className={cn('rounded px-3 py-1 text-sm', range === r.id ? 'bg-accent font-medium' : 'text-muted-foreground hover:text-foreground')}
            >
              {r.label}
            </button>
          ))}
        </div>
        {metrics.data && <span className="text-xs text-muted-foreground">{metrics.data.points.length} points · {metrics.data.bucket === 'raw' ? 'raw samples' : `${metrics.data.bucket} averages`}</span>}
      </div>
      {metrics.error && !metrics.data ? (
        <ErrorMessage error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : !points ? (
        <Skeleton className="h-56 w-full" />
      ) : points.length === 0 ? (
        <Card>
          <Empty>No metrics in this range. Agents send them with each check-in when metrics are on.</Empty>
        </Card>
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <ChartCard title="CPU, memory and disk">
            <TimeSeriesChart label="CPU, memory and disk use in percent" data={points} unit="%" series={[{ key: 'cpuPercent', name: 'CPU' }, { key: 'memoryPercent', name: 'Memory' }, { key: 'diskPercent', name: 'Disk' }]} />
          </ChartCard>
          <ChartCard title="Load average (1 min)">
            <TimeSeriesChart label="Load average" data={points} area series={[{ key: 'load1', name: 'Load' }]} />
          </ChartCard>
          <ChartCard title="Network">
            <TimeSeriesChart label="Network throughput" data={points} format={(v) => `${formatBytes(v)}/s`} series={[{ key: 'rxRate', name: 'Received' }, { key: 'txRate', name: 'Sent' }]} />
          </ChartCard>
          <ChartCard title="Processes">
            <TimeSeriesChart label="Process count" data={points} area series={[{ key: 'processCount', name: 'Processes' }]} />
          </ChartCard>
        </div>
      )}
    </div>
  );
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} />
      <CardContent className="pt-3">{children}</CardContent>
    </Card>
  );
}
