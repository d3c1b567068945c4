import { useState } from 'react';
import { Link } from 'react-router';
import type { BuyingProcessMapSummary } from '@schemas/buying-process.js';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatRelative } from '../../../shared/format';
import { TrashIcon } from '../../../shared/components/TrashIcon';
import { phaseLabel } from '../api/buying-process-flow';
import { useDeleteMap, useMaps } from '../api/maps';
import { StatusBadge } from './StatusBadge';
import { paths } from '../../../shared/paths';
import { ListControls, ListNoMatch, ListPager } from '../../../shared/components/ListControls';
import type { ListSpec } from '../../../shared/hooks/list-query';
import { useListQuery } from '../../../shared/hooks/use-list-query';

const title = (m: BuyingProcessMapSummary) => m.persona_name || 'Untitled map';
const MAPS_LIST: ListSpec<BuyingProcessMapSummary> = {
  searchFields: (m) => [title(m)],
  filterValue: (m) => m.status,
  sorts: { updated: (m) => m.updatedAt, name: (m) => title(m), stages: (m) => m.stageCount },
  defaultSort: { key: 'updated', dir: 'desc' },
};
const MAP_SORTS = [
  { value: '-updated', label: 'Last updated' },
  { value: 'name', label: 'Persona (A–Z)' },
  { value: '-name', label: 'Persona (Z–A)' },
  { value: '-stages', label: 'Most stages' },
];
const MAP_STATUSES = [
  { value: 'in_progress', label: 'In progress' },
  { value: 'completed', label: 'Completed' },
];
const NO_MAPS: BuyingProcessMapSummary[] = [];

/** /buying-process — every buying-process map, newest first, to search by persona, filter by status and sort. */
export function MapsLibraryPage() {
  const maps = useMaps();
  const remove = useDeleteMap();
  const [toDelete, setToDelete] = useState<BuyingProcessMapSummary | null>(null);
  const all = maps.data ?? NO_MAPS;
  const list = useListQuery(all, MAPS_LIST);

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Buying processes</h1>
          <p className="muted">One map per persona: the stages they go through, and what you do and say at each.</p>
        </div>
        <Link to={paths.newBuyingProcessMap} className="btn btn--primary" data-testid="bp-new-map">
          + New map
        </Link>
      </div>
      {maps.isPending ? <Loading label="Loading maps…" /> : null}
      {maps.isError ? (
        <ErrorBanner title="Could not load the maps." message={maps.error.message} actions={<Button onClick={() => void maps.refetch()}>Try again</Button>} />
      ) : null}
      {maps.data && all.length === 0 ? (
        <EmptyState
          title="No buying-process maps yet"
          action={
            <Link to={paths.newBuyingProcessMap} className="btn btn--primary">
              Map a buying process
            </Link>
          }
        >
          <p>Pick a persona, lay out the stages of their buying journey, and line up your actions and content with each stage.</p>
        </EmptyState>
      ) : null}
      {all.length ? (
        <ListControls
          list={list}
          name="maps"
          searchLabel="Search maps"
          searchPlaceholder="Persona name"
          filter={{ label: 'Status', allLabel: 'Any status', options: MAP_STATUSES }}
          sorts={MAP_SORTS}
        />
      ) : null}
      {all.length > 0 && list.rows.length === 0 ? (
        <ListNoMatch
          list={list}
          total={all.length}
          noun={['map', 'maps']}
          filterText={MAP_STATUSES.find((s) => s.value === list.query.filter)?.label.toLowerCase()}
          name="maps"
        />
      ) : null}
      {list.rows.length ? (
        <ul className="cards">
          {list.rows.map((m) => (
            <li key={m.id}>
              <div className="card map-card" data-testid="bp-map-card" data-id={m.id} data-status={m.status}>
                <Link to={paths.buyingProcessSession(m.id)} className="map-card__open">
                  <span className="card__title">{title(m)}</span>
                  <span className="card__tags">
                    <StatusBadge status={m.status} />
                    <span className="tag">
                      {m.stageCount} {m.stageCount === 1 ? 'stage' : 'stages'}
                    </span>
                    {m.status !== 'completed' ? <span className="tag">{phaseLabel(m.phase)}</span> : null}
                  </span>
                  <span className="card__meta">Updated {formatRelative(m.updatedAt)}</span>
                </Link>
                <button
                  type="button"
                  className="icon-btn map-card__delete"
                  aria-label={`Delete the map ${title(m)}`}
                  title="Delete"
                  data-testid="bp-map-delete"
                  onClick={() => setToDelete(m)}
                >
                  <TrashIcon />
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {all.length ? (
        <div className="list-foot">
          <ListPager list={list} noun={['map', 'maps']} name="maps" />
        </div>
      ) : null}
      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this map?"
        confirmLabel="Delete map"
        confirmTestId="bp-map-delete-confirm"
        busy={remove.isPending}
        onCancel={() => {
          remove.reset();
          setToDelete(null);
        }}
        onConfirm={() => toDelete && remove.mutate(toDelete.id, { onSuccess: () => setToDelete(null) })}
      >
        <p>The buying-process map “{toDelete ? title(toDelete) : ''}” and its chat will be deleted. A persona it was linked to stays in your library.</p>
        {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
