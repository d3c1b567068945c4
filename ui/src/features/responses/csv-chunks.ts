// A big CSV sent as several requests: chunks of data rows, each with the header repeated, and
// each with `firstLine` (the line of the whole file its header stands for), so the server names
// rejected rows by their line in the file the person has open. Rows are cut only where a record
// ends: a quoted cell may hold line breaks. Quotes are read as the server reads them (csv-parse
// with relax_quotes): a quote opens a quoted cell only at the start of a cell.

export type CsvChunk = { csv: string; firstLine: number; rows: number };
export type CsvChunks = { chunks: CsvChunk[]; rows: number };

export const ROWS_PER_CHUNK = 5_000;

type Slice = { start: number; end: number; line: number; lines: number; blank: boolean };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const isSpace = (c: number) => c === 32 || c === 9;

/** The records of a CSV text: where each starts and ends, the line it starts on and how many lines it spans. */
function records(text: string): Slice[] {
  const out: Slice[] = [];
  let start = 0;
  let line = 1;
  let lines = 1;
  let quoted = false;
  let cellStart = true;
  let blank = true;
  const end = (at: number) => {
    out.push({ start, end: at, line, lines, blank });
    line += lines;
    lines = 1;
    cellStart = true;
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      } else if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) lines++;
      continue;
    }
    if (c === LF || c === CR) {
      end(i);
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      start = i + 1;
    } else if (c === COMMA) cellStart = true;
    else if (c === QUOTE && cellStart) {
      quoted = true;
      blank = false;
    } else if (!isSpace(c)) {
      cellStart = false;
      blank = false;
    }
  }
  if (start < text.length) end(text.length);
  return out;
}

/** The CSV cut into chunks of at most `rowsPerChunk` data rows (blank lines and rows of empty cells are carried along, not counted). */
export function splitCsv(text: string, rowsPerChunk = ROWS_PER_CHUNK): CsvChunks {
  const source = text.replace(/^\uFEFF/, '');
  const all = records(source);
  const headerIndex = all.findIndex((r) => !r.blank);
  if (headerIndex < 0) return { chunks: [], rows: 0 };
  const header = all[headerIndex]!;
  const headerText = source.slice(header.start, header.end);
  const data = all.slice(headerIndex + 1).filter((r) => !r.blank);
  const chunks: CsvChunk[] = [];
  for (let i = 0; i < data.length; i += rowsPerChunk) {
    const first = data[i]!;
    const last = data[Math.min(i + rowsPerChunk, data.length) - 1]!;
    chunks.push({
      csv: `${headerText}\n${source.slice(first.start, last.end)}\n`,
      // The chunk's first row sits right under its header, so the header stands for the line(s) just above that row in the file.
      firstLine: first.line - header.lines,
      rows: Math.min(rowsPerChunk, data.length - i),
    });
  }
  return { chunks, rows: data.length };
}
