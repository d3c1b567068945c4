import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { RESPONSES_PAGE_SIZE, useCreateResponse, useResponses } from '../api/responses';
import { ResponseForm } from './ResponseForm';
import { ResponseImportPanel } from './ResponseImportPanel';
import { ResponsesTable } from './ResponsesTable';

type Panel = 'add' | 'import' | null;

/** The page in the address (?page=2), so a reload or a shared link shows the same page. */
function usePageParam(): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const setPage = (next: number) =>
    setParams(
      (p) => {
        if (next <= 1) p.delete('page');
        else p.set('page', String(next));
        return p;
      },
      { replace: true },
    );
  return [page, setPage];
}

/** /responses — what real customers answered in surveys: the evidence persona analytics checks each persona against. */
export function ResponsesPage() {
  const [page, setPage] = usePageParam();
  const list = useResponses(page);
  const create = useCreateResponse();
  const [panel, setPanel] = useState<Panel>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string>();

  const open = (p: Panel) => {
    setPanel(p);
    setNotice(undefined);
    if (p === 'add') {
      create.reset();
      setFormKey((k) => k + 1);
    }
  };

  // Deleting the last response of the last page: show the page before it, not an empty one.
  const lastPage = list.data ? Math.max(1, Math.ceil(list.data.total / RESPONSES_PAGE_SIZE)) : 1;
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && page > lastPage) setPage(lastPage);
  });

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Responses</h1>
          <p className="muted">
            What real customers answered in your surveys. Each response is scored against every persona’s mapping rules, so you can see how well your personas
            match the people who actually buy.
          </p>
        </div>
        <div className="toolbar">
          <Button variant="primary" onClick={() => open('import')} aria-expanded={panel === 'import'} data-testid="response-import-open">
            Import CSV
          </Button>
          <Button onClick={() => open('add')} aria-expanded={panel === 'add'} data-testid="response-new">
            + Add response
          </Button>
        </div>
      </div>

      {notice ? <ErrorBanner tone="success" message={notice} onDismiss={() => setNotice(undefined)} testId="response-notice" /> : null}

      {panel === 'add' ? (
        <ResponseForm
          key={formKey}
          busy={create.isPending}
          error={create.error}
          onDismissError={() => create.reset()}
          onCancel={() => setPanel(null)}
          onSubmit={(data) =>
            create.mutate(data, {
              onSuccess: (r) => {
                setPanel(null);
                setPage(1);
                setNotice(`Added the response${r.respondent.name ? ` of ${r.respondent.name}` : ''}. It is scored against every persona’s rules.`);
              },
            })
          }
        />
      ) : null}
      {panel === 'import' ? <ResponseImportPanel onClose={() => setPanel(null)} /> : null}

      {list.isPending ? <Loading label="Loading responses…" /> : null}
      {list.isError ? (
        <ErrorBanner
          title="Could not load the responses."
          message={list.error.message}
          actions={<Button onClick={() => void list.refetch()}>Try again</Button>}
        />
      ) : null}

      {list.data && list.data.total === 0 && panel === null ? (
        <EmptyState
          title="No responses yet"
          action={
            <div className="toolbar toolbar--center">
              <Button variant="primary" onClick={() => open('import')}>
                Import a CSV file
              </Button>
              <Button onClick={() => open('add')}>Add a response</Button>
            </div>
          }
        >
          <p>
            A response is what one person answered: who they are (age, location, occupation, gender), their goals and frustrations, and how satisfied they are,
            how likely to recommend you, how much they trust you and how much effort you cost them.
          </p>
          <p>
            Import the CSV export of a survey you ran (Google Forms, Typeform, SurveyMonkey, your CRM), or share your survey link and the answers land here.
          </p>
        </EmptyState>
      ) : null}

      {list.data && list.data.total > 0 ? <ResponsesTable data={list.data} page={page} setPage={setPage} fetching={list.isFetching} /> : null}
    </div>
  );
}
