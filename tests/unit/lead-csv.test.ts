import { describe, expect, test } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { LEAD_URL_REQUIRED } from '../../schemas/lead.js';
import { parseLeadCsv } from '../../server/formats/lead-csv.js';

describe('parseLeadCsv', () => {
  test('header aliases in any order and any case, a BOM, quoted commas', () => {
    const csv =
      '\uFEFFEmail, Full Name ,Job Title,LinkedIn,Website-URL,Notes\n' +
      '"Dana@Nordlys.example","Ruiz, Dana",Head of Ops,https://www.linkedin.com/in/dana,https://nordlys.example,"Fewer delays, fewer spreadsheets"\n';
    const { rows, rejected } = parseLeadCsv(csv);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        input: {
          name: 'Ruiz, Dana',
          position: 'Head of Ops',
          requirement: 'Fewer delays, fewer spreadsheets',
          linkedinUrl: 'https://www.linkedin.com/in/dana',
          websiteUrl: 'https://nordlys.example',
          email: 'dana@nordlys.example',
          linkedinText: '',
        },
      },
    ]);
  });

  test('the source columns: name, position, requirement, linkedin_url, website_url, email', () => {
    const { rows } = parseLeadCsv(
      'position,NAME,website_url,requirement,linkedin_url,email\nCTO,Lee Chen,,Fewer tools,https://www.linkedin.com/in/lee,lee@chen.example\n',
    );
    expect(rows[0]!.input).toEqual({
      name: 'Lee Chen',
      position: 'CTO',
      requirement: 'Fewer tools',
      linkedinUrl: 'https://www.linkedin.com/in/lee',
      websiteUrl: '',
      email: 'lee@chen.example',
      linkedinText: '',
    });
  });

  test('pasted LinkedIn text is a column too (linkedin_text, or an alias), kept whole with its line breaks, 20,000 characters at most', () => {
    const profile = 'Head of Ops at Nordlys.\nPreviously logistics lead at a 3PL; "fewer spreadsheets" is my motto.';
    const long = 'x'.repeat(20_001);
    const { rows, rejected } = parseLeadCsv(
      `name,linkedin_url,Pasted LinkedIn Text\nDana,https://www.linkedin.com/in/dana,"${profile.replace(/"/g, '""')}"\nLee,https://www.linkedin.com/in/lee,${long}\n`,
    );
    expect(rows.map((r) => r.input.linkedinText)).toEqual([profile]);
    expect(rejected).toEqual([{ row: 4, name: 'Lee', email: '', reason: 'LinkedIn text: At most 20,000 characters' }]);
    expect(parseLeadCsv('name,website,linkedin_text\nAl,https://al.example,Founder of Al & Co.\n').rows[0]!.input.linkedinText).toBe('Founder of Al & Co.');
  });

  test('a row with an invalid email is rejected with its line number and the reason; the others are kept', () => {
    const csv = ['name,website,email', 'Ann,https://a.example,ann@a.example', 'Bob,https://b.example,not-an-email', 'Cy,https://c.example,cy@c.example'].join(
      '\n',
    );
    const { rows, rejected } = parseLeadCsv(csv);
    expect(rows.map((r) => [r.row, r.input.name])).toEqual([
      [2, 'Ann'],
      [4, 'Cy'],
    ]);
    expect(rejected).toEqual([{ row: 3, name: 'Bob', email: 'not-an-email', reason: expect.stringMatching(/^email: not a valid email address$/i) }]);
  });

  test('line numbers count blank lines (they are skipped, not numbered away)', () => {
    const { rows } = parseLeadCsv('name,website\n\nAnn,https://a.example\n\nBob,https://b.example\n');
    expect(rows.map((r) => r.row)).toEqual([3, 5]);
  });

  test('mixed line endings (a CRLF header, LF rows, or the reverse): every row is read, and numbered by its line', () => {
    const crlfHeader = parseLeadCsv('name,website\r\nAnn,https://a.example\nBob,https://b.example\nCy,https://c.example\r\n');
    expect(crlfHeader.rejected).toEqual([]);
    expect(crlfHeader.rows.map((r) => [r.row, r.input.name, r.input.websiteUrl])).toEqual([
      [2, 'Ann', 'https://a.example'],
      [3, 'Bob', 'https://b.example'],
      [4, 'Cy', 'https://c.example'],
    ]);
    const lfHeader = parseLeadCsv('name,website\nAnn,https://a.example\r\nBob,not a url\r\nCy,https://c.example\r\n');
    expect(lfHeader.rows.map((r) => [r.row, r.input.name])).toEqual([
      [2, 'Ann'],
      [4, 'Cy'],
    ]);
    expect(lfHeader.rejected.map((r) => [r.row, r.name])).toEqual([[3, 'Bob']]);
  });

  test('the same email twice in one file: the second is rejected, naming the first line (case-insensitive)', () => {
    const { rows, rejected } = parseLeadCsv('name,website,email\nAnn,https://a.example,ann@a.example\nAnnie,https://a.example,ANN@a.example\n');
    expect(rows).toHaveLength(1);
    expect(rejected).toEqual([{ row: 3, name: 'Annie', email: 'ann@a.example', reason: 'Duplicate email: already on line 2 of this file' }]);
  });

  test('leads without an email are fine (and never duplicates of each other)', () => {
    const { rows, rejected } = parseLeadCsv('name,linkedin_url\nAnn,https://www.linkedin.com/in/ann\nBob,https://www.linkedin.com/in/bob\n');
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.input.email)).toEqual(['', '']);
  });

  test('neither a LinkedIn nor a website URL → the source rule, word for word', () => {
    const { rows, rejected } = parseLeadCsv('name,linkedin_url,website_url,email\nZed,,,zed@z.example\n');
    expect(rows).toEqual([]);
    expect(rejected).toEqual([{ row: 2, name: 'Zed', email: 'zed@z.example', reason: LEAD_URL_REQUIRED }]);
    expect(LEAD_URL_REQUIRED).toBe('Either a LinkedIn URL or a website URL is required');
  });

  test('a bad URL and a missing name name their field', () => {
    const { rejected } = parseLeadCsv('name,website\n,https://a.example\nBob,not a url\n');
    expect(rejected.map((r) => [r.row, r.reason])).toEqual([
      [2, expect.stringMatching(/^name: give the lead a name$/i)],
      [3, expect.stringMatching(/^website ?url: not a valid URL, e\.g\. https:\/\/example\.com$/i)],
    ]);
  });

  test('no name column in the header → an invalid AppError that says what the header needs', () => {
    const attempt = () => parseLeadCsv('email,website\nann@a.example,https://a.example\n');
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (err) {
      expect(err).toMatchObject({
        code: 'invalid',
        message: expect.stringMatching(/must name the columns, including "name"/),
        details: { fields: [{ path: 'csv' }] },
      });
    }
  });

  test('an empty file (only blank lines, or a header row alone) → an invalid AppError that says it is empty', () => {
    for (const csv of ['', '\n\n', '\uFEFF', 'name,website\n', '\uFEFFName,Email\r\n\r\n', 'name']) {
      expect(() => parseLeadCsv(csv)).toThrow(/empty/);
      try {
        parseLeadCsv(csv);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('invalid');
      }
    }
    expect(() => parseLeadCsv('name,website\n')).toThrow(/header row but no leads/);
    // A header without a name column still says what the header needs.
    expect(() => parseLeadCsv('email\n')).toThrow(/must name the columns/);
  });

  test('broken CSV (an unclosed quote) is an invalid AppError, not a crash', () => {
    expect(() => parseLeadCsv('name,website\n"Ann,https://a.example\n')).toThrow(/not valid CSV/);
  });
});
