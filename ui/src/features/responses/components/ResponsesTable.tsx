import { useState } from 'react';
import { METRIC_NAMES, METRICS } from '@schemas/survey-response.js';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { ListPager } from '../../../shared/components/ListControls';
import { TrashIcon } from '../../../shared/components/TrashIcon';
import { formatDateTime } from '../../../shared/format';
import { RESPONSES_PAGE_SIZE, useDeleteResponse, type ResponsesPage, type SurveyResponse } from '../api/responses';

const SHORT: Record<(typeof METRIC_NAMES)[number], string> = { satisfaction: 'CSAT', nps: 'NPS', trust: 'Trust', effort: 'Effort' };
const NOUN = ['response', 'responses'] as const;

type Props = { data: ResponsesPage; page: number; setPage: (page: number) => void; fetching: boolean };

/** One page of responses, newest first: who answered, the attributes personas are matched on, the four metrics. */
export function ResponsesTable({ data, page, setPage, fetching }: Props) {
  const [deleting, setDeleting] = useState<SurveyResponse | null>(null);
  const remove = useDeleteResponse();
  const pageCount = Math.max(1, Math.ceil(data.total / RESPONSES_PAGE_SIZE));
  const from = data.responses.length ? (page - 1) * RESPONSES_PAGE_SIZE + 1 : 0;
  const pager = { page, pageCount, from, to: from ? from + data.responses.length - 1 : 0, matched: data.total, setPage };

  return (
    <section className="panel response-list" aria-label="Survey responses" aria-busy={fetching || undefined}>
      <div className="response-list__head">
        <ListPager list={pager} noun={NOUN} name="responses" />
      </div>
      {remove.isError ? <ErrorBanner title="Could not delete the response." message={remove.error.message} onDismiss={() => remove.reset()} /> : null}
      <div className="table-wrap response-table">
        <table className="data-table">
          <caption className="sr-only">Survey responses, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Respondent</th>
              <th scope="col" className="num">
                Age
              </th>
              <th scope="col">Location</th>
              <th scope="col">Occupation</th>
              <th scope="col">Gender</th>
              <th scope="col">Goals</th>
              <th scope="col">Frustrations</th>
              {METRIC_NAMES.map((m) => (
                <th key={m} scope="col" className="num" title={`${METRICS[m].label}, ${METRICS[m].min}–${METRICS[m].max}`}>
                  {SHORT[m]}
                </th>
              ))}
              <th scope="col">Submitted</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.responses.map((r) => (
              <ResponseRow key={r.id} response={r} onDelete={() => setDeleting(r)} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="response-list__foot">
        <ListPager list={pager} noun={NOUN} name="responses-foot" />
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this response?"
        confirmTestId="response-delete-confirm"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, { onSettled: () => setDeleting(null) });
        }}
      >
        <p>
          The answers of {deleting ? respondentName(deleting) : ''} and their match scores are deleted, and persona analytics stop counting them. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

const respondentName = (r: SurveyResponse) => r.respondent.name ?? r.respondent.email ?? 'an anonymous respondent';
const dash = <span className="muted">—</span>;
const orDash = (v: string | number | null) => (v === null || v === '' ? dash : v);

function ResponseRow({ response: r, onDelete }: { response: SurveyResponse; onDelete: () => void }) {
  return (
    <tr data-testid="response-row" data-id={r.id}>
      <th scope="row" className="response-table__who" data-label="Respondent">
        {r.respondent.name || r.respondent.email ? (
          <>
            {r.respondent.name ? <span className="response-table__name">{r.respondent.name}</span> : null}
            {r.respondent.email ? <span className="response-table__email muted small">{r.respondent.email}</span> : null}
          </>
        ) : (
          <span className="muted">Anonymous</span>
        )}
        {r.respondent.consent ? (
          <span className="badge badge--success response-table__consent" title="They agreed to be contacted">
            May contact
          </span>
        ) : null}
      </th>
      <td className="num" data-label="Age">
        {orDash(r.age)}
      </td>
      <td data-label="Location">{orDash(r.location)}</td>
      <td data-label="Occupation">{orDash(r.occupation)}</td>
      <td data-label="Gender">{orDash(r.gender)}</td>
      <td data-label="Goals" className="response-table__list">
        <Items items={r.goals} />
      </td>
      <td data-label="Frustrations" className="response-table__list">
        <Items items={r.frustrations} />
      </td>
      {METRIC_NAMES.map((m) => (
        <td key={m} className="num" data-label={SHORT[m]}>
          {orDash(r[m])}
        </td>
      ))}
      <td data-label="Submitted">{formatDateTime(r.submittedAt)}</td>
      <td className="response-table__actions">
        <button type="button" className="icon-btn" onClick={onDelete} aria-label={`Delete the response of ${respondentName(r)}`} data-testid="response-delete">
          <TrashIcon />
        </button>
      </td>
    </tr>
  );
}

function Items({ items }: { items: string[] }) {
  if (!items.length) return dash;
  return (
    <ul className="response-table__items">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}
