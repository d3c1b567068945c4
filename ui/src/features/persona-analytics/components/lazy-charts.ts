import { lazy } from 'react';

// The drawings come with recharts, loaded only when a chart is on screen: the KPIs, the rules and
// the tables show meanwhile, and nothing of recharts reaches the first page.
export const DistributionPie = lazy(() => import('./DistributionPie').then((m) => ({ default: m.DistributionPie })));
export const VolumeBars = lazy(() => import('./VolumeBars').then((m) => ({ default: m.VolumeBars })));
export const EvolutionLines = lazy(() => import('./EvolutionLines').then((m) => ({ default: m.EvolutionLines })));
export const CoverageChart = lazy(() => import('./CoverageChart').then((m) => ({ default: m.CoverageChart })));
