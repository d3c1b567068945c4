import type { TopMatch } from '../../schemas/persona-analytics.js';
import { METRIC_NAMES } from '../../schemas/survey-response.js';
import { csvField } from './csv-field.js';

const COLUMNS = [
  'name',
  'email',
  'consent',
  'score',
  'category',
  'age',
  'location',
  'occupation',
  'gender',
  'goals',
  'frustrations',
  ...METRIC_NAMES,
  'submittedAt',
];

/** A persona's segment as CSV: one row per matched respondent, their answers as given (lists joined by "; "). */
export function segmentToCsv(matches: TopMatch[]): string {
  const rows = matches.map(({ response: r, score, category }) =>
    [
      r.respondent.name ?? '',
      r.respondent.email ?? '',
      r.respondent.consent ? 'yes' : 'no',
      String(score),
      category,
      r.age === null ? '' : String(r.age),
      r.location ?? '',
      r.occupation ?? '',
      r.gender ?? '',
      r.goals.join('; '),
      r.frustrations.join('; '),
      ...METRIC_NAMES.map((m) => (r[m] === null ? '' : String(r[m]))),
      r.submittedAt,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[COLUMNS.map(csvField).join(','), ...rows].join('\r\n')}\r\n`;
}
