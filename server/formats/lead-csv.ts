import { parse } from 'csv-parse/sync';
import { CSV_MAX_ROWS, LEAD_URL_REQUIRED, LeadInputWithSourceSchema, type LeadInput, type RejectedRow } from '../../schemas/lead.js';
import { AppError } from '../../lib/errors.js';

// A lead CSV: a header row naming the columns (any order, any case, common aliases), then one
// lead per row. Each row is checked on its own; bad rows are returned with their line number.

const ALIASES: Record<string, keyof LeadInput> = {
  name: 'name',
  full_name: 'name',
  fullname: 'name',
  position: 'position',
  title: 'position',
  job_title: 'position',
  role: 'position',
  requirement: 'requirement',
  requirements: 'requirement',
  need: 'requirement',
  notes: 'requirement',
  linkedin: 'linkedinUrl',
  linkedin_url: 'linkedinUrl',
  linkedinurl: 'linkedinUrl',
  founder_linkedin: 'linkedinUrl',
  website: 'websiteUrl',
  website_url: 'websiteUrl',
  websiteurl: 'websiteUrl',
  url: 'websiteUrl',
  email: 'email',
  email_address: 'email',
  e_mail: 'email',
  linkedin_text: 'linkedinText',
  linkedintext: 'linkedinText',
  pasted_linkedin_text: 'linkedinText',
  linkedin_profile: 'linkedinText',
  linkedin_profile_text: 'linkedinText',
};

const LABELS: Record<string, string> = {
  name: 'Name',
  position: 'Position',
  requirement: 'Requirement',
  linkedinUrl: 'LinkedIn URL',
  websiteUrl: 'Website URL',
  email: 'Email',
  linkedinText: 'LinkedIn text',
};

const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function parseLeadCsv(csv: string): { rows: Array<{ row: number; input: LeadInput }>; rejected: RejectedRow[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // One line-ending convention: csv-parse takes the first row's and would merge rows using another.
    records = parse(csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw new AppError('invalid', `The file is not valid CSV: ${(err as Error).message}`, { fields: [{ path: 'csv', message: 'Not valid CSV' }] });
  }
  if (records.length === 0)
    throw new AppError('invalid', 'The file is empty: it needs a header row and at least one lead.', { fields: [{ path: 'csv', message: 'Empty' }] });
  const header = records[0]!.record.map((h) => ALIASES[headerKey(h)]);
  if (!header.includes('name')) {
    throw new AppError(
      'invalid',
      'The first row must name the columns, including "name" (also: position, requirement, linkedin_url, website_url, email, linkedin_text).',
      {
        fields: [{ path: 'csv', message: 'No "name" column in the header row' }],
      },
    );
  }
  // A header alone is an empty file too: importing "nothing" with a 200 reads as success.
  if (records.length === 1) {
    throw new AppError('invalid', 'The file is empty: it has a header row but no leads below it.', {
      fields: [{ path: 'csv', message: 'Empty: no rows after the header' }],
    });
  }
  if (records.length - 1 > CSV_MAX_ROWS)
    throw new AppError('invalid', `At most ${CSV_MAX_ROWS} leads per file; split it.`, { fields: [{ path: 'csv', message: 'Too many rows' }] });

  const rows: Array<{ row: number; input: LeadInput }> = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const raw: Record<string, string> = {};
    header.forEach((key, i) => {
      if (key && record[i] !== undefined && raw[key] === undefined) raw[key] = record[i]!;
    });
    const row = info.lines;
    const parsed = LeadInputWithSourceSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const label = LABELS[field];
      const reason = issue.message === LEAD_URL_REQUIRED || !label ? issue.message : `${label}: ${issue.message.replace(/^Not a valid /, 'not a valid ')}`;
      rejected.push({ row, name: raw.name ?? '', email: raw.email ?? '', reason });
      continue;
    }
    const email = parsed.data.email;
    if (email && seen.has(email)) {
      rejected.push({ row, name: parsed.data.name, email, reason: `Duplicate email: already on line ${seen.get(email)} of this file` });
      continue;
    }
    if (email) seen.set(email, row);
    rows.push({ row, input: parsed.data });
  }
  return { rows, rejected };
}
