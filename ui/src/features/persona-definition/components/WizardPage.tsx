import { useState } from 'react';
import { useParams } from 'react-router';
import { PERSONA_PHASE_LABELS, PERSONA_PHASES } from '@schemas/persona-definition.js';
import type { PersonaField } from '@schemas/persona.js';
import { ChatPanel } from '../../../shared/wizard/ChatPanel';
import { ConflictBanner } from '../../../shared/wizard/ConflictBanner';
import { PhaseStepper } from '../../../shared/wizard/PhaseStepper';
import { useWizardTurns } from '../../../shared/wizard/use-wizard-session';
import { WizardShell } from '../../../shared/wizard/WizardShell';
import { personaFlow, phaseLabel, type PersonaDefinitionAction, type PersonaPatch, type TurnOutput } from '../api/persona-definition-flow';
import { FormPanel } from './FormPanel';
import { paths } from '../../../shared/paths';

/** /wizard/:sessionId — resumes the session from the server and shows chat + form. */
export function WizardPage() {
  const { sessionId = '' } = useParams();
  return (
    <WizardShell
      flow={personaFlow}
      sessionId={sessionId}
      title="Define a persona"
      newPath={paths.newWizard}
      sessionPath={paths.wizardSession}
      newButton={{ label: '+ New persona', testId: 'new-persona' }}
      recent={{
        phaseLabel,
        untitled: 'Untitled persona',
        deleteNote: 'A persona already saved to the library stays there.',
      }}
      goneNotice="That wizard session no longer exists (it may have been deleted), so a new one was started."
    >
      {(output, startNew) => <WizardSession sessionId={sessionId} output={output} onStartNew={startNew} />}
    </WizardShell>
  );
}

function WizardSession({ sessionId, output, onStartNew }: { sessionId: string; output: TurnOutput; onStartNew: () => void }) {
  const turns = useWizardTurns<PersonaPatch, PersonaDefinitionAction, TurnOutput>(personaFlow, sessionId);
  const [running, setRunning] = useState<PersonaDefinitionAction | null>(null);
  const failure = turns.failure;

  const onAction = async (action: PersonaDefinitionAction) => {
    setRunning(action);
    await turns.act(action);
    setRunning(null);
  };
  const onPatch = async (field: PersonaField, value: string | string[] | null) => (await turns.patch({ [field]: value })) !== null;

  return (
    <>
      <ConflictBanner show={turns.conflict} message={failure?.error.message} onReload={() => void turns.reload()} />
      <PhaseStepper phases={PERSONA_PHASES} labels={PERSONA_PHASE_LABELS} phase={output.phase} complete={output.phase === 'saved'} />
      <div className="wizard__panels">
        <ChatPanel
          messages={output.state.messages}
          live={turns.live}
          busy={turns.busy}
          error={failure?.kind === 'chat' && !failure.error.isConflict ? failure.error : null}
          onDismissError={turns.clearFailure}
          onSend={async (text) => (await turns.send(text)) !== null}
          hint="Describe the buyer in your own words"
          emptyText="Tell the assistant about the buyer you have in mind: who they are, what they want, where they work."
        />
        <FormPanel
          output={output}
          busy={turns.busy}
          saving={turns.saving}
          running={running}
          error={failure && failure.kind !== 'chat' ? failure.error : null}
          onDismissError={turns.clearFailure}
          onPatch={onPatch}
          onAction={(a) => void onAction(a)}
          onStartNew={onStartNew}
        />
      </div>
    </>
  );
}
