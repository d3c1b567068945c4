import { describe, expect, test } from 'vitest';
import {
  applyListQuery,
  compareValues,
  matchesSearch,
  readListQuery,
  writeListQuery,
  type ListQuery,
  type ListSpec,
} from '../../ui/src/shared/hooks/list-query.js';

type Row = { name: string; industry: string; updated: string | null };
const spec: ListSpec<Row> = {
  searchFields: (r) => [r.name, r.industry],
  filterValue: (r) => r.industry,
  sorts: { name: (r) => r.name, updated: (r) => r.updated },
  defaultSort: { key: 'updated', dir: 'desc' },
  pageSize: 2,
};
const rows: Row[] = [
  { name: 'Zoë Retail', industry: 'Retail', updated: '2026-01-03' },
  { name: 'ana ops', industry: 'Logistics', updated: '2026-01-01' },
  { name: 'Bo', industry: 'Retail', updated: null },
  { name: 'Cleo', industry: 'SaaS', updated: '2026-01-02' },
  { name: 'item 10', industry: 'SaaS', updated: '2026-01-04' },
];
const q = (over: Partial<ListQuery> = {}): ListQuery => ({ search: '', filter: '', sort: 'updated', dir: 'desc', page: 1, ...over });

describe('matchesSearch', () => {
  test('every word must appear in some field, case and accents ignored', () => {
    expect(matchesSearch(['Zoë Retail', 'Retail'], 'zoe')).toBe(true);
    expect(matchesSearch(['Zoë Retail', 'Retail'], '  ZOE   retail ')).toBe(true);
    expect(matchesSearch(['Zoë Retail', 'Retail'], 'zoe saas')).toBe(false);
  });
  test('an empty search matches everything, empty fields match nothing', () => {
    expect(matchesSearch([null, ''], '')).toBe(true);
    expect(matchesSearch([null, undefined, ''], 'a')).toBe(false);
  });
});

describe('compareValues', () => {
  test('empty values sort last in both directions', () => {
    expect(compareValues(null, 'a', 'asc')).toBeGreaterThan(0);
    expect(compareValues(null, 'a', 'desc')).toBeGreaterThan(0);
    expect(compareValues('', null, 'desc')).toBe(0);
  });
  test('names compare without case, numbers inside text in number order', () => {
    expect(compareValues('ana', 'Bo', 'asc')).toBeLessThan(0);
    expect(compareValues('item 9', 'item 10', 'asc')).toBeLessThan(0);
    expect(compareValues(2, 10, 'desc')).toBeGreaterThan(0);
  });
});

describe('applyListQuery', () => {
  test('the default sort, one page at a time, with positions for "N of M"', () => {
    const first = applyListQuery(rows, spec, q());
    expect(first.rows.map((r) => r.name)).toEqual(['item 10', 'Zoë Retail']);
    expect(first).toMatchObject({ matched: 5, total: 5, page: 1, pageCount: 3, from: 1, to: 2 });
    const last = applyListQuery(rows, spec, q({ page: 3 }));
    expect(last.rows.map((r) => r.name)).toEqual(['Bo']);
    expect(last).toMatchObject({ from: 5, to: 5 });
  });
  test('a page past the end shows the last page; a nonsense page the first', () => {
    expect(applyListQuery(rows, spec, q({ page: 99 })).page).toBe(3);
    expect(applyListQuery(rows, spec, q({ page: Number.NaN })).page).toBe(1);
  });
  test('filter and search narrow, then sort by name ascending', () => {
    const r = applyListQuery(rows, { ...spec, pageSize: 50 }, q({ filter: 'Retail', sort: 'name', dir: 'asc' }));
    expect(r.rows.map((x) => x.name)).toEqual(['Bo', 'Zoë Retail']);
    expect(applyListQuery(rows, spec, q({ search: 'saas', sort: 'name', dir: 'desc' })).rows.map((x) => x.name)).toEqual(['item 10', 'Cleo']);
  });
  test('nothing matches: no rows, page 1 of 1, from 0', () => {
    expect(applyListQuery(rows, spec, q({ search: 'nobody' }))).toMatchObject({ rows: [], matched: 0, page: 1, pageCount: 1, from: 0, to: 0 });
  });
  test('an unknown sort key falls back to the default sort', () => {
    expect(applyListQuery(rows, spec, q({ sort: 'shoeSize', dir: 'asc' })).rows[0]!.name).toBe('item 10');
  });
});

describe('the URL form', () => {
  const defaults = { sort: 'updated', dir: 'desc' as const };
  test('defaults are left out, the rest round-trips', () => {
    expect(writeListQuery(new URLSearchParams('tab=x'), q(), defaults).toString()).toBe('tab=x');
    const written = writeListQuery(new URLSearchParams(), q({ search: 'ana ops', filter: 'Retail', sort: 'name', dir: 'asc', page: 2 }), defaults);
    expect(written.toString()).toBe('q=ana+ops&filter=Retail&sort=name&page=2');
    expect(readListQuery(written, defaults, ['name', 'updated'])).toEqual(q({ search: 'ana ops', filter: 'Retail', sort: 'name', dir: 'asc', page: 2 }));
  });
  test('"-key" is descending; an unknown key or bad page reads as the default', () => {
    expect(readListQuery(new URLSearchParams('sort=-name'), defaults, ['name'])).toMatchObject({ sort: 'name', dir: 'desc' });
    expect(readListQuery(new URLSearchParams('sort=evil&page=-3'), defaults, ['name'])).toMatchObject({ sort: 'updated', dir: 'desc', page: 1 });
  });
});
