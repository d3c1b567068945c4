import { useState } from 'react';
import { useParams } from 'react-router';
import { BUYING_PHASE_LABELS, BUYING_PHASES } from '@schemas/buying-process.js';
import { ChatPanel } from '../../../shared/wizard/ChatPanel';
import { SessionRatingCard } from '../../../shared/feedback/SessionRatingCard';
import { ConflictBanner } from '../../../shared/wizard/ConflictBanner';
import { PhaseStepper } from '../../../shared/wizard/PhaseStepper';
import { useWizardTurns } from '../../../shared/wizard/use-wizard-session';
import { WizardShell } from '../../../shared/wizard/WizardShell';
import { buyingProcessFlow, phaseLabel, type BuyingProcessAction, type BuyingProcessPatch, type TurnOutput } from '../api/buying-process-flow';
import { addStage, atOrAfter, moveStage, removeStage, showsSellerColumns, withCell, type BuyingStage } from '../stages';
import { MapPanel } from './MapPanel';
import { MapConflictChoice, mapConflictOf } from './MapConflictChoice';
import { MapHistory } from './MapHistory';
import { useMapVersions } from '../api/maps';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Button } from '../../../shared/components/Button';
import { paths } from '../../../shared/paths';

/** /buying-process/:sessionId — resumes the mapping session and shows chat + map. */
export function BuyingProcessWizardPage() {
  const { sessionId = '' } = useParams();
  return (
    <WizardShell
      flow={buyingProcessFlow}
      sessionId={sessionId}
      title="Map a buying process"
      newPath={paths.newBuyingProcessMap}
      sessionPath={paths.buyingProcessSession}
      newButton={{ label: '+ New map', testId: 'bp-new-map' }}
      recent={{ phaseLabel, untitled: 'Untitled map', deleteNote: 'The map is deleted with it.' }}
      goneNotice="That buying-process map no longer exists (it may have been deleted), so a new one was started."
      rememberLast={false}
    >
      {(output) => <MapSession sessionId={sessionId} output={output} />}
    </WizardShell>
  );
}

function MapSession({ sessionId, output }: { sessionId: string; output: TurnOutput }) {
  const turns = useWizardTurns<BuyingProcessPatch, BuyingProcessAction, TurnOutput>(buyingProcessFlow, sessionId);
  const [running, setRunning] = useState<BuyingProcessAction | null>(null);
  const failure = turns.failure;
  const { phase } = output;

  const onAction = async (action: BuyingProcessAction) => {
    setRunning(action);
    const out = await turns.act(action);
    setRunning(null);
    // Completing (or failing to): show the status and what is missing, wherever the page was scrolled.
    if (action === 'finalize' && out) {
      requestAnimationFrame(() => document.querySelector('[data-section="review"]')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
    }
  };

  // Table edits are built from the state the turn applies to (earlier edits may still be queued).
  const editStages = (change: (stages: BuyingStage[]) => BuyingStage[]) =>
    turns.patch((current) => ({ buying_stages: change((current ?? output).state.map.buying_stages) }));

  const conflict = mapConflictOf(turns.libraryConflict);
  const [resolving, setResolving] = useState(false);
  const resolve = async (patch: BuyingProcessPatch, libraryVersion: number) => {
    setResolving(true);
    const out = await turns.resolve(patch, libraryVersion);
    setResolving(false);
    return out;
  };
  const libraryPatch = (map: TurnOutput['state']['map']): BuyingProcessPatch => ({
    persona_name: map.persona_name,
    persona_pain_points: map.persona_pain_points,
    buying_stages: map.buying_stages,
    ai_generated_summary: map.ai_generated_summary ?? '',
  });

  // Versions of the map: is there one newer than the session's (restored or saved elsewhere)?
  const mapVersion = output.state.mapVersion ?? 1;
  const versions = useMapVersions(sessionId, mapVersion);
  const newest = versions.data?.at(-1) ?? null; // oldest first
  const ahead = newest && newest.version > mapVersion ? newest : null;
  const [keepGoing, setKeepGoing] = useState<number | null>(null);

  const stages = output.state.map.buying_stages;
  const tableShown = atOrAfter(phase, 'stages') || stages.length > 0;
  const wideTable = tableShown && showsSellerColumns(phase, stages);
  const panelsClass = ['wizard__panels', tableShown ? 'wizard__panels--table' : '', wideTable ? 'wizard__panels--wide' : '']
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

  return (
    <>
      <ConflictBanner show={turns.conflict} message={failure?.error.message} onReload={() => void turns.reload()} />
      {ahead && !conflict && keepGoing !== ahead.version ? (
        <ErrorBanner
          tone="warning"
          testId="map-behind-banner"
          title="This map changed elsewhere."
          message={`Version ${ahead.version} was saved outside this session, which shows version ${mapVersion}. Load version ${ahead.version}, or keep going: your next change to the map then shows you both to choose from.`}
          actions={
            <>
              <Button variant="primary" busy={resolving} onClick={() => void resolve(libraryPatch(ahead.data), ahead.version)} data-testid="map-behind-load">
                Load version {ahead.version}
              </Button>
              <Button onClick={() => setKeepGoing(ahead.version)}>Keep going</Button>
            </>
          }
        />
      ) : null}
      {conflict ? (
        <MapConflictChoice
          key={conflict.libraryVersion}
          mine={output.state.map}
          conflict={conflict}
          busy={resolving}
          onResolve={(patch) => void resolve(patch, conflict.libraryVersion)}
        />
      ) : null}
      <PhaseStepper phases={BUYING_PHASES} labels={BUYING_PHASE_LABELS} phase={phase} complete={output.done} />
      {output.done ? <SessionRatingCard key={output.sessionId} sessionId={output.sessionId} /> : null}
      <MapHistory
        versions={versions}
        currentVersion={output.state.mapVersion ?? 1}
        busy={turns.busy || resolving}
        onRestore={async (map) => (await turns.patch(libraryPatch(map)))?.state.mapVersion ?? null}
      />
      <div className={panelsClass}>
        <ChatPanel
          messages={output.state.messages}
          history={{ sessionId: output.sessionId, messageCount: output.messageCount }}
          live={turns.live}
          busy={turns.busy}
          error={failure?.kind === 'chat' && !failure.error.isConflict ? failure.error : null}
          onDismissError={turns.clearFailure}
          onSend={async (text) => (await turns.send(text)) !== null}
          hint="Answer in your own words"
          emptyText="The assistant walks you through the persona, the stages of their buying journey and what you do at each stage."
        />
        <MapPanel
          output={output}
          busy={turns.busy}
          saving={turns.saving}
          running={running}
          error={failure && failure.kind !== 'chat' ? failure.error : null}
          onDismissError={turns.clearFailure}
          onPersonaText={async (field, value) => (await turns.patch({ [field]: value })) !== null}
          onPick={(personaId) => void turns.patch({ persona_id: personaId })}
          onCell={async (index, field, value) => (await editStages((s) => withCell(s, index, field, value))) !== null}
          onMove={(from, to) => void editStages((s) => moveStage(s, from, to))}
          onRemove={(index) => void editStages((s) => removeStage(s, index))}
          onAdd={() => void editStages(addStage)}
          onAction={(a) => void onAction(a)}
        />
      </div>
    </>
  );
}
