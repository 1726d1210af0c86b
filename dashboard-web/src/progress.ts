// The compliance page's progress bars from a governors' StateSnapshot, honest on fresh and losing accounts: a bar
// is green only when there is progress to show. Fresh (no closed profit, no trading day): neutral grey. Losing: the
// target bar is empty and says how far below the start the account is (not "112 % to go"); the consistency bar is
// amber, since no share of a loss can be measured and the target cannot be met from there.
import { count, money, pctValue, signedMoney, signedPct } from './format';
import type { RuleView } from './governors';

export type BarStatus = 'ok' | 'warning' | 'unknown';

export interface Bar {
  /** filled share 0..1 */
  fill: number;
  status: BarStatus;
  caption: string;
  /** which case the bar shows, for tests */
  state: 'fresh' | 'losing' | 'progress' | 'reached' | 'within' | 'over';
}

type Snap = Record<string, unknown>;
const f = (s: Snap, k: string): number | null => (typeof s[k] === 'number' && Number.isFinite(s[k] as number) ? (s[k] as number) : null);

/** No closed profit or loss and no trading day yet. */
export function fresh(s: Snap): boolean {
  return (f(s, 'countedProfit') ?? 0) === 0 && (f(s, 'tradingDays') ?? 0) === 0 && (f(s, 'bestDayProfit') ?? 0) === 0;
}

/**
 * The start balance the target counts from: balance minus the counted profit (exact unless news haircuts were taken,
 * which the governors subtract from the counted profit).
 */
export function startBalance(s: Snap): number | null {
  const b = f(s, 'balance'), p = f(s, 'countedProfit');
  return b === null || p === null ? null : b - p;
}

/** The profit-target bar; null when the profile has no target. */
export function targetBar(s: Snap): Bar | null {
  const target = f(s, 'profitTarget'), counted = f(s, 'countedProfit'), progress = f(s, 'targetProgressPct');
  if (target === null || target <= 0 || counted === null) return null;
  if (fresh(s)) return { fill: 0, status: 'unknown', state: 'fresh', caption: `no closed trade yet: ${money(0)} of ${money(target)}` };
  if (counted < 0) {
    const start = startBalance(s);
    const below = start && start > 0 ? (counted / start) * 100 : null;
    return {
      fill: 0, status: 'warning', state: 'losing',
      caption: `${below === null ? '' : `${signedPct(below)} below start · `}${signedMoney(counted)} counted; `
        + `${money(target - counted)} to make for the target of ${money(target)}`,
    };
  }
  const p = progress ?? (counted / target) * 100;
  const reached = p >= 100;
  return {
    fill: Math.min(1, p / 100), status: 'ok', state: reached ? 'reached' : 'progress',
    caption: `${pctValue(Math.min(100, p))} of ${money(target)} (counted ${money(counted)})${reached ? ': target reached' : `; ${money(target - counted)} to go`}`,
  };
}

/**
 * The consistency bar (best day at most X % of the total profit), from the snapshot and the `consistency` rule line
 * (its limit is X % of the total profit); null when the profile has no such rule.
 */
export function consistencyBar(s: Snap, rules: RuleView[]): Bar | null {
  const rule = rules.find((r) => r.id === 'consistency');
  if (!rule) return null;
  const best = f(s, 'bestDayProfit') ?? 0, total = f(s, 'countedProfit') ?? 0, needed = f(s, 'profitStillNeeded') ?? 0;
  const maxPct = total > 0 && rule.limit !== null ? (rule.limit / total) * 100 : null;
  const limitText = maxPct === null ? '' : ` (the firm allows ${pctValue(maxPct, 0)})`;
  if (fresh(s)) return { fill: 0, status: 'unknown', state: 'fresh', caption: 'no trading day yet: nothing to measure' };
  if (total <= 0)
    return {
      fill: 0, status: 'warning', state: 'losing',
      caption: `no total profit (${signedMoney(total)}): a best-day share cannot be measured; best day ${signedMoney(best)}`
        + (needed > 0 ? `; still needed ${money(needed)}` : ''),
    };
  const share = (Math.max(0, best) / total) * 100;
  const over = needed > 0;
  return {
    fill: Math.min(1, share / 100), status: over ? 'warning' : 'ok', state: over ? 'over' : 'within',
    caption: `best day ${money(best)} = ${pctValue(share)} of the total profit ${money(total)}${limitText}`
      + (over ? `; still needed ${money(needed)}` : ''),
  };
}

/** The trading-days bar. */
export function daysBar(s: Snap): Bar | null {
  const days = f(s, 'tradingDays'), min = f(s, 'minTradingDays');
  if (days === null || min === null || min <= 0) return null;
  return {
    fill: days / min, status: days >= min ? 'ok' : 'unknown', state: days === 0 ? 'fresh' : days >= min ? 'reached' : 'progress',
    caption: `${count(days, 'day')} of ${count(min, 'day')}`,
  };
}

/**
 * A rule's distance in % of its allowance as the rules table shows it. The profit target's distance passes 100 % on
 * a losing account (the governors measure it from the target): shown as 100 % plus how far below the start it is.
 * The consistency rule has no allowance to measure against (the governors write 0): a dash.
 */
export function distancePctText(r: RuleView, s: Snap): string {
  if (r.id === 'consistency') return '—';
  if (r.id === 'profit-target' && r.distancePct !== null && r.distancePct > 100) {
    const start = startBalance(s), counted = f(s, 'countedProfit');
    const below = start && start > 0 && counted !== null ? (counted / start) * 100 : null;
    return `100.0 %${below === null ? '' : ` (${signedPct(below)} below start)`}`;
  }
  return pctValue(r.distancePct);
}
