// What every chart of the panel shares: the dark theme, ISO dates, and time on the firm's clock. The chart library
// (lightweight-charts) draws times as UTC, so an instant is handed to it as the firm's wall time written as if it were
// UTC: the axis and the crosshair then read the firm's clock. Pure helpers below are unit-tested (test/charts.test.ts).
import { ColorType, type DeepPartial, type ChartOptions, type UTCTimestamp } from 'lightweight-charts';
import { currentUnits } from './format';
import { wallMs } from './zones';

export function chartOptions(): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: '#121821' }, textColor: '#8193a8' },
    grid: { vertLines: { color: '#1a2330' }, horzLines: { color: '#1a2330' } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#243041' },
    rightPriceScale: { borderColor: '#243041' },
    localization: { dateFormat: 'yyyy-MM-dd', locale: 'en-GB' },
  };
}

/** An instant (UTC ms) as the chart's time on the firm's clock, whole seconds. */
export function chartTime(ms: number, zone: string = currentUnits().zone): UTCTimestamp {
  return Math.floor(wallMs(ms, zone) / 1000) as UTCTimestamp;
}

/** Points by whole second, strictly increasing (what the chart library requires); the last value of a second wins. */
export function bySecond(points: { t_ms: number; v: number }[], zone = 'UTC'): { time: UTCTimestamp; value: number }[] {
  const m = new Map<number, number>();
  for (const p of points) m.set(chartTime(p.t_ms, zone), p.v);
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ time: t as UTCTimestamp, value: v }));
}

/**
 * The open time of the candle an instant falls in (markers sit on a candle): the latest candle time ≤ t, null before
 * the first. {@code opens} ascending.
 */
export function candleOf(opens: number[], t: number): number | null {
  let lo = 0, hi = opens.length - 1, found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (opens[mid] <= t) {
      found = opens[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
