import { useState } from 'react';
import { Link } from 'react-router';
import type { MemoryFact } from '@schemas/memory.js';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { paths } from '../../../shared/paths';
import { useMe } from '../../../shared/session/session';
import { useDeleteFact, useMemory } from '../api/memory';
import { AddFactForm } from './AddFactForm';
import { FactItem } from './FactItem';
import '../memory.css';

/** /settings/memory — every fact personaflow remembers about this workspace's business: see, correct, confirm, forget. */
export function MemoryPage() {
  const memory = useMemory();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [toDelete, setToDelete] = useState<MemoryFact | null>(null);
  const remove = useDeleteFact();
  const myUserId = me.data?.user.id ?? null;
  const facts = memory.data ?? [];
  const shown = facts.filter((f) => f.visible);
  const hidden = facts.filter((f) => !f.visible);
  const guesses = shown.filter((f) => f.source === 'INFERRED').length;
  const reload = () => void memory.refetch();

  return (
    <div className="page page--narrow">
      <div className="page__head">
        <div>
          <h1 className="page-title">Memory</h1>
          <p className="muted">
            What personaflow remembers about your own business — your company, product, market and habits — so you do not have to type them twice. What you
            write here always wins over what personaflow guesses.{' '}
            <Link to={paths.intakeSettings} data-testid="memory-intake-link">
              Answer the intake questions again
            </Link>
          </p>
        </div>
        {memory.data && !adding ? (
          <Button variant="primary" onClick={() => setAdding(true)} data-testid="memory-add">
            Add a fact
          </Button>
        ) : null}
      </div>

      {memory.isPending ? <Loading label="Loading what is remembered…" /> : null}
      {memory.isError ? (
        <ErrorBanner title="Could not load the memory." message={memory.error.message} actions={<Button onClick={reload}>Try again</Button>} />
      ) : null}

      {adding && memory.data ? <AddFactForm facts={facts} onDone={() => setAdding(false)} onReload={reload} /> : null}

      {memory.data && facts.length === 0 && !adding ? (
        <EmptyState
          title="Nothing remembered yet"
          action={
            <Button variant="primary" onClick={() => setAdding(true)} data-testid="memory-add-empty">
              Add your first fact
            </Button>
          }
        >
          <p>
            Memory holds facts about your business: your company&rsquo;s name and what it does, your product, your market, who you sell to, the tone of your
            emails. Add them here; personaflow also learns them as you work and marks each guess until you confirm it.
          </p>
        </EmptyState>
      ) : null}

      {remove.error && !remove.error.isNotFound ? <ErrorBanner message={remove.error.message} onDismiss={() => remove.reset()} /> : null}

      {guesses > 0 ? (
        <ErrorBanner
          tone="info"
          testId="memory-guesses"
          message={`${guesses === 1 ? 'One fact is a guess' : `${guesses} facts are guesses`} personaflow made from your work. Confirm what is right, edit what is not.`}
        />
      ) : null}

      {shown.length > 0 ? (
        <ul className="memory-list" data-testid="memory-list">
          {shown.map((fact) => (
            <FactItem key={`${fact.key}@${fact.version}`} fact={fact} myUserId={myUserId} onReload={reload} onDelete={setToDelete} />
          ))}
        </ul>
      ) : null}

      {hidden.length > 0 ? (
        <details className="memory-hidden">
          <summary>{hidden.length === 1 ? 'One fact personaflow keeps' : `${hidden.length} facts personaflow keeps`} for itself</summary>
          <ul className="memory-list">
            {hidden.map((fact) => (
              <FactItem key={`${fact.key}@${fact.version}`} fact={fact} myUserId={myUserId} onReload={reload} onDelete={setToDelete} />
            ))}
          </ul>
        </details>
      ) : null}

      <ConfirmDialog
        open={toDelete !== null}
        title={toDelete ? `Forget “${toDelete.label}”?` : ''}
        confirmLabel="Delete"
        confirmTestId="memory-delete-confirm"
        busy={remove.isPending}
        onCancel={() => setToDelete(null)}
        onConfirm={() => toDelete && remove.mutate({ key: toDelete.key }, { onSettled: () => setToDelete(null) })}
      >
        {toDelete ? (
          <p>
            personaflow forgets “{toDelete.value.length > 80 ? `${toDelete.value.slice(0, 80)}…` : toDelete.value}” for everyone in this workspace. This cannot
            be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
