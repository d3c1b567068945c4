import { useState } from 'react';
import type { SurveyLink } from '@schemas/survey-link.js';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { CopyButton } from '../../../shared/components/CopyButton';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime } from '../../../shared/format';
import { useMe } from '../../../shared/session/session';
import { useCreateSurveyLink, useSetSurveyLinkOpen, useSurveyLink } from '../api/survey-link';
import '../survey-link.css';

/**
 * The workspace's public survey link: copy it, close or reopen it, replace it. Shown on
 * Settings → Survey link; made to sit on any page that wants it (it loads its own data).
 */
export function SurveyLinkCard() {
  const link = useSurveyLink();
  return (
    <section className="panel survey-link" aria-labelledby="survey-link-title" data-testid="survey-link-card">
      <div className="panel__head">
        <h2 className="panel__title" id="survey-link-title">
          Survey link
        </h2>
        {link.data ? (
          <span className={`badge ${link.data.open ? 'badge--success' : 'badge--warning'}`} data-testid="survey-link-state">
            {link.data.open ? 'Open' : 'Closed'}
          </span>
        ) : null}
      </div>
      {link.isPending ? <Loading label="Loading the survey link…" /> : null}
      {link.isError ? (
        <ErrorBanner
          title="Could not load the survey link."
          message={link.error.message}
          actions={<Button onClick={() => void link.refetch()}>Try again</Button>}
        />
      ) : null}
      {link.isSuccess ? link.data ? <TheLink link={link.data} /> : <NoLink /> : null}
    </section>
  );
}

/** The server's PUBLIC_URL is unset or a loopback address: a link nobody else can open. */
function onlyThisComputer(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

function useCanChange() {
  const me = useMe();
  return me.data?.workspace?.role !== 'member';
}

function NoLink() {
  const canChange = useCanChange();
  const create = useCreateSurveyLink();
  return (
    <div className="survey-link__none" data-testid="survey-link-none">
      <p>
        No survey link yet. Make one and share it with real customers: they answer a short form — who they are, what they want, what gets in their way, and how
        satisfied they are — and each answer arrives as a response, scored against your personas.
      </p>
      {create.isError ? <ErrorBanner message={create.error.message} onDismiss={() => create.reset()} /> : null}
      {canChange ? (
        <div>
          <Button variant="primary" busy={create.isPending} onClick={() => create.mutate()} data-testid="survey-link-create">
            Create the survey link
          </Button>
        </div>
      ) : (
        <p className="muted small">Only an owner of this workspace can create it.</p>
      )}
    </div>
  );
}

function TheLink({ link }: { link: SurveyLink }) {
  const canChange = useCanChange();
  const setOpen = useSetSurveyLinkOpen();
  const regenerate = useCreateSurveyLink();
  const [confirming, setConfirming] = useState(false);
  const error = setOpen.error ?? regenerate.error;
  return (
    <div className="survey-link__body">
      <div className="survey-link__copy">
        <code className="survey-link__url" data-testid="survey-link-url">
          {link.url}
        </code>
        <CopyButton text={link.url} label="Copy link" testId="survey-link-copy" />
      </div>
      <p className="muted small" data-testid="survey-link-status">
        {link.open
          ? 'Open: anyone with this link can answer. Its choices are the goals, frustrations and other values in your personas’ mapping rules.'
          : 'Closed: the link shows that the survey is closed, and takes no answers until you reopen it.'}{' '}
        This link was made {formatDateTime(link.createdAt)}.{' '}
        <a href={link.url} target="_blank" rel="noreferrer">
          Open the survey
        </a>
      </p>
      {onlyThisComputer(link.url) ? (
        <ErrorBanner
          tone="warning"
          testId="survey-link-local"
          message="This address only works on this computer: other people cannot open it. Set PUBLIC_URL to the address people reach this server at, and restart."
        />
      ) : null}
      {error ? (
        <ErrorBanner
          message={error.message}
          onDismiss={() => {
            setOpen.reset();
            regenerate.reset();
          }}
        />
      ) : null}
      {canChange ? (
        <div className="survey-link__actions">
          <Button busy={setOpen.isPending} onClick={() => setOpen.mutate(!link.open)} data-testid={link.open ? 'survey-link-close' : 'survey-link-reopen'}>
            {link.open ? 'Close the survey' : 'Reopen the survey'}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(true)} data-testid="survey-link-regenerate">
            Regenerate link
          </Button>
        </div>
      ) : (
        <p className="muted small">Only an owner of this workspace can close, reopen or replace the link.</p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Replace the survey link?"
        confirmLabel="Regenerate link"
        confirmTestId="survey-link-regenerate-confirm"
        busy={regenerate.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => regenerate.mutate(undefined, { onSettled: () => setConfirming(false) })}
      >
        <p>The old link stops working at once: whoever opens it is told it is not recognised. Share the new link instead. Answers already given are kept.</p>
      </ConfirmDialog>
    </div>
  );
}
