import { describe, expect, it } from 'vitest';
import { bySecond } from '../src/pages/overview';
import { heat } from '../src/pages/alphas';
import { corrStyle } from '../src/pages/risk';

describe('chart and heat helpers', () => {
  it('keeps the last value of each second, in time order', () => {
    expect(bySecond([{ t_ms: 2500, v: 3 }, { t_ms: 1100, v: 1 }, { t_ms: 1900, v: 2 }])).toEqual([{ time: 1, value: 2 }, { time: 2, value: 3 }]);
  });
  it('colours cells by sign and leaves undefined ones neutral', () => {
    expect(heat({ trades: 4, win_rate: 0.75, expectancy: 10 })).toContain('34,197,94');
    expect(heat({ trades: 4, win_rate: 0.25, expectancy: -10 })).toContain('239,68,68');
    expect(heat({ trades: 0, win_rate: null, expectancy: null })).toBe('background:#18202b');
    expect(corrStyle(null)).toBe('background:#18202b');
    expect(corrStyle(-0.5)).toContain('248,113,113');
  });
});
