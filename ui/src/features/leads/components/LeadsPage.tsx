import { useState } from 'react';
import { useLocation } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ProgressBar } from '../../../shared/components/ProgressBar';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { useCreateLead } from '../api/leads';
import { useLeads } from '../../../shared/catalog/leads';
import { ImportPanel } from './ImportPanel';
import { LeadForm } from './LeadForm';
import { LeadsTable } from './LeadsTable';

type Panel = 'add' | 'import' | null;

/** /leads — the people to email: add one, import a CSV, watch their personas arrive; search, sort and act on many at once. */
export function LeadsPage() {
  const list = useLeads({ pollWhilePending: true });
  const create = useCreateLead();
  const location = useLocation();
  const [panel, setPanel] = useState<Panel>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState((location.state as { notice?: string } | null)?.notice);
  const leads = list.data ?? [];
  const pending = leads.filter((l) => l.personaStatus === 'pending').length;

  const open = (p: Panel) => {
    setPanel(p);
    setNotice(undefined);
    if (p === 'add') {
      create.reset();
      setFormKey((k) => k + 1);
    }
  };

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Leads</h1>
          <p className="muted">People you want to email. Each lead gets a persona, written once in the background, that every email to them draws on.</p>
        </div>
        <div className="toolbar">
          <Button variant="primary" onClick={() => open('add')} aria-expanded={panel === 'add'} data-testid="lead-new">
            + Add lead
          </Button>
          <Button onClick={() => open('import')} aria-expanded={panel === 'import'} data-testid="lead-import-open">
            Import CSV
          </Button>
        </div>
      </div>

      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} /> : null}

      {panel === 'add' ? (
        <LeadForm
          key={formKey}
          title="Add a lead"
          initial={undefined}
          busy={create.isPending}
          error={create.error}
          onDismissError={() => create.reset()}
          submitLabel="Save lead"
          onCancel={() => setPanel(null)}
          onSubmit={(data) =>
            create.mutate(data, {
              onSuccess: (lead) => {
                setPanel(null);
                setNotice(`Added ${lead.name}. Their persona is being generated; it shows here when it is ready.`);
              },
            })
          }
        />
      ) : null}
      {panel === 'import' ? <ImportPanel onClose={() => setPanel(null)} /> : null}

      {list.isPending ? <Loading label="Loading leads…" /> : null}
      {list.isError ? (
        <ErrorBanner title="Could not load your leads." message={list.error.message} actions={<Button onClick={() => void list.refetch()}>Try again</Button>} />
      ) : null}

      {list.data && leads.length === 0 && panel === null ? (
        <EmptyState
          title="No leads yet"
          action={
            <div className="toolbar toolbar--center">
              <Button variant="primary" onClick={() => open('add')}>
                Add a lead
              </Button>
              <Button onClick={() => open('import')}>Import a CSV file</Button>
            </div>
          }
        >
          <p>
            A lead is someone you want to email: their name, position, what they need, and a LinkedIn or website URL. personaflow writes a persona for each one,
            and drafts emails from it.
          </p>
          <p>Add a lead by hand, or import many at once from a CSV file.</p>
        </EmptyState>
      ) : null}

      {pending > 0 ? <PersonaBatchProgress pending={pending} /> : null}
      {leads.length ? <LeadsTable leads={leads} pending={pending} onNotice={setNotice} /> : null}
    </div>
  );
}

/**
 * The personas being written in the background, as a batch: the bar counts from the most that were
 * waiting at once since the last time none were, so 10 new leads among 1,000 old ones read 0 of 10.
 */
function PersonaBatchProgress({ pending }: { pending: number }) {
  const [batch, setBatch] = useState(pending);
  if (pending > batch) setBatch(pending);
  const total = Math.max(batch, pending);
  return (
    <div className="panel lead-personas-progress">
      <ProgressBar
        label="Writing personas…"
        value={{ done: total - pending, total }}
        status={`${total - pending} of ${total} ready`}
        name={`Lead personas: ${total - pending} of ${total} ready`}
        testId="lead-personas-progress"
      >
        <p className="muted small">In the background: you can leave this page, and each lead shows its persona as soon as it is ready.</p>
      </ProgressBar>
    </div>
  );
}
