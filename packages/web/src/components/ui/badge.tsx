import type { ReactNode } from 'react';
import { cn } from './cn';

const tones = {
  neutral: 'bg-muted text-muted-foreground',
  primary: 'bg-primary/15 text-primary',
  success: 'bg-success/15 text-success',
  warning: 'bg-warning/20 text-[color-mix(in_oklch,var(--warning)_60%,var(--foreground))]',
  danger: 'bg-destructive/15 text-destructive',
} as const;

export type Tone = keyof typeof tones;

export function Badge({ tone = 'neutral', children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return <span className={cn('inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', tones[tone], className)}>{children}</span>;
}

/** Online / offline / pending / retired, the way every device list shows it. */
export function DeviceStatus({ device }: { device: { status: string; online: boolean; kind: string } }) {
  if (device.status === 'retired') return <Badge>retired</Badge>;
  if (device.status === 'pending') return <Badge tone="warning">pending approval</Badge>;
  if (device.kind === 'manual') return <Badge>no agent</Badge>;
  return device.online ? (
    <Badge tone="success">
      <span className="size-1.5 rounded-full bg-current" aria-hidden /> online
    </Badge>
  ) : (
    <Badge tone="danger">
      <span className="size-1.5 rounded-full bg-current" aria-hidden /> offline
    </Badge>
  );
}
