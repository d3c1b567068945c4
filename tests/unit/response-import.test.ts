import { describe, expect, test } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { parseResponseImport } from '../../server/formats/response-import.js';

const csv = (...lines: string[]) => ({ csv: lines.join('\n') });

function invalid(attempt: () => unknown): AppError {
  try {
    attempt();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid');
    return err as AppError;
  }
  throw new Error('expected an invalid AppError');
}

describe('parseResponseImport: CSV columns', () => {
  test('Google Forms headers (whole questions, Timestamp, a BOM and CRLF) map to the fields', () => {
    const { rows, rejected } = parseResponseImport({
      csv:
        '\uFEFFTimestamp,Email Address,What is your job title?,How old are you?,Where do you live?,What is your gender?,' +
        'How likely are you to recommend us to a friend or colleague?,How satisfied are you with us?,May we contact you about your answers?\r\n' +
        '11/30/2026 9:05:03,Dana@Example.com,Head of Ops,34,Lisbon,Female,9,4,Yes\r\n',
    });
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        data: {
          respondent: { email: 'dana@example.com', consent: true },
          age: 34,
          location: 'Lisbon',
          occupation: 'Head of Ops',
          gender: 'Female',
          goals: [],
          frustrations: [],
          satisfaction: 4,
          nps: 9,
          submittedAt: '2026-11-30T09:05:03.000Z',
        },
      },
    ]);
  });

  test('short labels of Typeform, SurveyMonkey and CRM exports, in any case, spacing and punctuation', () => {
    const { rows, rejected } = parseResponseImport(
      csv(
        'E-MAIL, full_name ,Opt-in,Job Title,Sex,Pain Points,Goal,CSAT,Likelihood to Recommend,Trust,CES,Submit Date (UTC),Country',
        'lee@chen.example,Lee Chen,0,CTO,male,Too many tools,Fewer tools,5,10,4,2,2026-11-30 14:05:00,Norway',
      ),
    );
    expect(rejected).toEqual([]);
    expect(rows[0]!.data).toEqual({
      respondent: { email: 'lee@chen.example', name: 'Lee Chen', consent: false },
      location: 'Norway',
      occupation: 'CTO',
      gender: 'male',
      goals: ['Fewer tools'],
      frustrations: ['Too many tools'],
      satisfaction: 5,
      nps: 10,
      trust: 4,
      effort: 2,
      submittedAt: '2026-11-30T14:05:00.000Z',
    });
  });

  test('the API field names work as headers too (respondent.email, submittedAt)', () => {
    const { rows } = parseResponseImport(
      csv('respondent.email,respondent.name,respondent.consent,submittedAt,effort', 'a@b.example,Ann,true,2026-11-30T10:00:00+02:00,7'),
    );
    expect(rows[0]!.data).toMatchObject({
      respondent: { email: 'a@b.example', name: 'Ann', consent: true },
      submittedAt: '2026-11-30T08:00:00.000Z',
      effort: 7,
    });
  });

  test('columns that match no field are kept as other answers under their header as written; empty cells are left out', () => {
    const { rows } = parseResponseImport(
      csv('email,Which feature do you use most?,Anything else?', 'a@b.example,"Reports, mostly",', 'c@d.example,,Faster exports please'),
    );
    expect(rows.map((r) => r.data.answers)).toEqual([{ 'Which feature do you use most?': 'Reports, mostly' }, { 'Anything else?': 'Faster exports please' }]);
  });

  test('first name + last name make the name; a name column wins over them', () => {
    const split = parseResponseImport(csv('First Name,Last Name,age', 'Dana,Ruiz,30', ',Ruiz,31'));
    expect(split.rows.map((r) => r.data.respondent?.name)).toEqual(['Dana Ruiz', 'Ruiz']);
    const both = parseResponseImport(csv('First Name,Name', 'Dana,"Ruiz, Dana"'));
    expect(both.rows[0]!.data.respondent?.name).toBe('Ruiz, Dana');
  });

  test('duplicate headers: a second column for a one-value field and repeated other-answer headers stay apart in the answers; list columns add up', () => {
    const { rows, rejected } = parseResponseImport(
      csv(
        'City,Country,email,Email,Note,Note,Goal 1,Goal 2,Goals',
        'Oslo,Norway,a@b.example,other@b.example,first,second,Grow revenue,Hire well,Sleep more; Travel',
      ),
    );
    expect(rejected).toEqual([]);
    expect(rows[0]!.data).toMatchObject({
      location: 'Oslo',
      respondent: { email: 'a@b.example' },
      goals: ['Grow revenue', 'Hire well', 'Sleep more', 'Travel'],
      answers: { Country: 'Norway', Email: 'other@b.example', Note: 'first', 'Note (2)': 'second' },
    });
  });

  test('a header with no known column at all → an invalid AppError naming the columns and what a header needs', () => {
    const err = invalid(() => parseResponseImport(csv('Fruit,Colour', 'Apple,Red')));
    expect(err.message).toMatch(/None of the columns is a known field \("Fruit", "Colour"\)/);
    expect(err.message).toMatch(/email, name, consent, age/);
    expect(err.details).toEqual({ fields: [{ path: 'csv', message: expect.any(String) }] });
  });

  test('an empty file, a header alone, broken quoting, and an other-answer header longer than the schema allows → invalid AppErrors', () => {
    expect(invalid(() => parseResponseImport({ csv: '\n\n' })).message).toMatch(/empty/);
    expect(invalid(() => parseResponseImport({ csv: 'email,age\n' })).message).toMatch(/header row but no responses/);
    expect(invalid(() => parseResponseImport({ csv: 'email,age\n,,\n' })).message).toMatch(/header row but no responses/);
    expect(invalid(() => parseResponseImport({ csv: 'email,age\n"a@b.example,30\n', firstLine: 101 })).message).toMatch(
      /not valid CSV near line 10\d: a quoted cell is never closed/,
    );
    expect(invalid(() => parseResponseImport(csv(`email,${'Q'.repeat(120)}`, 'a@b.example,x'))).message).toMatch(/120 characters long.*at most 100/);
  });
});

describe('parseResponseImport: cells', () => {
  test('list answers split on ";", "|" and new lines, never on commas; each item kept whole and trimmed', () => {
    const { rows } = parseResponseImport(
      csv('goals,frustrations', '"Ship faster, with less noise ; Hire two engineers, maybe three","Slow tools | Docs that are, frankly, wrong\nMeetings"'),
    );
    expect(rows[0]!.data.goals).toEqual(['Ship faster, with less noise', 'Hire two engineers, maybe three']);
    expect(rows[0]!.data.frustrations).toEqual(['Slow tools', 'Docs that are, frankly, wrong', 'Meetings']);
  });

  test('consent: yes/no, true/false, 1/0, y/n in any case; empty means not given (false); anything else is refused', () => {
    const values = ['Yes', 'no', 'TRUE', 'false', '1', '0', 'y', 'N', ''];
    const { rows, rejected } = parseResponseImport(csv('email,consent', ...values.map((v, i) => `p${i}@x.example,${v}`), 'q@x.example,maybe'));
    expect(rows.map((r) => r.data.respondent?.consent)).toEqual([true, false, true, false, true, false, true, false, false]);
    expect(rejected).toEqual([{ line: 11, reason: 'consent must be yes or no (also true/false, 1/0, y/n), not "maybe"' }]);
  });

  test('numbers are read strictly: "4" is 4; "4.5" for a whole-number field, "four" and "4 stars" are refused with the range', () => {
    const { rows, rejected } = parseResponseImport(csv('satisfaction,age,nps', '4,30,', '4.5,,', 'four,,', '4 stars,,', ',31.5,', ',,11'));
    expect(rows.map((r) => [r.line, r.data.satisfaction, r.data.age, r.data.nps])).toEqual([[2, 4, 30, undefined]]);
    expect(rejected).toEqual([
      { line: 3, reason: 'satisfaction must be a whole number from 1 to 5' },
      { line: 4, reason: 'satisfaction must be a whole number from 1 to 5, not "four"' },
      { line: 5, reason: 'satisfaction must be a whole number from 1 to 5, not "4 stars"' },
      { line: 6, reason: 'age must be a whole number of years' },
      { line: 7, reason: 'nps must be from 0 to 10' },
    ]);
  });

  test('dates: ISO with or without time or offset, "YYYY-MM-DD HH:MM[:SS]" as UTC, Google Forms and SurveyMonkey timestamps', () => {
    const dates = [
      '2026-11-30',
      '2026-11-30T14:05:00Z',
      '2026-11-30T14:05:00.250+01:00',
      '2026-11-30T14:05',
      '2026-11-30 14:05',
      '2026-11-30 14:05:09',
      '11/30/2026 14:05:09',
      '1/2/2026 9:05:00',
      '11/30/2026 2:05:09 PM',
      '11/30/2026 12:05:09 AM',
    ];
    const { rows, rejected } = parseResponseImport(csv('email,submitted at', ...dates.map((d, i) => `p${i}@x.example,${d}`)));
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.data.submittedAt)).toEqual([
      '2026-11-30T00:00:00.000Z',
      '2026-11-30T14:05:00.000Z',
      '2026-11-30T13:05:00.250Z',
      '2026-11-30T14:05:00.000Z',
      '2026-11-30T14:05:00.000Z',
      '2026-11-30T14:05:09.000Z',
      '2026-11-30T14:05:09.000Z',
      '2026-01-02T09:05:00.000Z',
      '2026-11-30T14:05:09.000Z',
      '2026-11-30T00:05:09.000Z',
    ]);
  });

  test('ambiguous, day-first, impossible and unreadable dates are refused, naming the column and what to write', () => {
    const bad = ['03/04/2026', '30/11/2026 14:05:03', '2026-02-30', '2026-11-30T25:00', 'yesterday'];
    const { rows, rejected } = parseResponseImport(csv('email,Timestamp', ...bad.map((d, i) => `p${i}@x.example,${d}`)));
    expect(rows).toEqual([]);
    expect(rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    for (const r of rejected) expect(r.reason).toMatch(/^submittedAt ".+" .*write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.*\(column "Timestamp"\)$/);
    expect(rejected[0]!.reason).toMatch(/ambiguous \(month\/day or day\/month\?\)/);
    expect(rejected[1]!.reason).toMatch(/reads as day\/month/);
    expect(rejected[2]!.reason).toMatch(/not a real date/);
  });
});

describe('parseResponseImport: rejected rows and line numbers', () => {
  test('bad rows are rejected with their line and every reason, naming the column when its header is not the field name; good rows are kept', () => {
    const { rows, rejected } = parseResponseImport(
      csv('Email Address,age,How likely are you to recommend us?,consent', 'a@b.example,30,9,yes', 'not-an-email,4.5,11,maybe', 'c@d.example,,7,no'),
    );
    expect(rows.map((r) => [r.line, r.data.respondent?.email])).toEqual([
      [2, 'a@b.example'],
      [4, 'c@d.example'],
    ]);
    expect(rejected).toEqual([
      {
        line: 3,
        reason:
          'consent must be yes or no (also true/false, 1/0, y/n), not "maybe"; email: not a valid email address (column "Email Address"); ' +
          'age must be a whole number of years; nps must be from 0 to 10 (column "How likely are you to recommend us?")',
      },
    ]);
  });

  test('firstLine: a chunk whose header is line 5001 of the whole file numbers its rows from 5002', () => {
    const chunk = csv('email,nps', 'a@b.example,9', 'b@b.example,12', 'c@b.example,3');
    expect(parseResponseImport(chunk).rejected).toEqual([{ line: 3, reason: 'nps must be from 0 to 10' }]);
    const { rows, rejected } = parseResponseImport({ ...chunk, firstLine: 5001 });
    expect(rows.map((r) => r.line)).toEqual([5002, 5004]);
    expect(rejected).toEqual([{ line: 5003, reason: 'nps must be from 0 to 10' }]);
  });

  test('quoted multi-line cells, blank lines and empty rows keep every later row on its own line number', () => {
    const { rows, rejected } = parseResponseImport(
      csv(
        'email,frustrations,nps',
        'a@b.example,"Slow tools',
        'Bad docs',
        'Meetings",9',
        '',
        'b@b.example,,99',
        ',,',
        'c@b.example,"one',
        'two",3',
        'd@b.example,,x',
      ),
    );
    expect(rows.map((r) => [r.line, r.data.respondent?.email, r.data.frustrations])).toEqual([
      [2, 'a@b.example', ['Slow tools', 'Bad docs', 'Meetings']],
      [8, 'c@b.example', ['one', 'two']],
    ]);
    expect(rejected.map((r) => r.line)).toEqual([6, 10]);
    const chunked = parseResponseImport({ ...csv('email,frustrations,nps', 'a@b.example,"x', 'y",9', 'b@b.example,,99'), firstLine: 41 });
    expect(chunked.rows[0]!.line).toBe(42);
    expect(chunked.rejected[0]!.line).toBe(44);
  });

  test('a too-long answer, and more other answers than a response may hold, are reasons, not crashes', () => {
    const many = Array.from({ length: 51 }, (_, i) => `Q${i}`);
    const { rejected } = parseResponseImport(
      csv(
        ['email', 'occupation', ...many].join(','),
        ['a@b.example', 'x'.repeat(161), ...many.map(() => '')].join(','),
        ['b@b.example', '', ...many.map(() => 'y')].join(','),
      ),
    );
    expect(rejected).toEqual([
      { line: 2, reason: 'The occupation: at most 160 characters' },
      { line: 3, reason: 'answers: at most 50 other answers (the other answers are the columns that match no field)' },
    ]);
  });
});

describe('parseResponseImport: JSON rows', () => {
  test("rows in the API's own shape are checked as the API checks them", () => {
    const { rows, rejected } = parseResponseImport({
      json: [
        {
          respondent: { email: 'Dana@Example.com', consent: true },
          goals: ['Ship, faster'],
          nps: 9,
          submittedAt: '2026-11-30T10:00:00Z',
          answers: { plan: 'Pro' },
        },
        { respondent: { email: 'nope' }, nps: 30 },
        { respondent: { email: 'a@b.example', phone: '1' } },
      ],
    });
    expect(rows).toEqual([
      {
        line: 1,
        data: {
          respondent: { email: 'dana@example.com', consent: true },
          goals: ['Ship, faster'],
          frustrations: [],
          nps: 9,
          submittedAt: '2026-11-30T10:00:00Z',
          answers: { plan: 'Pro' },
        },
      },
    ]);
    expect(rejected).toEqual([
      { line: 2, reason: 'email: not a valid email address; nps must be from 0 to 10' },
      { line: 3, reason: expect.stringMatching(/respondent has no field phone/) },
    ]);
  });

  test('flat rows use the CSV aliases: strings are read like cells, numbers, booleans and lists as they are', () => {
    const { rows, rejected } = parseResponseImport({
      json: [
        {
          'E-mail': 'a@b.example',
          'Opt in': true,
          Age: '34',
          'Pain points': 'Slow tools; Bad, bad docs',
          Goals: ['Grow', ' Hire '],
          NPS: 8,
          Timestamp: '11/30/2026 9:00:00',
          Plan: 'Pro',
          Seats: 12,
        },
        { email: 'b@b.example', age: '34' },
        { email: 'c@b.example', nps: 'ten' },
        { email: 'd@b.example', extra: { nested: true } },
      ],
    });
    expect(rows).toEqual([
      {
        line: 1,
        data: {
          respondent: { email: 'a@b.example', consent: true },
          age: 34,
          goals: ['Grow', 'Hire'],
          frustrations: ['Slow tools', 'Bad, bad docs'],
          nps: 8,
          submittedAt: '2026-11-30T09:00:00.000Z',
          answers: { Plan: 'Pro', Seats: 12 },
        },
      },
      { line: 2, data: { respondent: { email: 'b@b.example', consent: false }, age: 34, goals: [], frustrations: [] } },
    ]);
    expect(rejected).toEqual([
      { line: 3, reason: 'nps must be a whole number from 0 to 10, not "ten"' },
      { line: 4, reason: '"extra" must be text, a number, true/false or a list of texts, not "{"nested":true}"' },
    ]);
  });

  test('a row that is not an object, an empty one, or one with no known key is rejected on its own line', () => {
    const { rows, rejected } = parseResponseImport({ json: [{ nps: 5 }, 'nps,5', {}, { fruit: 'apple' }, null] });
    expect(rows.map((r) => r.line)).toEqual([1]);
    expect(rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/must be an object/) },
      { line: 3, reason: 'The row is empty: it has no answers' },
      { line: 4, reason: expect.stringMatching(/^None of this row's keys is a known field \("fruit"\): use at least one of email/) },
      { line: 5, reason: expect.stringMatching(/must be an object/) },
    ]);
  });
});
