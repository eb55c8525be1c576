import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Download } from 'lucide-react';
import { api, downloadCsv, errorMessage } from '../../api/client';
import type { AuditEntry, AuditQuery } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { DataTable, Pager, useCursorPager, type Column } from '../../components/ui/data-table';
import { Input, Select } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { formatDateTime } from '../../lib/format';
import { showToast } from '../../lib/toast';
import { useDebounced } from '../../lib/use-debounced';

type Filters = Pick<AuditQuery, 'action' | 'actorType' | 'targetType' | 'from' | 'to'>;
const ACTOR_TYPES = ['user', 'api_key', 'device', 'system'] as const;

const columns: Array<Column<AuditEntry>> = [
  { id: 'at', header: 'When', cell: (e) => <span className="whitespace-nowrap">{formatDateTime(e.at)}</span> },
  { id: 'action', header: 'Action', cell: (e) => <span className="font-mono text-xs">{e.action}</span> },
  { id: 'actor', header: 'Actor', cell: (e) => <span className="flex items-center gap-1.5"><Badge>{e.actorType}</Badge><span className="font-mono text-xs text-muted-foreground">{e.actorId?.slice(0, 8) ?? ''}</span></span> },
  { id: 'target', header: 'Target', cell: (e) => (e.targetType ? <span className="text-xs">{e.targetType} <span className="font-mono text-muted-foreground">{e.targetId?.slice(0, 8)}</span></span> : '—') },
  { id: 'ip', header: 'Address', cell: (e) => <span className="font-mono text-xs">{e.ip ?? '—'}</span> },
  { id: 'details', header: 'Details', cell: (e) => <Details value={e.details} />, className: 'max-w-md' },
];

function Details({ value }: { value: unknown }) {
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return <>—</>;
  const text = JSON.stringify(value);
  return <span className="block truncate font-mono text-xs text-muted-foreground" title={text}>{text}</span>;
}

/** Who did what, newest first, with filters and the same filters as a CSV export. */
export function AuditLog() {
  const [filters, setFilters] = useState<Filters>({});
  const [actionText, setActionText] = useState('');
  const action = useDebounced(actionText.trim(), 200);
  const query: Filters = { ...filters, action: action || undefined };
  const pager = useCursorPager(JSON.stringify(query));
  const log = useQuery({
    queryKey: ['audit', query, pager.cursor],
    queryFn: ({ signal }) => api.get('/api/v1/audit', { query: { ...query, limit: 50, cursor: pager.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  const day = (value: string, end: boolean): string | undefined => (value ? new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined);
  const exportCsv = async (): Promise<void> => {
    try {
      await downloadCsv('/api/v1/audit', { query }, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      showToast({ kind: 'error', title: 'Export failed', message: errorMessage(error) });
    }
  };
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every change made through the API or the console, by whom and from where."
        actions={
          <Button variant="outline" onClick={() => void exportCsv()}>
            <Download /> Export CSV
          </Button>
        }
      />
      <Card>
        <div className="flex flex-wrap items-center gap-2 border-b p-3">
          <Input type="search" aria-label="Action" placeholder="Action, e.g. users.create" className="w-48" value={actionText} onChange={(e) => setActionText(e.target.value)} />
          <Select aria-label="Actor type" className="w-32" value={filters.actorType ?? ''} onChange={(e) => setFilters({ ...filters, actorType: ACTOR_TYPES.find((t) => t === e.target.value) })}>
            <option value="">Any actor</option>
            {ACTOR_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
          <Input aria-label="Target type" placeholder="Target type" className="w-32" value={filters.targetType ?? ''} onChange={(e) => setFilters({ ...filters, targetType: e.target.value || undefined })} />
          <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
            From <Input type="date" aria-label="From" className="w-36" onChange={(e) => setFilters({ ...filters, from: day(e.target.value, false) })} />
          </label>
          <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
            To <Input type="date" aria-label="To" className="w-36" onChange={(e) => setFilters({ ...filters, to: day(e.target.value, true) })} />
          </label>
        </div>
        <DataTable label="Audit log" columns={columns} rows={log.data?.items} rowKey={(e) => e.id} loading={log.isLoading} busy={log.isPlaceholderData} error={log.error} onRetry={() => void log.refetch()} empty="No entries match." />
        <Pager page={pager.page} hasNext={Boolean(log.data?.nextCursor)} onNext={() => log.data?.nextCursor && pager.next(log.data.nextCursor)} onPrevious={pager.previous} />
      </Card>
    </div>
  );
}
