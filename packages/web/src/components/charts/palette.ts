import { useDarkMode } from '../../lib/theme';

/**
 * Chart colours as literal values: SVG presentation attributes (what Recharts writes) do not
 * resolve CSS variables, so the theme's colours are chosen here from the current mode.
 */
export function useChartTheme() {
  const dark = useDarkMode();
  return dark
    ? { series: ['#818cf8', '#38bdf8', '#34d399', '#fbbf24', '#f87171', '#a78bfa', '#2dd4bf', '#94a3b8'], grid: '#2b3445', text: '#94a3b8', tooltipBg: '#1b2130', tooltipBorder: '#334155', online: '#34d399', offline: '#f87171', pending: '#fbbf24', muted: '#64748b' }
    : { series: ['#4f46e5', '#0284c7', '#059669', '#d97706', '#dc2626', '#7c3aed', '#0d9488', '#64748b'], grid: '#e5e7eb', text: '#64748b', tooltipBg: '#ffffff', tooltipBorder: '#e5e7eb', online: '#10b981', offline: '#ef4444', pending: '#f59e0b', muted: '#94a3b8' };
}
