import { beforeEach, describe, expect, it } from 'vitest';
import { setUnits } from '../src/format';
import type { RuleView } from '../src/governors';
import { consistencyBar, daysBar, distancePctText, targetBar } from '../src/progress';

const consistency = (limit: number | null): RuleView => ({ id: 'consistency', value: 0, limit, distance: 0, distancePct: 0, status: 'ok', note: '' });
const base = { balance: 100_000, countedProfit: 0, profitTarget: 8_000, targetProgressPct: 0, tradingDays: 0, minTradingDays: 4,
  bestDayProfit: 0, profitStillNeeded: 0 };

beforeEach(() => setUnits({ currency: 'USD', zone: 'UTC' }));

describe('profit-target bar', () => {
  it('is neutral on a fresh account', () => {
    const b = targetBar(base)!;
    expect([b.state, b.status, b.fill]).toEqual(['fresh', 'unknown', 0]);
    expect(b.caption).toBe('no closed trade yet: 0.00 USD of 8,000.00 USD');
  });
  it('is empty and says how far below the start a losing account is, never more than 100 % to go', () => {
    const b = targetBar({ ...base, balance: 98_800, countedProfit: -1_200, targetProgressPct: -15, tradingDays: 1 })!;
    expect([b.state, b.status, b.fill]).toEqual(['losing', 'warning', 0]);
    expect(b.caption).toBe('−1.20 % below start · −1,200.00 USD counted; 9,200.00 USD to make for the target of 8,000.00 USD');
  });
  it('fills with progress, clamped at the target', () => {
    expect(targetBar({ ...base, balance: 102_000, countedProfit: 2_000, targetProgressPct: 25, tradingDays: 2 })!.caption)
      .toBe('25.0 % of 8,000.00 USD (counted 2,000.00 USD); 6,000.00 USD to go');
    const done = targetBar({ ...base, balance: 109_000, countedProfit: 9_000, targetProgressPct: 112.5, tradingDays: 5 })!;
    expect([done.state, done.fill, done.caption]).toEqual(['reached', 1, '100.0 % of 8,000.00 USD (counted 9,000.00 USD): target reached']);
  });
  it('is absent without a target', () => {
    expect(targetBar({ ...base, profitTarget: 0 })).toBeNull();
  });
});

describe('consistency bar', () => {
  it('is absent without the rule', () => {
    expect(consistencyBar(base, [])).toBeNull();
  });
  it('is neutral on a fresh account', () => {
    const b = consistencyBar(base, [consistency(0)])!;
    expect([b.state, b.status]).toEqual(['fresh', 'unknown']);
  });
  it('is not green on a losing account', () => {
    const b = consistencyBar({ ...base, countedProfit: -500, bestDayProfit: -100, tradingDays: 2 }, [consistency(-200)])!;
    expect([b.state, b.status, b.fill]).toEqual(['losing', 'warning', 0]);
    expect(b.caption).toContain('no total profit (−500.00 USD)');
  });
  it('measures the best day against the total profit', () => {
    const ok = consistencyBar({ ...base, countedProfit: 2_000, bestDayProfit: 600, tradingDays: 3 }, [consistency(800)])!;
    expect([ok.state, ok.status, ok.fill]).toEqual(['within', 'ok', 0.3]);
    expect(ok.caption).toBe('best day 600.00 USD = 30.0 % of the total profit 2,000.00 USD (the firm allows 40 %)');
    const over = consistencyBar({ ...base, countedProfit: 1_000, bestDayProfit: 900, profitStillNeeded: 1_250, tradingDays: 2 }, [consistency(400)])!;
    expect([over.state, over.status]).toEqual(['over', 'warning']);
    expect(over.caption).toContain('still needed 1,250.00 USD');
  });
});

describe('rules table distance %', () => {
  const rule = (id: string, distancePct: number): RuleView => ({ id, value: 0, limit: 0, distance: 0, distancePct, status: 'ok', note: '' });
  it("shows a losing account's target distance as 100 % and how far below the start it is", () => {
    expect(distancePctText(rule('profit-target', 115), { balance: 98_800, countedProfit: -1_200 })).toBe('100.0 % (−1.20 % below start)');
    expect(distancePctText(rule('profit-target', 40), { balance: 104_800, countedProfit: 4_800 })).toBe('40.0 %');
    expect(distancePctText(rule('consistency', 0), {})).toBe('—');
    expect(distancePctText(rule('daily-loss', 62.5), {})).toBe('62.5 %');
  });
  it('counts trading days with their unit', () => {
    expect(daysBar({ tradingDays: 1, minTradingDays: 4 })!.caption).toBe('1 day of 4 days');
  });
});
