import type { ReactNode } from 'react';
import { Link } from '../../lib/router';

/** Ranked horizontal bars in plain HTML: long labels (OS names, models) stay readable. */
export function BarList({ items, empty = 'No data yet.' }: { items: Array<{ label: string; value: number; href?: string; hint?: ReactNode }>; empty?: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  if (!items.length) return <p className="py-6 text-center text-sm text-muted-foreground">{empty}</p>;
  return (
    <ul className="space-y-1.5">
      {items.map((item) => {
        const label = (
          <span className="relative z-10 flex min-w-0 items-center gap-2 truncate">
            {item.label}
            {item.hint && <span className="text-xs text-muted-foreground">{item.hint}</span>}
          </span>
        );
        return (
          <li key={item.label} className="flex items-center gap-3 text-sm">
            <div className="relative min-w-0 flex-1 overflow-hidden rounded-md px-2 py-1">
              <div className="absolute inset-y-0 left-0 rounded-md bg-primary/15" style={{ width: `${(item.value / max) * 100}%` }} aria-hidden />
              {item.href ? (
                <Link to={item.href} className="relative block truncate hover:underline">
                  {label}
                </Link>
              ) : (
                label
              )}
            </div>
            <span className="w-14 shrink-0 text-right font-medium tabular-nums">{item.value.toLocaleString()}</span>
          </li>
        );
      })}
    </ul>
  );
}
