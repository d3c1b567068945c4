import { useState, type KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { formatDateTime } from '../../../shared/format';
import { useDeleteLead, useLead, useUpdateLead, type Lead } from '../api/leads';
import { EmailTab } from './EmailTab';
import { isDuplicateEmail, LeadForm } from './LeadForm';
import { PersonaStatusBadge } from '../../../shared/components/PersonaStatusBadge';
import { PersonaTab } from './PersonaTab';
import { ResearchTab } from './ResearchTab';
import { paths } from '../../../shared/paths';
import { useToastOnChange } from '../../../shared/toast/toast';

const TABS = [
  { id: 'persona', label: 'Persona' },
  { id: 'research', label: 'Research' },
  { id: 'email', label: 'Email preview' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** /leads/:id — the lead's details (edit, delete), their persona, and the email preview. */
export function LeadPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const lead = useLead(id);
  useToastOnChange(
    lead.data,
    (l) => l.personaStatus === 'pending',
    (l) => l.personaStatus !== 'pending',
    (l) => ({
      text: l.personaStatus === 'ready' ? `The persona of ${l.name} is ready.` : `The persona of ${l.name} could not be written: see why on the page.`,
    }),
  );
  const update = useUpdateLead(id);
  const remove = useDeleteLead();
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const tab: Tab = TABS.find((t) => t.id === params.get('tab'))?.id ?? 'persona';

  if (lead.isPending) return <Loading label="Loading lead…" />;
  if (lead.isError) {
    return <LoadFailure error={lead.error} what="lead" back={{ to: paths.leads, label: 'Back to leads' }} onRetry={() => void lead.refetch()} />;
  }
  const l = lead.data;

  const selectTab = (next: Tab) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next === 'persona') q.delete('tab');
        else q.set('tab', next);
        return q;
      },
      { replace: true },
    );
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!.id;
    selectTab(next);
    document.getElementById(`lead-tab-${next}`)?.focus();
  };

  return (
    <div className="page lead-page">
      <p className="crumbs">
        <Link to={paths.leads}>← Leads</Link>
      </p>

      {editing ? (
        <LeadForm
          key={formKey}
          title={`Edit ${l.name}`}
          initial={l}
          busy={update.isPending}
          error={update.error}
          onDismissError={() => update.reset()}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={(data) =>
            update.mutate(
              { data, expectedVersion: l.version },
              {
                onSuccess: (saved) => {
                  setEditing(false);
                  setNotice(
                    saved.personaStatus === 'ready'
                      ? 'Saved. The persona was kept as it was; press Regenerate on the Persona tab if the changes matter for it.'
                      : 'Saved.',
                  );
                },
              },
            )
          }
          extra={
            update.error?.isConflict && !isDuplicateEmail(update.error) ? (
              <ErrorBanner
                tone="warning"
                title="This lead was changed elsewhere — reload."
                message={update.error.message}
                testId="lead-conflict"
                actions={
                  <Button
                    onClick={async () => {
                      await lead.refetch();
                      update.reset();
                      setFormKey((k) => k + 1);
                    }}
                  >
                    Reload (discards your edits)
                  </Button>
                }
              />
            ) : null
          }
        />
      ) : (
        <LeadHeader
          lead={l}
          onEdit={() => {
            update.reset();
            setNotice(undefined);
            setFormKey((k) => k + 1);
            setEditing(true);
          }}
          onDelete={() => setConfirming(true)}
        />
      )}

      {notice && !editing ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}

      <div className="tabs" role="tablist" aria-label={`${l.name}: persona, research and email`} onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`lead-tab-${t.id}`}
            aria-controls={`lead-panel-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            className={`tabs__tab${tab === t.id ? ' tabs__tab--active' : ''}`}
            data-testid={`tab-${t.id}`}
            onClick={() => selectTab(t.id)}
          >
            {t.label}
            {t.id === 'persona' && l.personaStatus !== 'ready' ? (
              <span className={`tabs__dot tabs__dot--${l.personaStatus}`} aria-label={l.personaStatus === 'pending' ? '(generating)' : '(failed)'} />
            ) : null}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted, so a draft being written survives a look at the persona. */}
      <div role="tabpanel" id="lead-panel-persona" aria-labelledby="lead-tab-persona" hidden={tab !== 'persona'} className="tabs__panel">
        <PersonaTab lead={l} />
      </div>
      <div role="tabpanel" id="lead-panel-research" aria-labelledby="lead-tab-research" hidden={tab !== 'research'} className="tabs__panel">
        <ResearchTab lead={l} />
      </div>
      <div role="tabpanel" id="lead-panel-email" aria-labelledby="lead-tab-email" hidden={tab !== 'email'} className="tabs__panel">
        <EmailTab lead={l} />
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Delete ${l.name}?`}
        confirmLabel="Delete lead"
        confirmTestId="confirm-delete"
        busy={remove.isPending}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(l.id, {
            onSuccess: () => navigate(paths.leads, { replace: true, state: { notice: `Deleted ${l.name}.` } }),
          })
        }
      >
        <p>
          The lead, their persona and their accepted drafts are deleted, and they are taken out of every campaign. Emails already sent stay in the Outbox. This
          cannot be undone.
        </p>
        {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}

function LeadHeader({ lead: l, onEdit, onDelete }: { lead: Lead; onEdit: () => void; onDelete: () => void }) {
  return (
    <div className="page__head lead-head">
      <div className="lead-head__main">
        <div className="lead-head__title">
          <h1 className="page-title">{l.name}</h1>
          <PersonaStatusBadge lead={l} />
        </div>
        <p className="lead-head__facts">
          {l.position ? <span>{l.position}</span> : null}
          {l.email ? (
            <a href={`mailto:${l.email}`} data-testid="lead-email-link">
              {l.email}
            </a>
          ) : (
            <span className="muted">No email address</span>
          )}
          {l.linkedinUrl ? (
            <a href={l.linkedinUrl} target="_blank" rel="noreferrer noopener">
              LinkedIn ↗
            </a>
          ) : null}
          {l.websiteUrl ? (
            <a href={l.websiteUrl} target="_blank" rel="noreferrer noopener">
              Website ↗
            </a>
          ) : null}
          {l.suppressed ? (
            <span className="tag" title="This address unsubscribed: no emails are sent to it">
              Unsubscribed
            </span>
          ) : null}
        </p>
        {l.requirement ? (
          <p className="lead-head__need">
            <span className="lead-head__need-label">What they need</span> {l.requirement}
          </p>
        ) : null}
        <p className="muted small">
          Added {formatDateTime(l.createdAt)}
          {l.updatedAt !== l.createdAt ? ` · updated ${formatDateTime(l.updatedAt)}` : ''}
        </p>
      </div>
      <div className="toolbar">
        <Button onClick={onEdit} data-testid="lead-edit">
          Edit
        </Button>
        <Button variant="danger" onClick={onDelete} data-testid="lead-delete">
          Delete
        </Button>
      </div>
    </div>
  );
}
