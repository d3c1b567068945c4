import { useEffect, useRef } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import type { BuyingProcessAction, TurnOutput } from '../api/buying-process-flow';
import { atOrAfter, mapErrorsFromProblems, type PersonaTextField, type StageField } from '../stages';
import { IntroSection } from './IntroSection';
import { MapActions } from './MapActions';
import { PersonaSection } from './PersonaSection';
import { ReviewSection } from './ReviewSection';
import { StagesTable } from './StagesTable';
import { SummarySection } from './SummarySection';

export type MapHandlers = {
  onPersonaText: (field: PersonaTextField, value: string) => Promise<boolean>;
  onPick: (personaId: string | null) => void;
  onCell: (index: number, field: StageField, value: string) => Promise<boolean>;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  onAction: (action: BuyingProcessAction) => void;
};

type Props = MapHandlers & {
  output: TurnOutput;
  busy: boolean;
  saving: boolean;
  running: BuyingProcessAction | null;
  /** The last failed form edit or action, if any. */
  error: ApiError | null;
  onDismissError: () => void;
};

/** The right panel: the map itself, growing with the phases (persona → stages → alignment → summary → review). */
export function MapPanel({ output, busy, saving, running, error, onDismissError, ...on }: Props) {
  const { phase, state, sessionId } = output;
  const { map } = state;
  const stages = map.buying_stages;
  const errors = error && error.status === 400 ? mapErrorsFromProblems(error.fields) : { cells: {}, persona: {} };
  const placed = Object.keys(errors.cells).length + Object.keys(errors.persona).length + (errors.table ? 1 : 0) > 0;
  const groupsRef = useRef<HTMLDivElement>(null);

  const showStages = atOrAfter(phase, 'stages') || stages.length > 0;
  const showSummary = atOrAfter(phase, 'summary') || Boolean(map.ai_generated_summary);

  // When the phase changes, bring its section into view inside the panel's own scroll area.
  useEffect(() => {
    const box = groupsRef.current;
    const group = box?.querySelector<HTMLElement>('.group--current');
    if (!box || box.scrollHeight <= box.clientHeight) return;
    const top = group ? group.offsetTop - box.offsetTop - 6 : 0;
    box.scrollTo({ top: phase === 'review' ? 0 : top, behavior: 'smooth' });
  }, [phase, output.done]);

  return (
    <section className="panel form map" aria-label="Buying process map">
      <div className="panel__head">
        <h2 className="panel__title">{map.persona_name ? `${map.persona_name}: buying process` : 'Buying process map'}</h2>
        <span className="panel__hint" aria-live="polite">
          {saving ? 'Saving your edit…' : 'Edits are sent when you leave a field'}
        </span>
      </div>

      {error && !placed && !error.isConflict ? (
        <ErrorBanner
          title={error.status === 502 || error.status === 503 ? 'The assistant could not do that. Your map is unchanged.' : undefined}
          message={error.message}
          onDismiss={onDismissError}
          testId="form-error"
        />
      ) : null}

      <div className="form__groups" ref={groupsRef}>
        {phase === 'intro' ? <IntroSection /> : null}
        {phase === 'review' ? <ReviewSection sessionId={sessionId} map={map} missing={output.missing} done={output.done} /> : null}
        <PersonaSection map={map} current={phase === 'persona'} errors={errors.persona} onText={on.onPersonaText} onPick={on.onPick} />
        {showStages ? (
          <StagesTable
            phase={phase}
            stages={stages}
            current={phase === 'stages' || phase === 'alignment'}
            busy={busy}
            running={running}
            cellErrors={errors.cells}
            tableError={errors.table}
            onCell={on.onCell}
            onMove={on.onMove}
            onRemove={on.onRemove}
            onAdd={on.onAdd}
            onStandard={() => on.onAction('standard_stages')}
          />
        ) : null}
        {showSummary ? (
          <SummarySection
            summary={map.ai_generated_summary}
            current={phase === 'summary'}
            busy={busy}
            running={running}
            canSummarize={stages.length > 0}
            onSummarize={() => on.onAction('summarize')}
          />
        ) : null}
      </div>

      <MapActions phase={phase} done={output.done} busy={busy} canUndo={output.canUndo} running={running} onAction={on.onAction} />
    </section>
  );
}
