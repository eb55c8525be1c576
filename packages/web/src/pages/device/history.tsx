import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ArrowRight, Cpu, HardDrive, Minus, Package, Plus, RefreshCw } from 'lucide-react';
import { api } from '../../api/client';
import type { DeviceChange } from '../../api/types';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { Empty, ErrorMessage, Loading } from '../../components/ui/states';
import { formatDateTime, timeAgo } from '../../lib/format';

const KINDS = [
  { id: '', label: 'All changes' },
  { id: 'software.installed', label: 'Software installed' },
  { id: 'software.updated', label: 'Software updated' },
  { id: 'software.removed', label: 'Software removed' },
];

/** The change history as a timeline, newest first, loading older entries on demand. */
export function HistoryTab({ deviceId }: { deviceId: string }) {
  const [kind, setKind] = useState('');
  const history = useInfiniteQuery({
    queryKey: ['device', deviceId, 'history', kind],
    queryFn: ({ pageParam, signal }) => api.get('/api/v1/devices/{id}/history', { path: { id: deviceId }, query: { kind: kind || undefined, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card>
      <div className="flex items-center justify-between border-b p-3">
        <Select aria-label="Kind of change" className="w-56" value={kind} onChange={(e) => setKind(e.target.value)}>
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </Select>
      </div>
      {history.error && !history.data ? (
        <div className="p-4">
          <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />
        </div>
      ) : history.isLoading ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No changes recorded yet.</Empty>
      ) : (
        <ol className="relative m-5 border-l" aria-label="Change history">
          {items.map((change) => (
            <TimelineItem key={change.id} change={change} />
          ))}
        </ol>
      )}
      {history.hasNextPage && (
        <div className="border-t p-3 text-center">
          <Button variant="outline" size="sm" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? 'Loading…' : 'Load older changes'}
          </Button>
        </div>
      )}
    </Card>
  );
}

function TimelineItem({ change }: { change: DeviceChange }) {
  const Icon = change.kind === 'software.installed' ? Plus : change.kind === 'software.removed' ? Minus : change.kind === 'software.updated' ? RefreshCw : change.kind.startsWith('software') ? Package : change.kind.includes('disk') ? HardDrive : Cpu;
  const tone = change.kind.endsWith('removed') ? 'text-destructive' : change.kind.endsWith('installed') || change.kind.endsWith('added') ? 'text-success' : 'text-primary';
  return (
    <li className="mb-4 ml-6 last:mb-0">
      <span className={`absolute -left-3 flex size-6 items-center justify-center rounded-full border bg-card ${tone}`} aria-hidden>
        <Icon className="size-3.5" />
      </span>
      <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <span className="font-medium">{change.subject}</span>
        <span className="text-xs text-muted-foreground">{change.kind.replace('.', ' ').replace('_', ' ')}</span>
      </div>
      <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        {change.oldValue && <span className="font-mono line-through">{change.oldValue}</span>}
        {change.oldValue && change.newValue && <ArrowRight className="size-3" aria-hidden />}
        {change.newValue && <span className="font-mono text-foreground">{change.newValue}</span>}
        <span title={formatDateTime(change.at)}>· {timeAgo(change.at)}</span>
      </div>
    </li>
  );
}
