import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AnalyticsJob, MappingRules } from '@schemas/persona-analytics.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { paths } from '../../../shared/paths';
import { EVOLUTION_DAYS, useEvolution, useMappingRules, usePersonaAnalytics, type EvolutionDays } from '../api/analytics';
import { JobProgress } from './JobProgress';
import { KpiCards } from './KpiCards';
import { MatchCharts } from './MatchCharts';
import { RulesEditor } from './RulesEditor';
import { SegmentPanel } from './SegmentPanel';
import { SnapshotSummary } from './SnapshotSummary';
import { SyncControls } from './SyncControls';
import { TopMatchesTable } from './TopMatchesTable';
import '../persona-analytics.css';

const daysFrom = (value: string | null): EvolutionDays => EVOLUTION_DAYS.find((d) => String(d) === value) ?? 30;

/** The persona page's Analytics tab (source document 003): how well this persona matches real survey answers. */
export function AnalyticsTab({ personaId }: { personaId: string }) {
  const rules = useMappingRules(personaId);
  const analytics = usePersonaAnalytics(personaId);
  const [params, setParams] = useSearchParams();
  const days = daysFrom(params.get('days'));
  const evolution = useEvolution(personaId, days);
  const [job, setJob] = useState<{ job: AnalyticsJob; label: string } | null>(null);
  // The rules form: closed, open as saved, or open with the persona's proposal filled in.
  const [editingRules, setEditingRules] = useState<false | 'saved' | 'proposed'>(false);
  // The rules editor starts afresh only when the person reloads the latest rules, never because a refetch brought a newer version.
  const [editorKey, setEditorKey] = useState(0);

  if (rules.isPending || analytics.isPending) return <Loading label="Loading analytics…" />;
  if (rules.isError || analytics.isError) {
    const error = rules.error ?? analytics.error!;
    return (
      <LoadFailure
        error={error}
        what="analytics"
        back={{ to: paths.persona(personaId), label: 'Back to the persona' }}
        onRetry={() => void Promise.all([rules.refetch(), analytics.refetch()])}
      />
    );
  }

  const a = analytics.data;
  const running = job !== null && job.job.status !== 'done' && job.job.status !== 'failed';
  const setDays = (d: EvolutionDays) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (d === 30) next.delete('days');
        else next.set('days', String(d));
        return next;
      },
      { replace: true },
    );

  return (
    <div className="analytics" data-testid="analytics-tab">
      <div className="analytics__head">
        <SyncControls
          personaId={personaId}
          autoSync={a.autoSync}
          lastSyncedAt={a.lastSyncedAt}
          hasRules={a.hasRules}
          busy={running}
          onJob={(j) => setJob({ job: j, label: 'Recalculating every response' })}
        />
      </div>

      {job ? (
        <JobProgress
          key={job.job.id}
          job={job.job}
          label={job.label}
          personaId={personaId}
          onDismiss={() => setJob(null)}
          onFinished={(finished) => setJob((j) => (j && j.job.id === finished.id ? { ...j, job: finished } : j))}
        />
      ) : null}

      {!a.hasRules && !editingRules ? (
        <EmptyState
          title="No mapping rules yet"
          action={
            <div className="toolbar">
              <Button variant="primary" onClick={() => setEditingRules('proposed')} data-testid="empty-propose-rules">
                Propose rules from this persona
              </Button>
              <Button onClick={() => setEditingRules('saved')} data-testid="empty-write-rules">
                Write them yourself
              </Button>
            </div>
          }
        >
          <p>
            Rules say which survey respondents this persona stands for: their age, location, occupation, gender, goals and frustrations. Start from the
            persona's own fields (title, pain points, core goal), check them, then save.
          </p>
        </EmptyState>
      ) : null}

      {editingRules ? (
        <section className="panel">
          <RulesEditor
            key={editorKey}
            personaId={personaId}
            state={rules.data}
            startProposed={editingRules === 'proposed'}
            onSaved={(saved) => {
              setEditingRules(false);
              if (saved.job) setJob({ job: saved.job, label: `Rules saved as version ${saved.version}. Rescoring` });
            }}
            onReloadLatest={() => Promise.all([rules.refetch(), analytics.refetch()]).then(() => setEditorKey((k) => k + 1))}
          />
          <p className="rules__close">
            <Button variant="ghost" size="sm" onClick={() => setEditingRules(false)} data-testid="rules-close">
              Close without saving
            </Button>
          </p>
        </section>
      ) : a.hasRules ? (
        <RulesLine rules={rules.data.rules} version={rules.data.version} onEdit={() => setEditingRules('saved')} />
      ) : null}

      {a.hasRules && a.totals.responses === 0 ? (
        <EmptyState title="No survey responses yet" action={<NoResponsesLinks />}>
          <p>Scores, coverage and the charts appear once real answers arrive. Import the answers you have, or share the survey link with your customers.</p>
        </EmptyState>
      ) : null}

      {a.hasRules && a.totals.responses > 0 ? (
        <>
          <KpiCards analytics={a} />
          <MatchCharts analytics={a} evolution={evolution.data} evolutionError={evolution.error?.message ?? null} days={days} onDays={setDays} />
          <div className="analytics__pair">
            <SnapshotSummary snapshot={a.latestSnapshot} />
            <SegmentPanel personaId={personaId} strong={a.distribution.strong} />
          </div>
          <TopMatchesTable personaId={personaId} />
        </>
      ) : null}
    </div>
  );
}

function NoResponsesLinks() {
  return (
    <div className="toolbar">
      <Link className="btn btn--primary" to={paths.responses} data-testid="empty-import-responses">
        Import responses
      </Link>
      <Link className="btn btn--secondary" to={paths.surveySettings} data-testid="empty-survey-link">
        Share the survey link
      </Link>
    </div>
  );
}

/** The saved rules in one line, with Edit. */
function RulesLine({ rules, version, onEdit }: { rules: MappingRules; version: number; onEdit: () => void }) {
  const parts = [
    rules.age ? `age ${rules.age.min ?? 'any'}–${rules.age.max ?? 'any'}` : null,
    ...(['locations', 'occupations', 'genders', 'goals', 'frustrations'] as const).map((k) => (rules[k]?.length ? `${k}: ${rules[k]!.join(', ')}` : null)),
  ].filter(Boolean);
  return (
    <section className="panel rules-line" aria-label="Mapping rules" data-testid="rules-line">
      <p className="small">
        <strong>Mapping rules</strong> <span className="muted">(version {version})</span> · {parts.join(' · ')}
      </p>
      <button type="button" className="btn btn--secondary btn--sm" onClick={onEdit} data-testid="rules-edit">
        Edit rules
      </button>
    </section>
  );
}
