import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { useIntake } from '../../../shared/intake/api';
import { IntakeForm } from '../../../shared/intake/IntakeForm';
import { paths } from '../../../shared/paths';
import { useToast } from '../../../shared/toast/toast';

/** /settings/intake — the first-run questions again, opened with what is remembered now. */
export function IntakePage() {
  const intake = useIntake();
  const [reloads, setReloads] = useState(0);
  const toast = useToast();
  return (
    <div className="page page--narrow" data-testid="intake-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">About your business</h1>
          <p className="muted">
            The intake&rsquo;s questions, with what personaflow remembers now. Saving keeps each answer in <Link to={paths.memorySettings}>Memory</Link>; to
            forget one, delete it there. Your company profile is made from the first two answers only if you have none yet:{' '}
            <Link to={paths.companySettings}>edit it in Settings → Company</Link>.
          </p>
        </div>
      </div>
      {intake.isPending ? <Loading label="Loading the questions…" /> : null}
      {intake.isError ? (
        <ErrorBanner
          title="Could not load the intake."
          message={intake.error.message}
          actions={<Button onClick={() => void intake.refetch()}>Try again</Button>}
        />
      ) : null}
      {intake.data ? (
        <IntakeForm
          // Started again only when the person reloads the latest: a refetch never drops what they are typing.
          key={reloads}
          idPrefix="settings-intake"
          questions={intake.data.questions}
          answers={intake.data.answers}
          versions={intake.data.versions}
          onReloadLatest={() => void intake.refetch().then(() => setReloads((n) => n + 1))}
          onSaved={(saved) =>
            toast.show({
              text: `Saved to memory.${saved.companyProfile ? ` ${saved.companyProfile.message}` : ''}`,
              link: { to: paths.memorySettings, label: 'See the memory' },
            })
          }
        />
      ) : null}
    </div>
  );
}
