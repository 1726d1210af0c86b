// Number formatting for the panel. Every function shows an absent value (null/undefined/NaN) as an em dash: a
// number the backend could not compute is never shown as 0.

export const DASH = '—';

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function money(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return DASH;
  const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (v < 0 ? '−' : '') + s;
}

export function signedMoney(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return (v > 0 ? '+' : '') + money(v);
}

/** A fraction (0.25) as a percentage (25.0 %). */
export function pct(v: number | null | undefined, digits = 1): string {
  if (!isNum(v)) return DASH;
  return (v * 100).toFixed(digits) + ' %';
}

/** A value already in percent (25 → 25.0 %). */
export function pctValue(v: number | null | undefined, digits = 1): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(digits) + ' %';
}

export function num(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(digits);
}

export function int(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return Math.round(v).toLocaleString('en-US');
}

/** 3 725 000 ms → "1 h 02 m 05 s"; negative durations are shown as 0. */
export function duration(ms: number | null | undefined): string {
  if (!isNum(ms)) return DASH;
  let s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h ${p2(m)} m`;
  if (h > 0) return `${h} h ${p2(m)} m ${p2(s)} s`;
  return `${m} m ${p2(s)} s`;
}

/** UTC ms → "2026-03-29 14:05:09" in the given IANA zone (UTC by default). */
export function time(ms: number | null | undefined, zone = 'UTC'): string {
  if (!isNum(ms) || ms <= 0) return DASH;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** CSS class for a signed number: pos / neg / flat. */
export function tone(v: number | null | undefined): string {
  if (!isNum(v) || v === 0) return 'flat';
  return v > 0 ? 'pos' : 'neg';
}

/**
 * A governor rule's value, limit or distance: rules mix money, counts and instants (a forced-flat window's start
 * in epoch ms) and use the largest double for "no limit". Shows ∞ for those, a UTC time for epoch-ms values.
 */
export function ruleNumber(v: number | null | undefined, isDistance = false): string {
  if (!isNum(v)) return DASH;
  if (Math.abs(v) >= 1e15) return '∞';
  if (!isDistance && v >= 1e12 && v < 1e13) return `${time(v)} UTC`;
  return money(v);
}
