import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { CoverageBar } from '../chart-data';
import { AXIS, BAR_COLOR, GRID } from './chart-colors';

/** Each persona's coverage side by side (horizontal bars, so long names stay readable on a phone). */
export function CoverageChart({ bars }: { bars: CoverageBar[] }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: '100%', height: Math.max(120, bars.length * 40 + 40) }}
      data={bars}
      margin={{ top: 4, right: 40, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={GRID} horizontal={false} />
      <XAxis type="number" domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={AXIS} />
      <YAxis type="category" dataKey="name" tick={AXIS} width={120} />
      <Tooltip formatter={(_v, _n, item) => [(item.payload as CoverageBar).label, 'coverage']} />
      <Bar dataKey="coverage" fill={BAR_COLOR} maxBarSize={28} radius={[0, 3, 3, 0]} isAnimationActive={false}>
        <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: '#1c2330' }} />
      </Bar>
    </BarChart>
  );
}
