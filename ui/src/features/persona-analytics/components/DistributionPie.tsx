import { Cell, Pie, PieChart, Tooltip } from 'recharts';
import { formatShare, type Slice } from '../chart-data';
import { CATEGORY_COLORS } from './chart-colors';

/** Strong, moderate and weak matches as a ring, with a legend that carries the numbers. */
export function DistributionPie({ slices }: { slices: Slice[] }) {
  const drawn = slices.filter((s) => s.count > 0);
  return (
    <div className="pie">
      <PieChart responsive style={{ width: '100%', maxWidth: 200, aspectRatio: 1 }} accessibilityLayer={false}>
        <Pie
          rootTabIndex={-1}
          data={drawn}
          dataKey="count"
          nameKey="label"
          innerRadius="55%"
          outerRadius="95%"
          paddingAngle={drawn.length > 1 ? 2 : 0}
          isAnimationActive={false}
        >
          {drawn.map((s) => (
            <Cell key={s.category} fill={CATEGORY_COLORS[s.category]} data-category={s.category} />
          ))}
        </Pie>
        <Tooltip formatter={(value) => [String(value), 'responses']} />
      </PieChart>
      <ul className="pie__legend">
        {slices.map((s) => (
          <li key={s.category}>
            <span className="swatch" style={{ background: CATEGORY_COLORS[s.category] }} />
            <span>{s.label}</span>
            <strong className="num">{s.count}</strong>
            <span className="muted small">{formatShare(s.share)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
