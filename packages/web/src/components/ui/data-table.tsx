import { useState, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from 'lucide-react';
import { navigate } from '../../lib/router';
import { Button } from './button';
import { cn } from './cn';
import { Empty, ErrorMessage, Loading } from './states';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The API's sort key for this column (ascending); `-key` sorts descending. */
  sortKey?: string;
  className?: string;
}

/**
 * A table whose sorting, filtering and paging happen on the server: it renders one page and
 * reports clicks on sortable headers; rows with an `href` navigate (the first cell holds a real
 * link for the keyboard and for opening in a new tab).
 */
export function DataTable<T>({ columns, rows, rowKey, rowHref, sort, onSort, loading, error, onRetry, empty = 'Nothing to show.', label, busy }: {
  columns: Array<Column<T>>;
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  rowHref?: (row: T) => string;
  sort?: string;
  onSort?: (sort: string) => void;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty?: ReactNode;
  label: string;
  /** A newer page is on its way: dim the current one rather than blanking it. */
  busy?: boolean;
}) {
  if (error && !rows) return <div className="p-4"><ErrorMessage error={error} onRetry={onRetry} /></div>;
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full text-sm transition-opacity', busy && 'opacity-60')} aria-label={label} aria-busy={busy || loading}>
        <thead>
          <tr className="border-b text-left text-xs text-muted-foreground">
            {columns.map((column) => (
              <th key={column.id} scope="col" className={cn('px-4 py-2.5 font-medium whitespace-nowrap', column.className)} aria-sort={ariaSort(column, sort)}>
                {column.sortKey && onSort ? <SortButton column={column} sort={sort} onSort={onSort} /> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows?.map((row) => {
            const href = rowHref?.(row);
            return (
              <tr
                key={rowKey(row)}
                className={cn('border-b last:border-0', href && 'cursor-pointer hover:bg-muted/60')}
                onClick={href ? (event) => !(event.target as HTMLElement).closest('a,button,input') && navigate(href) : undefined}
              >
                {columns.map((column) => (
                  <td key={column.id} className={cn('px-4 py-2.5 align-middle', column.className)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {loading && !rows && <Loading />}
      {rows && rows.length === 0 && <Empty>{empty}</Empty>}
    </div>
  );
}

function ariaSort<T>(column: Column<T>, sort: string | undefined): 'ascending' | 'descending' | undefined {
  if (!column.sortKey || !sort) return undefined;
  if (sort === column.sortKey) return 'ascending';
  if (sort === `-${column.sortKey}`) return 'descending';
  return undefined;
}

function SortButton<T>({ column, sort, onSort }: { column: Column<T>; sort: string | undefined; onSort: (sort: string) => void }) {
  const key = column.sortKey!;
  const direction = ariaSort(column, sort);
  const Icon = direction === 'ascending' ? ArrowUp : direction === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <button type="button" className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-foreground" onClick={() => onSort(direction === 'ascending' ? `-${key}` : key)}>
      {column.header}
      <Icon className={cn('size-3.5', !direction && 'opacity-40')} aria-hidden />
    </button>
  );
}

/**
 * Keyset pagination state: the cursors of the pages before this one. Whenever `resetKey` (the
 * filters and sort) changes, paging starts again from the first page.
 */
export function useCursorPager(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  const stack = state.key === resetKey ? state.stack : [];
  return {
    cursor: stack.at(-1),
    page: stack.length + 1,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

export function Pager({ page, hasNext, onNext, onPrevious, summary }: { page: number; hasNext: boolean; onNext: () => void; onPrevious: () => void; summary?: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3 border-t px-4 py-2.5 text-xs text-muted-foreground">
      <span>{summary}</span>
      <div className="flex items-center gap-2">
        <span>Page {page}</span>
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={page <= 1} aria-label="Previous page">
          <ChevronLeft />
        </Button>
        <Button variant="outline" size="sm" onClick={onNext} disabled={!hasNext} aria-label="Next page">
          <ChevronRight />
        </Button>
      </div>
    </div>
  );
}
