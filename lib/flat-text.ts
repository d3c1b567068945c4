/** Every string and number in a value, as one text to look quotes up in (evidence checks). */
export function flatText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object')
    return Object.values(value as object)
      .map(flatText)
      .join(' \n ');
  return '';
}
