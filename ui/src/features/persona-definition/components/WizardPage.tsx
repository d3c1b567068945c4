import { useState } from 'react';
import { useParams } from 'react-router';
import { PERSONA_PHASE_LABELS, PERSONA_PHASES } from '@schemas/persona-definition.js';
import { PERSONA_FIELDS, type PersonaDraft, type PersonaField } from '@schemas/persona.js';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Button } from '../../../shared/components/Button';
import { ConflictChoice, personaConflictOf } from '../../../shared/persona/ConflictChoice';
import { ChatPanel } from '../../../shared/wizard/ChatPanel';
import { SessionRatingCard } from '../../../shared/feedback/SessionRatingCard';
import { ConflictBanner } from '../../../shared/wizard/ConflictBanner';
import { PhaseStepper } from '../../../shared/wizard/PhaseStepper';
import { useWizardTurns } from '../../../shared/wizard/use-wizard-session';
import { WizardShell } from '../../../shared/wizard/WizardShell';
import { personaFlow, phaseLabel, useLibraryPersona, type PersonaDefinitionAction, type PersonaPatch, type TurnOutput } from '../api/persona-definition-flow';
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

  // The library copy this session saved: is it ahead of the version the session is based on?
  const library = useLibraryPersona(output.state.savedPersonaId);
  const [keepGoing, setKeepGoing] = useState<number | null>(null);
  const [resolving, setResolving] = useState(false);
  const libraryCopy = library.data?.persona;
  const behind = libraryCopy && libraryCopy.version > (output.state.savedPersonaVersion ?? 0) ? libraryCopy : null;
  const conflict = personaConflictOf(turns.libraryConflict);

  /** Takes the given fields from the library copy, rebasing the session on its version (then saves, for a conflict). */
  const takeFromLibrary = async (values: PersonaDraft, fields: readonly PersonaField[], libraryVersion: number, save: boolean) => {
    setResolving(true);
    const patch = Object.fromEntries(fields.map((f) => [f, values[f] ?? null])) as PersonaPatch;
    const out = await turns.resolve(patch, libraryVersion, save ? 'finalize' : undefined);
    setResolving(false);
    if (out) void library.refetch();
  };

  return (
    <>
      <ConflictBanner show={turns.conflict} message={failure?.error.message} onReload={() => void turns.reload()} />
      {behind && !conflict && keepGoing !== behind.version ? (
        <ErrorBanner
          tone="warning"
          testId="library-behind-banner"
          title="The library copy of this persona changed since this session saved it."
          message={`The library has version ${behind.version}; this session is based on ${
            output.state.savedPersonaVersion ? `version ${output.state.savedPersonaVersion}` : 'an older version'
          }. Load the library's values into the form, or keep going: saving will then show you both, field by field, to choose from.`}
          actions={
            <>
              <Button
                variant="primary"
                busy={resolving}
                onClick={() => void takeFromLibrary(behind.data, PERSONA_FIELDS, behind.version, false)}
                data-testid="library-behind-load"
              >
                Load the library's values
              </Button>
              <Button onClick={() => setKeepGoing(behind.version)} data-testid="library-behind-keep">
                Keep going
              </Button>
            </>
          }
        />
      ) : null}
      {conflict ? (
        <ConflictChoice
          key={conflict.libraryVersion}
          what="this persona"
          mine={output.state.persona}
          conflict={conflict}
          busy={resolving}
          onResolve={(_chosen, fromLibrary) => void takeFromLibrary(conflict.library.data, fromLibrary, conflict.libraryVersion, true)}
          onCancel={turns.clearFailure}
        />
      ) : null}
      <PhaseStepper phases={PERSONA_PHASES} labels={PERSONA_PHASE_LABELS} phase={output.phase} complete={output.phase === 'saved'} />
      {output.phase === 'saved' ? <SessionRatingCard key={output.sessionId} sessionId={output.sessionId} /> : null}
      <div className="wizard__panels">
        <ChatPanel
          messages={output.state.messages}
          history={{ sessionId: output.sessionId, messageCount: output.messageCount }}
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
