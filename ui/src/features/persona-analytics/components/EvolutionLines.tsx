import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { METRIC_NAMES } from '@schemas/survey-response.js';
import { metricLabel, shortDay, type EvolutionRow } from '../chart-data';
import { AXIS, GRID, METRIC_COLORS } from './chart-colors';

/** The four metrics of the persona's matched responses, one line each, snapshot by snapshot. */
export function EvolutionLines({ rows }: { rows: EvolutionRow[] }) {
  return (
    <LineChart responsive style={{ width: '100%', height: 260 }} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -16 }} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="date" tickFormatter={shortDay} tick={AXIS} minTickGap={24} />
      <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} tick={AXIS} width={48} />
      <Tooltip labelFormatter={(d) => shortDay(String(d))} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {METRIC_NAMES.map((m) => (
        <Line
          key={m}
          type="monotone"
          dataKey={m}
          name={metricLabel(m)}
          stroke={METRIC_COLORS[m]}
          strokeWidth={2}
          dot={rows.length < 2 ? { r: 4 } : false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
