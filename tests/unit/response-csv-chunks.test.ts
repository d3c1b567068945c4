import { describe, expect, test } from 'vitest';
import { parseResponseImport } from '../../server/formats/response-import.js';
import { splitCsv } from '../../ui/src/features/responses/csv-chunks.js';

/** What the server makes of the chunks, one request each, put together. */
function importInChunks(csv: string, rowsPerChunk: number) {
  const { chunks } = splitCsv(csv, rowsPerChunk);
  const results = chunks.map((c) => parseResponseImport({ csv: c.csv, firstLine: c.firstLine }));
  return { rows: results.flatMap((r) => r.rows), rejected: results.flatMap((r) => r.rejected) };
}

describe('splitCsv', () => {
  test('chunks of N data rows, the header repeated in each, firstLine numbering them as lines of the whole file', () => {
    const csv = ['email,nps', ...Array.from({ length: 7 }, (_, i) => `p${i}@x.example,${i}`)].join('\n');
    const { chunks, rows } = splitCsv(csv, 3);
    expect(rows).toBe(7);
    expect(chunks).toEqual([
      { csv: 'email,nps\np0@x.example,0\np1@x.example,1\np2@x.example,2\n', firstLine: 1, rows: 3 },
      { csv: 'email,nps\np3@x.example,3\np4@x.example,4\np5@x.example,5\n', firstLine: 4, rows: 3 },
      { csv: 'email,nps\np6@x.example,6\n', firstLine: 7, rows: 1 },
    ]);
  });

  test('quoted cells with line breaks, escaped quotes and commas stay whole, and every row keeps its line of the whole file', () => {
    const csv = [
      '\uFEFFemail,"Pain points",nps',
      'a@x.example,"Slow tools',
      'Bad ""docs"", really",1',
      '',
      'b@x.example,Meetings,99',
      ',,',
      'c@x.example,"one',
      '',
      'two",3',
      'd@x.example,5" screen,4',
      'e@x.example,,x',
      'f@x.example,"last\r\nwith CRLF",6',
    ].join('\r\n');
    const whole = parseResponseImport({ csv });
    for (const size of [1, 2, 3, 100]) {
      const chunked = importInChunks(csv, size);
      expect(chunked).toEqual(whole);
    }
    expect(whole.rows.map((r) => r.line)).toEqual([2, 7, 10, 12]);
    expect(whole.rows[0]!.data.frustrations).toEqual(['Slow tools', 'Bad "docs", really']);
    expect(whole.rows[1]!.data.frustrations).toEqual(['one', 'two']);
    expect(whole.rows[2]!.data.frustrations).toEqual(['5" screen']);
    expect(whole.rejected.map((r) => r.line)).toEqual([5, 11]);
    expect(splitCsv(csv, 2).rows).toBe(6);
  });

  test('a header whose cell holds a line break still numbers the rows below it correctly', () => {
    const csv = 'email,"How likely are you\nto recommend us?"\na@x.example,9\nb@x.example,11\nc@x.example,10\n';
    const { chunks } = splitCsv(csv, 1);
    expect(chunks.map((c) => c.firstLine)).toEqual([1, 2, 3]);
    expect(importInChunks(csv, 1).rejected).toEqual([{ line: 4, reason: expect.stringMatching(/^nps must be from 0 to 10/) }]);
    expect(parseResponseImport({ csv }).rejected[0]!.line).toBe(4);
  });

  test('nothing to send: an empty text, blank lines, a header alone', () => {
    expect(splitCsv('')).toEqual({ chunks: [], rows: 0 });
    expect(splitCsv('\n\n  \n')).toEqual({ chunks: [], rows: 0 });
    expect(splitCsv('email,nps\n\n')).toEqual({ chunks: [], rows: 0 });
  });

  test('100,000 rows split into 20 chunks of 5,000 by default', () => {
    const csv = ['email,nps', ...Array.from({ length: 100_000 }, (_, i) => `p${i}@x.example,"${i % 11}"`)].join('\n');
    const { chunks, rows } = splitCsv(csv);
    expect(rows).toBe(100_000);
    expect(chunks).toHaveLength(20);
    expect(chunks.map((c) => c.firstLine).slice(0, 3)).toEqual([1, 5001, 10001]);
    expect(chunks.every((c) => c.rows === 5000)).toBe(true);
  });
});
