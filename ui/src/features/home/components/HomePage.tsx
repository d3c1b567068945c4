import { Link } from 'react-router';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { Loading } from '../../../shared/components/EmptyState';
import { IntakeCard } from '../../../shared/intake/IntakeCard';
import { paths } from '../../../shared/paths';
import { useProgress, type Progress } from '../api/progress';

type Step = {
  key: keyof Progress;
  title: string;
  why: string;
  start: { to: string; label: string };
  open: { to: string; label: string };
  counted: (n: number) => string;
};

// The order a new workspace is best set up in: each step makes the next one better.
const STEPS: Step[] = [
  {
    key: 'company',
    title: 'Your company',
    why: 'What you do and for whom: every persona, map and email starts from it.',
    start: { to: paths.companySettings, label: 'Describe your company' },
    open: { to: paths.companySettings, label: 'Edit' },
    counted: () => 'Set up',
  },
  {
    key: 'products',
    title: 'A product',
    why: 'What you sell, and the value it brings: personas are matched to it, emails pitch it.',
    start: { to: paths.newProduct, label: 'Add a product' },
    open: { to: paths.products, label: 'Products' },
    counted: (n) => `${n} product${n === 1 ? '' : 's'}`,
  },
  {
    key: 'personas',
    title: 'A buyer persona',
    why: 'Who you sell to: their goal, their pains, what they need from you. Talk it through in the wizard.',
    start: { to: paths.wizard, label: 'Open the persona wizard' },
    open: { to: paths.personas, label: 'Library' },
    counted: (n) => `${n} persona${n === 1 ? '' : 's'}`,
  },
  {
    key: 'maps',
    title: 'A buying-process map',
    why: 'How that persona buys, stage by stage, and what you do at each stage.',
    start: { to: paths.newBuyingProcessMap, label: 'Map a buying process' },
    open: { to: paths.buyingProcessMaps, label: 'Maps' },
    counted: (n) => `${n} map${n === 1 ? '' : 's'}`,
  },
  {
    key: 'leads',
    title: 'Leads',
    why: 'The people you will write to: add them one by one or import a CSV.',
    start: { to: paths.leads, label: 'Add leads' },
    open: { to: paths.leads, label: 'Leads' },
    counted: (n) => `${n} lead${n === 1 ? '' : 's'}`,
  },
  {
    key: 'sender',
    title: 'Who sends',
    why: 'The name and address your emails come from, your signature, and the postal address every footer needs.',
    start: { to: paths.senderSettings, label: 'Set the sender' },
    open: { to: paths.senderSettings, label: 'Edit' },
    counted: () => 'Set up',
  },
  {
    key: 'campaigns',
    title: 'A campaign',
    why: 'A sequence of emails to your leads, drafted for each one and sent after you approve samples.',
    start: { to: paths.campaigns, label: 'Create a campaign' },
    open: { to: paths.campaigns, label: 'Campaigns' },
    counted: (n) => `${n} campaign${n === 1 ? '' : 's'}`,
  },
];

/** "/": where to start in a new workspace, and where things stand in one that is under way. */
export function HomePage() {
  const progress = useProgress();
  if (progress.isPending) return <Loading label="Loading your workspace…" />;
  if (progress.isError)
    return (
      <LoadFailure
        error={progress.error}
        what="workspace"
        back={{ to: paths.wizard, label: 'Open the persona wizard' }}
        onRetry={() => void progress.refetch()}
      />
    );
  const counts = progress.data;
  const done = STEPS.filter((s) => counts[s.key] > 0).length;
  const next = STEPS.find((s) => counts[s.key] === 0);
  return (
    <div className="page home" data-testid="home-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">{done === 0 ? 'Welcome to personaflow' : next ? 'Getting set up' : 'Your workspace'}</h1>
          <p className="muted">
            {next
              ? 'Work out who you sell to, how they buy, and write to them. Seven steps, each one making the next better:'
              : 'Everything is in place. Pick up where you left off:'}
          </p>
        </div>
        <p className="home__count" data-testid="home-progress" aria-live="polite">
          {done} of {STEPS.length} done
        </p>
      </div>
      <IntakeCard />
      <ol className="home__steps">
        {STEPS.map((step, i) => {
          const n = counts[step.key];
          const isNext = step === next;
          return (
            <li
              key={step.key}
              className={`home__step${n > 0 ? ' home__step--done' : ''}${isNext ? ' home__step--next' : ''}`}
              data-testid="home-step"
              data-step={step.key}
              data-done={n > 0}
            >
              <span className="home__mark" aria-hidden="true">
                {n > 0 ? '✓' : i + 1}
              </span>
              <div className="home__text">
                <h2 className="home__title">
                  {step.title}
                  {n > 0 ? <span className="badge badge--grounded home__done">{step.counted(n)}</span> : <span className="sr-only"> (not done yet)</span>}
                </h2>
                <p className="muted small">{step.why}</p>
              </div>
              <Link to={n > 0 ? step.open.to : step.start.to} className={`btn ${isNext ? 'btn--primary' : ''}`} data-testid={`home-step-${step.key}`}>
                {n > 0 ? step.open.label : step.start.label}
              </Link>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
