// The panel's one formatter: every number and time on screen goes through here, with its unit. Absent values
// (null/undefined/NaN) are an em dash, never 0. Money carries the account currency, times are ISO-style on the firm's
// clock (the zone of the profile's day reset); both come from the sidecar (GET /api/analytics/accounts) and are set
// with setUnits before a page renders.
import { wallMs } from './zones';

export const DASH = '—';
/** Shown after money while no terminal has told the account currency (its hello): the generic currency sign. */
export const NO_CURRENCY = '¤';

export interface Units {
  /** ISO 4217 code of the account currency; '' while unknown */
  currency: string;
  /** the firm's clock: an IANA zone, UTC±hh:mm, Broker/US-DST or Broker/EU-DST */
  zone: string;
}

let units: Units = { currency: '', zone: 'UTC' };

export function setUnits(u: Partial<Units>): void {
  units = { ...units, ...u };
}

export function currentUnits(): Units {
  return units;
}

/** The zone every time on screen is in, for column headers and captions. */
export function zoneName(): string {
  return units.zone;
}

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function grouped(v: number, digits: number): string {
  return Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "−1,234.50 USD": money in the account currency (or {@code currency}), real minus sign, grouping. */
export function money(v: number | null | undefined, currency: string = units.currency, digits = 2): string {
  if (!isNum(v)) return DASH;
  return `${v < 0 ? '−' : ''}${grouped(v, digits)} ${currency || NO_CURRENCY}`;
}

/** "+12.00 USD": money with its sign, for results. */
export function signedMoney(v: number | null | undefined, currency: string = units.currency): string {
  if (!isNum(v)) return DASH;
  return (v > 0 ? '+' : '') + money(v, currency);
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

/** A signed value already in percent (+1.25 %). */
export function signedPct(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return DASH;
  return (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(digits) + ' %';
}

/** A result in units of the trade's initial risk: "+1.47 R". */
export function rMultiple(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(2) + ' R';
}

/** Volume in lots: "0.50 lots". */
export function lots(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return `${v.toFixed(2)} ${v === 1 ? 'lot' : 'lots'}`;
}

/** A count with its unit: "3 days", "1 day", "12 trades". */
export function count(v: number | null | undefined, unit: string, plural = `${unit}s`): string {
  if (!isNum(v)) return DASH;
  const n = Math.round(v);
  return `${n.toLocaleString('en-US')} ${n === 1 ? unit : plural}`;
}

/** A plain number (ratios such as Sharpe or profit factor, which have no unit). */
export function num(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(digits);
}

export function int(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return Math.round(v).toLocaleString('en-US');
}

/** A price as quoted: at most 6 decimals, trailing zeros dropped (1.08500 → 1.085). */
export function price(v: number | null | undefined): string {
  if (!isNum(v) || v <= 0) return DASH;
  return String(Number(v.toFixed(6)));
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

/**
 * A duration to its two largest units, for tables where width is scarce: "1 d 1 h", "1 h 56 m", "5 m 03 s".
 * The exact value stays in the CSV export (ms).
 */
export function durationShort(ms: number | null | undefined): string {
  if (!isNum(ms)) return DASH;
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${p2(m)} m`;
  return `${m} m ${p2(s % 60)} s`;
}

/** A distance in minutes (the governors' unit for time rules) as a duration: 95.5 → "1 h 35 m 30 s". */
export function minutes(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return (v < 0 ? '−' : '') + duration(Math.abs(v) * 60_000);
}

/** UTC ms → "2026-03-29 14:05:09" on {@code zone}'s clock (the firm's by default). */
export function time(ms: number | null | undefined, zone: string = units.zone): string {
  if (!isNum(ms) || ms <= 0) return DASH;
  return new Date(wallMs(ms, zone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** UTC ms → "2026-03-29 14:05" on the firm's clock: table cells. */
export function shortTime(ms: number | null | undefined, zone: string = units.zone): string {
  const t = time(ms, zone);
  return t === DASH ? t : t.slice(0, 16);
}

/** UTC ms → "2026-03-29" on the firm's clock. */
export function date(ms: number | null | undefined, zone: string = units.zone): string {
  const t = time(ms, zone);
  return t === DASH ? t : t.slice(0, 10);
}

/** CSS class for a signed number: pos / neg / flat. */
export function tone(v: number | null | undefined): string {
  if (!isNum(v) || v === 0) return 'flat';
  return v > 0 ? 'pos' : 'neg';
}

/** The unit of one number of a governor rule (governors.ts ruleUnits says which). */
export type RuleUnit = 'money' | 'count' | 'days' | 'minutes' | 'time' | 'pct' | 'flag' | 'lots' | 'unknown';

/**
 * A governor rule's value, limit or distance in its unit. The governors use the largest double for "no limit" (∞);
 * an instant is a time on the firm's clock; a flag is "yes"/"no"; an unknown unit says so rather than guess.
 */
export function ruleNumber(v: number | null | undefined, unit: RuleUnit): string {
  if (!isNum(v)) return DASH;
  if (Math.abs(v) >= 1e15) return '∞';
  switch (unit) {
    case 'money': return money(v);
    case 'count': return int(v);
    case 'days': return count(v, 'day');
    case 'minutes': return minutes(v);
    case 'time': return shortTime(v); // the zone is in the table's caption
    case 'pct': return pctValue(v);
    case 'flag': return v ? 'yes' : 'no';
    case 'lots': return lots(v);
    default: return `${num(v)} (unit unknown)`;
  }
}
