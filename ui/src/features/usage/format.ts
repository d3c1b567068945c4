const integer = new Intl.NumberFormat('en-US');
const dollarsSmall = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumSignificantDigits: 2, maximumSignificantDigits: 4 });
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatCount = (n: number) => integer.format(Math.round(n));

/** US$ estimate: "—" without a price, $0.00 for nothing, 2–4 significant digits below a dollar ($0.0012, $0.50), cents above ($1.25). */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0.00';
  if (usd < 0.000001) return '< $0.000001';
  return usd < 1 ? dollarsSmall.format(usd) : dollars.format(usd);
}

/** A price per million tokens: $0.30, $2.50, $10.00, $0.075. */
export function formatPrice(usd: number): string {
  return Math.round(usd * 100) === usd * 100 ? dollars.format(usd) : dollarsSmall.format(usd);
}
