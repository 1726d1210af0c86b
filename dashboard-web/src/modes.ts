// Each account's trading mode (GET /api/governors `modes`): TRADING, PAUSED until a reset, HALTED for good,
// TARGET_LOCKED, or BLOCKED (attached mid-challenge and the firm state not proven from the deal history: the reason
// says what to configure), with the governors' own reason. The times come from the sidecar, on the configured profile's
// firm-day clock (the one the governors reset on): the panel computes no firm time itself. Only the trader's local
// rendering of the same instant is the browser's.
import type { AccountView } from './governors';

export type Mode = 'TRADING' | 'PAUSED' | 'HALTED' | 'TARGET_LOCKED' | 'BLOCKED';

export interface AccountMode {
  account: string;
  mode: Mode;
  ruleId: string;
  reason: string;
  sinceMs: number | null;
  /** the pause's end (PAUSED only) and its wall time on the firm's clock */
  untilMs: number | null;
  untilLocal: string;
  untilOffset: string;
  /** the account's time (its terminal's: market time in a replay or paper demo) and its firm day then */
  timeMs: number | null;
  zone: string;
  resetTime: string;
  day: string;
  nextResetMs: number | null;
  nextResetLocal: string;
}

type Json = Record<string, unknown>;
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const MODES: Mode[] = ['TRADING', 'PAUSED', 'HALTED', 'TARGET_LOCKED', 'BLOCKED'];

/** The governors' key of a routing id: terminal/account (every chart of an account shares it). */
export function accountOf(peer: string): string {
  const p = peer.split('/');
  return p.length >= 3 ? `${p[0]}/${p[1]}` : peer;
}

/**
 * The `modes` of a GET /api/governors answer, by account. A sidecar without them (older build): the mode from the
 * snapshots' halted / pausedUntilMs, without a reason.
 */
export function modesOf(body: unknown): AccountMode[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as Json;
  const out: AccountMode[] = [];
  if (b.modes && typeof b.modes === 'object') {
    for (const [account, v] of Object.entries(b.modes as Json)) {
      if (!v || typeof v !== 'object') continue;
      const o = v as Json;
      const mode = str(o.mode).toUpperCase() as Mode;
      out.push({
        account, mode: MODES.includes(mode) ? mode : 'TRADING', ruleId: str(o.ruleId), reason: str(o.reason),
        sinceMs: n(o.sinceMs), untilMs: n(o.untilMs), untilLocal: str(o.untilLocal), untilOffset: str(o.untilOffset),
        timeMs: n(o.timeMs), zone: str(o.zone), resetTime: str(o.resetTime), day: str(o.day),
        nextResetMs: n(o.nextResetMs), nextResetLocal: str(o.nextResetLocal),
      });
    }
    return out.sort((x, y) => x.account.localeCompare(y.account));
  }
  if (b.accounts && typeof b.accounts === 'object') {
    for (const [account, v] of Object.entries(b.accounts as Json)) {
      const s = (v ?? {}) as Json;
      const until = n(s.pausedUntilMs), t = n(s.timeMs);
      const mode: Mode = s.halted === true ? 'HALTED' : until && (t === null || t < until) ? 'PAUSED' : s.targetLocked === true ? 'TARGET_LOCKED' : 'TRADING';
      out.push({ account, mode, ruleId: '', reason: '', sinceMs: null, untilMs: mode === 'PAUSED' ? until : null, untilLocal: '',
        untilOffset: '', timeMs: t, zone: '', resetTime: '', day: '', nextResetMs: n(s.nextResetMs), nextResetLocal: '' });
    }
  }
  return out.sort((x, y) => x.account.localeCompare(y.account));
}

/** The accounts that are not simply trading: what the banner shows, the most severe first. */
export function alerts(modes: AccountMode[]): AccountMode[] {
  const rank: Record<Mode, number> = { HALTED: 0, PAUSED: 1, BLOCKED: 2, TARGET_LOCKED: 3, TRADING: 4 };
  return modes.filter((m) => m.mode !== 'TRADING').sort((a, b) => rank[a.mode] - rank[b.mode] || a.account.localeCompare(b.account));
}

/** "2026-03-09 17:00 America/Chicago (UTC−05:00)": the pause's end on the firm's clock, as the sidecar wrote it. */
export function untilFirm(m: AccountMode): string {
  if (m.untilMs === null) return '';
  if (!m.untilLocal) return new Date(m.untilMs).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return `${m.untilLocal} ${m.zone}${m.untilOffset ? ` (UTC${m.untilOffset.replace('-', '−')})` : ''}`;
}

/**
 * The same instant on the trader's own clock (the browser's time zone), ISO-style: "2026-03-10 00:00 your time
 * (UTC+01:00)". {@code offsetMinutes} is for tests (the browser's offset at that instant otherwise).
 */
export function untilLocal(ms: number | null, offsetMinutes: number = -new Date(ms ?? 0).getTimezoneOffset()): string {
  if (ms === null) return '';
  const wall = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  const a = Math.abs(offsetMinutes);
  const off = `${offsetMinutes < 0 ? '−' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  return `${wall} your time (UTC${off})`;
}

/** The pause's remaining time on the account's clock, {@code elapsedMs} after the answer was read. */
export function remainingMs(m: AccountMode, elapsedMs = 0): number | null {
  if (m.untilMs === null || m.timeMs === null) return null;
  return Math.max(0, m.untilMs - m.timeMs - elapsedMs);
}

/** The banner's headline for a mode. */
export function headline(m: AccountMode): string {
  switch (m.mode) {
    case 'PAUSED': return 'PAUSED';
    case 'HALTED': return 'HALTED';
    case 'TARGET_LOCKED': return 'TARGET REACHED';
    case 'BLOCKED': return 'BLOCKED';
    default: return 'TRADING';
  }
}

/** What the mode means for the trader, in one sentence. */
export function consequence(m: AccountMode): string {
  switch (m.mode) {
    case 'PAUSED': return m.ruleId === 'control.paused'
      ? 'new entries paused by the trader: open positions stay, closes go through; Resume on the Trades page lifts it'
      : 'positions closed, no new trades until the daily reset';
    case 'HALTED': return 'positions closed, trading stopped for good: a hard limit of the firm was breached (no automatic resume)';
    case 'TARGET_LOCKED': return 'profit target reached: trading locked to keep it';
    case 'BLOCKED': return 'no new trades: the firm state on attach is not proven (see what to configure)';
    default: return '';
  }
}

/**
 * One card per account on the compliance page: the sidecar's governors (keyed by account) first; a terminal's own
 * report (keyed by routing id, one per chart) only for an account the sidecar's governors do not know, and then
 * only its newest chart. Listed by routing id the same account showed twice (sidecar + terminal) or once per chart.
 */
export function mergeAccounts(fromGovernors: AccountView[], fromTerminals: AccountView[]): AccountView[] {
  const known = new Set(fromGovernors.map((g) => accountOf(g.peer)));
  const newest = new Map<string, AccountView>();
  for (const t of fromTerminals) {
    const k = accountOf(t.peer);
    if (known.has(k)) continue;
    const had = newest.get(k);
    if (!had || (t.tsMs ?? 0) > (had.tsMs ?? 0)) newest.set(k, t);
  }
  return [...fromGovernors, ...[...newest.values()].sort((a, b) => a.peer.localeCompare(b.peer))];
}

/**
 * Series keyed by routing id (GET /api/analytics/equity) as one series per account: the charts of one account report
 * the same balance and equity, so their points are merged in time order (drawn per chart, one account was two lines).
 */
export function byAccount<T extends { t_ms: number }>(peers: Record<string, T[]>): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const [peer, pts] of Object.entries(peers)) (out[accountOf(peer)] ??= []).push(...pts);
  for (const pts of Object.values(out)) pts.sort((a, b) => a.t_ms - b.t_ms);
  return out;
}
