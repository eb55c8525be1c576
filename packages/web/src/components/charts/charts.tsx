/**
 * The console's charts, on Recharts. Only the dashboard and device pages import this module, so
 * Recharts travels in their lazy chunks and never in the first load.
 */
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartTheme } from './palette';

export interface Slice {
  name: string;
  value: number;
  color?: string;
}

export function DonutChart({ data, label }: { data: Slice[]; label: string }) {
  const theme = useChartTheme();
  const total = data.reduce((sum, d) => sum + d.value, 0);
  return (
    <div className="relative h-48" role="img" aria-label={`${label}: ${data.map((d) => `${d.name} ${d.value}`).join(', ')}`}>
      <ResponsiveContainer>
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="62%" outerRadius="90%" paddingAngle={data.filter((d) => d.value).length > 1 ? 2 : 0} stroke="none" isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={d.color ?? theme.series[i % theme.series.length]} />
            ))}
          </Pie>
          <Tooltip contentStyle={{ background: theme.tooltipBg, borderColor: theme.tooltipBorder, borderRadius: 8, fontSize: 12 }} />
        </PieChart>
      </ResponsiveContainer>
      <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
        <span className="text-2xl font-semibold">{total.toLocaleString()}</span>
        <span className="text-xs text-muted-foreground">{label}</span>
      </div>
    </div>
  );
}

export function DailyBarChart({ data, label }: { data: Array<{ day: string; count: number }>; label: string }) {
  const theme = useChartTheme();
  return (
    <div className="h-56" role="img" aria-label={label}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke={theme.grid} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fill: theme.text, fontSize: 11 }} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fill: theme.text, fontSize: 11 }} tickLine={false} axisLine={false} />
          <Tooltip
            cursor={{ fill: theme.grid, opacity: 0.5 }}
            labelFormatter={(day) => shortDay(String(day))}
            contentStyle={{ background: theme.tooltipBg, borderColor: theme.tooltipBorder, borderRadius: 8, fontSize: 12 }}
          />
          <Bar dataKey="count" name="New devices" fill={theme.series[0]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface Series {
  key: string;
  name: string;
}

/** A time series chart; `unit` formats the axis and tooltip ('%' fixes the domain at 0–100). */
export function TimeSeriesChart<T extends { at: string }>({ data, series, unit, format, area, label }: {
  data: T[];
  series: Series[];
  unit?: '%';
  format?: (value: number) => string;
  area?: boolean;
  label: string;
}) {
  const theme = useChartTheme();
  const spanMs = data.length > 1 ? new Date(data.at(-1)!.at).getTime() - new Date(data[0]!.at).getTime() : 0;
  const tick = (iso: string): string =>
    new Date(iso).toLocaleString(undefined, spanMs > 36 * 3600_000 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' });
  const fmt = format ?? ((v: number) => (unit === '%' ? `${Math.round(v)}%` : v.toLocaleString(undefined, { maximumFractionDigits: 2 })));
  const common = {
    data,
    margin: { top: 8, right: 12, bottom: 0, left: 0 },
  };
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke={theme.grid} />
      <XAxis dataKey="at" tickFormatter={tick} tick={{ fill: theme.text, fontSize: 11 }} tickLine={false} axisLine={false} minTickGap={40} />
      <YAxis domain={unit === '%' ? [0, 100] : ['auto', 'auto']} tickFormatter={fmt} width={56} tick={{ fill: theme.text, fontSize: 11 }} tickLine={false} axisLine={false} />
      <Tooltip
        labelFormatter={(iso) => new Date(String(iso)).toLocaleString()}
        formatter={(value) => (typeof value === 'number' ? fmt(value) : String(value))}
        contentStyle={{ background: theme.tooltipBg, borderColor: theme.tooltipBorder, borderRadius: 8, fontSize: 12 }}
      />
      {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
    </>
  );
  return (
    <div className="h-56" role="img" aria-label={label}>
      <ResponsiveContainer>
        {area ? (
          <AreaChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Area key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={theme.series[i]} fill={theme.series[i]} fillOpacity={0.15} strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </AreaChart>
        ) : (
          <LineChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={theme.series[i]} strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
