import { parse } from 'csv-parse/sync';
import type { ZodIssue } from 'zod';
import { AppError } from '../../lib/errors.js';
import { issueMessage } from '../../lib/validation.js';
import {
  METRICS,
  SurveyResponseInputSchema,
  type MetricName,
  type RejectedResponseRow,
  type ResponseImportInput,
  type SurveyResponseInput,
} from '../../schemas/survey-response.js';
import { CellError, readConsent, readList, readNumber, readOtherAnswer, readSubmittedAt, readText, type CellValue } from './response-cells.js';
import { KNOWN_HEADERS, LIST_FIELDS, fieldForHeader, headerKey, type ResponseField } from './response-columns.js';

// POST /api/responses/import: survey responses from a CSV export (a header row, then one response
// per row) or from JSON rows. Each row is checked on its own: good rows are returned to be stored,
// bad ones with their line and what to fix. A big file arrives in chunks, each with the header
// repeated; `firstLine` numbers a chunk's lines as lines of the whole file.

export type ImportedResponseRow = { line: number; data: SurveyResponseInput };
export type ResponseImportResult = { rows: ImportedResponseRow[]; rejected: RejectedResponseRow[] };

export const RESPONSE_IMPORT_MAX_ROWS = 100_000;
const ANSWER_KEY_MAX = 100;

/** Where one column's values go: a field of the response, or the "other answers" under a name. */
type Column = { header: string; field?: ResponseField; answerKey?: string };

const API_KEYS = new Set(Object.keys(SurveyResponseInputSchema.shape));
const RANGE = (m: MetricName) => `a whole number from ${METRICS[m].min} to ${METRICS[m].max}`;

export function parseResponseImport(input: ResponseImportInput): ResponseImportResult {
  return 'csv' in input ? parseCsv(input.csv, input.firstLine ?? 1) : parseJson(input.json);
}

function csvError(message: string, field: string): AppError {
  return new AppError('invalid', message, { fields: [{ path: 'csv', message: field }] });
}

function parseCsv(csv: string, firstLine: number): ResponseImportResult {
  const offset = firstLine - 1;
  const rows: ImportedResponseRow[] = [];
  const rejected: RejectedResponseRow[] = [];
  let columns: Column[] | string | undefined;
  let dataRows = 0;
  let previousEnd = 0;
  let previousEmpty = 0;
  // Each record is handled as the parser reads it and never kept: 100,000 rows of cells held at once cost more in GC than the parsing.
  const onRecord = (record: string[], info: { lines: number; empty_lines: number }) => {
    // info.lines is where the record ends; a quoted multi-line cell starts it earlier, skipped blank lines push it later.
    const line = previousEnd + (info.empty_lines - previousEmpty) + 1 + offset;
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (columns === undefined) columns = planColumns(record);
    // A row of empty cells (a spreadsheet's trailing ",,,") is skipped like a blank line.
    else if (typeof columns !== 'string' && !record.every((cell) => cell === '') && ++dataRows <= RESPONSE_IMPORT_MAX_ROWS) {
      const outcome = buildResponse(columns, record);
      if (typeof outcome === 'string') rejected.push({ line, reason: outcome });
      else rows.push({ line, data: outcome });
    }
    return null;
  };
  try {
    // One line-ending convention: csv-parse takes the first row's and would merge rows using another.
    parse(csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      on_record: onRecord,
    });
  } catch (err) {
    const at = typeof (err as { lines?: unknown }).lines === 'number' ? ` near line ${(err as { lines: number }).lines + offset}` : '';
    const what = (err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed (a " is missing)' : (err as Error).message;
    throw csvError(`The file is not valid CSV${at}: ${what}.`, 'Not valid CSV');
  }
  if (columns === undefined) throw csvError('The file is empty: it needs a header row and at least one response.', 'Empty');
  if (typeof columns === 'string') throw csvError(columns, 'The header row names no known column, or a header is too long');
  if (dataRows === 0) throw csvError('The file has a header row but no responses below it.', 'Empty: no rows after the header');
  if (dataRows > RESPONSE_IMPORT_MAX_ROWS)
    throw csvError(
      `At most ${RESPONSE_IMPORT_MAX_ROWS.toLocaleString('en')} responses at once (this file has ${dataRows.toLocaleString('en')}); split the file.`,
      'Too many rows',
    );
  return { rows, rejected };
}

/** The columns in order, or why this header cannot be read. */
function planColumns(headers: string[]): Column[] | string {
  const taken = new Set<ResponseField>();
  const answerKeys = new Set<string>();
  const answerKey = (header: string, index: number) => {
    const base = header || `Column ${index + 1}`;
    let key = base;
    for (let n = 2; answerKeys.has(key); n++) key = `${base} (${n})`;
    answerKeys.add(key);
    return key;
  };
  const columns = headers.map((raw, i): Column => {
    const header = raw.trim();
    const field = fieldForHeader(header);
    // A second column for a single-valued field ("City" then "Country") is kept among the other answers, not dropped, not merged.
    if (field && (LIST_FIELDS.has(field) || !taken.has(field))) {
      taken.add(field);
      return { header, field };
    }
    return { header, answerKey: answerKey(header, i) };
  });
  if (!columns.some((c) => c.field)) {
    const named = headers
      .slice(0, 6)
      .map((h) => `"${h.trim().slice(0, 40)}"`)
      .join(', ');
    return `None of the columns is a known field (${named}${headers.length > 6 ? ', …' : ''}): the first row must name the columns, at least one of ${KNOWN_HEADERS}.`;
  }
  const tooLong = columns.find((c) => c.answerKey && c.answerKey.length > ANSWER_KEY_MAX);
  if (tooLong)
    return `The header "${tooLong.header.slice(0, 60)}…" is ${tooLong.header.length} characters long; a column that is not one of the known fields may have a header of at most ${ANSWER_KEY_MAX}: shorten it.`;
  return columns;
}

type Draft = { respondent?: Record<string, unknown>; answers?: Record<string, unknown>; [field: string]: unknown };

/** One row (CSV cells, or a flat JSON object's values) as a response; a string says why it was refused. */
function buildResponse(columns: Column[], cells: unknown[]): SurveyResponseInput | string {
  const draft: Draft = {};
  const problems: string[] = [];
  const columnOf = new Map<string, string>();
  for (let i = 0; i < columns.length; i++) {
    const { header, field, answerKey } = columns[i]!;
    const cell = cells[i];
    if (answerKey !== undefined) {
      const value = readOtherAnswer(cell, answerKey);
      if (value instanceof CellError) problems.push(value.message);
      else if (value !== undefined) (draft.answers ??= {})[answerKey] = value;
      continue;
    }
    const value = readField(field!, cell);
    if (value instanceof CellError) {
      problems.push(inColumn(value.message, field!, header));
      continue;
    }
    if (value === undefined) continue;
    columnOf.set(field!, header);
    if (LIST_FIELDS.has(field!)) (draft[field!] as string[] | undefined) = [...((draft[field!] as string[] | undefined) ?? []), ...(value as string[])];
    else if (field === 'email' || field === 'name' || field === 'consent') ((draft.respondent ??= {}) as Record<string, unknown>)[field] = value;
    else draft[field!] = value;
  }
  const { firstName, lastName, ...candidate } = draft;
  if (!candidate.respondent?.name && (firstName || lastName)) (candidate.respondent ??= {}).name = [firstName, lastName].filter(Boolean).join(' ');
  const parsed = SurveyResponseInputSchema.safeParse(candidate);
  if (parsed.success && !problems.length) return parsed.data;
  // Every problem of the row at once (unreadable cells, then the schema's), so one fix makes it importable.
  if (!parsed.success)
    problems.push(
      describeIssues(parsed.error.issues, (path) => {
        const top = path[0] === 'respondent' ? String(path[1]) : String(path[0]);
        return top === 'answers' ? undefined : columnOf.get(top === 'name' && !columnOf.has('name') ? 'firstName' : top);
      }),
    );
  return problems.join('; ');
}

function readField(field: ResponseField, cell: unknown): CellValue<unknown> {
  switch (field) {
    case 'consent':
      return readConsent(cell);
    case 'age':
      return readNumber(cell, 'age', 'a whole number of years');
    case 'goals':
    case 'frustrations':
      return readList(cell, field);
    case 'submittedAt':
      return readSubmittedAt(cell);
    case 'satisfaction':
    case 'nps':
    case 'trust':
    case 'effort':
      return readNumber(cell, field, RANGE(field));
    default:
      return readText(cell, field);
  }
}

/** "nps must be from 0 to 10 (column "How likely are you to recommend us?")": the column only when its header is not the field's own name. */
function inColumn(message: string, field: string, header: string | undefined): string {
  return header && headerKey(header) !== headerKey(field) ? `${message} (column "${header.slice(0, 60)}")` : message;
}

/** "nps must be…", "The location: …", "Each of goals: …" already say which field they are about. */
const namesField = (message: string, field: string) =>
  message
    .toLowerCase()
    .replace(/^(the |each of )/, '')
    .startsWith(field.toLowerCase());

function describeIssues(issues: ZodIssue[], headerOf: (path: Array<string | number>) => string | undefined): string {
  const messages = issues.map((issue) => {
    const field = issue.path.filter((p) => typeof p === 'string').pop() ?? '';
    let message = issueMessage(issue);
    if (field && !namesField(message, field)) message = `${field}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    if (issue.path[0] === 'answers' && issue.path.length === 1) message = `${message} (the other answers are the columns that match no field)`;
    return inColumn(message, field, headerOf(issue.path));
  });
  return [...new Set(messages)].join('; ');
}

function parseJson(items: unknown[]): ResponseImportResult {
  if (items.length > RESPONSE_IMPORT_MAX_ROWS) throw new AppError('invalid', `At most ${RESPONSE_IMPORT_MAX_ROWS.toLocaleString('en')} responses at once.`);
  const rows: ImportedResponseRow[] = [];
  const rejected: RejectedResponseRow[] = [];
  // Flat rows usually share their keys: plan the columns once per key set, not once per row.
  const plans = new Map<string, Column[] | string>();
  items.forEach((item, index) => {
    const line = index + 1;
    const outcome = jsonRow(item, plans);
    if (typeof outcome === 'string') rejected.push({ line, reason: outcome });
    else rows.push({ line, data: outcome });
  });
  return { rows, rejected };
}

function jsonRow(item: unknown, plans: Map<string, Column[] | string>): SurveyResponseInput | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return 'Each row must be an object of answers, e.g. {"email": "dana@example.com", "nps": 9}';
  const record = item as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.every((k) => record[k] === undefined || record[k] === null || record[k] === '')) return 'The row is empty: it has no answers';
  // The API's own shape ({respondent: {...}, submittedAt, answers: {...}}) is checked as the API checks it.
  const apiShaped = keys.every((k) => API_KEYS.has(k));
  const nested = isObject(record.respondent) || isObject(record.answers);
  if (apiShaped) {
    const parsed = SurveyResponseInputSchema.safeParse(record);
    if (parsed.success) return parsed.data;
    if (nested) return describeIssues(parsed.error.issues, () => undefined);
  }
  if (nested) return 'A row is either in the API\'s shape (respondent, age, …, submittedAt, answers) or flat ({"email": …, "nps": …}), not a mix of both';
  const planKey = keys.join('\u0000');
  let plan = plans.get(planKey);
  if (plan === undefined) {
    plan = planColumns(keys);
    if (typeof plan === 'string')
      plan = plan.replace('None of the columns', "None of this row's keys").replace('the first row must name the columns, at least', 'use at least');
    plans.set(planKey, plan);
  }
  if (typeof plan === 'string') return plan;
  return buildResponse(
    plan,
    keys.map((k) => record[k]),
  );
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
