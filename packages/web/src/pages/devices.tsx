import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Download, Plus, Search, Upload } from 'lucide-react';
import { api, downloadCsv, errorMessage } from '../api/client';
import type { DeviceListItem, DeviceQuery, DeviceSort } from '../api/types';
import { Badge, DeviceStatus } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card } from '../components/ui/card';
import { DataTable, Pager, useCursorPager, type Column } from '../components/ui/data-table';
import { Input, Select } from '../components/ui/input';
import { PageHeader, useTitle } from '../components/ui/page';
import { useCan } from '../lib/auth';
import { formatDateTime, osLabel, timeAgo } from '../lib/format';
import { Link, navigate, useSearchParams } from '../lib/router';
import { showToast } from '../lib/toast';
import { useDebounced } from '../lib/use-debounced';
import { AddDeviceDialog } from './devices/add-device';
import { SavedViews } from './devices/saved-views';

// Rarely opened: its own chunk, fetched when the dialog is.
const ImportDevicesDialog = lazy(async () => ({ default: (await import('./devices/import-devices')).ImportDevicesDialog }));

const STATUSES = ['online', 'offline', 'pending', 'retired'] as const;
const SORTS: DeviceSort[] = ['hostname', '-hostname', 'lastSeenAt', '-lastSeenAt', 'os', '-os'];
const PAGE_SIZE = 50;
/** Long enough to skip the requests of a fast typist, short enough to feel instant. */
const SEARCH_DEBOUNCE_MS = 60;

/** The list's query as the URL holds it: filters are shareable links and survive a reload. */
function queryFromParams(params: URLSearchParams): Omit<DeviceQuery, 'cursor' | 'limit' | 'format'> {
  const status = params.get('status');
  const kind = params.get('kind');
  const sort = params.get('sort');
  return {
    q: params.get('q') || undefined,
    status: STATUSES.find((s) => s === status),
    platform: params.get('platform') || undefined,
    os: params.get('os') || undefined,
    tag: params.getAll('tag').filter(Boolean),
    kind: kind === 'agent' || kind === 'manual' ? kind : undefined,
    sort: SORTS.find((s) => s === sort) ?? 'hostname',
  };
}

export function DevicesPage() {
  useTitle('Devices');
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const canWrite = useCan('devices:write');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const pager = useCursorPager(JSON.stringify(query));

  const list = useQuery({
    queryKey: ['devices', 'list', query, pager.cursor],
    queryFn: ({ signal }) => api.get('/api/v1/devices', { query: { ...query, limit: PAGE_SIZE, cursor: pager.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  const platforms = useQuery({ queryKey: ['fleet', 'summary'], queryFn: ({ signal }) => api.get('/api/v1/fleet/summary', { signal }), select: (s) => s.byPlatform });

  const exportCsv = async (): Promise<void> => {
    try {
      await downloadCsv('/api/v1/devices', { query }, `devices-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      showToast({ kind: 'error', title: 'Export failed', message: errorMessage(error) });
    }
  };

  return (
    <div>
      <PageHeader
        title="Devices"
        description="Every device of the organisation. Search covers names, serial numbers, models, addresses, users and tags."
        actions={
          <>
            <SavedViews current={params.toString()} onApply={(q) => navigate(`/devices${q ? `?${q}` : ''}`)} />
            <Button variant="outline" onClick={() => void exportCsv()}>
              <Download /> Export CSV
            </Button>
            {canWrite && (
              <>
                <Button variant="outline" onClick={() => setImporting(true)}>
                  <Upload /> Import CSV
                </Button>
                <Button onClick={() => setAdding(true)}>
                  <Plus /> Add device
                </Button>
              </>
            )}
          </>
        }
      />
      <Card>
        <div className="flex flex-wrap items-center gap-2 border-b p-3">
          <SearchBox value={query.q ?? ''} onChange={(q) => setParams({ q })} />
          <Select aria-label="Status" className="w-36" value={query.status ?? ''} onChange={(e) => setParams({ status: e.target.value })}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </Select>
          <Select aria-label="Platform" className="w-40" value={query.platform ?? ''} onChange={(e) => setParams({ platform: e.target.value })}>
            <option value="">Any platform</option>
            {platforms.data?.filter((p) => p.key).map((p) => (
              <option key={p.key} value={p.key!}>
                {p.key}
              </option>
            ))}
          </Select>
          <TagFilter tags={query.tag ?? []} onChange={(tag) => setParams({ tag })} />
          {query.os && (
            <Badge tone="primary">
              OS: {query.os}
              <button type="button" aria-label="Clear the OS filter" className="ml-1" onClick={() => setParams({ os: undefined })}>
                ×
              </button>
            </Badge>
          )}
          {query.kind && (
            <Badge tone="primary">
              {query.kind === 'manual' ? 'Without agent' : 'With agent'}
              <button type="button" aria-label="Clear the agent filter" className="ml-1" onClick={() => setParams({ kind: undefined })}>
                ×
              </button>
            </Badge>
          )}
        </div>
        <DataTable
          label="Devices"
          columns={columns}
          rows={list.data?.items}
          rowKey={(d) => d.id}
          rowHref={(d) => `/devices/${d.id}`}
          sort={query.sort}
          onSort={(sort) => setParams({ sort: sort === 'hostname' ? undefined : sort })}
          loading={list.isLoading}
          busy={list.isPlaceholderData}
          error={list.error}
          onRetry={() => void list.refetch()}
          empty={query.q ? `No device matches “${query.q}”.` : 'No devices match these filters.'}
        />
        <Pager
          page={pager.page}
          hasNext={Boolean(list.data?.nextCursor)}
          onNext={() => list.data?.nextCursor && pager.next(list.data.nextCursor)}
          onPrevious={pager.previous}
          summary={list.data ? `${list.data.items.length} device${list.data.items.length === 1 ? '' : 's'} on this page` : undefined}
        />
      </Card>
      {adding && <AddDeviceDialog onClose={() => setAdding(false)} />}
      {importing && (
        <Suspense fallback={null}>
          <ImportDevicesDialog onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </div>
  );
}

/** The box keeps its own text; the URL (and so the request) follows a few milliseconds later. */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string | undefined) => void }) {
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, SEARCH_DEBOUNCE_MS);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (debounced.trim() !== value) onChange(debounced.trim() || undefined);
    // Only the user's typing drives this (not `value`): a URL change must not echo back.
  }, [debounced]);
  return (
    <div className="relative min-w-64 flex-1">
      <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
      <Input data-search="page" type="search" aria-label="Search devices" placeholder="Search… (press / to focus)" className="pl-9" value={text} onChange={(e) => setText(e.target.value)} />
    </div>
  );
}

function TagFilter({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const [text, setText] = useState('');
  return (
    <div className="flex items-center gap-1.5">
      {tags.map((tag) => (
        <Badge key={tag} tone="primary">
          #{tag}
          <button type="button" aria-label={`Remove the tag filter ${tag}`} className="ml-1" onClick={() => onChange(tags.filter((t) => t !== tag))}>
            ×
          </button>
        </Badge>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const tag = text.trim();
          if (tag && !tags.includes(tag)) onChange([...tags, tag]);
          setText('');
        }}
      >
        <Input aria-label="Filter by tag" placeholder="Tag ↵" className="w-28" value={text} onChange={(e) => setText(e.target.value)} />
      </form>
    </div>
  );
}

const columns: Array<Column<DeviceListItem>> = [
  {
    id: 'hostname',
    header: 'Device',
    sortKey: 'hostname',
    cell: (d) => (
      <div className="min-w-0">
        <Link to={`/devices/${d.id}`} className="font-medium whitespace-nowrap hover:underline">
          {d.displayName ?? d.hostname}
        </Link>
        {d.displayName && <p className="text-xs text-muted-foreground">{d.hostname}</p>}
      </div>
    ),
  },
  { id: 'status', header: 'Status', cell: (d) => <DeviceStatus device={d} /> },
  { id: 'os', header: 'Operating system', sortKey: 'os', cell: (d) => osLabel(d.os) },
  { id: 'model', header: 'Model', cell: (d) => <span className="text-muted-foreground">{[d.vendor, d.model].filter(Boolean).join(' ') || '—'}</span> },
  { id: 'ip', header: 'IP address', cell: (d) => <span className="font-mono text-xs">{d.primaryIp ?? '—'}</span> },
  {
    id: 'tags',
    header: 'Tags',
    cell: (d) => (
      <div className="flex flex-wrap gap-1">
        {d.tags.slice(0, 3).map((t) => (
          <Badge key={t}>{t}</Badge>
        ))}
        {d.tags.length > 3 && <Badge>+{d.tags.length - 3}</Badge>}
      </div>
    ),
  },
  { id: 'agent', header: 'Agent', cell: (d) => <span className="whitespace-nowrap text-muted-foreground">{d.agentVersion ?? '—'}</span> },
  { id: 'lastSeenAt', header: 'Last seen', sortKey: 'lastSeenAt', cell: (d) => <span className="whitespace-nowrap" title={formatDateTime(d.lastSeenAt)}>{timeAgo(d.lastSeenAt)}</span> },
];
