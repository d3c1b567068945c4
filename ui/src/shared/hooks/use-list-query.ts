import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { applyListQuery, readListQuery, writeListQuery, type ListQuery, type ListResult, type ListSpec, type SortDir } from './list-query';

export type ListUrlState = {
  query: ListQuery;
  setSearch: (search: string) => void;
  setFilter: (filter: string) => void;
  /** `value` is "key" or "-key" (descending), the form the sort select and the URL use. */
  setSort: (value: string) => void;
  setPage: (page: number) => void;
  clear: () => void;
  /** Whether a search or filter hides some items. */
  narrowed: boolean;
};

export type ListQueryState<T> = ListResult<T> & ListUrlState;

/**
 * A list's search, filter, sort and page, kept in the URL query string so a reload, a shared link
 * or the back button return to the same view. Who applies them is the caller's: the browser for a
 * list in memory (useListQuery), the server for one that pages there (the outbox).
 */
export function useListUrlState(defaults: { sort: string; dir: SortDir }, sortKeys: readonly string[]): ListUrlState {
  const [params, setParams] = useSearchParams();
  // react-router hands a functional update the params of the last render, so two changes before
  // the next render (clear the search, then sort) would undo the first. Each change builds on this.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const query = readListQuery(params, defaults, sortKeys);

  // Typing replaces the history entry (one entry per search, not per key); the rest adds one.
  const update = (change: Partial<ListQuery>, replace = false) => {
    const current = latest.current;
    const next = writeListQuery(current, { ...readListQuery(current, defaults, sortKeys), ...change }, defaults);
    latest.current = next;
    setParams(next, { replace });
  };

  return {
    query,
    setSearch: (search) => update({ search, page: 1 }, true),
    setFilter: (filter) => update({ filter, page: 1 }),
    setSort: (value) => update({ sort: value.replace(/^-/, ''), dir: value.startsWith('-') ? 'desc' : 'asc', page: 1 }),
    setPage: (page) => update({ page }),
    clear: () => update({ search: '', filter: '', page: 1 }),
    narrowed: Boolean(query.search.trim() || query.filter),
  };
}

/** Search, filter, sort and pages for a list already in memory. `spec` should be stable (a module constant), or the rows are recomputed on every render. */
export function useListQuery<T>(items: readonly T[], spec: ListSpec<T>): ListQueryState<T> {
  const state = useListUrlState({ sort: spec.defaultSort.key, dir: spec.defaultSort.dir }, Object.keys(spec.sorts));
  const key = JSON.stringify(state.query);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `state.query` is derived from `key`
  const result = useMemo(() => applyListQuery(items, spec, state.query), [items, spec, key]);
  return { ...result, ...state };
}
