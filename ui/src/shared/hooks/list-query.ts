// The pure part of a searchable, filterable, sortable, paged list: what the list page shows for a
// query. The hook (use-list-query.ts) keeps the query in the URL; this decides the rows.

export const LIST_PAGE_SIZE = 50;

export type SortDir = 'asc' | 'desc';
export type SortValue = string | number | null | undefined;

export type ListQuery = {
  /** Free text: every word must appear in one of the searched fields (case and accents ignored). */
  search: string;
  /** The chosen value of the filter field; '' shows everything. */
  filter: string;
  sort: string;
  dir: SortDir;
  /** 1-based. */
  page: number;
};

export type ListSpec<T> = {
  searchFields: (item: T) => SortValue[];
  filterValue?: (item: T) => string;
  sorts: Record<string, (item: T) => SortValue>;
  defaultSort: { key: string; dir: SortDir };
  pageSize?: number;
};

export type ListResult<T> = {
  rows: T[];
  /** Items that match the search and filter (all pages). */
  matched: number;
  /** Items before the search and filter. */
  total: number;
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last row shown; 0 when nothing matches. */
  from: number;
  to: number;
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function matchesSearch(fields: SortValue[], search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.filter((f) => f !== null && f !== undefined && f !== '').map((f) => fold(String(f)));
  return words.every((w) => haystack.some((h) => h.includes(w)));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Empty values go last whichever way the column is sorted: "never contacted" is not the oldest contact. */
export function compareValues(a: SortValue, b: SortValue, dir: SortDir): number {
  const aEmpty = a === null || a === undefined || a === '';
  const bEmpty = b === null || b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return dir === 'asc' ? order : -order;
}

export function applyListQuery<T>(items: readonly T[], spec: ListSpec<T>, query: ListQuery): ListResult<T> {
  const pageSize = spec.pageSize ?? LIST_PAGE_SIZE;
  const filtered = items.filter(
    (item) => (!query.filter || !spec.filterValue || spec.filterValue(item) === query.filter) && matchesSearch(spec.searchFields(item), query.search),
  );
  const sortKey = spec.sorts[query.sort] ? query.sort : spec.defaultSort.key;
  const dir = spec.sorts[query.sort] ? query.dir : spec.defaultSort.dir;
  const value = spec.sorts[sortKey]!;
  // Array.prototype.sort is stable: equal values keep the order the API gave.
  const sorted = filtered
    .map((item) => ({ item, v: value(item) }))
    .sort((a, b) => compareValues(a.v, b.v, dir))
    .map((x) => x.item);
  const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(query.page) || 1), pageCount);
  const start = (page - 1) * pageSize;
  const rows = sorted.slice(start, start + pageSize);
  return { rows, matched: sorted.length, total: items.length, page, pageCount, from: rows.length ? start + 1 : 0, to: start + rows.length };
}

/** Reads a query from URL parameters; anything missing or unknown falls back to the defaults. */
export function readListQuery(params: URLSearchParams, defaults: { sort: string; dir: SortDir }, sortKeys: readonly string[]): ListQuery {
  const sortParam = params.get('sort') ?? '';
  const desc = sortParam.startsWith('-');
  const key = desc ? sortParam.slice(1) : sortParam;
  const known = sortKeys.includes(key);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    search: params.get('q') ?? '',
    filter: params.get('filter') ?? '',
    sort: known ? key : defaults.sort,
    dir: known ? (desc ? 'desc' : 'asc') : defaults.dir,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** Writes a query into URL parameters, leaving defaults out so a plain list keeps a plain address. */
export function writeListQuery(params: URLSearchParams, query: ListQuery, defaults: { sort: string; dir: SortDir }): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (k: string, v: string) => (v ? next.set(k, v) : next.delete(k));
  set('q', query.search);
  set('filter', query.filter);
  set('sort', query.sort === defaults.sort && query.dir === defaults.dir ? '' : `${query.dir === 'desc' ? '-' : ''}${query.sort}`);
  set('page', query.page > 1 ? String(query.page) : '');
  return next;
}
