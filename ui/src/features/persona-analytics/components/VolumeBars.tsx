import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { shortDay, type DayCount } from '../chart-data';
import { AXIS, BAR_COLOR, GRID } from './chart-colors';

/** Matched responses per day of submission. */
export function VolumeBars({ rows }: { rows: DayCount[] }) {
  return (
    <BarChart responsive style={{ width: '100%', height: 220 }} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="date" tickFormatter={shortDay} tick={AXIS} minTickGap={24} />
      <YAxis allowDecimals={false} tick={AXIS} width={48} />
      <Tooltip labelFormatter={(d) => shortDay(String(d))} formatter={(v) => [String(v), 'matched responses']} />
      <Bar dataKey="responses" fill={BAR_COLOR} radius={[3, 3, 0, 0]} isAnimationActive={false} />
    </BarChart>
  );
}
