import { useEffect, useRef } from 'react';
import type { SurveyDraft } from '../../../shared/persona/survey-draft';

const describe = (a: SurveyDraft['group']['attributes']) =>
  [a.occupation, a.location, a.gender, a.age ? `aged ${a.age.min}–${a.age.max}` : null].filter(Boolean).join(' · ');

const counted = (items: { value: string; count: number }[]) => items.slice(0, 5).map((i) => `${i.value} (${i.count})`);

/** What a survey-group draft rests on: how many respondents, what they share, and their own words. */
export function SurveyEvidence({ group }: { group: SurveyDraft['group'] }) {
  const shared = describe(group.attributes);
  const note = useRef<HTMLDivElement>(null);
  // On one column (narrow screens) the form is below the inputs panel: show the draft, not the inputs.
  useEffect(() => {
    if (window.matchMedia('(max-width: 900px)').matches) note.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <div className="note survey-evidence" data-testid="survey-evidence" role="note" ref={note}>
      <p className="note__title">
        Drafted from <span data-testid="survey-evidence-size">{group.size.toLocaleString()}</span> survey response{group.size === 1 ? '' : 's'} that no persona
        matches
      </p>
      <p className="small">
        {shared ? <>They share: {shared}. </> : null}
        The fields marked <em>from survey group</em> come from their answers; write the rest yourself.
      </p>
      {group.frustrations.length ? <p className="small">Top frustrations: {counted(group.frustrations).join('; ')}</p> : null}
      {group.goals.length ? <p className="small">Top goals: {counted(group.goals).join('; ')}</p> : null}
      {group.sample.length ? (
        <details>
          <summary className="small">Their answers ({group.sample.length})</summary>
          <ul className="survey-evidence__answers">
            {group.sample.map((r) => (
              <li key={r.id} className="small">
                <strong>{[r.occupation, r.location].filter(Boolean).join(', ') || 'A respondent'}</strong>
                {r.goals.length ? <> — goals: {r.goals.join('; ')}</> : null}
                {r.frustrations.length ? <> — frustrations: {r.frustrations.join('; ')}</> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
