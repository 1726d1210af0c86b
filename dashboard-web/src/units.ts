// The account currency and the firm's clock for the formatter, from GET /api/analytics/accounts (the terminals'
// hellos and the configured profile's day reset). Read again at most every few seconds: a terminal connecting
// later brings the currency.
import { get } from './api';
import { setUnits } from './format';

export interface AccountRow {
  /** terminal/account (one row per account); peer: the chart of the newest snapshot; charts: every chart seen */
  account?: string; charts?: string[];
  peer: string; currency: string; connected: boolean; ts_ms: number; balance: number; equity: number; margin: number;
  free_margin: number; margin_level_pct: number | null; floating: number; positions: number;
}

export interface Accounts {
  zone: string; reset_time: string; currency: string | null; currencies: Record<string, string>; accounts: AccountRow[];
}

const MAX_AGE_MS = 5_000;
let last: { at: number; body: Accounts } | null = null;

/** The newest answer (read again when older than a few seconds) after setting the formatter's units from it. */
export async function loadUnits(force = false): Promise<Accounts> {
  if (force || !last || Date.now() - last.at > MAX_AGE_MS) last = { at: Date.now(), body: await get<Accounts>('/api/analytics/accounts') };
  const a = last.body;
  setUnits({ currency: a.currency ?? '', zone: a.zone });
  return a;
}

/** Why money shows no currency code, or '' when it does. */
export function currencyNote(a: Accounts): string {
  if (a.currency) return '';
  const codes = [...new Set(Object.values(a.currencies).filter(Boolean))];
  if (codes.length > 1) return `accounts in different currencies (${codes.join(', ')}): each row names its own`;
  return 'account currency unknown: no terminal has connected since the sidecar started (the currency comes with its hello)';
}
