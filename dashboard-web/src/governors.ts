import type { RuleUnit } from './format';

// The compliance page reads governor state in two shapes and shows both the same way:
//  - GET /api/governors (the governors module's StateSnapshot per terminal: rules with ruleId, value, limit,
//    distance, distancePct, status OK/WARNING/BREACH, note, plus day/target/consistency figures);
//  - the EA's own "governor_state" report (protocol: mode, reason, rules with id, value, limit, distance, status).

export type Status = 'ok' | 'warning' | 'breach' | 'unknown';

export interface RuleView {
  id: string;
  value: number | null;
  limit: number | null;
  distance: number | null;
  distancePct: number | null;
  status: Status;
  note: string;
}

export interface AccountView {
  peer: string;
  source: 'governors' | 'terminal';
  tsMs: number | null;
  rules: RuleView[];
  mode: string;
  /** the StateSnapshot's scalar fields (balance, nextResetMs, targetProgressPct ...) when the source has them */
  snapshot: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function status(v: unknown): Status {
  const s = str(v).toLowerCase();
  if (s === 'ok' || s === 'warning' || s === 'breach') return s;
  if (s === 'warn') return 'warning';
  if (s === 'breached' || s === 'violated') return 'breach';
  return 'unknown';
}

export function rule(r: Json): RuleView {
  const value = n(r.value), limit = n(r.limit), distance = n(r.distance);
  const distancePct = n(r.distancePct ?? r.distance_pct); // only the governors module knows the allowance
  return {
    id: str(r.ruleId ?? r.rule_id ?? r.id) || '(unnamed rule)',
    value, limit, distance, distancePct,
    status: status(r.status),
    note: str(r.note ?? r.reason),
  };
}

function snapshotView(peer: string, s: Json, source: AccountView['source']): AccountView {
  const rules = Array.isArray(s.rules) ? (s.rules as Json[]).map(rule) : [];
  const mode = str(s.mode) || (s.halted ? 'halted' : n(s.pausedUntilMs ?? s.paused_until_ms) ? 'paused' : rules.length ? 'ok' : '');
  return { peer, source, tsMs: n(s.timeMs ?? s.time_ms ?? s.ts_ms), rules, mode, snapshot: s };
}

/**
 * Normalizes GET /api/governors: the sidecar answers {profile, accounts: {account: StateSnapshot}}; also accepted
 * are {peer: snapshot}, [{peer, ...snapshot}], [{peer, state|snapshot}] and {terminals: [...]}. Returns [] for
 * anything without rules.
 */
export function fromGovernorsApi(body: unknown): AccountView[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as Json;
  const list: AccountView[] = [];
  const add = (peer: string, v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    const o = v as Json;
    const inner = (o.snapshot ?? o.state ?? o) as Json;
    if (inner && typeof inner === 'object' && Array.isArray(inner.rules)) list.push(snapshotView(peer || str(o.peer), inner, 'governors'));
  };
  const addAll = (v: unknown) => {
    if (Array.isArray(v)) for (const e of v as Json[]) add(str(e.peer ?? e.account ?? e.id ?? e.terminal), e);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v as Json)) add(k, x);
  };
  if (Array.isArray(body)) addAll(body);
  else if (b.accounts !== undefined) addAll(b.accounts); // the sidecar's shape: {profile, accounts: {account: snapshot}}
  else if (b.terminals !== undefined) addAll(b.terminals);
  else addAll(b);
  return list;
}

/** Normalizes /api/analytics/compliance terminal_states (the EA's governor_state reports). */
export function fromTerminalStates(states: unknown): AccountView[] {
  if (states === null || typeof states !== 'object') return [];
  return Object.entries(states as Json).map(([peer, v]) => {
    const o = v as Json;
    const view = snapshotView(peer, (o.state ?? {}) as Json, 'terminal');
    view.tsMs = n(o.ts_ms);
    return view;
  }).filter((v) => v.rules.length > 0);
}

/** The worst status among rules: drives the account's colour. */
export function worst(rules: RuleView[]): Status {
  const rank: Record<Status, number> = { unknown: 0, ok: 1, warning: 2, breach: 3 };
  return rules.reduce<Status>((w, r) => (rank[r.status] > rank[w] ? r.status : w), rules.length ? 'ok' : 'unknown');
}

/** The firm profile id in a GET /api/governors answer ("" when absent). */
export function profileOf(body: unknown): string {
  return body && typeof body === 'object' && typeof (body as Json).profile === 'string' ? ((body as Json).profile as string) : '';
}

export interface GovernorEvent { tMs: number; account: string; rule: string; status: Status; statusText: string; action: string; message: string; measured: number | null; threshold: number | null }

/** GET /api/governors/events rows ({id, ts_ms, kind, body: JSON of the kernel's Notice}) as events, newest first. */
export function governorEvents(rows: unknown): GovernorEvent[] {
  if (!Array.isArray(rows)) return [];
  const out: GovernorEvent[] = [];
  for (const r of rows as Json[]) {
    let b: Json;
    try {
      b = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Json;
    } catch {
      continue;
    }
    if (!b || typeof b !== 'object') continue;
    out.push({ tMs: n(b.tsMs ?? r.ts_ms) ?? 0, account: str(b.account), rule: str(b.ruleId) || str(b.kind), status: status(b.status),
      statusText: (str(b.status) || str(b.kind)).toLowerCase(),
      action: str(b.action), message: str(b.message), measured: n(b.measured), threshold: n(b.threshold) });
  }
  return out.sort((a, b) => b.tMs - a.tMs);
}

/**
 * The firm-day clock in a GET /api/governors answer (`firmDay`): the configured profile's day, the one the governors
 * reset on, at the sidecar's time. The wall time of the next reset comes from the server, because a broker-server
 * zone ("Broker/US-DST") is no IANA zone the browser could convert to.
 */
export interface FirmDay {
  zone: string;
  resetTime: string;
  nowMs: number;
  day: string;
  dayStartMs: number;
  nextResetMs: number;
  nextResetLocal: string;
  nextResetOffset: string;
}

/** The `firmDay` block of GET /api/governors, or null when the answer has none (or a malformed one). */
export function firmDayOf(body: unknown): FirmDay | null {
  if (body === null || typeof body !== 'object') return null;
  const f = (body as Json).firmDay;
  if (f === null || typeof f !== 'object') return null;
  const o = f as Json;
  const nowMs = n(o.nowMs), dayStartMs = n(o.dayStartMs), nextResetMs = n(o.nextResetMs);
  const zone = str(o.zone), resetTime = str(o.resetTime), day = str(o.day);
  if (nowMs === null || dayStartMs === null || nextResetMs === null || !zone || !resetTime || !day) return null;
  return { zone, resetTime, nowMs, day, dayStartMs, nextResetMs, nextResetLocal: str(o.nextResetLocal), nextResetOffset: str(o.nextResetOffset) };
}

/** "17:00 America/Chicago": when the firm's day resets. */
export function resetLabel(f: FirmDay): string {
  return `${f.resetTime} ${f.zone}`;
}

/** "2026-03-09 17:00 America/Chicago (UTC−05:00)": the next reset on the firm's own clock. */
export function nextResetLabel(f: FirmDay): string {
  if (!f.nextResetLocal) return '';
  return `${f.nextResetLocal} ${f.zone}${f.nextResetOffset ? ` (UTC${f.nextResetOffset.replace('-', '−')})` : ''}`;
}

/** The units of a rule's value, limit and distance. */
export interface RuleUnits { value: RuleUnit; limit: RuleUnit; distance: RuleUnit }

const same = (u: RuleUnit): RuleUnits => ({ value: u, limit: u, distance: u });

/**
 * What a rule's numbers measure, by rule id (the governors' rules and the EA's report use the same ids): loss,
 * target and risk rules are money; trading days are days; time windows (forced-flat, session, news embargo) measure
 * their distance in minutes and forced-flat its value and limit as instants; activity and size rules count.
 */
export function ruleUnits(id: string): RuleUnits {
  const base = id.split(':')[0];
  switch (base) {
    case 'daily-loss': case 'max-loss': case 'pre-trade-risk': case 'profit-target': case 'consistency': case 'risk-per-trade':
      return same('money');
    case 'trading-days':
      return same('days');
    case 'forced-flat':
      return { value: 'time', limit: 'time', distance: 'minutes' };
    case 'news-embargo':
      return { value: 'count', limit: 'count', distance: 'minutes' };
    case 'session':
      return { value: 'flag', limit: 'flag', distance: 'minutes' };
    case 'hold-time':
      return same('pct');
    case 'orders-per-second': case 'requests-per-day': case 'positions-per-day': case 'trades-per-day':
    case 'open-positions': case 'open-orders':
      return same('count');
    case 'lots-per-ticket': case 'lots-per-symbol':
      return same('lots');
    default:
      return same('unknown');
  }
}
