import { useSyncExternalStore } from 'react';

/** A tiny notification store: anything (query error handlers included) can raise a toast. */
export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  title: string;
  message?: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = (): void => listeners.forEach((l) => l());

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function showToast(toast: Omit<Toast, 'id'>): void {
  const id = nextId++;
  // The same message twice in a row (a refetch failing again) is one toast.
  if (toasts.some((t) => t.title === toast.title && t.message === toast.message)) return;
  toasts = [...toasts.slice(-3), { ...toast, id }];
  emit();
  setTimeout(() => dismissToast(id), toast.kind === 'error' ? 8000 : 4000);
}

export function useToasts(): Toast[] {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => toasts);
}
