import { describe, expect, it } from 'vitest';
import { bySecond, candleOf, chartTime } from '../src/charts';
import { heat } from '../src/pages/alphas';
import { corrStyle } from '../src/pages/risk';

describe('chart and heat helpers', () => {
  it('keeps the last value of each second, in time order', () => {
    expect(bySecond([{ t_ms: 2500, v: 3 }, { t_ms: 1100, v: 1 }, { t_ms: 1900, v: 2 }])).toEqual([{ time: 1, value: 2 }, { time: 2, value: 3 }]);
  });
  it('hands the chart the firm\'s wall time', () => {
    // 22:30 UTC on 29 March 2026 is 00:30 in Prague (summer time)
    expect(chartTime(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Prague')).toBe(Date.parse('2026-03-30T00:30:00Z') / 1000);
    expect(bySecond([{ t_ms: Date.parse('2026-01-10T10:00:00Z'), v: 1 }], 'Europe/Prague')[0].time).toBe(Date.parse('2026-01-10T11:00:00Z') / 1000);
  });
  it('puts a marker on the candle its instant falls in', () => {
    expect(candleOf([100, 200, 300], 250)).toBe(200);
    expect(candleOf([100, 200, 300], 300)).toBe(300);
    expect(candleOf([100, 200, 300], 999)).toBe(300);
    expect(candleOf([100, 200, 300], 99)).toBeNull();
    expect(candleOf([], 5)).toBeNull();
  });
  it('colours cells by sign and leaves undefined ones neutral', () => {
    expect(heat({ trades: 4, win_rate: 0.75, expectancy: 10 })).toContain('34,197,94');
    expect(heat({ trades: 4, win_rate: 0.25, expectancy: -10 })).toContain('239,68,68');
    expect(heat({ trades: 0, win_rate: null, expectancy: null })).toBe('background:#18202b');
    expect(corrStyle(null)).toBe('background:#18202b');
    expect(corrStyle(-0.5)).toContain('248,113,113');
  });
});
