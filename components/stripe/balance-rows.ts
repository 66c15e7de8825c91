type Funds = readonly { currency: string; amount: number }[];

export type BalanceRow = { currency: string; available: number; pending: number };

/**
 * A balance as one row per currency, available beside pending: Stripe lists
 * the two separately, and a currency may appear in only one of them. In the
 * order Stripe gives them (available first).
 */
export function balanceRows(balance: { available: Funds; pending: Funds }): BalanceRow[] {
  const rows = new Map<string, BalanceRow>();
  const row = (currency: string) => rows.get(currency) ?? rows.set(currency, { currency, available: 0, pending: 0 }).get(currency)!;
  for (const { currency, amount } of balance.available) row(currency).available += amount;
  for (const { currency, amount } of balance.pending) row(currency).pending += amount;
  return [...rows.values()];
}
