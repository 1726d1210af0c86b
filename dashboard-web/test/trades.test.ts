import { afterEach, describe, expect, it } from 'vitest';
import { setUnits } from '../src/format';
import { csv, filterTrades, isoDay, NO_FILTER, sortRows, totals, tradeColumns, tradeCsvColumns, type TradeRow, averagePrice } from '../src/trades';

afterEach(() => setUnits({ currency: '', zone: 'UTC' }));

function row(p: Partial<TradeRow>): TradeRow {
  return {
    peer: 'p1', position: 1, symbol: 'EURUSD', side: 'buy', alpha: 'ema', regime: '', signal_id: 's1', reason: '', exit_reason: 'tp',
    session: 'London', open_ms: Date.parse('2026-03-10T08:00:00Z'), close_ms: Date.parse('2026-03-10T09:00:00Z'), entry_price: 1.1,
    exit_price: 1.103, volume: 1, closed_volume: 1, profit: 300, commission: -7, swap: 0, net: 293, deals: 2, closed: true,
    currency: 'USD', stop: 1.098, risk_money: 200, r_multiple: 1.465, r_note: '', return_pct: 2.93, duration_ms: 3_600_000,
    unrealized: null, total_net: 293, mark_ms: null, ...p,
  };
}

// Topstep's day (17:00 Chicago): a trade closing at 22:30Z on Friday 6 March is Thursday's, one at 23:30Z Friday's
const rows = [
  row({ position: 1, close_ms: Date.parse('2026-03-06T22:30:00Z'), open_ms: Date.parse('2026-03-06T20:00:00Z') }),
  row({ position: 2, symbol: 'GBPUSD', side: 'sell', alpha: '', net: -50, total_net: -50, r_multiple: -0.5, close_ms: Date.parse('2026-03-06T23:30:00Z'),
    open_ms: Date.parse('2026-03-06T23:00:00Z') }),
  row({ position: 3, closed: false, close_ms: 0, exit_price: null, net: -7, unrealized: 20, total_net: 13, r_multiple: null,
    open_ms: Date.parse('2026-03-09T23:00:00Z'), exit_reason: '' }), // 18:00 CDT: Monday's day

];

describe('trade list', () => {
  it('filters by symbol, alpha (blank as "(none)"), side, state and firm days', () => {
    const f = (x: Partial<typeof NO_FILTER>) => filterTrades(rows, { ...NO_FILTER, ...x }, 'America/Chicago', '17:00').map((r) => r.position);
    expect(f({})).toEqual([1, 2, 3]);
    expect(f({ symbol: 'GBPUSD' })).toEqual([2]);
    expect(f({ alpha: '(none)' })).toEqual([2]);
    expect(f({ side: 'buy' })).toEqual([1, 3]);
    expect(f({ state: 'open' })).toEqual([3]);
    expect(f({ state: 'closed' })).toEqual([1, 2]);
    // days by close (open trades by open), as the performance table counts them
    expect(f({ from: '2026-03-05', to: '2026-03-05' })).toEqual([1]);
    expect(f({ from: '2026-03-06' })).toEqual([2, 3]);
    expect(f({ to: '2026-03-08' })).toEqual([1, 2]);
  });
  it('sorts by a column either way with absent values last', () => {
    const cols = tradeColumns();
    expect(sortRows(rows, cols, { key: 'r', desc: true }).map((r) => r.position)).toEqual([1, 2, 3]);
    expect(sortRows(rows, cols, { key: 'r', desc: false }).map((r) => r.position)).toEqual([2, 1, 3]);
    expect(sortRows(rows, cols, { key: 'symbol', desc: true }).map((r) => r.position)).toEqual([2, 1, 3]);
    expect(sortRows(rows, cols, { key: 'close', desc: false }).map((r) => r.position)).toEqual([1, 2, 3]);
  });
  it('adds up the closed trades and the R of those that have one', () => {
    const t = totals(rows);
    expect(t).toMatchObject({ trades: 3, closed: 2, open: 1, net: 243, wins: 1, winRate: 0.5, rTrades: 2 });
    expect(t.sumR).toBeCloseTo(0.965, 12);
  });
  it('exports CSV with units in the headers, ISO times on the firm\'s clock and RFC 4180 quoting', () => {
    setUnits({ currency: 'USD', zone: 'Europe/Prague' });
    const text = csv(tradeCsvColumns(), [row({ reason: 'EMA crossed, "fast" one' })]);
    const [head, line] = text.split('\r\n');
    expect(head.startsWith('opened (Europe/Prague),closed (Europe/Prague),duration (ms),symbol,side,volume (lots),entry,stop,exit,net,')).toBe(true);
    expect(line.startsWith('2026-03-10 09:00:00,2026-03-10 10:00:00,3600000,EURUSD,buy,1,1.1,1.098,1.103,293,2.93,1.465,tp,ema,USD,')).toBe(true);
    expect(line).toContain(',"EMA crossed, ""fast"" one",');
    expect(text.endsWith('\r\n')).toBe(true);
    // an open trade: no close time, no exit price, no R
    expect(csv(tradeCsvColumns(), [row({ closed: false, close_ms: 0, exit_price: null, r_multiple: null })]).split('\r\n')[1])
      .toMatch(/^2026-03-10 09:00:00,,3600000,EURUSD,buy,1,1\.1,1\.098,,293,2\.93,,tp,/);
  });
  it('reads days only as real ISO dates', () => {
    expect(isoDay(' 2026-03-09 ')).toBe('2026-03-09');
    expect(isoDay('2026-02-30')).toBeNull();
    expect(isoDay('03/09/2026')).toBeNull();
  });
});

describe('averagePrice', () => {
  it('shows a volume-weighted exit at the decimals the symbol quotes in', () => {
    expect(averagePrice(1.084776, 1.08522, 1.08587)).toBe('1.08478');
    expect(averagePrice(162.52778, 162.787, 162.926)).toBe('162.528');
    expect(averagePrice(149.735275, 150.013, 150.14)).toBe('149.735');
  });
  it('keeps a price already at those decimals, and says nothing of a missing one', () => {
    expect(averagePrice(1.08572, 1.08498, 1.08572)).toBe('1.08572');
    expect(averagePrice(null, 1.1)).toBe('—');
    expect(averagePrice(1.2345678)).toBe('1.234568');
  });
});
