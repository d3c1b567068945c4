import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { EmailLog, EmailStatus } from '@schemas/email.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { rawMessageUrl, useOutbox, useSuppressions, type Outbox } from '../api/outbox';
import { SuppressionsPanel } from './SuppressionsPanel';
import { paths } from '../../../shared/paths';
import { ListControls, ListNoMatch, ListPager } from '../../../shared/components/ListControls';
import { useListUrlState, type ListQueryState, type ListUrlState } from '../../../shared/hooks/use-list-query';

type Tab = 'emails' | 'suppressions';

/** /outbox — every email a campaign sent, stored (outbox mode) or failed to send; and the suppression list. */
export function OutboxPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'suppressions' ? 'suppressions' : 'emails';
  const campaignId = params.get('campaignId');
  const list = useListUrlState(OUTBOX_DEFAULT_SORT, OUTBOX_SORT_KEYS);
  const outbox = useOutbox(campaignId, list.query);
  const suppressions = useSuppressions();

  const setTab = (t: Tab) =>
    setParams(
      (p) => {
        if (t === 'emails') p.delete('tab');
        else p.set('tab', t);
        return p;
      },
      { replace: true },
    );

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Outbox</h1>
          <p className="muted">Every email your campaigns sent, stored or failed to send, exactly as it went out, and the addresses never to email.</p>
        </div>
      </div>

      {outbox.data?.mode === 'outbox' ? (
        <div className="outbox-mode" data-testid="outbox-mode-label" data-mode="outbox" role="note">
          <strong>Not sent: outbox mode</strong> — these emails are stored as they would have been sent.
          <span className="outbox-mode__hint"> Set SMTP_URL on the server to send them for real.</span>
        </div>
      ) : outbox.data?.mode === 'smtp' ? (
        <p className="muted small" data-testid="outbox-smtp-label" data-mode="smtp">
          Sending over SMTP: the emails below left this server (or failed to, with the reason).
        </p>
      ) : null}

      <div className="outbox-tabs" role="tablist" aria-label="Outbox sections">
        <TabButton id="emails" current={tab} onSelect={setTab} count={outbox.data?.total}>
          Emails
        </TabButton>
        <TabButton id="suppressions" current={tab} onSelect={setTab} count={suppressions.data?.length}>
          Suppressed addresses
        </TabButton>
      </div>

      <div role="tabpanel" id={`outbox-panel-${tab}`} aria-labelledby={`outbox-tab-${tab}`} className="outbox-panel">
        {tab === 'emails' ? (
          <>
            {campaignId ? (
              <p className="small outbox-filter-note">
                Showing one campaign’s emails{outbox.data?.emails[0]?.campaignName ? ` (“${outbox.data.emails[0].campaignName}”)` : ''}.{' '}
                <Link to={paths.outbox}>Show all</Link> · <Link to={paths.campaign(campaignId)}>Open the campaign</Link>
              </p>
            ) : null}
            {outbox.isPending ? <Loading label="Loading the outbox…" /> : null}
            {outbox.isError ? (
              <ErrorBanner
                title="Could not load the outbox."
                message={outbox.error.message}
                actions={<Button onClick={() => void outbox.refetch()}>Try again</Button>}
              />
            ) : null}
            {outbox.data ? <EmailList outbox={outbox.data} list={list} /> : null}
          </>
        ) : (
          <SuppressionsPanel query={suppressions} />
        )}
      </div>
    </div>
  );
}

function TabButton({ id, current, onSelect, count, children }: { id: Tab; current: Tab; onSelect(t: Tab): void; count: number | undefined; children: string }) {
  const selected = id === current;
  return (
    <button
      type="button"
      role="tab"
      id={`outbox-tab-${id}`}
      aria-selected={selected}
      aria-controls={`outbox-panel-${id}`}
      tabIndex={selected ? 0 : -1}
      className={`outbox-tab${selected ? ' outbox-tab--current' : ''}`}
      onClick={() => onSelect(id)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const next: Tab = id === 'emails' ? 'suppressions' : 'emails';
          onSelect(next);
          document.getElementById(`outbox-tab-${next}`)?.focus();
        }
      }}
      data-testid={`outbox-tab-${id}`}
    >
      {children}
      {count !== undefined ? <span className="outbox-tab__count">{count}</span> : null}
    </button>
  );
}

const STATUS: Record<EmailStatus, [string, string]> = {
  outbox: ['In outbox (not sent)', 'info'],
  sent: ['Sent', 'success'],
  failed: ['Failed', 'warning'],
  pending: ['Queued', ''],
  sending: ['Sending', 'info'],
  skipped: ['Skipped', ''],
  interrupted: ['Interrupted', 'warning'],
};

const OUTBOX_DEFAULT_SORT = { sort: 'when', dir: 'desc' } as const;
const OUTBOX_SORT_KEYS = ['when', 'to', 'subject'];
const OUTBOX_SORTS = [
  { value: '-when', label: 'Newest first' },
  { value: 'when', label: 'Oldest first' },
  { value: 'to', label: 'Recipient (A–Z)' },
  { value: 'subject', label: 'Subject (A–Z)' },
];

const GROUP_NAMES: Record<string, string> = { delivered: 'stored or sent', failed: 'failed or interrupted' };

function EmailList({ outbox, list: state }: { outbox: Outbox; list: ListUrlState }) {
  const [open, setOpen] = useState<string | null>(null);
  // The server searched, filtered, sorted and paged: this is its page, in the shape the list controls read.
  const from = outbox.emails.length ? (outbox.page - 1) * outbox.pageSize + 1 : 0;
  const list: ListQueryState<EmailLog> = {
    ...state,
    rows: outbox.emails,
    matched: outbox.matched,
    total: outbox.total,
    page: outbox.page,
    pageCount: outbox.pageCount,
    from,
    to: from ? from + outbox.emails.length - 1 : 0,
  };
  const filters = [
    { value: 'delivered', label: `${outbox.mode === 'outbox' ? 'Stored' : 'Sent'} (${outbox.counts.delivered})` },
    { value: 'failed', label: `Failed or interrupted (${outbox.counts.failed})` },
  ];

  if (outbox.total === 0) {
    return (
      <EmptyState title="No emails yet">
        <p>
          When a <Link to={paths.campaigns}>campaign</Link> runs, every email it {outbox.mode === 'outbox' ? 'would send is stored' : 'sends is listed'} here,
          headers and all.
        </p>
      </EmptyState>
    );
  }

  return (
    <div className="outbox-list-wrap">
      <ListControls
        list={list}
        name="outbox"
        searchLabel="Search emails"
        searchPlaceholder="Recipient, address, subject or campaign"
        filter={{ label: 'Status', allLabel: `All (${outbox.total})`, options: filters }}
        sorts={OUTBOX_SORTS}
      />
      {list.rows.length ? (
        <ul className="outbox-list">
          {list.rows.map((e) => (
            <EmailItem key={e.id} email={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} />
          ))}
        </ul>
      ) : (
        <ListNoMatch
          list={list}
          total={outbox.total}
          noun={['email', 'emails']}
          filterText={`with the status “${GROUP_NAMES[list.query.filter] ?? list.query.filter}”`}
          name="outbox"
        />
      )}
      <div className="list-foot">
        <ListPager list={list} noun={['email', 'emails']} name="outbox" />
      </div>
    </div>
  );
}

function EmailItem({ email: e, open, onToggle }: { email: EmailLog; open: boolean; onToggle(): void }) {
  const [label, tone] = STATUS[e.status];
  const when = e.sentAt ?? e.createdAt;
  const detailId = `outbox-email-${e.id}`;
  return (
    <li className={`outbox-email${open ? ' outbox-email--open' : ''}`} data-testid="outbox-email" data-email-id={e.id} data-status={e.status}>
      <button type="button" className="outbox-email__row" aria-expanded={open} aria-controls={detailId} onClick={onToggle} data-testid="outbox-email-open">
        <span className="outbox-email__to">
          <span className="outbox-email__name">{e.leadName ?? e.to}</span>
          {e.leadName ? <span className="muted small"> {e.to}</span> : null}
        </span>
        <span className="outbox-email__subject">{e.subject || <span className="muted">(no subject)</span>}</span>
        <span className="outbox-email__campaign muted small">{e.campaignName ?? '—'}</span>
        <span className="outbox-email__status">
          <span className={`badge${tone ? ` badge--${tone}` : ''}`}>{label}</span>
        </span>
        <span className="outbox-email__time muted small" title={formatDateTime(when)}>
          {formatRelative(when)}
        </span>
      </button>
      {open ? <EmailDetail email={e} id={detailId} /> : null}
    </li>
  );
}

/** Every header of the message, From / To / Subject first (from the log when the headers lack them). */
function headerRows(e: EmailLog): [string, string][] {
  const rows: [string, string][] = [];
  const has = (name: string) => Object.keys(e.headers).some((k) => k.toLowerCase() === name.toLowerCase());
  if (!has('From')) rows.push(['From', e.from]);
  if (!has('To')) rows.push(['To', e.to]);
  if (!has('Subject')) rows.push(['Subject', e.subject]);
  rows.push(...Object.entries(e.headers));
  const order = ['from', 'to', 'subject', 'date'];
  const rank = (k: string) => {
    const i = order.indexOf(k.toLowerCase());
    return i < 0 ? order.length : i;
  };
  return rows.sort((a, b) => rank(a[0]) - rank(b[0]));
}

function EmailDetail({ email: e, id }: { email: EmailLog; id: string }) {
  const rows = headerRows(e);
  const hasUnsubscribe = rows.some(([k]) => k.toLowerCase() === 'list-unsubscribe');
  return (
    <div className="outbox-detail" id={id} data-testid="outbox-email-detail">
      {e.status === 'failed' || e.status === 'interrupted' ? (
        <ErrorBanner
          title={e.status === 'failed' ? 'Not sent.' : 'Interrupted.'}
          message={e.error ?? 'The send stopped before it finished. Retry the run from its campaign.'}
          testId="outbox-email-error"
        />
      ) : null}
      <section aria-label="Headers">
        <h3 className="group__legend outbox-detail__legend">Headers</h3>
        <dl className="outbox-headers" data-testid="outbox-headers">
          {rows.map(([k, v]) => (
            <div key={k} className={`outbox-header${/^list-unsubscribe/i.test(k) ? ' outbox-header--unsub' : ''}`} data-header={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {!hasUnsubscribe ? <p className="cmp-warn small">This message has no List-Unsubscribe header.</p> : null}
      </section>
      <section aria-label="Body">
        <h3 className="group__legend outbox-detail__legend">Body</h3>
        <div className="cmp-mail-body" data-testid="outbox-email-body">
          {e.body}
        </div>
      </section>
      <p className="small outbox-detail__foot">
        {e.transport === 'outbox' || e.status === 'outbox' ? (
          <a href={rawMessageUrl(e.id)} target="_blank" rel="noreferrer" data-testid="outbox-raw-link">
            View the raw message (RFC 5322)
          </a>
        ) : null}
        {e.providerMessageId && !rows.some(([, v]) => v.includes(e.providerMessageId!)) ? (
          <span className="muted"> Provider message id {e.providerMessageId}</span>
        ) : null}
        {e.campaignId ? (
          <>
            {' '}
            <Link to={paths.campaign(e.campaignId)}>Open the campaign</Link>
          </>
        ) : null}
        {e.leadId ? (
          <>
            {' · '}
            <Link to={paths.lead(e.leadId)}>Open the lead</Link>
          </>
        ) : null}
      </p>
    </div>
  );
}
