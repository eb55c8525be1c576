import { useState, type ReactNode } from 'react';
import type { Device, SectionData, SectionName } from '../../api/types';
import { Card, CardHeader } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { Empty, ErrorMessage } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format';

/**
 * One inventory section of a device. The detail route returns sections loosely typed (a map of
 * name → { data }); their shapes are the agent protocol's, which the same OpenAPI document
 * describes (FullReport), so the cast below names that schema rather than inventing one.
 */
export function sectionOf<K extends SectionName>(device: Device, name: K): { data?: SectionData<K>; error?: unknown; collectedAt?: string } {
  const entry = device.sections[name];
  if (!entry) return {};
  if (entry.error) return { error: entry.error, collectedAt: entry.collectedAt };
  return { data: entry.data as SectionData<K>, collectedAt: entry.collectedAt };
}

/** Renders `children(data)` once the section exists; says why when it does not. */
export function SectionFrame<K extends SectionName>({ device, name, children }: { device: Device; name: K; children: (data: SectionData<K>) => ReactNode }) {
  const { data, error, collectedAt } = sectionOf(device, name);
  if (error) {
    const message = typeof error === 'object' && error && 'message' in error ? String((error as { message: unknown }).message) : 'unknown error';
    return <ErrorMessage title={`The agent could not collect the ${name} section`} error={message} />;
  }
  if (!data) return <Card><Empty>{device.kind === 'manual' ? 'This device has no agent, so there is no inventory to show.' : 'The agent has not reported this section yet.'}</Empty></Card>;
  return (
    <div className="space-y-4">
      {children(data)}
      <p className="text-xs text-muted-foreground">Collected {formatDateTime(collectedAt)}</p>
    </div>
  );
}

export interface SimpleColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** A client-side table for the lists inside one section (tens to hundreds of rows). */
export function SimpleTable<T>({ title, rows, columns, empty = 'None.', filter }: { title: string; rows: T[]; columns: Array<SimpleColumn<T>>; empty?: string; filter?: (row: T) => string }) {
  const [text, setText] = useState('');
  const shown = filter && text ? rows.filter((r) => filter(r).toLowerCase().includes(text.toLowerCase())) : rows;
  return (
    <Card>
      <CardHeader
        title={`${title} (${rows.length})`}
        actions={filter && rows.length > 10 ? <Input type="search" aria-label={`Filter ${title.toLowerCase()}`} placeholder="Filter…" className="h-8 w-48" value={text} onChange={(e) => setText(e.target.value)} /> : undefined}
      />
      {shown.length === 0 ? (
        <p className="p-5 text-sm text-muted-foreground">{empty}</p>
      ) : (
        <div className="max-h-[28rem] overflow-auto">
          <table className="w-full text-sm" aria-label={title}>
            <thead className="sticky top-0 bg-card">
              <tr className="border-b text-left text-xs text-muted-foreground">
                {columns.map((c) => (
                  <th key={c.header} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row, i) => (
                <tr key={i} className="border-b last:border-0">
                  {columns.map((c) => (
                    <td key={c.header} className={`px-4 py-2 ${c.className ?? ''}`}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
