// RFC 4180: quote every field, double the quotes. A leading = + - @ is prefixed with ' so a
// spreadsheet does not run it as a formula.
export const csvField = (s: string) => `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
