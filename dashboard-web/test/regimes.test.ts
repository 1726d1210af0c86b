import { describe, expect, it } from 'vitest';
import { engineRows } from '../src/pages/regimes';

describe('engine now (Regimes page)', () => {
  it('shows warm-up per timeframe and the live regime for the signal engine, and says when another strategy runs', () => {
    const rows = engineRows({
      'paper-1/1001/all-symbols': {
        engine: 'signal engine', warmup_bars: 30, regimes: { EURUSD: 'trend', GBPUSD: 'range' },
        warmup: { EURUSD: { warm: true, bars: { M5: 412, M15: 137, H1: 34 } }, GBPUSD: { warm: false, bars: { M5: 12, M15: 4, H1: 1 } } },
      },
      'paper-2/1002/all-symbols': {},
    });
    expect(rows).toEqual([
      { symbol: 'EURUSD (paper-1/1001/all-symbols)', state: 'deciding', warmup: 'M5 30/30 bars · M15 30/30 bars · H1 30/30 bars', regime: 'trend' },
      { symbol: 'GBPUSD (paper-1/1001/all-symbols)', state: 'warming up', warmup: 'M5 12/30 bars · M15 4/30 bars · H1 1/30 bars', regime: 'range' },
      { symbol: 'paper-2/1002/all-symbols', state: 'not the signal engine (strategy: demo or none)', warmup: '—', regime: '—' },
    ]);
    expect(engineRows({ 'p/1/c': { engine: 'waiting for the first tick' } })[0].state).toBe('waiting for the first tick');
  });
});
