import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../paths';
import { useToast } from '../toast/toast';
import { useIntake } from './api';
import { IntakeForm } from './IntakeForm';

/** Home's first-run card: shown while the workspace has neither answered nor skipped the intake. */
export function IntakeCard() {
  const intake = useIntake();
  const [reloads, setReloads] = useState(0);
  const toast = useToast();
  if (!intake.data || intake.data.status !== 'new') return null;
  return (
    <section className="intake-card" aria-labelledby="intake-card-title" data-testid="intake-card">
      <h2 className="intake-card__title" id="intake-card-title">
        Tell personaflow about your business
      </h2>
      <p className="muted small intake-card__why">
        Five quick questions, so personas, maps and emails start from what you tell us. Answer what you like; you can change it any time in Settings → Memory.
      </p>
      <IntakeForm
        key={reloads}
        idPrefix="home-intake"
        questions={intake.data.questions}
        answers={intake.data.answers}
        versions={intake.data.versions}
        onReloadLatest={() => void intake.refetch().then(() => setReloads((n) => n + 1))}
        onSaved={(saved) =>
          toast.show({
            text: `Saved to memory.${saved.companyProfile?.created ? ` ${saved.companyProfile.message}` : ''}`,
            link: { to: paths.memorySettings, label: 'See the memory' },
          })
        }
        onSkipped={() =>
          toast.show({ text: 'Skipped. You can answer the questions later in Settings.', link: { to: paths.intakeSettings, label: 'Answer now' } })
        }
        aside={
          <Link to={paths.memorySettings} className="small">
            What is remembered
          </Link>
        }
      />
    </section>
  );
}
