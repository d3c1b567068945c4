import { EVOLUTION_DAYS, type EvolutionDays } from '../api/analytics';

/** 7, 30 or 90 days: a segmented choice (radio buttons, so arrow keys move between them). */
export function DaysChoice({ days, onChange }: { days: EvolutionDays; onChange: (days: EvolutionDays) => void }) {
  return (
    <fieldset className="segmented" data-testid="days-choice">
      <legend className="sr-only">Time range</legend>
      {EVOLUTION_DAYS.map((d) => (
        <label key={d} className={`segmented__option${d === days ? ' segmented__option--on' : ''}`}>
          <input type="radio" name="analytics-days" value={d} checked={d === days} onChange={() => onChange(d)} data-testid={`days-${d}`} />
          {d} days
        </label>
      ))}
    </fieldset>
  );
}
