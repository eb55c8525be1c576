import { useSyncExternalStore } from 'react';

/** Light, dark, or whatever the system says (the default); the choice is kept per browser. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'muster.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

export function themeChoice(): ThemeChoice {
  const stored = localStorage.getItem(KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

function apply(): void {
  const choice = themeChoice();
  const dark = choice === 'dark' || (choice === 'system' && media.matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  listeners.forEach((l) => l());
}

media.addEventListener('change', apply);
apply();

export function setTheme(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  apply();
}

/** Whether the page is dark right now (charts pick their colours from it). */
export function useDarkMode(): boolean {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => document.documentElement.classList.contains('dark'),
  );
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), themeChoice);
}
