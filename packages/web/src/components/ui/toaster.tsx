import { X } from 'lucide-react';
import { dismissToast, useToasts } from '../../lib/toast';
import { cn } from './cn';

export function Toaster() {
  const toasts = useToasts();
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100%-2rem)] flex-col gap-2">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          className={cn(
            'pointer-events-auto flex items-start gap-3 rounded-lg border bg-card p-3 text-sm shadow-lg',
            toast.kind === 'error' && 'border-destructive/50',
            toast.kind === 'success' && 'border-success/50',
          )}
        >
          <div className="min-w-0 flex-1">
            <p className={cn('font-medium', toast.kind === 'error' && 'text-destructive')}>{toast.title}</p>
            {toast.message && <p className="mt-0.5 break-words text-muted-foreground">{toast.message}</p>}
          </div>
          <button type="button" onClick={() => dismissToast(toast.id)} aria-label="Dismiss" className="rounded p-0.5 text-muted-foreground hover:text-foreground">
            <X className="size-4" />
          </button>
        </div>
      ))}
    </div>
  );
}
