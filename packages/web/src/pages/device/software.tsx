import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { DeviceSoftware } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Card } from '../../components/ui/card';
import { DataTable, Pager, useCursorPager, type Column } from '../../components/ui/data-table';
import { Input } from '../../components/ui/input';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { useDebounced } from '../../lib/use-debounced';

const columns: Array<Column<DeviceSoftware>> = [
  {
    id: 'name',
    header: 'Name',
    cell: (s) => (
      <Link to={`/software?name=${encodeURIComponent(s.name)}&source=${encodeURIComponent(s.source)}&version=${s.softwareId}`} className="font-medium hover:underline">
        {s.name}
      </Link>
    ),
  },
  { id: 'version', header: 'Version', cell: (s) => <span className="font-mono text-xs">{s.version}</span> },
  { id: 'publisher', header: 'Publisher', cell: (s) => s.publisher ?? '—' },
  { id: 'source', header: 'Source', cell: (s) => <Badge>{s.source}</Badge> },
  { id: 'arch', header: 'Arch', cell: (s) => s.arch || '—' },
  { id: 'installed', header: 'Installed', cell: (s) => formatDate(s.installDate) },
];

export function SoftwareTab({ deviceId }: { deviceId: string }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 150);
  const pager = useCursorPager(q);
  const list = useQuery({
    queryKey: ['device', deviceId, 'software', q, pager.cursor],
    queryFn: ({ signal }) => api.get('/api/v1/devices/{id}/software', { path: { id: deviceId }, query: { q: q || undefined, limit: 100, cursor: pager.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card>
      <div className="border-b p-3">
        <Input data-search="page" type="search" aria-label="Search this device's software" placeholder="Search packages…" className="max-w-sm" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <DataTable
        label="Installed software"
        columns={columns}
        rows={list.data?.items}
        rowKey={(s) => `${s.softwareId}`}
        loading={list.isLoading}
        busy={list.isPlaceholderData}
        error={list.error}
        onRetry={() => void list.refetch()}
        empty={q ? `No package matches “${q}”.` : 'No software reported.'}
      />
      <Pager page={pager.page} hasNext={Boolean(list.data?.nextCursor)} onNext={() => list.data?.nextCursor && pager.next(list.data.nextCursor)} onPrevious={pager.previous} />
    </Card>
  );
}
