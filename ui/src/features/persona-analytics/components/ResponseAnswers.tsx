import type { SurveyResponse } from '@schemas/survey-response.js';
import { METRIC_NAMES, METRICS } from '@schemas/survey-response.js';
import { formatDateTime } from '../../../shared/format';

/** Who answered, as far as they said. */
export const respondentName = (r: SurveyResponse) => r.respondent.name ?? r.respondent.email ?? 'Anonymous respondent';

const shown = (value: unknown): string => (Array.isArray(value) ? value.map(String).join('; ') : value === null || value === undefined ? '—' : String(value));

/** One response's answers, whole and as written (React escapes them: they come from outside the workspace). */
export function ResponseAnswers({ response: r }: { response: SurveyResponse }) {
  const about = [
    ['Age', r.age],
    ['Location', r.location],
    ['Occupation', r.occupation],
    ['Gender', r.gender],
  ] as const;
  const extra = Object.entries(r.answers ?? {});
  return (
    <div className="answers">
      <dl className="answers__list">
        {about.map(([label, value]) =>
          value === null || value === undefined ? null : (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{String(value)}</dd>
            </div>
          ),
        )}
        {r.goals.length ? (
          <div>
            <dt>Goals</dt>
            <dd>
              <ul>
                {r.goals.map((g, i) => (
                  <li key={i}>{g}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {r.frustrations.length ? (
          <div>
            <dt>Frustrations</dt>
            <dd>
              <ul>
                {r.frustrations.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {METRIC_NAMES.filter((m) => r[m] !== null).map((m) => (
          <div key={m}>
            <dt>{METRICS[m].label}</dt>
            <dd>
              {r[m]} <span className="muted small">of {METRICS[m].max}</span>
            </dd>
          </div>
        ))}
        {extra.map(([question, answer]) => (
          <div key={question}>
            <dt>{question}</dt>
            <dd>{shown(answer)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        {r.respondent.email ? `${r.respondent.email}${r.respondent.consent ? ' · agreed to be contacted' : ' · no consent to contact'} · ` : ''}
        Submitted {formatDateTime(r.submittedAt)}
      </p>
    </div>
  );
}
