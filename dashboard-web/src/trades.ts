// The trade list's data: the rows of GET /api/analytics/trades, /api/fills and /api/signals, their filters, sorting
// and CSV export. Pure (no DOM), so it is unit-tested (test/trades.test.ts); src/pages/trades.ts draws it.
import {
  DASH, durationShort, isNum, lots, money, num, pctValue, price, rMultiple, shortTime, signedMoney, signedPct, time, zoneName,
} from './format';
import { wallMs } from './zones';
import type { N, Trade } from './types';

export interface TradeRow extends Trade {
  currency: string; stop: N; risk_money: N; r_multiple: N; r_note: string; return_pct: N; duration_ms: N;
  unrealized: N; total_net: N; mark_ms: N;
}

export interface FillRow {
  peer: string; deal: number; order: number; position: number; signal_id: string; symbol: string; side: string; entry: string;
  price: number; volume: number; commission: number; swap: number; profit: number; time_msc: number; reason: string; received_ms: number;
}

export interface SignalRow {
  id: string; peer: string; kind: string; symbol: string; side: string; lots: number; price: number; sl: number; tp1: number;
  tp2: number; expiry_ms: number; alpha: string | null; regime: string | null; confidence: number | null; reason: string | null;
  status: string; rule: string | null; ack_reason: string | null; ticket: number | null; fill_price: number | null;
  created_ms: number; updated_ms: number;
}

export interface Filter {
  symbol: string; alpha: string; side: string; state: '' | 'open' | 'closed';
  /** firm days, "YYYY-MM-DD", inclusive; '' = unbounded */
  from: string; to: string;
}

export const NO_FILTER: Filter = { symbol: '', alpha: '', side: '', state: '', from: '', to: '' };

/**
 * The firm day an instant belongs to: the date of the latest reset ("HH:MM" on the zone's wall clock) at or before it
 * (a 17:00 reset: day D runs from D 17:00 to D+1 17:00), as the sidecar's FirmDayClock names days.
 */
export function firmDay(ms: number, zone: string, reset: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(reset);
  if (!m) throw new Error(`reset time '${reset}' is not HH:MM`);
  return new Date(wallMs(ms, zone) - (+m[1] * 60 + +m[2]) * 60_000).toISOString().slice(0, 10);
}

/** A valid "YYYY-MM-DD" (a real date), or null. */
export function isoDay(text: string): string | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return null;
  const d = new Date(`${t}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== t ? null : t;
}

/** The instant that places a trade on a day: its close (as the performance table counts it), an open trade's open. */
export function tradeDayMs(t: Trade): number {
  return t.closed ? t.close_ms : t.open_ms;
}

/** The rows that pass every set criterion; the day range is on the firm's clock. */
export function filterRows<T>(rows: T[], f: Filter, zone: string, reset: string, fields: {
  symbol?: (r: T) => string; alpha?: (r: T) => string; side?: (r: T) => string; closed?: (r: T) => boolean; ms: (r: T) => number;
}): T[] {
  return rows.filter((r) => {
    if (f.symbol && fields.symbol && fields.symbol(r) !== f.symbol) return false;
    if (f.alpha && fields.alpha && (fields.alpha(r) || '(none)') !== f.alpha) return false;
    if (f.side && fields.side && fields.side(r) !== f.side) return false;
    if (f.state && fields.closed && fields.closed(r) !== (f.state === 'closed')) return false;
    if (f.from || f.to) {
      const d = firmDay(fields.ms(r), zone, reset);
      if (f.from && d < f.from) return false;
      if (f.to && d > f.to) return false;
    }
    return true;
  });
}

export function filterTrades(rows: TradeRow[], f: Filter, zone: string, reset: string): TradeRow[] {
  return filterRows(rows, f, zone, reset, { symbol: (t) => t.symbol, alpha: (t) => t.alpha, side: (t) => t.side, closed: (t) => t.closed, ms: tradeDayMs });
}

/** A column of a list: its header, the text of a cell, the value it sorts by and the value the CSV gets. */
export interface Column<T> {
  key: string;
  label: string;
  text: (r: T) => string;
  sort: (r: T) => number | string | null;
  csv: (r: T) => string | number | null;
  /** a signed money-like value: the cell is coloured by its sign */
  signed?: (r: T) => number | null;
  /** what hovering the cell explains ('' for nothing) */
  title?: (r: T) => string;
  /** free text that wraps rather than widen the table */
  wrap?: boolean;
}

/** A close time: only the time of day when it closed on the day it opened (on the firm's clock). */
function closeText(t: TradeRow): string {
  const open = shortTime(t.open_ms), close = shortTime(t.close_ms);
  return open.slice(0, 10) === close.slice(0, 10) ? close.slice(11) : close;
}

export interface Sort { key: string; desc: boolean }

/** Rows sorted by a column; absent values last whatever the direction; ties keep their order. */
export function sortRows<T>(rows: T[], columns: Column<T>[], s: Sort): T[] {
  const col = columns.find((c) => c.key === s.key);
  if (!col) return rows;
  return rows.map((r, i) => ({ r, i, v: col.sort(r) })).sort((a, b) => {
    const an = a.v === null || a.v === '' || (typeof a.v === 'number' && !Number.isFinite(a.v));
    const bn = b.v === null || b.v === '' || (typeof b.v === 'number' && !Number.isFinite(b.v));
    if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
    return c === 0 ? a.i - b.i : s.desc ? -c : c;
  }).map((x) => x.r);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; '.' decimals; absent = empty. */
export function csv<T>(columns: Column<T>[], rows: T[]): string {
  const q = (v: string | number | null): string => {
    if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => q(c.label)), ...rows.map((r) => columns.map((c) => q(c.csv(r))))].map((l) => l.join(',')).join('\r\n') + '\r\n';
}

const ok = (v: unknown): number | null => (isNum(v) ? v : null);
const iso = (ms: number | null | undefined) => (isNum(ms) && ms > 0 ? time(ms) : null);

/** The trade list's columns; money in the row's own account currency. */
export function tradeColumns(): Column<TradeRow>[] {
  const z = zoneName();
  return [
    { key: 'open', label: `Opened (${z})`, text: (t) => shortTime(t.open_ms), sort: (t) => t.open_ms, csv: (t) => iso(t.open_ms) },
    { key: 'close', label: `Closed (${z})`, text: (t) => (t.closed ? closeText(t) : 'open'), sort: (t) => (t.closed ? t.close_ms : null),
      csv: (t) => (t.closed ? iso(t.close_ms) : null) },
    { key: 'duration', label: 'Duration', text: (t) => durationShort(t.duration_ms), sort: (t) => t.duration_ms, csv: (t) => ok(t.duration_ms) },
    { key: 'symbol', label: 'Symbol', text: (t) => t.symbol, sort: (t) => t.symbol, csv: (t) => t.symbol },
    { key: 'side', label: 'Side', text: (t) => t.side, sort: (t) => t.side, csv: (t) => t.side },
    { key: 'volume', label: 'Lots', text: (t) => num(t.volume), sort: (t) => t.volume, csv: (t) => t.volume },
    { key: 'entry', label: 'Entry', text: (t) => price(t.entry_price), sort: (t) => t.entry_price, csv: (t) => t.entry_price },
    { key: 'stop', label: 'Stop', text: (t) => price(t.stop), sort: (t) => t.stop, csv: (t) => ok(t.stop) },
    { key: 'exit', label: 'Exit', text: (t) => averagePrice(t.exit_price, t.entry_price, t.stop), sort: (t) => t.exit_price, csv: (t) => ok(t.exit_price),
      title: (t) => (isNum(t.exit_price) ? `volume-weighted exit ${price(t.exit_price)}` : '') },
    { key: 'net', label: 'Net', text: (t) => signedMoney(t.total_net, t.currency), sort: (t) => t.total_net, csv: (t) => ok(t.total_net),
      signed: (t) => t.total_net, title: (t) => (t.closed ? '' : `open: ${money(t.net, t.currency)} commission so far + ${money(t.unrealized, t.currency)} floating`) },
    { key: 'pct', label: 'Net %', text: (t) => signedPct(t.return_pct), sort: (t) => t.return_pct, csv: (t) => ok(t.return_pct), signed: (t) => t.return_pct },
    { key: 'r', label: 'R', text: (t) => rMultiple(t.r_multiple), sort: (t) => t.r_multiple, csv: (t) => ok(t.r_multiple), signed: (t) => t.r_multiple,
      title: (t) => t.r_note || (isNum(t.risk_money) ? `risk at stop ${money(t.risk_money, t.currency)}` : '') },
    { key: 'exit_reason', label: 'Exit reason', text: (t) => (t.closed ? t.exit_reason || DASH : 'open'), sort: (t) => t.exit_reason, csv: (t) => t.exit_reason },
    { key: 'alpha', label: 'Alpha', text: (t) => t.alpha || DASH, sort: (t) => t.alpha, csv: (t) => t.alpha, wrap: true },
  ];
}

/** Columns the CSV adds to the visible ones: the money split, risk, ids and the reasons in full. */
export function tradeCsvColumns(): Column<TradeRow>[] {
  const extra: Column<TradeRow>[] = [
    { key: 'currency', label: 'currency', text: (t) => t.currency, sort: (t) => t.currency, csv: (t) => t.currency },
    { key: 'profit', label: 'profit', text: (t) => money(t.profit, t.currency), sort: (t) => t.profit, csv: (t) => t.profit },
    { key: 'commission', label: 'commission', text: (t) => money(t.commission, t.currency), sort: (t) => t.commission, csv: (t) => t.commission },
    { key: 'swap', label: 'swap', text: (t) => money(t.swap, t.currency), sort: (t) => t.swap, csv: (t) => t.swap },
    { key: 'unrealized', label: 'unrealized', text: (t) => money(t.unrealized, t.currency), sort: (t) => t.unrealized, csv: (t) => ok(t.unrealized) },
    { key: 'risk', label: 'risk at stop', text: (t) => money(t.risk_money, t.currency), sort: (t) => t.risk_money, csv: (t) => ok(t.risk_money) },
    { key: 'regime', label: 'regime', text: (t) => t.regime, sort: (t) => t.regime, csv: (t) => t.regime },
    { key: 'session', label: 'session', text: (t) => t.session, sort: (t) => t.session, csv: (t) => t.session },
    { key: 'peer', label: 'terminal', text: (t) => t.peer, sort: (t) => t.peer, csv: (t) => t.peer },
    { key: 'position', label: 'position', text: (t) => String(t.position), sort: (t) => t.position, csv: (t) => t.position },
    { key: 'signal', label: 'signal id', text: (t) => t.signal_id, sort: (t) => t.signal_id, csv: (t) => t.signal_id },
    { key: 'reason', label: 'entry reason', text: (t) => t.reason, sort: (t) => t.reason, csv: (t) => t.reason },
    { key: 'r_note', label: 'R note', text: (t) => t.r_note, sort: (t) => t.r_note, csv: (t) => t.r_note },
  ];
  // the CSV's headers name units: the zone of the times, the unit of durations, % and R
  const z = zoneName();
  const units: Record<string, string> = { open: `opened (${z})`, close: `closed (${z})`, duration: 'duration (ms)', volume: 'volume (lots)',
    net: 'net', pct: 'net (% of balance)', r: 'R (net / risk at stop)' };
  return [...tradeColumns().map((c) => ({ ...c, label: units[c.key] ?? c.label.toLowerCase() })), ...extra];
}

export interface Totals { trades: number; closed: number; open: number; net: number; wins: number; winRate: N; sumR: number; rTrades: number }

/** What the filtered rows add up to: closed trades' net and win rate, the sum of R over the trades that have one. */
export function totals(rows: TradeRow[]): Totals {
  const closed = rows.filter((t) => t.closed);
  const wins = closed.filter((t) => t.net > 0).length;
  const withR = closed.filter((t) => isNum(t.r_multiple));
  return {
    trades: rows.length, closed: closed.length, open: rows.length - closed.length,
    net: closed.reduce((s, t) => s + t.net, 0), wins, winRate: closed.length ? wins / closed.length : null,
    sumR: withR.reduce((s, t) => s + (t.r_multiple as number), 0), rTrades: withR.length,
  };
}

export function fillColumns(): Column<FillRow>[] {
  const z = zoneName();
  return [
    { key: 'time', label: `Time (${z})`, text: (f) => time(f.time_msc), sort: (f) => f.time_msc, csv: (f) => iso(f.time_msc) },
    { key: 'symbol', label: 'Symbol', text: (f) => f.symbol, sort: (f) => f.symbol, csv: (f) => f.symbol },
    { key: 'side', label: 'Side', text: (f) => f.side, sort: (f) => f.side, csv: (f) => f.side },
    { key: 'entry', label: 'In/out', text: (f) => f.entry, sort: (f) => f.entry, csv: (f) => f.entry },
    { key: 'volume', label: 'Volume', text: (f) => lots(f.volume), sort: (f) => f.volume, csv: (f) => f.volume },
    { key: 'price', label: 'Price', text: (f) => price(f.price), sort: (f) => f.price, csv: (f) => f.price },
    { key: 'profit', label: 'Profit', text: (f) => signedMoney(f.profit), sort: (f) => f.profit, csv: (f) => f.profit, signed: (f) => f.profit },
    { key: 'commission', label: 'Commission', text: (f) => money(f.commission), sort: (f) => f.commission, csv: (f) => f.commission },
    { key: 'swap', label: 'Swap', text: (f) => money(f.swap), sort: (f) => f.swap, csv: (f) => f.swap },
    { key: 'reason', label: 'Broker reason', text: (f) => f.reason || DASH, sort: (f) => f.reason, csv: (f) => f.reason },
    { key: 'position', label: 'Position', text: (f) => String(f.position), sort: (f) => f.position, csv: (f) => f.position },
    { key: 'deal', label: 'Deal', text: (f) => String(f.deal), sort: (f) => f.deal, csv: (f) => f.deal },
    { key: 'signal', label: 'Signal', text: (f) => f.signal_id || DASH, sort: (f) => f.signal_id, csv: (f) => f.signal_id },
  ];
}

export function signalColumns(): Column<SignalRow>[] {
  const z = zoneName();
  const p = (v: number | null) => (isNum(v) && v > 0 ? v : null);
  return [
    { key: 'created', label: `Sent (${z})`, text: (s) => time(s.created_ms), sort: (s) => s.created_ms, csv: (s) => iso(s.created_ms) },
    { key: 'symbol', label: 'Symbol', text: (s) => s.symbol, sort: (s) => s.symbol, csv: (s) => s.symbol },
    { key: 'kind', label: 'Kind', text: (s) => s.kind, sort: (s) => s.kind, csv: (s) => s.kind },
    { key: 'side', label: 'Side', text: (s) => s.side, sort: (s) => s.side, csv: (s) => s.side },
    { key: 'lots', label: 'Volume', text: (s) => lots(s.lots), sort: (s) => s.lots, csv: (s) => s.lots },
    { key: 'price', label: 'Price', text: (s) => (p(s.price) === null ? 'market' : price(s.price)), sort: (s) => s.price, csv: (s) => p(s.price) },
    { key: 'sl', label: 'Stop', text: (s) => price(s.sl), sort: (s) => s.sl, csv: (s) => p(s.sl) },
    { key: 'tp1', label: 'Target', text: (s) => price(s.tp1), sort: (s) => s.tp1, csv: (s) => p(s.tp1) },
    { key: 'alpha', label: 'Alpha', text: (s) => s.alpha || DASH, sort: (s) => s.alpha, csv: (s) => s.alpha },
    { key: 'confidence', label: 'Confidence', text: (s) => (isNum(s.confidence) && s.confidence > 0 ? pctValue(s.confidence * 100, 0) : DASH),
      sort: (s) => s.confidence, csv: (s) => ok(s.confidence) },
    { key: 'status', label: 'Status', text: (s) => s.status, sort: (s) => s.status, csv: (s) => s.status },
    { key: 'why', label: 'Rule / terminal reason', text: (s) => [s.rule, s.ack_reason].filter(Boolean).join(': ') || DASH,
      sort: (s) => s.rule ?? '', csv: (s) => [s.rule, s.ack_reason].filter(Boolean).join(': '), wrap: true },
    { key: 'reason', label: 'Why it was sent', text: (s) => s.reason || DASH, sort: (s) => s.reason ?? '', csv: (s) => s.reason ?? '', wrap: true },
  ];
}

/**
 * A volume-weighted exit of several deals has more decimals than the symbol quotes (1.084776): shown, as MT5 does,
 * at the quote's decimals (those of the entry and stop prices); the exact value is in the cell's title and the CSV.
 */
export function averagePrice(v: number | null | undefined, ...quoted: Array<number | null | undefined>): string {
  if (!isNum(v) || v <= 0) return DASH;
  const decimals = Math.max(0, ...quoted.filter(isNum).map((q) => (price(q).split('.')[1] ?? '').length));
  return price(decimals > 0 ? Number(v.toFixed(decimals)) : v);
}
