import { Link } from 'react-router';
import type { Preflight } from '@schemas/campaign.js';
import { formatAddress } from '../../../shared/format';
import { paths } from '../../../shared/paths';

type Code = Preflight['problems'][number]['code'];
const PROBLEM_LABEL: Record<Code, string> = {
  no_email: 'No email address',
  suppressed: 'Unsubscribed (suppressed)',
  unresolved_fields: 'Unfilled merge fields',
  too_early: 'Not due yet',
  already_sent: 'Already received this step',
};
/** Problems a person can fix first; the ones that only say "done" last. */
const PROBLEM_ORDER: Code[] = ['no_email', 'suppressed', 'unresolved_fields', 'too_early', 'already_sent'];

/** What a run would do now: who receives which step, who is left out and why, how long it takes. */
export function PreflightView({ preflight: p }: { preflight: Preflight }) {
  const skipped = p.leads - p.sendable;
  return (
    <div className="cmp-preflight" data-testid="campaign-preflight" data-sendable={p.sendable} data-leads={p.leads}>
      <p className="cmp-preflight__headline" data-testid="preflight-headline">
        {p.leads === 0 ? (
          'No leads in this campaign yet: add some to send.'
        ) : (
          <>
            <strong>
              {p.sendable} of {p.leads}
            </strong>{' '}
            lead{p.leads === 1 ? '' : 's'} will receive <strong>“{p.stepName}”</strong>
            {skipped > 0 ? <span className="muted"> · {skipped} left out (below)</span> : null}
          </>
        )}
      </p>

      <ul className="cmp-facts">
        <li data-testid="preflight-sender">
          From <strong>{formatAddress(p.sender.from)}</strong>
          {p.sender.replyTo ? <> · replies to {p.sender.replyTo}</> : null} ·{' '}
          <Link to={paths.senderSettings}>{p.sender.source === 'profile' ? 'change' : 'set your sender'}</Link>
        </li>
        {p.sendable > 0 ? (
          <li data-testid="preflight-time">
            At most {p.sendCapPerMinute} per minute: sending takes {formatMinutes(p.projectedMinutes)}.
          </li>
        ) : null}
        {p.sendable > 0 && p.projectedCost ? <li data-testid="preflight-cost">Model cost: {p.projectedCost.note}</li> : null}
        {p.personasMissing > 0 ? (
          <li data-testid="preflight-personas">
            {p.personasMissing} persona{p.personasMissing === 1 ? '' : 's'} will be generated first (each email rests on the lead’s persona).
          </li>
        ) : null}
        {p.sendable > 0 ? (
          <li data-testid="preflight-approval">
            {p.needsApproval
              ? 'First send of this campaign: you review sample drafts and approve them before anything goes out.'
              : 'Sample drafts were approved before: sending starts straight away.'}
          </li>
        ) : null}
      </ul>

      {p.sender.warnings.length ? (
        <ul className="cmp-sender-warnings" data-testid="preflight-sender-warnings">
          {p.sender.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}

      {p.problems.length ? (
        <div className="cmp-problems">
          <p className="cmp-problems__title">Not included in this run</p>
          {PROBLEM_ORDER.map((code) => {
            const items = p.problems.filter((pr) => pr.code === code);
            if (!items.length) return null;
            return (
              <details key={code} className={`cmp-problem-group cmp-problem-group--${code}`} open={items.length <= 3 || undefined}>
                <summary>
                  {PROBLEM_LABEL[code]} <span className="cmp-problem-group__count">{items.length}</span>
                </summary>
                <ul>
                  {items.map((pr) => (
                    <li key={`${pr.leadId}-${pr.code}`} className="cmp-problem" data-testid="preflight-problem" data-code={pr.code} data-lead-id={pr.leadId}>
                      <span className="cmp-problem__who">
                        <strong>{pr.name}</strong>
                        {pr.email ? <span className="muted"> · {pr.email}</span> : null}
                      </span>
                      <span className="cmp-problem__why">{pr.reason}</span>
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </div>
      ) : null}

      {p.transport === 'outbox' ? (
        <p className="cmp-transport cmp-transport--outbox" data-testid="preflight-transport" data-transport="outbox">
          <strong>Outbox mode:</strong> emails are stored in the Outbox, not sent (set <code>SMTP_URL</code> to send).
        </p>
      ) : (
        <p className="cmp-transport" data-testid="preflight-transport" data-transport="smtp">
          Emails are sent over SMTP, each with an unsubscribe link.
        </p>
      )}
    </div>
  );
}

export function formatMinutes(minutes: number): string {
  if (!(minutes > 0) || minutes < 1) return 'under a minute';
  const m = Math.ceil(minutes);
  if (m < 60) return `about ${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return `about ${h} hour${h === 1 ? '' : 's'}${rest ? ` ${rest} min` : ''}`;
}
