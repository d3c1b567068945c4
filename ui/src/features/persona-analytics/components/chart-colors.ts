import type { MatchCategory } from '@schemas/persona-analytics.js';
import type { MetricName } from '@schemas/survey-response.js';

// SVG fills cannot read CSS variables in every browser's export path: the palette's values (base.css).
export const CATEGORY_COLORS: Record<MatchCategory, string> = { strong: '#15803d', moderate: '#4f46e5', weak: '#c5ccd5' };
export const METRIC_COLORS: Record<MetricName, string> = { satisfaction: '#4f46e5', nps: '#15803d', trust: '#0e7490', effort: '#b45309' };
export const BAR_COLOR = '#4f46e5';
export const AXIS = { stroke: '#636d7c', fontSize: 12 } as const;
export const GRID = '#dfe3e8';
