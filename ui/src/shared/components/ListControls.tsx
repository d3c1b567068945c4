import { useId } from 'react';
import type { ListQueryState } from '../hooks/use-list-query';
import { Button } from './Button';
import { EmptyState } from './EmptyState';

export type Option = { value: string; label: string };

type Props = {
  list: Pick<ListQueryState<unknown>, 'query' | 'setSearch' | 'setFilter' | 'setSort'>;
  searchLabel: string;
  searchPlaceholder?: string;
  /** Without it there is no filter select. `allLabel` names the "no filter" choice. */
  filter?: { label: string; allLabel: string; options: Option[] };
  /** Each sort is "key" (ascending) or "-key" (descending). */
  sorts: Option[];
  /** The list's name, for the testids: `${name}-search`, `${name}-filter`, `${name}-sort`. */
  name: string;
};

/** A list's search box, filter and sort, each labelled; they wrap onto more lines on a phone. */
export function ListControls({ list, searchLabel, searchPlaceholder, filter, sorts, name }: Props) {
  const id = useId();
  const { query } = list;
  const sortValue = `${query.dir === 'desc' ? '-' : ''}${query.sort}`;
  return (
    <div className="list-controls" role="search" aria-label={searchLabel}>
      <div className="field list-controls__search">
        <label className="field__label" htmlFor={`${id}-q`}>
          {searchLabel}
        </label>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          value={query.search}
          placeholder={searchPlaceholder}
          onChange={(e) => list.setSearch(e.target.value)}
          data-testid={`${name}-search`}
        />
      </div>
      {filter ? (
        <div className="field list-controls__select">
          <label className="field__label" htmlFor={`${id}-filter`}>
            {filter.label}
          </label>
          <select id={`${id}-filter`} className="input" value={query.filter} onChange={(e) => list.setFilter(e.target.value)} data-testid={`${name}-filter`}>
            <option value="">{filter.allLabel}</option>
            {filter.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {query.filter && !filter.options.some((o) => o.value === query.filter) ? <option value={query.filter}>{query.filter}</option> : null}
          </select>
        </div>
      ) : null}
      <div className="field list-controls__select">
        <label className="field__label" htmlFor={`${id}-sort`}>
          Sort by
        </label>
        <select id={`${id}-sort`} className="input" value={sortValue} onChange={(e) => list.setSort(e.target.value)} data-testid={`${name}-sort`}>
          {sorts.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

type PagerProps = {
  list: Pick<ListQueryState<unknown>, 'page' | 'pageCount' | 'from' | 'to' | 'matched' | 'setPage'>;
  /** What is counted, one and many: ['lead', 'leads']. */
  noun: readonly [string, string];
  name: string;
};

/** "51–100 of 230 leads" with previous / next; just the count when everything fits one page; nothing when nothing matches (the list says so). */
export function ListPager({ list, noun: [one, many], name }: PagerProps) {
  if (list.matched === 0) return null;
  return (
    <nav className="list-pager" aria-label={`Pages of ${many}`}>
      <span className="muted small" data-testid={`${name}-count`} aria-live="polite">
        {list.pageCount === 1 ? `${list.matched} ${list.matched === 1 ? one : many}` : `${list.from}–${list.to} of ${list.matched} ${many}`}
      </span>
      {list.pageCount > 1 ? (
        <span className="list-pager__buttons">
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            disabled={list.page <= 1}
            onClick={() => list.setPage(list.page - 1)}
            data-testid={`${name}-prev`}
          >
            Previous
          </button>
          <span className="small">
            Page {list.page} of {list.pageCount}
          </span>
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            disabled={list.page >= list.pageCount}
            onClick={() => list.setPage(list.page + 1)}
            data-testid={`${name}-next`}
          >
            Next
          </button>
        </span>
      ) : null}
    </nav>
  );
}

type NoMatchProps = {
  list: Pick<ListQueryState<unknown>, 'query' | 'clear'>;
  total: number;
  noun: readonly [string, string];
  /** How the chosen filter reads after the search words: "in Retail", "with persona failed". */
  filterText?: string;
  name: string;
};

/** A search or filter that leaves nothing: says so, and offers to clear it. */
export function ListNoMatch({ list, total, noun: [one, many], filterText, name }: NoMatchProps) {
  const search = list.query.search.trim();
  return (
    <EmptyState
      title={`No ${one} matches`}
      action={
        <Button onClick={list.clear} data-testid={`${name}-clear`}>
          {list.query.filter ? 'Clear the search and filter' : 'Clear the search'}
        </Button>
      }
    >
      <p>
        None of your {total} {total === 1 ? one : many} matches{search ? ` “${search}”` : ''}
        {list.query.filter && filterText ? ` ${filterText}` : ''}.
      </p>
    </EmptyState>
  );
}
