import { useNavigate } from 'react-router';
import type { UnmatchedGroup } from '@schemas/persona-analytics.js';
import { Button } from '../../../shared/components/Button';
import { paths } from '../../../shared/paths';
import { surveyDraftState } from '../../../shared/persona/survey-draft';
import { respondentName, ResponseAnswers } from './ResponseAnswers';

/** What the group's members share, in words: "Nurse · Leeds · 30–39". */
export function describeGroup(a: UnmatchedGroup['attributes']): string {
  return [a.occupation, a.location, a.gender, a.age ? `aged ${a.age.min}–${a.age.max}` : null].filter(Boolean).join(' · ') || 'No shared attribute';
}

function Counts({ title, items }: { title: string; items: { value: string; count: number }[] }) {
  if (!items.length) return null;
  return (
    <div className="group-card__counts">
      <h4 className="group-card__subtitle">{title}</h4>
      <ul>
        {items.slice(0, 5).map((i) => (
          <li key={i.value}>
            {i.value} <span className="muted small nowrap">× {i.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One group of responses no persona matches: its size, what they share and say, and a persona drafted from it. */
export function UnmatchedGroupCard({ group, first, largest }: { group: UnmatchedGroup; first: boolean; largest: boolean }) {
  const navigate = useNavigate();
  return (
    <article className="panel group-card" data-testid="unmatched-group" aria-labelledby={`group-${group.key}`}>
      <div className="panel__head">
        <h3 className="panel__title" id={`group-${group.key}`}>
          {describeGroup(group.attributes)}
        </h3>
        <span className="badge badge--info" data-testid="group-size">
          {group.size.toLocaleString()} response{group.size === 1 ? '' : 's'}
          {largest ? ' · largest' : ''}
        </span>
      </div>
      <div className="group-card__body">
        <Counts title="Top goals" items={group.goals} />
        <Counts title="Top frustrations" items={group.frustrations} />
      </div>
      {group.sample.length ? (
        <details className="group-card__sample">
          <summary>Sample answers ({group.sample.length})</summary>
          <ul className="group-card__answers">
            {group.sample.map((r) => (
              <li key={r.id}>
                <p className="small">
                  <strong>{respondentName(r)}</strong>
                </p>
                <ResponseAnswers response={r} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="group-card__actions">
        <Button
          variant={first ? 'primary' : 'secondary'}
          onClick={() => navigate(paths.personaBuilder, { state: surveyDraftState(group) })}
          data-testid="draft-persona"
        >
          Draft a persona from this group
        </Button>
        <span className="muted small">
          Opens the builder with the title, pain points and core goal these answers suggest; nothing is saved until you save it.
        </span>
      </div>
    </article>
  );
}
